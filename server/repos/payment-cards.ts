import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import type { CardBrand } from '../../src/contract/index.js';

/** The card on file: a processor token and what may be shown. Never a number or CVC (R57–R61). */
export interface StoredCard {
  token: string;
  brand: CardBrand;
  last4: string;
  expMonth: number;
  expYear: number;
  savedAt: number;
}

export function findCard(db: Db, practiceId: number, profileId: number): StoredCard | undefined {
  const row = statement<[number, number], { token: string; brand: CardBrand; last4: string; exp_month: number; exp_year: number; saved_at: number }>(
    db,
    'SELECT token, brand, last4, exp_month, exp_year, saved_at FROM payment_cards WHERE practice_id = ? AND profile_id = ?',
  ).get(practiceId, profileId);
  return row && { token: row.token, brand: row.brand, last4: row.last4, expMonth: row.exp_month, expYear: row.exp_year, savedAt: row.saved_at };
}

export function saveCard(
  db: Db,
  clock: Clock,
  input: { practiceId: number; profileId: number; accountId: number } & Omit<StoredCard, 'savedAt'>,
): StoredCard {
  const now = clock.now();
  statement(
    db,
    `INSERT INTO payment_cards (practice_id, profile_id, token, brand, last4, exp_month, exp_year, saved_by, saved_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (practice_id, profile_id) DO UPDATE SET token = excluded.token, brand = excluded.brand, last4 = excluded.last4,
       exp_month = excluded.exp_month, exp_year = excluded.exp_year, saved_by = excluded.saved_by, saved_at = excluded.saved_at`,
  ).run(input.practiceId, input.profileId, input.token, input.brand, input.last4, input.expMonth, input.expYear, input.accountId, now);
  return { token: input.token, brand: input.brand, last4: input.last4, expMonth: input.expMonth, expYear: input.expYear, savedAt: now };
}

export interface PaymentSettings {
  processorOrigin: string;
  pageUrl: string;
}

export function findPaymentSettings(db: Db, practiceId: number): PaymentSettings | undefined {
  const row = statement<[number], { processor_origin: string; page_url: string }>(
    db,
    'SELECT processor_origin, page_url FROM payment_settings WHERE practice_id = ?',
  ).get(practiceId);
  return row && { processorOrigin: row.processor_origin, pageUrl: row.page_url };
}

export function setPaymentSettings(db: Db, clock: Clock, practiceId: number, settings: PaymentSettings): void {
  statement(
    db,
    `INSERT INTO payment_settings (practice_id, processor_origin, page_url, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (practice_id) DO UPDATE SET processor_origin = excluded.processor_origin, page_url = excluded.page_url, updated_at = excluded.updated_at`,
  ).run(practiceId, settings.processorOrigin, settings.pageUrl, clock.now());
}
