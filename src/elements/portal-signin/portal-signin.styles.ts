import { css } from 'lit';

export const styles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    max-inline-size: 32rem;
  }
  .heading {
    margin: 0;
    font-size: 1.25em;
    font-weight: 700;
    line-height: 1.3;
  }
  /* Headings take focus only so screen readers start reading at the new step; they are
     not controls, so they get no focus ring. */
  .heading:focus {
    outline: none;
  }
  p {
    margin: 0;
  }
  form {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  [part~='code-form'] {
    border-top: 1px solid var(--_border);
    padding-top: var(--_space);
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  label {
    font-weight: 600;
  }
  input {
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding-block: 0.5rem;
    padding-inline: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  input[aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }
  .hint,
  .countdown {
    color: var(--_text-muted);
    font-size: 0.9em;
  }
  .field-error,
  .form-error {
    color: var(--_danger);
    font-weight: 600;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
  }
  a.button {
    text-decoration: none;
  }
  .alternatives {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.25) var(--_space);
  }
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
