import { css } from 'lit';

export const styles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    max-inline-size: 42rem;
  }
  .optional {
    color: var(--_text-muted);
    font-size: 0.9em;
    font-weight: 400;
  }
  .progress {
    display: grid;
    gap: 0.25rem;
    color: var(--_text-muted);
    font-size: 0.9em;
  }
  progress {
    appearance: none;
    inline-size: 100%;
    block-size: 0.5rem;
    border: 0;
    border-radius: 0.25rem;
    background: var(--_surface-raised);
    overflow: hidden;
  }
  progress::-webkit-progress-bar {
    background: var(--_surface-raised);
  }
  progress::-webkit-progress-value {
    background: var(--_primary);
  }
  progress::-moz-progress-bar {
    background: var(--_primary);
  }
  .clinician-html {
    max-block-size: var(--portal-document-max-block-size, none);
    overflow: auto;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    overflow-wrap: anywhere;
  }
  /* Clinician HTML keeps its own spacing and headings, scaled under the step's heading. */
  .clinician-html :is(p, ul, ol) {
    margin-block: 0.75em;
  }
  .clinician-html :is(h1, h2, h3, h4) {
    margin-block: 1em 0.5em;
    font-size: 1.05em;
    line-height: 1.3;
  }
  .clinician-html :is(h1, h2) {
    font-size: 1.15em;
  }
  .clinician-html > :first-child {
    margin-block-start: 0;
  }
  .clinician-html > :last-child {
    margin-block-end: 0;
  }
  .clinician-html a {
    color: var(--_primary);
  }
  .section {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .section {
    margin-block-start: calc(var(--_space) * 0.5);
  }
  legend {
    padding: 0;
    font-weight: 700;
  }
  .section > legend {
    margin-block-end: calc(var(--_space) * 0.5);
    font-size: 1.1em;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 0.6rem;
    min-block-size: 2.75rem;
    padding-block: 0.4rem;
    font-weight: 400;
    cursor: pointer;
  }
  .choice input {
    flex: none;
    inline-size: 1.4rem;
    block-size: 1.4rem;
    margin: 0.1rem 0 0;
  }
  .agree {
    font-weight: 600;
  }
  .summary {
    padding: var(--_space);
    border: 3px solid var(--_danger);
    border-radius: var(--_radius);
  }
  .summary-title {
    font-weight: 700;
  }
  .summary ul {
    margin: 0.5rem 0 0;
    padding-inline-start: 1.25rem;
  }
  .summary a {
    color: var(--_danger);
    font-weight: 600;
  }
  form > .button {
    justify-self: start;
  }
  .review-section {
    margin-block-start: calc(var(--_space) * 0.5);
    font-size: 1.1em;
    font-weight: 700;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
  }
  .review {
    display: grid;
    gap: 0.5rem;
    margin: 0;
  }
  .review > div {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
    gap: 0 var(--_space);
    padding-block-end: 0.5rem;
    border-block-end: 1px solid var(--_border);
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  iframe {
    inline-size: 100%;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .card-summary,
  .doc-title {
    font-weight: 700;
  }
  .documents {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .documents > li {
    display: grid;
    gap: 0.4rem;
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .link-button {
    justify-self: end;
    font-weight: 600;
  }
  .signature-block {
    padding-inline-start: var(--_space);
    border-inline-start: 4px solid var(--_primary);
  }
`;
