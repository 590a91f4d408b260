import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/booking-request/booking-request.define.js';
import type { BookingRequest } from '../../src/elements/booking-request/booking-request.js';
import { addDays, addMonths, longDay } from '../../src/elements/booking-request/format.js';
import { configurePortal, connect, resetPortal } from '../../src/core/config.js';
import { setPortalLocale } from '../../src/core/i18n/localization.js';
import { FakeTransport } from '../support/fake-transport.js';
import { ENDPOINT } from '../support/data.js';
import { household, jordan } from '../support/profile-data.js';
import { appointments, day, declined, later, open, options, slotList, slotStart, soon, waiting, ZONE } from '../support/booking-data.js';

const P = `/profiles/${jordan.id}`;
const root = (el: Element) => el.shadowRoot!;
const text = (el: Element) => root(el).textContent.replace(/\s+/g, ' ').trim();
const part = (el: Element, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...root(el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const focused = (el: Element) => root(el).activeElement as HTMLElement | null;
const heading = (el: Element) => part(el, 'heading')?.textContent?.trim();
const item = (el: Element, id: number) => root(el).querySelector<HTMLElement>(`[aria-labelledby="a${id}-when"]`)!;
const posts = (api: FakeTransport) => api.requests.filter((r) => r.method === 'POST');

async function widget(attributes: Partial<Record<'view' | 'service' | 'clinician' | 'time-zone', string>> = {}): Promise<BookingRequest> {
  const el = await fixture<BookingRequest>(html`<booking-request endpoint=${ENDPOINT} time-zone=${ZONE}></booking-request>`);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  await el.updateComplete;
  return el;
}

async function listed(el: BookingRequest) {
  await waitUntil(() => part(el, 'appointment') || text(el).includes('no upcoming'), 'appointments load');
  await el.updateComplete;
}

/** Opens the request flow and walks to the date grid (service, then "any available"). */
async function toGrid(el: BookingRequest) {
  await waitUntil(() => part(el, 'choice'), 'services load');
  parts(el, 'choice')[1].click(); // Individual therapy
  await el.updateComplete;
  parts(el, 'choice')[0].click(); // Any available clinician
  await waitUntil(() => root(el).querySelector('.day[tabindex="0"]'), 'open times load');
  await el.updateComplete;
}

const dayButton = (el: Element, date: string) => root(el).querySelector<HTMLButtonElement>(`[data-day="${date}"]`)!;

describe('<booking-request>', () => {
  let api: FakeTransport;

  beforeEach(async () => {
    await setPortalLocale('en');
    sessionStorage.clear();
    resetPortal();
    api = new FakeTransport()
      .reply('GET /me/profiles', household(jordan.id))
      .reply(`GET ${P}/appointments`, appointments())
      .reply(`GET ${P}/services`, options)
      .reply(`GET ${P}/slots`, slotList);
    configurePortal({ transport: () => api });
    connect(ENDPOINT).session.set({ token: 't' });
  });

  after(() => setPortalLocale('en'));

  it('signed out: asks to sign in, sends nothing, passes axe', async () => {
    connect(ENDPOINT).session.clear();
    const el = await widget();
    expect(text(el)).to.contain('Sign in to see and request appointments.');
    expect(api.requests).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('no profile chosen: asks to choose one first, passes axe', async () => {
    api.reply('GET /me/profiles', household(null));
    const el = await widget();
    await waitUntil(() => text(el).includes('Choose whose portal'));
    expect(api.requests.some((r) => r.path.includes('/appointments'))).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('loading: a polite status, then the list; passes axe', async () => {
    api.hold(`GET ${P}/appointments`);
    const el = await widget();
    await waitUntil(() => text(el).includes('Loading your appointments…'));
    expect(part(el, 'status')!.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
    api.release(`GET ${P}/appointments`);
    await listed(el);
    expect(part(el, 'list')!.querySelectorAll('[part~="appointment"]')).to.have.length(4);
  });

  it('list: date, time, service, clinician, modality and status of each; past ones folded; passes axe', async () => {
    const el = await widget();
    await listed(el);
    const first = item(el, soon.id).textContent.replace(/\s+/g, ' ');
    expect(first).to.contain(longDay(day(1)).split(',')[0]).and.contain('Individual therapy · Dr. Ana Ruiz · In person');
    expect(first).to.contain('Confirmed').and.contain('call the office').and.contain('(555) 555-0142');
    expect(item(el, soon.id).querySelector('a')!.getAttribute('href')).to.equal('tel:+15555550142');
    expect(item(el, soon.id).querySelector('[part~="cancel-button"]'), 'inside the window: by phone only').to.equal(null);
    expect(item(el, waiting.id).textContent).to.contain('Requested, waiting for approval').and.contain('Withdraw request');
    expect(item(el, later.id).textContent).to.contain('Reschedule').and.contain('Cancel');
    expect(first, 'same zone: no practice time').not.to.contain('Practice time');
    expect(part(el, 'past')!.textContent).to.contain('Past appointments (1)').and.contain('Cancelled');
    await expect(el).to.be.accessible();
  });

  it('names the practice zone when the client is in another', async () => {
    const el = await widget({ 'time-zone': 'America/New_York' });
    await listed(el);
    expect(item(el, later.id).textContent).to.match(/Practice time: \d{1,2}:00 – \d{1,2}:50 AM \(Central Time\)/);
  });

  it('empty: says so and offers a request; passes axe', async () => {
    api.reply(`GET ${P}/appointments`, appointments({ upcoming: [], past: [] }));
    const el = await widget();
    await listed(el);
    expect(text(el)).to.contain('You have no upcoming appointments.');
    expect(part(el, 'request-button')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('error: an alert, portal-error, and Try again loads again; passes axe', async () => {
    api.fail(`GET ${P}/appointments`, 'network');
    const failed = new Promise<CustomEvent>((resolve) => document.addEventListener('portal-error', resolve as EventListener, { once: true }));
    const el = await widget();
    expect((await failed).detail).to.deep.equal({ operation: 'listAppointments', code: 'network' });
    await waitUntil(() => part(el, 'error'));
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
    api.reply(`GET ${P}/appointments`, appointments());
    part(el, 'retry-button')!.click();
    await listed(el);
  });

  it('cancel asks first (focus on Keep it), then cancels, announces and fires portal-booking-cancelled', async () => {
    api.reply(`POST ${P}/appointments/${later.id}/cancel`, { ...later, status: 'cancelled' });
    const el = await widget();
    await listed(el);
    item(el, later.id).querySelector<HTMLElement>('[part~="cancel-button"]')!.click();
    await el.updateComplete;
    expect(part(el, 'confirm')!.textContent).to.contain('Cancel this appointment?');
    expect(focused(el)?.getAttribute('part')).to.equal('keep-button');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' }); // Keep it
    await el.updateComplete;
    expect(part(el, 'confirm')).to.equal(null);
    expect(focused(el)?.getAttribute('part'), 'back on the Cancel it came from').to.equal('cancel-button');
    expect(posts(api)).to.have.length(0);
    item(el, later.id).querySelector<HTMLElement>('[part~="cancel-button"]')!.click();
    await el.updateComplete;
    const cancelled = oneEvent(el, 'portal-booking-cancelled');
    part(el, 'confirm-button')!.click();
    expect((await cancelled).detail).to.deep.equal({ appointmentId: later.id });
    await el.updateComplete;
    expect(root(el).querySelector('.visually-hidden[role="status"]')!.textContent).to.contain('Your appointment was cancelled.');
    await waitUntil(() => focused(el)?.getAttribute('part') === 'heading', 'focus on the list heading');
  });

  it('inside the cancellation window the endpoint refuses: say to call, with the phone', async () => {
    api.fail(`POST ${P}/appointments/${later.id}/cancel`, 'conflict', { status: 409, reason: 'cancellation_window' });
    const el = await widget();
    await listed(el);
    item(el, later.id).querySelector<HTMLElement>('[part~="cancel-button"]')!.click();
    await el.updateComplete;
    part(el, 'confirm-button')!.click();
    await waitUntil(() => item(el, later.id)?.querySelector('[role="alert"]'));
    expect(item(el, later.id).querySelector('[role="alert"]')!.textContent).to.contain('too late to change this online').and.contain('(555) 555-0142');
    await expect(el).to.be.accessible();
  });

  it('keyboard through the date grid: each day named with its date and open times; only open days chosen', async () => {
    const el = await widget({ view: 'request' });
    await toGrid(el);
    expect(heading(el)).to.equal('Choose a day');
    const start = open(0);
    const first = dayButton(el, start);
    expect(first.tabIndex, 'the first open day holds the tab stop').to.equal(0);
    expect(first.getAttribute('aria-label')).to.equal(`${longDay(start)}, 1 open time`);
    expect(dayButton(el, open(1)).getAttribute('aria-label')).to.equal(`${longDay(open(1))}, 2 open times`);
    await expect(el).to.be.accessible();

    first.focus();
    const press = async (key: string, expected: string) => {
      await sendKeys({ press: key });
      await waitUntil(() => focused(el)?.dataset.day === expected, `${key} → ${expected}`);
    };
    await press('ArrowRight', open(1));
    await press('ArrowDown', open(8));
    await press('ArrowUp', open(1));
    await press('ArrowLeft', start);
    const weekday = new Date(`${start}T00:00:00Z`).getUTCDay(); // en-US weeks start on Sunday
    await press('Home', addDays(start, -weekday));
    await press('End', addDays(start, 6 - weekday));
    const nextMonth = addMonths(addDays(start, 6 - weekday), 1);
    await press('PageDown', nextMonth);
    await press('PageUp', addDays(start, 6 - weekday));
    // A day without times says so, and Enter does nothing there.
    const closed = root(el).querySelector<HTMLButtonElement>('.day[aria-disabled="true"]')!;
    expect(closed.getAttribute('aria-label')).to.contain('No open times');
    for (let back = 6 - weekday - 1; back >= 0; back--) await press('ArrowLeft', addDays(start, back));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => heading(el)?.startsWith('Open times on'));
    expect(heading(el)).to.equal(`Open times on ${longDay(start)}`);
    expect(focused(el)?.classList.contains('heading')).to.equal(true);
    expect(parts(el, 'time')).to.have.length(1);
  });

  it('request: time → message → review → Request with an Idempotency-Key → pending state and event', async () => {
    api.reply(`POST ${P}/appointments`, { ...waiting, id: 200 });
    const el = await widget({ view: 'request' });
    await toGrid(el);
    dayButton(el, open(1)).click();
    await el.updateComplete;
    parts(el, 'time')[1].click();
    await el.updateComplete;
    expect(heading(el)).to.equal('Anything to add?');
    root(el).querySelectorAll<HTMLInputElement>('input[type="radio"]')[1].click();
    root(el).querySelector('textarea')!.value = '  First visit.  ';
    part(el, 'continue-button')!.click();
    await el.updateComplete;
    expect(heading(el)).to.equal('Review your request');
    expect(part(el, 'review')!.textContent).to.contain('Individual therapy').and.contain('Any available clinician').and.contain('In person').and.contain('First visit.');
    await expect(el).to.be.accessible();
    const requested = oneEvent(el, 'portal-booking-requested');
    part(el, 'submit-button')!.click();
    expect((await requested).detail).to.deep.equal({ appointmentId: 200 });
    const sent = posts(api)[0];
    expect(sent.path).to.equal(`${P}/appointments`);
    expect(sent.body).to.deep.equal({ start: slotStart(1, 17), message: 'First visit.', serviceId: 2, clinicianId: undefined, modality: 'in_person' });
    expect(sent.idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
    await el.updateComplete;
    expect(heading(el)).to.equal('Request sent');
    expect(part(el, 'next-step')!.textContent).to.contain("You'll get an email when your clinician approves it");
    await expect(el).to.be.accessible();
  });

  it('says which step of how many, and the review leads back to each earlier choice, by keyboard (issue 20)', async () => {
    const el = await widget({ view: 'request' });
    await toGrid(el);
    const nav = () => part(el, 'steps')!;
    const current = () => nav().querySelector('[aria-current="step"]')?.textContent?.trim();
    const stepButtons = () => parts(el, 'step-button').map((b) => b.textContent.trim());
    expect(nav().getAttribute('aria-label')).to.equal('Request steps');
    expect(part(el, 'step-count')!.textContent).to.contain('Step 3 of 6');
    expect(current()).to.equal('Day');
    expect(stepButtons()).to.deep.equal(['Service', 'Clinician']);
    await expect(el).to.be.accessible();

    dayButton(el, open(1)).click();
    await el.updateComplete;
    parts(el, 'time')[1].click();
    await el.updateComplete;
    root(el).querySelector('textarea')!.value = 'Mornings, please.';
    part(el, 'continue-button')!.click();
    await el.updateComplete;
    expect(heading(el)).to.equal('Review your request');
    expect(part(el, 'step-count')!.textContent).to.contain('Step 6 of 6');
    expect(stepButtons()).to.deep.equal(['Service', 'Clinician', 'Day', 'Time', 'Details']);
    await expect(el).to.be.accessible();

    // Keyboard: from the review back to the day, a new day and time, and the message is kept.
    parts(el, 'step-button')[2].focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => heading(el) === 'Choose a day');
    await waitUntil(() => focused(el)?.classList.contains('heading'), 'focus on the step heading');
    expect(current()).to.equal('Day');
    await waitUntil(() => dayButton(el, open(7)) && !part(el, 'status'), 'the grid shows open days again');
    dayButton(el, open(7)).click();
    await waitUntil(() => parts(el, 'time').length > 0, 'its open times');
    parts(el, 'time')[0].click();
    await el.updateComplete;
    expect((root(el).querySelector('textarea') as HTMLTextAreaElement).value).to.equal('Mornings, please.');
    part(el, 'continue-button')!.click();
    await el.updateComplete;
    expect(part(el, 'review')!.textContent).to.contain(longDay(open(7)).split(',')[0]);

    // And back to the very first choice.
    parts(el, 'step-button')[0].click();
    await el.updateComplete;
    expect(heading(el)).to.equal('What would you like to book?');
    expect(part(el, 'step-count')!.textContent).to.contain('Step 1 of 6');
    expect(parts(el, 'step-button')).to.have.length(0);

    await setPortalLocale('es');
    await el.updateComplete;
    expect(part(el, 'step-count')!.textContent).to.contain('Paso 1 de 6');
    expect(nav().getAttribute('aria-label')).to.equal('Pasos de la solicitud');
    await expect(el).to.be.accessible();
  });

  it('a time just taken: says so and offers the next open times; a retry of the same choice keeps its key', async () => {
    api.fail(`POST ${P}/appointments`, 'conflict', { status: 409, reason: 'slot_unavailable' });
    const el = await widget({ view: 'request', service: 'individual', clinician: '1' });
    await waitUntil(() => root(el).querySelector('.day[tabindex="0"]'));
    expect(heading(el), 'service and clinician preselected').to.equal('Choose a day');
    dayButton(el, open(0)).click();
    await el.updateComplete;
    parts(el, 'time')[0].click();
    await el.updateComplete;
    part(el, 'continue-button')!.click();
    await el.updateComplete;
    expect(part(el, 'review')!.textContent).to.contain('Dr. Ana Ruiz');
    part(el, 'submit-button')!.click();
    await waitUntil(() => part(el, 'next-times'));
    expect(part(el, 'error')!.textContent).to.contain('that time was just taken');
    const next = parts(el, 'next-times')[0].querySelectorAll('button');
    expect(next).to.have.length(3);
    expect(next[0].textContent).to.contain(longDay(open(1)).split(',')[0]);
    await expect(el).to.be.accessible();
    const firstKey = posts(api)[0].idempotencyKey;
    next[0].click();
    await el.updateComplete;
    expect(heading(el)).to.equal('Review your request');
    part(el, 'submit-button')!.click();
    await waitUntil(() => posts(api).length === 2);
    expect(posts(api)[1].body).to.include({ start: slotStart(1, 15) });
    expect(posts(api)[1].idempotencyKey, 'another time is another intent').to.not.equal(firstKey);
  });

  it('too many open requests: a clear message', async () => {
    api.fail(`POST ${P}/appointments`, 'rate_limited', { status: 429, reason: 'too_many_requests_open' });
    const el = await widget();
    await listed(el);
    item(el, declined.id).querySelector<HTMLElement>('[part~="proposal-button"]')!.click();
    await waitUntil(() => part(el, 'submit-button'), 'review after the services load');
    part(el, 'submit-button')!.click();
    await waitUntil(() => part(el, 'error'));
    expect(part(el, 'error')!.textContent).to.contain('Too many requests are waiting');
  });

  it('declined with proposals: "Request this time" goes straight to review and requests it', async () => {
    api.reply(`POST ${P}/appointments`, { ...waiting, id: 201 });
    const el = await widget();
    await listed(el);
    const box = item(el, declined.id);
    expect(box.textContent).to.contain('Declined').and.contain('That afternoon is full.');
    expect(box.querySelectorAll('[part~="proposal-button"]'), 'only times still open').to.have.length(1);
    box.querySelector<HTMLElement>('[part~="proposal-button"]')!.click();
    await waitUntil(() => heading(el) === 'Review your request');
    await el.updateComplete;
    expect(focused(el)?.classList.contains('heading')).to.equal(true);
    const requested = oneEvent(el, 'portal-booking-requested');
    part(el, 'submit-button')!.click();
    await requested;
    expect(posts(api)[0].body).to.deep.include({ start: declined.proposals[0].start, serviceId: 2, clinicianId: 1, modality: 'telehealth' });
    await el.updateComplete;
    part(el, 'close-button')!.click();
    await listed(el);
    expect(focused(el)?.getAttribute('part')).to.equal('request-button');
  });

  it('reschedule: a new time for the same clinician and service; the original stays until approval', async () => {
    api.reply(`POST ${P}/appointments/${later.id}/reschedule`, {
      request: { ...waiting, id: 300, rescheduleOfId: later.id },
      original: { ...later, status: 'reschedule_requested' },
    });
    const el = await widget();
    await listed(el);
    item(el, later.id).querySelector<HTMLElement>('[part~="reschedule-button"]')!.click();
    await waitUntil(() => root(el).querySelector('.day[tabindex="0"]'));
    expect(api.requests.find((r) => r.path.includes('/slots'))!.path).to.contain('service=2').and.contain('clinician=1');
    dayButton(el, open(7)).click();
    await el.updateComplete;
    parts(el, 'time')[0].click();
    await el.updateComplete;
    expect(root(el).querySelector('fieldset'), 'no modality change in a move').to.equal(null);
    part(el, 'continue-button')!.click();
    await el.updateComplete;
    expect(part(el, 'review')!.textContent).to.contain(`Instead of ${longDay(day(8)).split(',')[0]}`);
    const moved = oneEvent(el, 'portal-booking-rescheduled');
    part(el, 'submit-button')!.click();
    expect((await moved).detail).to.deep.equal({ appointmentId: later.id, requestId: 300 });
    expect(posts(api)[0].body).to.deep.equal({ start: slotStart(7, 16) });
    await el.updateComplete;
    expect(heading(el)).to.equal('New time requested');
    expect(text(el)).to.contain('when your clinician answers');
  });

  it('view="appointments" offers no new request; a profile without booking rights only reads', async () => {
    const el = await widget({ view: 'appointments' });
    await listed(el);
    expect(part(el, 'request-button')).to.equal(null);
    const readOnly = household(jordan.id);
    readOnly.profiles[0] = { ...jordan, permissions: { ...jordan.permissions, book: false } };
    api.reply('GET /me/profiles', readOnly);
    connect(ENDPOINT).session.set({ token: 't2' });
    await listed(el);
    expect(parts(el, 'cancel-button')).to.have.length(0);
    expect(part(el, 'request-button')).to.equal(null);
  });

  it('signing out mid-load aborts the request and shows nothing of the profile', async () => {
    api.hold(`GET ${P}/appointments`);
    const el = await widget();
    await waitUntil(() => api.requests.some((r) => r.path === `${P}/appointments`));
    connect(ENDPOINT).session.clear();
    await el.updateComplete;
    expect(api.requests.find((r) => r.path === `${P}/appointments`)!.signal!.aborted).to.equal(true);
    expect(text(el)).to.contain('Sign in to see and request appointments.');
  });

  it('open times that fail to load say so in the flow', async () => {
    api.fail(`GET ${P}/slots`, 'server');
    const el = await widget({ view: 'request', service: 'individual', clinician: '2' });
    await waitUntil(() => part(el, 'error'));
    expect(part(el, 'error')!.textContent).to.contain('Something went wrong on our side');
    expect(api.requests.find((r) => r.path.includes('/slots'))!.path).to.contain('clinician=2').and.contain(`timeZone=${encodeURIComponent(ZONE)}`);
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish: statuses, dates and the grid; passes axe', async () => {
    await setPortalLocale('es');
    const el = await widget();
    await listed(el);
    expect(item(el, later.id).textContent).to.contain('Confirmada').and.contain('Terapia individual');
    expect(item(el, later.id).textContent).to.contain(longDay(day(8)).split(',')[0]);
    await expect(el).to.be.accessible();
    part(el, 'request-button')!.click();
    await toGrid(el);
    expect(heading(el)).to.equal('Elija un día');
    expect(dayButton(el, open(0)).getAttribute('aria-label')).to.contain('1 horario disponible');
    await expect(el).to.be.accessible();
  });
});
