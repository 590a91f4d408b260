import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/profile-picker/profile-picker.define.js';
import type { ProfilePicker } from '../src/elements/profile-picker/profile-picker.js';
import { connect } from '../src/core/config.js';
import { ENDPOINT } from '../test/support/data.js';
import { household, maya, none, single } from '../test/support/profile-data.js';
import { withFakePortal, type PortalSetup } from './support/fake-portal.js';

/**
 * Whom the portal acts for. Jordan (the demo's guardian) has three profiles: their own,
 * Maya (a minor in their care) and a couple profile with Casey. Keyboard: Tab reaches the
 * group; arrow keys, Home and End move between cards; Enter or Space chooses; focus then
 * lands on "Change". The second picker in "Two widgets" follows the first at once.
 */
const meta: Meta = {
  title: 'Widgets/profile-picker',
  component: 'profile-picker',
  decorators: [withFakePortal],
  render: () => html`<profile-picker endpoint=${ENDPOINT}></profile-picker>`,
};
export default meta;
type Story = StoryObj;

const signedIn = (more: PortalSetup): { portal: PortalSetup } => ({
  portal: (api) => {
    sessionStorage.clear();
    more(api);
    connect(ENDPOINT).session.set({ token: 'story' });
  },
});

async function element(canvas: HTMLElement): Promise<ProfilePicker> {
  const el = canvas.querySelector('profile-picker')!;
  await new Promise((resolve) => setTimeout(resolve, 50));
  await el.updateComplete;
  return el;
}
type Play = NonNullable<Story['play']>;
const chooseMaya: Play = async ({ canvasElement }) => {
  const el = await element(canvasElement);
  el.shadowRoot!.querySelectorAll<HTMLElement>('[role="radio"]')[1].click();
  await new Promise((resolve) => setTimeout(resolve, 50));
};

const stories = {
  SignedOut: { parameters: { portal: () => sessionStorage.clear() } },
  Loading: { parameters: signedIn((api) => api.hold('GET /me/profiles')) },
  Choose: { parameters: signedIn((api) => api.reply('GET /me/profiles', household())) },
  ActingFor: {
    parameters: signedIn((api) => api.reply('GET /me/profiles', household(maya.id))),
  },
  Choosing: {
    parameters: signedIn((api) => api.reply('GET /me/profiles', household()).hold('PUT /me/profiles/selected')),
    play: chooseMaya,
  },
  Chosen: {
    parameters: signedIn((api) => api.reply('GET /me/profiles', household()).reply('PUT /me/profiles/selected', household(maya.id))),
    play: chooseMaya,
  },
  ChoiceRefused: {
    parameters: signedIn((api) => api.reply('GET /me/profiles', household()).fail('PUT /me/profiles/selected', 'network')),
    play: chooseMaya,
  },
  SingleProfile: { parameters: signedIn((api) => api.reply('GET /me/profiles', single)) },
  NoProfiles: { parameters: signedIn((api) => api.reply('GET /me/profiles', none)) },
  LoadError: { parameters: signedIn((api) => api.fail('GET /me/profiles', 'server')) },
  TwoWidgets: {
    parameters: signedIn((api) => api.reply('GET /me/profiles', household()).reply('PUT /me/profiles/selected', household(maya.id))),
    render: () => html`<profile-picker endpoint=${ENDPOINT}></profile-picker>
      <hr />
      <profile-picker endpoint=${ENDPOINT} heading-level="3"></profile-picker>`,
    play: chooseMaya,
  },
} satisfies Record<string, Story>;

const spanish = (story: Story): Story => ({ ...story, globals: { locale: 'es' } });

export const SignedOut: Story = stories.SignedOut;
export const Loading: Story = stories.Loading;
export const Choose: Story = stories.Choose;
export const ActingFor: Story = stories.ActingFor;
export const Choosing: Story = stories.Choosing;
export const Chosen: Story = stories.Chosen;
export const ChoiceRefused: Story = stories.ChoiceRefused;
export const SingleProfile: Story = stories.SingleProfile;
export const NoProfiles: Story = stories.NoProfiles;
export const LoadError: Story = stories.LoadError;
export const TwoWidgets: Story = stories.TwoWidgets;

export const SignedOutEs: Story = spanish(stories.SignedOut);
export const LoadingEs: Story = spanish(stories.Loading);
export const ChooseEs: Story = spanish(stories.Choose);
export const ActingForEs: Story = spanish(stories.ActingFor);
export const ChosenEs: Story = spanish(stories.Chosen);
export const ChoiceRefusedEs: Story = spanish(stories.ChoiceRefused);
export const SingleProfileEs: Story = spanish(stories.SingleProfile);
export const NoProfilesEs: Story = spanish(stories.NoProfiles);
export const LoadErrorEs: Story = spanish(stories.LoadError);
