import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { addDays, addMonths, dayMs, firstWeekday, longDay, monthName, monthStart, openTimes, weekdays } from './format.js';

export interface GridModel {
  /** `YYYY-MM-01` of the month shown. */
  month: string;
  /** The day that holds the tab stop (roving tabindex). */
  focus: string;
  selected: string | undefined;
  today: string;
  /** Open times per day; days not in the map have none. */
  counts: ReadonlyMap<string, number>;
  loading: boolean;
  canPrev: boolean;
  canNext: boolean;
}

export interface GridActions {
  pick(day: string): void;
  /** Move the tab stop (and the month, when the day is in another). */
  move(day: string): void;
  /** A key pressed on a day: the arrows, Home, End, Page Up and Page Down move (see keyTarget). */
  gridKey(event: KeyboardEvent): void;
}

/**
 * The APG date-grid keys: arrows by a day or a week, Home/End to the week's ends, Page
 * Up/Down by a month. Left and right swap in right-to-left text.
 */
export function keyTarget(key: string, day: string, rtl: boolean): string | undefined {
  const weekday = (new Date(dayMs(day)).getUTCDay() - firstWeekday() + 7) % 7;
  const steps: Record<string, number> = {
    ArrowLeft: rtl ? 1 : -1,
    ArrowRight: rtl ? -1 : 1,
    ArrowUp: -7,
    ArrowDown: 7,
    Home: -weekday,
    End: 6 - weekday,
  };
  if (key in steps) return addDays(day, steps[key]);
  if (key === 'PageUp') return addMonths(day, -1);
  if (key === 'PageDown') return addMonths(day, 1);
  return undefined;
}

/** The weeks of the month, each seven days or blanks, starting on the locale's first weekday. */
function weeks(month: string): Array<Array<string | undefined>> {
  const next = monthStart(month, 1);
  const lead = (new Date(dayMs(month)).getUTCDay() - firstWeekday() + 7) % 7;
  const rows: Array<Array<string | undefined>> = [];
  for (let day = addDays(month, -lead); day < next; day = addDays(day, 7)) {
    rows.push(Array.from({ length: 7 }, (_, i) => addDays(day, i)).map((d) => (d >= month && d < next ? d : undefined)));
  }
  return rows;
}

export function dateGrid(model: GridModel, actions: GridActions): TemplateResult {
  const names = weekdays();
  // The month's name sits outside the grid: a live region may not be a child of a grid.
  return html`<div class="month-bar">
      <button class="button" data-variant="secondary" part="month-button" ?disabled=${!model.canPrev}
        aria-label=${msg('Previous month', { id: 'booking.month-prev' })} @click=${() => actions.move(addMonths(model.focus, -1))}>‹</button>
      <p id="month" class="month" aria-live="polite">${monthName(model.month)}</p>
      <button class="button" data-variant="secondary" part="month-button" ?disabled=${!model.canNext}
        aria-label=${msg('Next month', { id: 'booking.month-next' })} @click=${() => actions.move(addMonths(model.focus, 1))}>›</button>
    </div>
    <table role="grid" part="date-grid" aria-labelledby="month" aria-busy=${model.loading} @keydown=${actions.gridKey}>
      <thead>
        <tr>${names.map(([short, long]) => html`<th scope="col"><abbr title=${long}>${short}</abbr></th>`)}</tr>
      </thead>
      <tbody>
        ${weeks(model.month).map(
          (week) => html`<tr>
            ${week.map((day) => {
              if (!day) return html`<td></td>`;
              const count = model.counts.get(day) ?? 0;
              return html`<td aria-selected=${day === model.selected}>
                <button
                  part="day"
                  class="day"
                  data-day=${day}
                  tabindex=${day === model.focus ? 0 : -1}
                  aria-disabled=${!count}
                  aria-current=${day === model.today ? 'date' : 'false'}
                  aria-label="${longDay(day)}, ${openTimes(count)}"
                  @click=${() => (count ? actions.pick(day) : undefined)}
                >
                  ${Number(day.slice(8))}
                </button>
              </td>`;
            })}
          </tr>`,
        )}
      </tbody>
    </table>`;
}
