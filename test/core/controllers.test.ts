import { expect, waitUntil } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import { configurePortal, connect } from '../../src/core/config.js';
import { PortalApiError } from '../../src/index.js';
import { ActingProfileGate, BusyAction, FocusAfterUpdate, StoreController, resetPortal } from '../../src/testing.js';
import { FakeTransport } from '../support/fake-transport.js';
import { ENDPOINT } from '../support/data.js';
import { household, maya } from '../support/profile-data.js';
import { TestHost } from '../support/test-host.js';

describe('core controllers', () => {
  let host: TestHost;

  beforeEach(() => {
    host = new TestHost();
  });

  describe('StoreController', () => {
    it('listens to its store only while the host is on the page, and follows a swapped store', async () => {
      const heard: string[] = [];
      const controller = new StoreController<EventTarget>(host, (event) => heard.push(event.type));
      const [first, second] = [new EventTarget(), new EventTarget()];
      controller.observe(first);
      first.dispatchEvent(new Event('change'));
      expect(heard, 'not yet connected').to.deep.equal([]);
      host.connect();
      first.dispatchEvent(new Event('change'));
      await host.updateComplete;
      expect(heard).to.deep.equal(['change']);
      expect(host.renders).to.equal(1);
      controller.observe(second);
      first.dispatchEvent(new Event('change'));
      second.dispatchEvent(new Event('change'));
      expect(heard).to.have.length(2);
      expect(controller.store).to.equal(second);
      host.disconnect();
      second.dispatchEvent(new Event('change'));
      expect(heard).to.have.length(2);
    });
  });

  describe('FocusAfterUpdate', () => {
    it('focuses the target once a render shows it; a newer request replaces the older; cancel forgets', async () => {
      document.body.append(host.renderRoot);
      try {
        const focus = new FocusAfterUpdate(host);
        focus.request('#later');
        host.requestUpdate();
        await host.updateComplete;
        host.renderRoot.innerHTML = '<button id="first">1</button><button id="later">2</button>';
        host.requestUpdate();
        await host.updateComplete;
        expect(document.activeElement?.id).to.equal('later');
        focus.request('#first');
        focus.request('#later');
        (host.renderRoot.querySelector('#first') as HTMLElement).focus();
        host.requestUpdate();
        await host.updateComplete;
        expect(document.activeElement?.id).to.equal('later');
        focus.request('#first');
        focus.cancel();
        host.requestUpdate();
        await host.updateComplete;
        expect(document.activeElement?.id).to.equal('later');
      } finally {
        host.renderRoot.remove();
      }
    });
  });

  describe('BusyAction', () => {
    it('is busy while an action runs and refuses a second one meanwhile', async () => {
      const action = new BusyAction(host);
      let finish!: () => void;
      let runs = 0;
      const running = action.run('save', () => {
        runs++;
        return new Promise<void>((resolve) => (finish = resolve));
      });
      expect(action.busy).to.equal(true);
      await action.run('save', () => Promise.resolve(void runs++));
      finish();
      await running;
      expect(runs).to.equal(1);
      expect(action.busy).to.equal(false);
      expect(action.error).to.equal(undefined);
    });

    it('keeps a failure, reports it as portal-error, and runs `failed` before it is no longer busy', async () => {
      const errors = host.record('portal-error');
      const action = new BusyAction(host);
      let busyInFailed: boolean | undefined;
      await action.run(
        'selectProfile',
        () => Promise.reject(new PortalApiError('not_found', { status: 404 })),
        () => (busyInFailed = action.busy),
      );
      expect(action.error?.code).to.equal('not_found');
      expect(errors.map((e) => e.detail)).to.deep.equal([{ operation: 'selectProfile', code: 'not_found' }]);
      expect(busyInFailed).to.equal(true);
      await action.run('selectProfile', () => Promise.resolve());
      expect(action.error, 'the next action starts clean').to.equal(undefined);
    });
  });

  describe('ActingProfileGate', () => {
    let api: FakeTransport;
    const texts = { signedOut: 'Sign in first.', loading: 'Loading profiles…', noProfile: 'Choose a profile.' };
    const shown = (template: TemplateResult | undefined) => {
      if (!template) return undefined;
      const div = document.createElement('div');
      render(template, div);
      return div.textContent.replace(/\s+/g, ' ').trim();
    };

    beforeEach(() => {
      resetPortal();
      sessionStorage.clear();
      api = new FakeTransport().reply('GET /me/profiles', household(null)).reply('PUT /me/profiles/selected', household(maya.id));
      configurePortal({ transport: () => api });
    });

    it('stands while nothing is set up, nobody is signed in, profiles load or none is chosen', async () => {
      const gate = new ActingProfileGate(host);
      gate.observe(undefined);
      expect(shown(gate.renderGate(texts))).to.equal('This part of the portal is not set up yet.');
      const connection = connect(ENDPOINT);
      gate.observe(connection);
      expect(shown(gate.renderGate(texts))).to.equal('Sign in first.');
      expect(api.requests, 'nothing loads signed out').to.have.length(0);
      connection.session.set({ token: 't' });
      gate.observe(connection);
      expect(shown(gate.renderGate(texts))).to.equal('Loading profiles…');
      await waitUntil(() => connection.profiles.status === 'ready');
      expect(shown(gate.renderGate(texts))).to.equal('Choose a profile.');
      expect(gate.renderGate({ signedOut: 'x' }), 'a widget that needs no profile may render').to.equal(undefined);
    });

    it('tells the widget when the acting profile becomes another one, or none', async () => {
      const changes: Array<number | undefined> = [];
      const gate = new ActingProfileGate(host, (acting) => changes.push(acting?.id));
      host.connect();
      const connection = connect(ENDPOINT);
      connection.session.set({ token: 't' });
      gate.observe(connection);
      await waitUntil(() => connection.profiles.status === 'ready');
      gate.observe(connection);
      expect(changes, 'none chosen yet: nothing changed').to.deep.equal([]);
      await connection.profiles.select(maya.id);
      gate.observe(connection);
      gate.observe(connection);
      expect(changes).to.deep.equal([maya.id]);
      expect(gate.acting).to.deep.equal(maya);
      connection.session.clear();
      gate.observe(connection);
      expect(changes).to.deep.equal([maya.id, undefined]);
      expect(gate.acting).to.equal(null);
    });
  });
});
