import { expect } from '@open-wc/testing';
import {
  PORTAL_EVENTS,
  PortalBookingCancelledEvent,
  PortalBookingRequestedEvent,
  PortalBookingRescheduledEvent,
  PortalDocumentSignedEvent,
  PortalErrorEvent,
  PortalFileAcceptEvent,
  PortalFileUploadedEvent,
  PortalNewClientEvent,
  PortalPacketCompletedEvent,
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
      [PortalFileAcceptEvent.type]: () => new PortalFileAcceptEvent({ profileId: 7, type: 'pdf', sizeBytes: 10 }),
      [PortalFileUploadedEvent.type]: () => new PortalFileUploadedEvent({ profileId: 7, fileId: 3, type: 'pdf' }),
      [PortalBookingRequestedEvent.type]: () => new PortalBookingRequestedEvent({ appointmentId: 3 }),
      [PortalBookingCancelledEvent.type]: () => new PortalBookingCancelledEvent({ appointmentId: 3 }),
      [PortalBookingRescheduledEvent.type]: () => new PortalBookingRescheduledEvent({ appointmentId: 3, requestId: 4 }),
      [PortalDocumentSignedEvent.type]: () => new PortalDocumentSignedEvent({ profileId: 7, documentId: 2, signatureId: 9 }),
      [PortalPacketCompletedEvent.type]: () => new PortalPacketCompletedEvent({ profileId: 7 }),
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

  it('names appointments by id only', () => {
    expect(Object.keys(new PortalBookingRequestedEvent({ appointmentId: 3 }).detail)).to.deep.equal(['appointmentId']);
    expect(Object.keys(new PortalBookingCancelledEvent({ appointmentId: 3 }).detail)).to.deep.equal(['appointmentId']);
    expect(Object.keys(new PortalBookingRescheduledEvent({ appointmentId: 3, requestId: 4 }).detail).sort()).to.deep.equal([
      'appointmentId',
      'requestId',
    ]);
  });

  it('file events carry ids, types and sizes, never a name; only portal-file-accept can be cancelled', () => {
    const accept = new PortalFileAcceptEvent({ profileId: 7, type: 'csv', sizeBytes: 10 });
    expect(accept.cancelable).to.equal(true);
    expect(Object.keys(accept.detail).sort()).to.deep.equal(['profileId', 'sizeBytes', 'type']);
    const uploaded = new PortalFileUploadedEvent({ profileId: 7, fileId: 3, type: 'pdf' });
    expect(uploaded.cancelable).to.equal(false);
    expect(Object.keys(uploaded.detail).sort()).to.deep.equal(['fileId', 'profileId', 'type']);
  });

  it('document events name the profile, document and signature by id only', () => {
    expect(Object.keys(new PortalDocumentSignedEvent({ profileId: 7, documentId: 2, signatureId: 9 }).detail).sort()).to.deep.equal([
      'documentId',
      'profileId',
      'signatureId',
    ]);
    expect(Object.keys(new PortalPacketCompletedEvent({ profileId: 7 }).detail)).to.deep.equal(['profileId']);
  });

  it('keeps portal-error details to ids and codes', () => {
    const event = new PortalErrorEvent({ operation: 'getInfo', code: 'server' });
    expect(Object.keys(event.detail).sort()).to.deep.equal(['code', 'operation']);
  });
});
