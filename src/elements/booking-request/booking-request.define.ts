import { BookingRequest } from './booking-request.js';

export { BookingRequest };

if (!customElements.get('booking-request')) customElements.define('booking-request', BookingRequest);

declare global {
  interface HTMLElementTagNameMap {
    'booking-request': BookingRequest;
  }
}
