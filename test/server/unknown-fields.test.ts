// R57(b): request bodies with fields the protocol does not name are refused (400 `validation`),
// not silently stripped, so a card-like field never reaches a handler or a log.
import { Value } from '@sinclair/typebox/value';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { ErrorBody } from '../../src/contract/index.js';
import { admin, newAccount, requestLink } from './auth-helpers.js';
import { as, documentsApp, maria, office } from './documents-helpers.js';
import type { TestApp } from './helpers.js';

const CARD = '4242424242424242';

function assertRefused(res: LightMyRequestResponse, field: string): void {
  assert.equal(res.statusCode, 400, res.body);
  const body: unknown = res.json();
  assert.ok(Value.Check(ErrorBody, body), `not an ErrorBody: ${res.body}`);
  const error = (body as { error: { code: string; fields?: Record<string, string> } }).error;
  assert.equal(error.code, 'validation');
  assert.equal(error.fields?.[field], 'invalid', res.body);
  assert.doesNotMatch(res.body, new RegExp(CARD), 'the value is not echoed');
}

describe('unknown JSON fields are refused (R57(b))', () => {
  let t: TestApp;
  before(async () => {
    t = await documentsApp();
  });
  after(() => t.close());

  test('POST /auth/link refuses an extra top-level field, and still answers 202 without it', async () => {
    const email = newAccount(t);
    assertRefused(await requestLink(t, email, { extra: 1 }), 'extra');
    assertRefused(await requestLink(t, email, { number: CARD }), 'number');
    assert.equal((await requestLink(t, email)).statusCode, 202);
  });

  test('profile-scoped PUT and POST refuse extra fields, top-level and nested', async () => {
    const client = maria(t);
    assertRefused(await as(t, client, 'PUT', '/forms/contact/draft', { answers: { city: 'Springfield' }, cvc: '123' }), 'cvc');
    assertRefused(await as(t, client, 'PUT', '/forms/contact/draft', { answers: { 'card-number': CARD } }), 'answers.card-number');
    assertRefused(await as(t, client, 'POST', '/esign-consent', { textVersion: 1, accept: true, language: 'en', number: CARD }), 'number');
    const saved = await as(t, client, 'PUT', '/forms/contact/draft', { answers: { city: 'Springfield' } });
    assert.equal(saved.statusCode, 200, saved.body);
  });

  test('admin POST and PUT refuse extra fields', async () => {
    assertRefused(await admin(t, '/pins', { email: 'alex@example.com', cvv: '123' }), 'cvv');
    assertRefused(await office(t, 'PUT', '/profiles/1/packet', { welcomeHtml: { en: '<p>Hi</p>', number: CARD }, items: [] }), 'welcomeHtml.number');
  });
});
