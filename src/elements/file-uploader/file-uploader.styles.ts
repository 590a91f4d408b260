import { css } from 'lit';

export const styles = css`
  p {
    margin: 0;
  }
  .heading {
    margin-block: calc(var(--_space) * 1.25) calc(var(--_space) * 0.5);
    font-size: 1.25em;
    font-weight: 700;
  }
  .heading:first-child {
    margin-block-start: 0;
  }
  .viewer {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    margin-block-start: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .viewer > .actions > .name {
    flex: 1 1 12rem;
  }
  img,
  iframe,
  audio {
    max-inline-size: 100%;
  }
  iframe {
    inline-size: 100%;
    block-size: 70vh;
  }
  .scan {
    color: var(--_text-muted);
    font-style: italic;
  }
  .warning {
    padding: 0.5rem;
    border-inline-start: 4px solid var(--_danger);
  }
  .table {
    max-block-size: 60vh;
    overflow: auto;
  }
  table {
    border-collapse: collapse;
  }
  th,
  td {
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_border);
    text-align: start;
  }
`;
