import { ProfilePicker } from './profile-picker.js';

export { ProfilePicker };

if (!customElements.get('profile-picker')) customElements.define('profile-picker', ProfilePicker);

declare global {
  interface HTMLElementTagNameMap {
    'profile-picker': ProfilePicker;
  }
}
