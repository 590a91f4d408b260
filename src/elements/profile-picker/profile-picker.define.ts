import { ProfilePicker } from './profile-picker.js';

export { ProfilePicker };

ProfilePicker.define();

declare global {
  interface HTMLElementTagNameMap {
    'profile-picker': ProfilePicker;
  }
}
