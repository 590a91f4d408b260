import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { dateGrid, keyTarget, type GridActions, type GridModel } from '../../src/elements/booking-request/date-grid.js';
import { setPortalLocale } from '../../src/core/i18n/localization.js';

// March 2026: the 1st is a Sunday, the 4th a Wednesday, the 31st a Tuesday.
const WEDNESDAY = '2026-03-04';

describe('keyTarget (the APG date-grid keys)', () => {
  after(() => setPortalLocale('en'));

  it('arrows move by a day or a week; left and right swap in right-to-left text', () => {
    expect(keyTarget('ArrowRight', WEDNESDAY, false)).to.equal('2026-03-05');
    expect(keyTarget('ArrowLeft', WEDNESDAY, false)).to.equal('2026-03-03');
    expect(keyTarget('ArrowRight', WEDNESDAY, true)).to.equal('2026-03-03');
    expect(keyTarget('ArrowLeft', WEDNESDAY, true)).to.equal('2026-03-05');
    expect(keyTarget('ArrowUp', WEDNESDAY, false)).to.equal('2026-02-25');
    expect(keyTarget('ArrowDown', '2026-03-31', false)).to.equal('2026-04-07');
  });

  it('Home and End go to the ends of the week, which starts on the locale’s first day', async () => {
    await setPortalLocale('en');
    expect(keyTarget('Home', WEDNESDAY, false)).to.equal('2026-03-01');
    expect(keyTarget('End', WEDNESDAY, false)).to.equal('2026-03-07');
    await setPortalLocale('es');
    expect(keyTarget('Home', WEDNESDAY, false), 'Spanish weeks start on Monday').to.equal('2026-03-02');
    expect(keyTarget('End', WEDNESDAY, false)).to.equal('2026-03-08');
  });

  it('Page Up and Page Down move by a month, to the month’s last day when shorter', () => {
    expect(keyTarget('PageDown', WEDNESDAY, false)).to.equal('2026-04-04');
    expect(keyTarget('PageDown', '2026-01-31', false)).to.equal('2026-02-28');
    expect(keyTarget('PageUp', '2026-03-31', false)).to.equal('2026-02-28');
  });

  it('other keys do nothing', () => {
    expect(keyTarget('Enter', WEDNESDAY, false)).to.equal(undefined);
    expect(keyTarget('a', WEDNESDAY, false)).to.equal(undefined);
  });
});

describe('dateGrid', () => {
  let container: HTMLElement;
  let calls: string[];
  const actions: GridActions = {
    pick: (day) => calls.push(`pick ${day}`),
    move: (day) => calls.push(`move ${day}`),
    gridKey: (event) => calls.push(`key ${event.key}`),
  };
  const model = (more: Partial<GridModel> = {}): GridModel => ({
    month: '2026-03-01',
    focus: WEDNESDAY,
    selected: undefined,
    today: '2026-03-02',
    counts: new Map([
      [WEDNESDAY, 2],
      ['2026-03-05', 1],
    ]),
    loading: false,
    canPrev: false,
    canNext: true,
    ...more,
  });
  const day = (date: string) => container.querySelector<HTMLButtonElement>(`[data-day="${date}"]`)!;

  beforeEach(async () => {
    await setPortalLocale('en');
    calls = [];
    container = document.createElement('div');
    document.body.append(container);
  });

  afterEach(() => container.remove());

  it('lays the month out in weeks from Sunday, with blanks around it', () => {
    render(dateGrid(model(), actions), container);
    const rows = [...container.querySelectorAll('tbody tr')];
    expect(rows).to.have.length(5);
    expect(rows[0].querySelectorAll('button')).to.have.length(7);
    expect(rows[4].querySelectorAll('button'), 'the 29th to the 31st').to.have.length(3);
    expect([...container.querySelectorAll('th abbr')].map((a) => a.getAttribute('title'))[0]).to.equal('Sunday');
    expect(container.querySelector('#month')!.textContent).to.equal('March 2026');
  });

  it('names each day with its date and open times, gives the focused day the one tab stop, and marks today', () => {
    render(dateGrid(model({ selected: '2026-03-05' }), actions), container);
    expect(day(WEDNESDAY).getAttribute('aria-label')).to.equal('Wednesday, March 4, 2026, 2 open times');
    expect(day('2026-03-05').getAttribute('aria-label')).to.equal('Thursday, March 5, 2026, 1 open time');
    expect(day('2026-03-06').getAttribute('aria-label')).to.equal('Friday, March 6, 2026, No open times');
    expect([...container.querySelectorAll('[tabindex="0"]')]).to.deep.equal([day(WEDNESDAY)]);
    expect(day('2026-03-06').getAttribute('aria-disabled')).to.equal('true');
    expect(day('2026-03-02').getAttribute('aria-current')).to.equal('date');
    expect(day('2026-03-05').parentElement!.getAttribute('aria-selected')).to.equal('true');
  });

  it('a day with times is picked on click; a day without is not; the month buttons move by a month', () => {
    render(dateGrid(model(), actions), container);
    day('2026-03-06').click();
    day(WEDNESDAY).click();
    const [previous, next] = container.querySelectorAll<HTMLButtonElement>('[part~="month-button"]');
    expect(previous.disabled).to.equal(true);
    next.click();
    day(WEDNESDAY).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(calls).to.deep.equal([`pick ${WEDNESDAY}`, 'move 2026-04-04', 'key ArrowRight']);
  });

  it('says it is busy while the month loads', () => {
    render(dateGrid(model({ loading: true }), actions), container);
    expect(container.querySelector('[role="grid"]')!.getAttribute('aria-busy')).to.equal('true');
  });
});
