import { css } from 'lit';

export const styles = css`
  :host {
    --_avatar: 2.5rem;
  }
  .hint,
  .can {
    color: var(--_text-muted);
    font-size: 0.9em;
  }
  [role='radiogroup'] {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr));
    gap: calc(var(--_space) * 0.75);
    margin-block-start: calc(var(--_space) * 0.75);
  }
  .card {
    display: grid;
    grid-template-columns: var(--_avatar) 1fr;
    column-gap: 0.75rem;
    align-items: center;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
  }
  /* Checked is told by a thicker border and a filled dot, not by colour alone. */
  .card[aria-checked='true'] {
    border: 3px solid var(--_primary);
    padding: calc(0.75rem - 2px);
  }
  .card[aria-disabled='true'] {
    cursor: progress;
  }
  .card > :not(.avatar) {
    grid-column: 2;
  }
  .avatar {
    display: inline-grid;
    place-items: center;
    inline-size: var(--_avatar);
    block-size: var(--_avatar);
    border-radius: 50%;
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 700;
  }
  .card > .avatar {
    grid-row: span 3;
  }
  .card[aria-checked='true'] > .avatar {
    box-shadow:
      0 0 0 2px var(--_surface),
      0 0 0 4px var(--_primary);
  }
  .name {
    font-weight: 700;
  }
  .kind {
    font-size: 0.9em;
    font-weight: 600;
  }
  .current {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }
  .change {
    min-block-size: 2.75rem;
    padding-inline: 0.5rem;
    border: 0;
    background: none;
    color: var(--_primary);
    font: inherit;
    font-weight: 600;
    text-decoration: underline;
    cursor: pointer;
  }
`;
