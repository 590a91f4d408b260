import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { OpenSlot, SlotList } from '../../contract/index.js';
import { addDays, monthStart, today } from './format.js';

/** Asks the endpoint for the open times of the days `from`–`to` (of the client's zone). */
export type SlotSource = (from: string, to: string, signal: AbortSignal) => Promise<SlotList>;

/**
 * The date grid's data: the month shown, the day holding the tab stop, and the open times
 * per day, loaded a month at a time (two on the first load) and kept while the client moves
 * around. A new load aborts the one before.
 */
export class OpenTimes implements ReactiveController {
  /** `YYYY-MM-01` of the month shown. */
  month = '';
  /** The day holding the grid's tab stop. */
  focus = '';
  slots = new Map<string, OpenSlot[]>();
  loading = false;
  #loaded = new Set<string>();
  #abort: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly zone: () => string,
    private readonly source: () => SlotSource | undefined,
    private readonly failed: (error: unknown) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  /** Forget everything (another service, clinician, profile or sign-in). */
  reset(): void {
    this.#abort?.abort();
    this.month = this.focus = '';
    this.slots = new Map();
    this.#loaded.clear();
    this.loading = false;
  }

  /** The first month the grid may show: this one. Three more follow (the practice's horizon). */
  get first(): string {
    return monthStart(today(this.zone()));
  }

  get last(): string {
    return monthStart(this.first, 3);
  }

  /**
   * Loads the open times of `month` unless already known. The first load takes two months
   * and opens the grid on the first day with times, which may well be next month.
   */
  async load(month = this.month || this.first, first = !this.#loaded.size, force = false): Promise<void> {
    const source = this.source();
    this.month ||= month;
    if (!source || (!force && this.#loaded.has(month))) return;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const from = [today(this.zone()), month].sort()[1];
    const to = addDays(monthStart(month, first ? 2 : 1), -1);
    this.loading = true;
    this.host.requestUpdate();
    try {
      const list = await source(from, to, abort.signal);
      const slots = new Map(this.slots);
      for (const [day] of slots) if (day >= from && day <= to) slots.delete(day);
      for (const day of list.days) slots.set(day.date, day.slots);
      this.slots = slots;
      this.#loaded.add(month);
      if (first) {
        this.#loaded.add(monthStart(month, 1));
        if (!force) {
          const open = list.days[0]?.date ?? from;
          this.month = monthStart(open);
          this.focus = open;
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) this.failed(error);
    } finally {
      if (!abort.signal.aborted) this.loading = false;
      this.host.requestUpdate();
    }
  }

  /** Moves the tab stop to `day`, turning (and loading) the month when needed. False when out of range. */
  move(day: string): boolean {
    const month = monthStart(day);
    if (month < this.first || month > this.last) return false;
    this.focus = day;
    if (month !== this.month) {
      this.month = month;
      void this.load(month, false);
    }
    this.host.requestUpdate();
    return true;
  }

  /** After a time was taken: the days from it on, loaded again, and the next three open times. */
  async after(taken: OpenSlot): Promise<OpenSlot[]> {
    this.#loaded.clear();
    const month = monthStart(taken.start.slice(0, 10));
    this.month = month;
    await this.load(month, true, true);
    return [...this.slots.values()]
      .flat()
      .filter((slot) => slot.start > taken.start)
      .sort((a, b) => (a.start < b.start ? -1 : 1))
      .slice(0, 3);
  }
}
