import { css } from 'lit';

/** Forms built of labelled fields, each with its hint and its inline error (sign-in, documents). */
export const formStyles = css`
  form {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  label {
    font-weight: 600;
  }
  input:not([type='checkbox'], [type='radio']),
  select {
    border: 1px solid var(--_border);
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding-block: 0.5rem;
    padding-inline: 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  [aria-invalid='true']:not([type='checkbox'], [type='radio']) {
    border: 2px solid var(--_danger);
  }
  .hint {
    color: var(--_text-muted);
    font-size: 0.9em;
  }
  .field-error,
  .form-error {
    color: var(--_danger);
    font-weight: 600;
  }
  /* A button that reads as a link: ways out and alternatives beside the main action. */
  .link-button {
    min-block-size: 2.75rem;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_primary);
    font: inherit;
    text-decoration: underline;
    text-underline-offset: 0.2em;
    cursor: pointer;
  }
`;
