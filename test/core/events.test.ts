import { expect } from '@open-wc/testing';
import {
  PORTAL_EVENTS,
  PortalErrorEvent,
  PortalNewClientEvent,
  PortalProfileSelectedEvent,
  PortalSignedInEvent,
  PortalSignedOutEvent,
} from '../../src/core/events.js';

describe('events', () => {
  it('every event class fires under its declared name, bubbling and composed', () => {
    const samples: Record<string, () => Event> = {
      [PortalErrorEvent.type]: () => new PortalErrorEvent({ operation: 'getInfo', code: 'network' }),
      [PortalSignedInEvent.type]: () => new PortalSignedInEvent({ method: 'link' }),
      [PortalSignedOutEvent.type]: () => new PortalSignedOutEvent({ reason: 'expired' }),
      [PortalNewClientEvent.type]: () => new PortalNewClientEvent(),
      [PortalProfileSelectedEvent.type]: () => new PortalProfileSelectedEvent({ profileId: 7 }),
    };
    for (const EventClass of PORTAL_EVENTS) {
      const make = samples[EventClass.type];
      expect(make, `a sample for ${EventClass.type}`).to.be.a('function');
      const event = make();
      expect(event.type).to.equal(EventClass.type);
      expect(event.type.startsWith('portal-')).to.equal(true);
      expect(event.bubbles).to.equal(true);
      expect(event.composed).to.equal(true);
    }
  });

  it('names a profile by id only', () => {
    expect(Object.keys(new PortalProfileSelectedEvent({ profileId: 7 }).detail)).to.deep.equal(['profileId']);
  });

  it('keeps portal-error details to ids and codes', () => {
    const event = new PortalErrorEvent({ operation: 'getInfo', code: 'server' });
    expect(Object.keys(event.detail).sort()).to.deep.equal(['code', 'operation']);
  });
});
