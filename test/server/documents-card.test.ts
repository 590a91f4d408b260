import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { PaymentCard, PaymentCardState, PaymentCardToken } from '../../src/contract/index.js';
import { CARD_TOKEN_PATTERN } from '../../src/contract/constants.js';
import { buildDemoProcessor, newDemoToken, type DemoProcessor } from '../../server/payments/demo-processor.js';
import { luhnRuns, passesLuhn } from '../../server/payments/luhn.js';
import { PAYMENT_ORIGIN, as, documentsApp, errorOf, jordanForMaya, maria } from './documents-helpers.js';
import { LAKESIDE_ORIGIN, type TestApp } from './helpers.js';

const CARD = '4242424242424242';

/** Log lines without pino's own `time` (a 13-digit clock reading, not data). */
const withoutTime = (lines: string[]) =>
  lines
    .map((line) => {
      try {
        const { time: _time, ...rest } = JSON.parse(line) as Record<string, unknown>;
        return JSON.stringify(rest);
      } catch {
        return line;
      }
    })
    .join('\n');

describe('documents: the payment card through the demo processor on another origin (R57–R61, R69)', () => {
  const portalLog: string[] = [];
  const processorLog: string[] = [];
  let t: TestApp;
  let processor: DemoProcessor;

  before(async () => {
    t = await documentsApp({ logger: { level: 'debug', stream: { write: (line) => void portalLog.push(line) } } });
    processor = buildDemoProcessor({
      allowedParentOrigins: () => [LAKESIDE_ORIGIN],
      logger: { level: 'debug', stream: { write: (line) => void processorLog.push(line) } },
      now: () => Date.UTC(2026, 10, 28),
    });
    await processor.app.ready();
  });
  after(async () => {
    await processor.app.close();
    await t.close();
  });

  const tokenize = (body: Record<string, unknown>) =>
    processor.app.inject({ method: 'POST', url: '/v1/tokens', headers: { 'content-type': 'application/json' }, payload: body });

  test('Luhn: the check itself', () => {
    assert.equal(passesLuhn(CARD), true);
    assert.equal(passesLuhn('4242424242424241'), false);
    assert.deepEqual(luhnRuns(`card ${CARD} and 4242 4242 4242 4242 and tok_${CARD} but not ab${CARD}cd`), [CARD, CARD, CARD]);
  });

  test("every token the demo processor makes passes the portal's no-digit-run rule (10,000 tokens)", () => {
    for (let i = 0; i < 10_000; i++) {
      const token = newDemoToken();
      assert.doesNotMatch(token, /[0-9]{13,}/, token);
      assert.match(token, new RegExp(CARD_TOKEN_PATTERN));
    }
  });

  test('the card-entry page: only for an allowed parent, framed only by it, posting only to it', async () => {
    const ok = await processor.app.inject({ method: 'GET', url: `/card-entry?parent=${encodeURIComponent(LAKESIDE_ORIGIN)}&lang=es` });
    assert.equal(ok.statusCode, 200);
    assert.match(String(ok.headers['content-security-policy']), new RegExp(`frame-ancestors ${LAKESIDE_ORIGIN.replace(/\./g, '\\.')}$`));
    assert.match(String(ok.headers['content-security-policy']), /script-src 'self'/);
    assert.match(ok.body, /lang="es"/);
    assert.match(ok.body, /autocomplete="cc-number"/);
    // The page only checks the card; the portal saves it ("Use this card"), so it never says "saved".
    assert.match(ok.body, /Tarjeta verificada\./);
    assert.doesNotMatch(ok.body, /Tarjeta guardada/);
    assert.match(ok.body, new RegExp(`data-parent="${LAKESIDE_ORIGIN.replace(/\./g, '\\.')}"`));
    for (const parent of ['https://evil.example', '*', 'https://www.lakeside.example.evil.example', '']) {
      const res = await processor.app.inject({ method: 'GET', url: `/card-entry?parent=${encodeURIComponent(parent)}` });
      assert.equal(res.statusCode, 400, parent);
    }
    const script = await processor.app.inject({ method: 'GET', url: '/card-entry.js' });
    assert.match(script.body, /window\.parent\.postMessage\(message, parentOrigin\)/);
    assert.match(script.body, /event\.origin !== parentOrigin \|\| event\.source !== window\.parent/);
  });

  test('the processor refuses a bad Luhn, a bad expiry or CVC, and keeps only token, brand, last 4 and expiry', async () => {
    const bad = await tokenize({ number: '4242424242424241', expMonth: 12, expYear: 2030, cvc: '123' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { error: { code: 'invalid_number' } });
    const short = await tokenize({ number: '4242', expMonth: 12, expYear: 2030, cvc: '123' });
    assert.equal(short.json<{ error: { code: string } }>().error.code, 'invalid_number');
    const expired = await tokenize({ number: CARD, expMonth: 1, expYear: 2020, cvc: '123' });
    assert.equal(expired.json<{ error: { code: string } }>().error.code, 'invalid_expiry');
    const cvc = await tokenize({ number: CARD, expMonth: 12, expYear: 2030, cvc: '12' });
    assert.equal(cvc.json<{ error: { code: string } }>().error.code, 'invalid_cvc');
    const notJson = await processor.app.inject({ method: 'POST', url: '/v1/tokens', headers: { 'content-type': 'application/json' }, payload: `{"number":"${CARD}"` });
    assert.equal(notJson.statusCode, 400);
    assert.ok(!notJson.body.includes(CARD));

    const res = await tokenize({ number: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, cvc: '123' });
    assert.equal(res.statusCode, 200, res.body);
    const token = res.json<PaymentCardToken>();
    assert.match(token.token, /^tok_demo_[0-9a-f]{8}(_[0-9a-f]{8}){3}$/);
    assert.deepEqual({ ...token, token: 'x' }, { token: 'x', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 });
    assert.deepEqual(Object.keys(processor.tokens.get(token.token)!).sort(), ['brand', 'createdAt', 'expMonth', 'expYear', 'last4']);
    assert.deepEqual(luhnRuns(JSON.stringify([...processor.tokens])), []);
  });

  test('the portal stores what the iframe posted back (never a number) and shows only brand, last 4 and expiry', async () => {
    const client = maria(t);
    const state = await as(t, client, 'GET', '/payment-card');
    assert.equal(state.statusCode, 200, state.body);
    assert.deepEqual(state.json<PaymentCardState>(), { card: null, processor: { origin: PAYMENT_ORIGIN, pageUrl: `${PAYMENT_ORIGIN}/card-entry` } });

    const tokenized = (await tokenize({ number: '5555555555554444', expMonth: 7, expYear: 2031, cvc: '321' })).json<PaymentCardToken>();
    const res = await as(t, client, 'PUT', '/payment-card', tokenized);
    assert.equal(res.statusCode, 200, res.body);
    const card = res.json<PaymentCard>();
    assert.equal(card.brand, 'mastercard');
    assert.equal(card.last4, '4444');
    assert.ok(!res.body.includes(tokenized.token), 'the token is never sent back');
    const shown = (await as(t, client, 'GET', '/payment-card')).json<PaymentCardState>();
    assert.equal(shown.card?.last4, '4444');

    // A number dressed as a token, or a number field, is refused.
    const dressed = await as(t, client, 'PUT', '/payment-card', { ...tokenized, token: `tok_${CARD}` });
    assert.deepEqual(errorOf(dressed).fields, { token: 'invalid' });
    // An extra `number` property is dropped by the schema (additionalProperties: false), never stored or echoed.
    const extra = await as(t, client, 'PUT', '/payment-card', { ...tokenized, number: CARD });
    assert.ok(!extra.body.includes(CARD));
    // Maya's packet has no card step.
    assert.equal((await as(t, jordanForMaya(t), 'GET', '/payment-card')).statusCode, 404);
  });

  test('after the card step, neither the database file nor the server logs hold a Luhn-valid 13–19 digit run', () => {
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = [t.file, `${t.file}-wal`, `${t.file}-journal`].filter((f) => existsSync(f));
    for (const file of files) {
      const text = readFileSync(file).toString('latin1');
      const runs = luhnRuns(text);
      const context = runs.map((run) => JSON.stringify(text.slice(Math.max(0, text.indexOf(run) - 60), text.indexOf(run) + 40)));
      assert.deepEqual(runs, [], `${file}: ${context.join(' | ')}`);
    }
    assert.ok(portalLog.length > 0, 'the portal logged requests');
    assert.deepEqual(luhnRuns(withoutTime(portalLog)), []);
    assert.deepEqual(luhnRuns(withoutTime(processorLog)), []);
    assert.ok(!processorLog.some((line) => line.includes('/v1/tokens')), 'the processor logs no card requests');
    assert.ok(!portalLog.join('\n').includes('tok_demo_'), 'no token in the portal log');
  });
});
