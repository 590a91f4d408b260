import { msg } from '@lit/localize';

// Deliberately loose: the practice's records decide, not a regex. This only catches typos.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateEmail(value: string): string | undefined {
  const email = value.trim();
  if (!email) return msg('Enter your email address.', { id: 'signin.email.required' });
  if (!EMAIL.test(email) || email.length > 254) return invalidEmailMessage();
  return undefined;
}

export function invalidEmailMessage(): string {
  return msg('Enter an email address like name@example.com.', { id: 'signin.email.invalid' });
}

/** The PIN with spaces already removed. */
export function validatePin(pin: string): string | undefined {
  if (!pin) return msg('Enter the PIN code the office gave you.', { id: 'signin.pin.required' });
  if (!/^\d{6}$/.test(pin)) return msg('The PIN code has 6 digits.', { id: 'signin.pin.invalid' });
  return undefined;
}

/** The emailed code with spaces already removed. */
export function validateCode(code: string): string | undefined {
  if (!code) return msg('Enter the 6-digit code from the email.', { id: 'signin.code.required' });
  if (!/^\d{6}$/.test(code)) return msg('The code has 6 digits.', { id: 'signin.code.invalid' });
  return undefined;
}
