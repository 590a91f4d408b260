import { css } from 'lit';

// One rule per line: this sheet ships as written (nothing minifies CSS inside css``), and it
// counts toward the element's 6 KB budget.
export const styles = css`
  :host { --_day: var(--portal-booking-request-day-size, 2.75rem); }
  .base, .list, .choices, .times, .item, .confirm, .form { display: grid; gap: 0.5rem; }
  .base { gap: calc(var(--_space) * 0.75); }
  ul { margin: 0; }
  ul { padding: 0; list-style: none; }
  .muted { color: var(--_text-muted); font-size: 0.9em; }
  .steps p { margin: 0; }
  .steps ol { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0.25rem 0 0; padding: 0; list-style: none; font-size: 0.9em; color: var(--_text-muted); }
  .steps [aria-current='step'] { color: var(--_text); font-weight: 700; }
  .steps button { min-block-size: 1.5rem; padding: 0; border: 0; background: none; color: var(--_primary); font: inherit; text-decoration: underline; cursor: pointer; }
  .error { color: var(--_danger); font-weight: 600; }
  .request, .form .button { justify-self: start; }
  .item, .choice, textarea, fieldset { padding: 0.75rem; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); color: var(--_text); font: inherit; }
  .item { gap: 0.25rem; }
  .when, .month, legend, .form > label, summary { font-weight: 700; }
  /* The status is told in words; the stripe only repeats it. */
  .status { font-weight: 600; padding-inline-start: 0.5rem; border-inline-start: 4px solid var(--_border); }
  [data-status^='confirmed'] .status, [data-status^='reschedule'] .status { border-color: var(--_success); color: var(--_success); }
  [data-status='declined'] .status { border-color: var(--_danger); }
  .actions, .month-bar, .times li { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
  .confirm { border-radius: var(--_radius); padding: 0.75rem; background: var(--_surface-raised); }
  .choice { display: grid; inline-size: 100%; min-block-size: 2.75rem; text-align: start; cursor: pointer; }
  .choice span { color: var(--_text-muted); }
  summary { min-block-size: 2.75rem; padding-block: 0.5rem; cursor: pointer; }
  .month { flex: 1; text-align: center; }
  /* A phone shows two or three times a row, not one long column. */
  .slots { display: grid; grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr)); gap: 0.5rem; }
  .slots .button { inline-size: 100%; }
  .month-bar .button { padding-inline: 0.75rem; }
  /* The grid shrinks to fit a phone (43 px days at 375 px) and stops growing at seven days. */
  table, .month-bar { inline-size: 100%; max-inline-size: calc(var(--_day) * 7 + 1rem); }
  table { border-collapse: collapse; table-layout: fixed; }
  th { font-size: 0.85em; }
  abbr { text-decoration: none; }
  td { padding: 1px; text-align: center; }
  .day { inline-size: 100%; block-size: var(--_day); border: 2px solid var(--_primary); border-radius: var(--_radius); background: var(--_surface); color: var(--_primary); font: inherit; font-weight: 700; cursor: pointer; }
  /* A day without times keeps its number readable but loses the border and weight. */
  .day[aria-disabled='true'] { border-color: transparent; color: var(--_text-muted); font-weight: 400; cursor: default; }
  [aria-selected='true'] > .day { background: var(--_primary); color: var(--_on-primary); }
  .day[aria-current='date'] { text-decoration: underline; }
  fieldset { display: grid; margin: 0; padding-block: 0.25rem; }
  .radio { display: flex; align-items: center; gap: 0.5rem; min-block-size: 2.75rem; }
  input { inline-size: 1.25rem; block-size: 1.25rem; }
  textarea { inline-size: 100%; }
`;
