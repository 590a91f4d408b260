import type { CardBrand } from '../../src/contract/index.js';

/** The Luhn (mod 10) check over a string of digits. */
export function passesLuhn(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The brand by its leading digits (IIN ranges). */
export function cardBrand(digits: string): CardBrand {
  if (/^4/.test(digits)) return 'visa';
  if (/^(5[1-5]|2(2[2-9][1-9]|2[3-9]|[3-6]|7[01]|720))/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^(6011|65|64[4-9])/.test(digits)) return 'discover';
  return 'other';
}

/**
 * Every run of 13–19 digits in `text` (single spaces or dashes between digits allowed, as card
 * numbers are often written) that passes Luhn (one digit repeated excepted): what a card-data scan looks for. A run inside a
 * word (hex hashes, base64 tokens) or a decimal (`0.3349…`) is not a card number and is skipped;
 * `tok_4242…` is not a word.
 */
export function luhnRuns(text: string): string[] {
  const found: string[] = [];
  // One digit repeated (the audit chain's all-zero genesis hash) is padding, not a card number.
  const plausible = (digits: string) => !/^(\d)\1*$/.test(digits) && passesLuhn(digits);
  for (const match of text.matchAll(/(?<![0-9A-Za-z.])[0-9](?:[ -]?[0-9]){12,}(?![0-9A-Za-z]|\.[0-9])/g)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length <= 19 && plausible(digits)) found.push(digits);
    if (digits.length > 19) {
      for (let start = 0; start + 19 <= digits.length; start += 1) {
        for (let length = 13; length <= 19; length += 1) {
          const window = digits.slice(start, start + length);
          if (plausible(window)) found.push(window);
        }
      }
    }
  }
  return found;
}
