import { css } from 'lit';

export const styles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    max-inline-size: 32rem;
  }
  [part~='code-form'] {
    border-top: 1px solid var(--_border);
    padding-top: var(--_space);
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
  }
  .countdown {
    color: var(--_text-muted);
    font-size: 0.9em;
  }
  a.button {
    text-decoration: none;
  }
  .alternatives {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.25) var(--_space);
  }
  .tips {
    margin: 0;
    padding-inline-start: 1.25rem;
    display: grid;
    gap: 0.4rem;
  }
  .tips a {
    color: var(--_primary);
    font-weight: 600;
  }
  .signed-in {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_space) * 0.5);
  }
  dialog {
    max-inline-size: min(28rem, calc(100vw - 2rem));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    padding: var(--_space);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  dialog .heading {
    margin-block-end: 0.5rem;
  }
  dialog p {
    margin-block-end: 0.75rem;
  }
`;
