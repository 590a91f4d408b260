import { BookingRequest } from './booking-request.js';

export { BookingRequest };

BookingRequest.define();

declare global {
  interface HTMLElementTagNameMap {
    'booking-request': BookingRequest;
  }
}
