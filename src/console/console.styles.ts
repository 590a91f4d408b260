import { css } from 'lit';
import { formStyles } from '../core/styles/form.styles.js';
import { sharedStyles } from '../core/styles/shared.styles.js';

/** Every console view: the widgets' tokens, buttons and forms, plus lists, tables and cards. */
export const consoleStyles = [
  ...sharedStyles,
  formStyles,
  css`
    h1 {
      font-size: 1.5rem;
      margin-block: 0 var(--_space);
    }
    h2 {
      font-size: 1.2rem;
      margin-block: calc(var(--_space) * 1.5) calc(var(--_space) * 0.5);
    }
    h3 {
      font-size: 1.05rem;
      margin-block: var(--_space) 0.25rem;
    }
    h1:focus,
    h2:focus {
      outline: none;
    }
    h1:focus-visible {
      outline: 3px solid var(--_focus);
    }
    .card {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      padding: var(--_space);
      margin-block-end: var(--_space);
    }
    .list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: calc(var(--_space) * 0.75);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    .muted {
      color: var(--_text-muted);
    }
    .error {
      color: var(--_danger);
      font-weight: 600;
    }
    .success {
      color: var(--_success);
      font-weight: 600;
    }
    a {
      color: var(--_primary);
    }
    .table-wrap {
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      inline-size: 100%;
    }
    th,
    td {
      text-align: start;
      padding: 0.4rem 0.5rem;
      border-block-end: 1px solid var(--_border);
      vertical-align: top;
    }
    dl {
      display: grid;
      grid-template-columns: minmax(8rem, max-content) 1fr;
      gap: 0.25rem 1rem;
      margin: 0;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    fieldset {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: calc(var(--_space) * 0.75);
      margin: 0;
    }
    legend {
      font-weight: 600;
    }
    .search-input {
      max-inline-size: 20rem;
    }
    textarea {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.5rem 0.75rem;
      font: inherit;
      inline-size: 100%;
    }
    input[type='time'] {
      inline-size: auto;
    }
    .secret {
      font-family: ui-monospace, monospace;
      overflow-wrap: anywhere;
      background: var(--_surface-raised);
      padding: 0.5rem;
      border-radius: var(--_radius);
    }
    @media (max-width: 30rem) {
      dl {
        grid-template-columns: 1fr;
      }
      dd {
        margin-block-end: 0.5rem;
      }
    }
  `,
];
