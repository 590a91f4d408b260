import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../test/support/portal-info-probe.js';
import { lakesideInfo, ENDPOINT } from '../test/support/data.js';
import { withFakePortal, type PortalSetup } from './support/fake-portal.js';

/**
 * The foundation's proof element: a minimal widget on `PortalElement` that reads the
 * practice's public info. It shows the states every widget shares: loading, error, loaded.
 */
const meta: Meta = {
  title: 'Foundation/portal-info-probe',
  component: 'portal-info-probe',
  decorators: [withFakePortal],
  render: () => html`<portal-info-probe endpoint=${ENDPOINT}></portal-info-probe>`,
};
export default meta;

type Story = StoryObj;
const portal = (setup: PortalSetup) => ({ portal: setup });
const spanish = { locale: 'es' };

const loaded = portal((api) => api.reply('GET /info', lakesideInfo));
const loading = portal((api) => api.hold('GET /info'));
const networkError = portal((api) => api.fail('GET /info', 'network'));
const serverError = portal((api) => api.fail('GET /info', 'server', { status: 500 }));
const rateLimited = portal((api) => api.fail('GET /info', 'rate_limited', { status: 429, retryAfter: 90 }));

export const Loaded: Story = { parameters: loaded };
export const Loading: Story = { parameters: loading };
export const NetworkError: Story = { parameters: networkError };
export const ServerError: Story = { parameters: serverError };
export const RateLimited: Story = { parameters: rateLimited };
export const NotConfigured: Story = { render: () => html`<portal-info-probe></portal-info-probe>` };

export const LoadedSpanish: Story = { parameters: loaded, globals: spanish };
export const LoadingSpanish: Story = { parameters: loading, globals: spanish };
export const NetworkErrorSpanish: Story = { parameters: networkError, globals: spanish };
export const ServerErrorSpanish: Story = { parameters: serverError, globals: spanish };
export const RateLimitedSpanish: Story = { parameters: rateLimited, globals: spanish };
export const NotConfiguredSpanish: Story = {
  render: () => html`<portal-info-probe></portal-info-probe>`,
  globals: spanish,
};
