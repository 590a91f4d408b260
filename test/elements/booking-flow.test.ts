import { expect, waitUntil } from '@open-wc/testing';
import { TaskStatus } from '@lit/task';
import { BookingFlow } from '../../src/elements/booking-request/booking-flow.js';
import type { BookingInputs } from '../../src/elements/booking-request/view-model.js';
import { configurePortal, connect } from '../../src/core/config.js';
import { resetPortal } from '../../src/testing.js';
import { FakeTransport } from '../support/fake-transport.js';
import { ENDPOINT } from '../support/data.js';
import { jordan, maya } from '../support/profile-data.js';
import { appointments, declined, later, open, options, slotList, slotStart, waiting, ZONE } from '../support/booking-data.js';
import { TestHost } from '../support/test-host.js';

const P = `/profiles/${jordan.id}`;

/** The booking request's flow, with no element: a stand-in host, the fake transport, a focus log. */
describe('BookingFlow (headless)', () => {
  let api: FakeTransport;
  let host: TestHost;
  let flow: BookingFlow;
  let focused: string[];
  const posts = () => api.requests.filter((r) => r.method === 'POST');

  /** What the element passes before each render, then one render. */
  const render = (inputs: Partial<BookingInputs> = {}) => {
    flow.update({ client: connect(ENDPOINT).client, profile: jordan, view: 'both', service: '', clinician: '', zone: ZONE, ...inputs });
    host.requestUpdate();
    return host.updateComplete;
  };
  const listed = () => waitUntil(() => flow.snapshot.appointments.status === TaskStatus.COMPLETE, 'appointments load');
  const step = () => flow.snapshot.step;

  beforeEach(() => {
    resetPortal();
    api = new FakeTransport().reply(`GET ${P}/appointments`, appointments()).reply(`GET ${P}/services`, options).reply(`GET ${P}/slots`, slotList);
    configurePortal({ transport: () => api });
    connect(ENDPOINT).session.set({ token: 't' });
    host = new TestHost();
    focused = [];
    flow = new BookingFlow(host, (selector) => focused.push(selector));
  });

  it('loads the list for the profile, with an AbortSignal, and not the services until asked', async () => {
    await render();
    await listed();
    expect(flow.snapshot.appointments.value!.upcoming).to.have.length(4);
    expect(api.requests.map((r) => r.path)).to.deep.equal([`${P}/appointments`]);
    expect(api.requests[0].signal).to.be.instanceOf(AbortSignal);
  });

  it('view="request" loads only the services; without a profile nothing loads', async () => {
    await render({ profile: null });
    expect(api.requests).to.have.length(0);
    await render({ view: 'request' });
    await waitUntil(() => flow.snapshot.options.status === TaskStatus.COMPLETE);
    expect(api.requests.map((r) => r.path)).to.deep.equal([`${P}/services`]);
  });

  it('cancel asks first, then cancels, announces, fires the event and loads the list again', async () => {
    const cancelled = host.record('portal-booking-cancelled');
    api.reply(`POST ${P}/appointments/${later.id}/cancel`, { ...later, status: 'cancelled' });
    await render();
    await listed();
    flow.actions.askCancel(later);
    expect(flow.snapshot.confirming).to.equal(later.id);
    expect(focused.at(-1)).to.equal('[part~="keep-button"]');
    flow.actions.keep();
    expect(flow.snapshot.confirming).to.equal(undefined);
    expect(focused.at(-1)).to.equal(`[aria-labelledby="a${later.id}-when"] [part~="cancel-button"]`);
    flow.actions.cancel(later);
    expect(flow.snapshot.busy).to.equal(true);
    await waitUntil(() => cancelled.length === 1);
    expect(cancelled[0].detail).to.deep.equal({ appointmentId: later.id });
    expect(flow.snapshot.announcement).to.equal('Your appointment was cancelled.');
    await waitUntil(() => api.requests.filter((r) => r.path === `${P}/appointments`).length === 2, 'the list loads again');
    expect(flow.snapshot.busy).to.equal(false);
  });

  it('a refused cancel is shown on its appointment and reported', async () => {
    const errors = host.record('portal-error');
    api.fail(`POST ${P}/appointments/${waiting.id}/cancel`, 'conflict', { status: 409, reason: 'cancellation_window' });
    await render();
    await listed();
    flow.actions.cancel(waiting);
    await waitUntil(() => flow.snapshot.itemError);
    expect(flow.snapshot.itemError).to.deep.equal({ id: waiting.id, text: "It's too late to change this online. Please call the office." });
    expect(errors.map((e) => e.detail)).to.deep.equal([{ operation: 'cancelAppointment', code: 'conflict' }]);
  });

  it('a request: service, clinician, day, time, details, review with a fresh key, then done', async () => {
    const requested = host.record('portal-booking-requested');
    api.reply(`POST ${P}/appointments`, { ...waiting, id: 200 });
    await render();
    flow.actions.open();
    expect(flow.snapshot.flowOpen).to.equal(true);
    await render();
    await waitUntil(() => flow.snapshot.options.value);
    expect(step(), 'two services: the client chooses').to.equal('service');
    flow.actions.service(2);
    expect(step()).to.equal('clinician');
    expect(flow.snapshot.canBack).to.equal(true);
    flow.actions.clinician(undefined);
    expect(step()).to.equal('date');
    await waitUntil(() => flow.snapshot.grid.focus === open(0), 'the grid opens on the first open day');
    expect(flow.snapshot.grid.counts.get(open(1))).to.equal(2);
    flow.actions.pick(open(1));
    expect(step()).to.equal('time');
    flow.actions.time(flow.snapshot.slots.get(open(1))![1]);
    expect(step()).to.equal('details');
    flow.actions.details('in_person', '  First visit.  ');
    expect(step()).to.equal('review');
    const key = flow.snapshot.draft.key;
    expect(key).to.match(/^[0-9a-f-]{36}$/);
    flow.actions.back();
    expect(step()).to.equal('details');
    flow.actions.details('in_person', 'First visit.');
    expect(flow.snapshot.draft.key, 'another review, another intent').to.not.equal(key);
    flow.actions.submit();
    await waitUntil(() => step() === 'done');
    expect(requested.map((e) => e.detail)).to.deep.equal([{ appointmentId: 200 }]);
    expect(posts()[0].body).to.deep.equal({ start: slotStart(1, 17), message: 'First visit.', serviceId: 2, clinicianId: undefined, modality: 'in_person' });
    expect(posts()[0].idempotencyKey).to.equal(flow.snapshot.draft.key);
    expect(focused.at(-1)).to.equal('.heading');
  });

  it('the page preselects service and clinician: the flow starts on the day', async () => {
    await render({ view: 'request', service: 'individual', clinician: '1' });
    await waitUntil(() => step() === 'date');
    expect(flow.snapshot.draft.service!.id).to.equal(2);
    expect(flow.snapshot.draft.clinician).to.deep.equal({ id: 1, name: 'Dr. Ana Ruiz' });
    expect(focused, 'no focus move on load').to.deep.equal([]);
    await waitUntil(() => api.requests.some((r) => r.path.includes('/slots')));
    expect(api.requests.find((r) => r.path.includes('/slots'))!.path).to.contain('clinician=1').and.contain('service=2');
  });

  it('a time just taken: the error, focus on it, and the next three open times', async () => {
    api.fail(`POST ${P}/appointments`, 'conflict', { status: 409, reason: 'slot_unavailable' });
    await render({ view: 'request', service: 'individual', clinician: '1' });
    await waitUntil(() => flow.snapshot.grid.focus === open(0));
    flow.actions.pick(open(0));
    flow.actions.time(flow.snapshot.slots.get(open(0))![0]);
    flow.actions.details('telehealth', '');
    flow.actions.submit();
    await waitUntil(() => flow.snapshot.nextTimes);
    expect(flow.snapshot.flowError).to.equal('Sorry, that time was just taken.');
    expect(focused.at(-1)).to.equal('[part~="error"]');
    expect(flow.snapshot.nextTimes!.map((s) => s.start)).to.deep.equal([slotStart(1, 15), slotStart(1, 17), slotStart(7, 16)]);
  });

  it('a proposed time goes straight to review; a reschedule keeps the appointment being moved', async () => {
    await render();
    await listed();
    flow.actions.propose(declined, declined.proposals[0]);
    expect(step()).to.equal('review');
    expect(flow.snapshot.draft.slot!.start).to.equal(declined.proposals[0].start);
    flow.actions.close();
    expect(flow.snapshot.flowOpen).to.equal(false);
    expect(focused.at(-1)).to.equal('[part~="request-button"]');
    flow.actions.reschedule(later);
    expect(step()).to.equal('date');
    expect(flow.snapshot.draft.moving).to.equal(later);
    expect(flow.snapshot.canBack, 'a move starts on the day').to.equal(false);
  });

  it('reset forgets the flow and the draft (another profile, or a sign-out)', async () => {
    await render();
    flow.actions.reschedule(later);
    flow.reset();
    expect(flow.snapshot.flowOpen).to.equal(false);
    expect(flow.snapshot.draft).to.deep.equal({ message: '', key: '' });
    await render({ profile: maya });
    await waitUntil(() => api.requests.some((r) => r.path === '/profiles/12/appointments'));
  });
});
