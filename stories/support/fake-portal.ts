import type { Decorator } from '@storybook/web-components-vite';
import { configurePortal } from '../../src/core/config.js';
import { FakeTransport } from '../../test/support/fake-transport.js';

/**
 * Gives a story its own scripted endpoint: `parameters.portal` receives a fresh
 * FakeTransport to set up before the story renders. Stories never touch the network.
 */
export type PortalSetup = (api: FakeTransport) => void;

export const withFakePortal: Decorator = (story, context) => {
  const setup = context.parameters.portal as PortalSetup | undefined;
  const api = new FakeTransport();
  configurePortal({ transport: () => api });
  setup?.(api);
  return story();
};
