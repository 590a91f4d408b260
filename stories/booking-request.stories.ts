import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/booking-request/booking-request.define.js';
import type { BookingRequest } from '../src/elements/booking-request/booking-request.js';
import { connect } from '../src/core/config.js';
import { ENDPOINT } from '../test/support/data.js';
import { household, jordan } from '../test/support/profile-data.js';
import { appointments, later, options, slotList, waiting, ZONE } from '../test/support/booking-data.js';
import type { FakeTransport } from '../test/support/fake-transport.js';
import { withFakePortal, type PortalSetup } from './support/fake-portal.js';

/**
 * Appointments for the acting profile (Jordan, in the demo's practice in Chicago): the list
 * with every status, the request flow step by step, cancel and reschedule. Keyboard: the
 * date grid has one tab stop; arrows move by a day or a week, Home/End to the week's ends,
 * Page Up/Down by a month, Enter chooses a day with open times.
 */
const meta: Meta = {
  title: 'Widgets/booking-request',
  component: 'booking-request',
  decorators: [withFakePortal],
  render: () => html`<booking-request endpoint=${ENDPOINT} time-zone=${ZONE}></booking-request>`,
};
export default meta;
type Story = StoryObj;

const P = `/profiles/${jordan.id}`;

const booking = (api: FakeTransport) =>
  api
    .reply('GET /me/profiles', household(jordan.id))
    .reply(`GET ${P}/appointments`, appointments())
    .reply(`GET ${P}/services`, options)
    .reply(`GET ${P}/slots`, slotList)
    .reply(`POST ${P}/appointments`, { ...waiting, id: 200 })
    .reply(`POST ${P}/appointments/${later.id}/cancel`, { ...later, status: 'cancelled' });

const signedIn = (more: PortalSetup = () => undefined): { portal: PortalSetup } => ({
  portal: (api) => {
    sessionStorage.clear();
    booking(api);
    more(api);
    connect(ENDPOINT).session.set({ token: 'story' });
  },
});

type Play = NonNullable<Story['play']>;
const pause = () => new Promise((resolve) => setTimeout(resolve, 60));

/** Clicks through the widget: each selector is found in its shadow root once it appears. */
const clicks =
  (...selectors: string[]): Play =>
  async ({ canvasElement }) => {
    const el = canvasElement.querySelector<BookingRequest>('booking-request')!;
    for (const selector of selectors) {
      for (let i = 0; i < 40 && !el.shadowRoot!.querySelector(selector); i++) await pause();
      el.shadowRoot!.querySelector<HTMLElement>(selector)?.click();
      await el.updateComplete;
    }
    await pause();
  };

const request = html`<booking-request endpoint=${ENDPOINT} time-zone=${ZONE} view="request"></booking-request>`;
// Individual therapy, then any available clinician.
const toGrid = ['li:nth-child(2) > [part~="choice"]', 'li:first-child > [part~="choice"]'];
const toReview = [...toGrid, '.day[aria-disabled="false"]', '[part~="time"]', '[part~="continue-button"]'];

const stories = {
  SignedOut: { parameters: { portal: () => sessionStorage.clear() } },
  NoProfileChosen: { parameters: signedIn((api) => api.reply('GET /me/profiles', household(null))) },
  Loading: { parameters: signedIn((api) => api.hold(`GET ${P}/appointments`)) },
  Appointments: { parameters: signedIn() },
  OtherTimeZone: {
    parameters: signedIn(),
    render: () => html`<booking-request endpoint=${ENDPOINT} time-zone="America/New_York"></booking-request>`,
  },
  Empty: { parameters: signedIn((api) => api.reply(`GET ${P}/appointments`, appointments({ upcoming: [], past: [] }))) },
  LoadError: { parameters: signedIn((api) => api.fail(`GET ${P}/appointments`, 'network')) },
  ConfirmCancel: { parameters: signedIn(), play: clicks(`[aria-labelledby="a${later.id}-when"] [part~="cancel-button"]`) },
  InsideWindow: {
    parameters: signedIn((api) => api.fail(`POST ${P}/appointments/${later.id}/cancel`, 'conflict', { status: 409, reason: 'cancellation_window' })),
    play: clicks(`[aria-labelledby="a${later.id}-when"] [part~="cancel-button"]`, '[part~="confirm-button"]'),
  },
  ChooseService: { parameters: signedIn(), render: () => request },
  ChooseClinician: { parameters: signedIn(), render: () => request, play: clicks(toGrid[0]) },
  DateGrid: { parameters: signedIn(), render: () => request, play: clicks(...toGrid) },
  LoadingTimes: { parameters: signedIn((api) => api.hold(`GET ${P}/slots`)), render: () => request, play: clicks(...toGrid) },
  Times: { parameters: signedIn(), render: () => request, play: clicks(...toGrid, '.day[aria-disabled="false"]') },
  Details: { parameters: signedIn(), render: () => request, play: clicks(...toReview.slice(0, -1)) },
  Review: { parameters: signedIn(), render: () => request, play: clicks(...toReview) },
  Sent: { parameters: signedIn(), render: () => request, play: clicks(...toReview, '[part~="submit-button"]') },
  TimeTaken: {
    parameters: signedIn((api) => api.fail(`POST ${P}/appointments`, 'conflict', { status: 409, reason: 'slot_unavailable' })),
    render: () => request,
    play: clicks(...toReview, '[part~="submit-button"]'),
  },
  TooManyRequests: {
    parameters: signedIn((api) => api.fail(`POST ${P}/appointments`, 'rate_limited', { status: 429, reason: 'too_many_requests_open' })),
    render: () => request,
    play: clicks(...toReview, '[part~="submit-button"]'),
  },
  RequestProposedTime: { parameters: signedIn(), play: clicks('[part~="proposal-button"]') },
  Reschedule: {
    parameters: signedIn(),
    play: clicks(`[aria-labelledby="a${later.id}-when"] [part~="reschedule-button"]`, '.day[aria-disabled="false"]', '[part~="time"]', '[part~="continue-button"]'),
  },
  NothingToBook: {
    parameters: signedIn((api) => api.reply(`GET ${P}/services`, { ...options, services: [] })),
    render: () => request,
  },
} satisfies Record<string, Story>;

const spanish = (story: Story): Story => ({ ...story, globals: { locale: 'es' } });

export const SignedOut: Story = stories.SignedOut;
export const NoProfileChosen: Story = stories.NoProfileChosen;
export const Loading: Story = stories.Loading;
export const Appointments: Story = stories.Appointments;
export const OtherTimeZone: Story = stories.OtherTimeZone;
export const Empty: Story = stories.Empty;
export const LoadError: Story = stories.LoadError;
export const ConfirmCancel: Story = stories.ConfirmCancel;
export const InsideWindow: Story = stories.InsideWindow;
export const ChooseService: Story = stories.ChooseService;
export const ChooseClinician: Story = stories.ChooseClinician;
export const DateGrid: Story = stories.DateGrid;
export const LoadingTimes: Story = stories.LoadingTimes;
export const Times: Story = stories.Times;
export const Details: Story = stories.Details;
export const Review: Story = stories.Review;
export const Sent: Story = stories.Sent;
export const TimeTaken: Story = stories.TimeTaken;
export const TooManyRequests: Story = stories.TooManyRequests;
export const RequestProposedTime: Story = stories.RequestProposedTime;
export const Reschedule: Story = stories.Reschedule;
export const NothingToBook: Story = stories.NothingToBook;

export const SignedOutEs: Story = spanish(stories.SignedOut);
export const NoProfileChosenEs: Story = spanish(stories.NoProfileChosen);
export const LoadingEs: Story = spanish(stories.Loading);
export const AppointmentsEs: Story = spanish(stories.Appointments);
export const OtherTimeZoneEs: Story = spanish(stories.OtherTimeZone);
export const EmptyEs: Story = spanish(stories.Empty);
export const LoadErrorEs: Story = spanish(stories.LoadError);
export const ConfirmCancelEs: Story = spanish(stories.ConfirmCancel);
export const InsideWindowEs: Story = spanish(stories.InsideWindow);
export const ChooseServiceEs: Story = spanish(stories.ChooseService);
export const ChooseClinicianEs: Story = spanish(stories.ChooseClinician);
export const DateGridEs: Story = spanish(stories.DateGrid);
export const LoadingTimesEs: Story = spanish(stories.LoadingTimes);
export const TimesEs: Story = spanish(stories.Times);
export const DetailsEs: Story = spanish(stories.Details);
export const ReviewEs: Story = spanish(stories.Review);
export const SentEs: Story = spanish(stories.Sent);
export const TimeTakenEs: Story = spanish(stories.TimeTaken);
export const TooManyRequestsEs: Story = spanish(stories.TooManyRequests);
export const RequestProposedTimeEs: Story = spanish(stories.RequestProposedTime);
export const RescheduleEs: Story = spanish(stories.Reschedule);
export const NothingToBookEs: Story = spanish(stories.NothingToBook);
