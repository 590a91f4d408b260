import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FormState, Packet } from '../../src/contract/index.js';
import { auditSince, auditTip } from './auth-helpers.js';
import { as, CONTACT_ANSWERS as CONTACT, documentsApp, errorOf, jordanForMaya, maria, packet } from './documents-helpers.js';
import type { TestApp } from './helpers.js';

describe('documents: forms from field descriptions, drafts, validation codes, audit without values', () => {
  let t: TestApp;
  before(async () => {
    t = await documentsApp();
  });
  after(() => t.close());

  test('a form answers its field descriptions (kinds, autocomplete, options with label ids, patterns)', async () => {
    const res = await as(t, maria(t), 'GET', '/forms/demographics');
    assert.equal(res.statusCode, 200, res.body);
    const state = res.json<FormState>();
    assert.equal(state.draft, null);
    assert.equal(state.submitted, null);
    const dob = state.definition.fields.find((f) => f.id === 'dateOfBirth')!;
    assert.equal(dob.kind, 'date');
    assert.equal(dob.autocomplete, 'bday');
    assert.match(dob.max ?? '', /^\d{4}-\d{2}-\d{2}$/);
    const race = state.definition.fields.find((f) => f.id === 'race')!;
    assert.equal(race.kind, 'checkbox');
    assert.equal(race.required, false);
    assert.ok(race.options!.some((o) => o.labelId === 'demographics.race.asian'));
    const contact = (await as(t, maria(t), 'GET', '/forms/contact')).json<FormState>();
    const zip = contact.definition.fields.find((f) => f.id === 'postalCode')!;
    assert.equal(zip.pattern, 'postal_code');
    assert.equal(zip.autocomplete, 'postal-code');
    assert.ok(new RegExp(zip.patternSource!).test('62701-1234'));
  });

  test('a draft saves as the client types and resumes from another session; the packet shows it in progress', async () => {
    const client = maria(t);
    const seq = auditTip(t.db);
    const saved = await as(t, client, 'PUT', '/forms/contact/draft', { answers: { addressLine1: '12 Calle', city: 'Spring' } });
    assert.equal(saved.statusCode, 200, saved.body);
    const again = await as(t, client, 'PUT', '/forms/contact/draft', { answers: { addressLine1: '12 Calle Mayor', city: 'Springfield', postalCode: '627' } });
    assert.equal(again.statusCode, 200, again.body);
    const events = auditSince(t.db, seq);
    assert.ok(events.some((e) => e.action === 'sensitive_update' && e.resource_type === 'form_draft' && e.resource_id === 'contact'));
    assert.ok(!JSON.stringify(events).includes('Calle'), 'no answer values in the audit trail');

    const otherDevice = maria(t); // a new session, as after a timeout or on another device
    const state = (await as(t, otherDevice, 'GET', '/forms/contact')).json<FormState>();
    assert.deepEqual(state.draft?.answers, { addressLine1: '12 Calle Mayor', city: 'Springfield', postalCode: '627' });
    const item = (await packet(t, otherDevice)).items.find((i) => i.kind === 'form' && i.formId === 'contact');
    assert.equal(item?.status, 'in_progress');
  });

  test('drafts refuse only unknown fields, wrong types and over-long values', async () => {
    const client = maria(t);
    const res = await as(t, client, 'PUT', '/forms/contact/draft', { answers: { nickname: 'x', city: 'y'.repeat(101), textReminders: 'yes' } });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(errorOf(res).fields, { 'answers.nickname': 'invalid', 'answers.city': 'too_long', 'answers.textReminders': 'invalid' });
  });

  test('a submission is validated field by field with codes', async () => {
    const client = maria(t);
    const res = await as(t, client, 'POST', '/forms/contact/submission', {
      answers: { ...CONTACT, addressLine1: '  ', state: 'Illinois', postalCode: '6270', email: 'not-an-email', emergencyPhone: undefined },
    });
    assert.equal(res.statusCode, 400);
    const error = errorOf(res);
    assert.equal(error.code, 'validation');
    assert.deepEqual(error.fields, {
      'answers.addressLine1': 'required',
      'answers.state': 'too_long',
      'answers.postalCode': 'invalid',
      'answers.email': 'invalid',
      'answers.emergencyPhone': 'required',
    });
    const demo = await as(t, client, 'POST', '/forms/demographics/submission', {
      answers: { dateOfBirth: '2999-01-01', genderIdentity: 'robot', preferredLanguage: 'es', race: ['asian', 'asian'] },
    });
    assert.deepEqual(errorOf(demo).fields, { 'answers.dateOfBirth': 'out_of_range', 'answers.genderIdentity': 'invalid', 'answers.race': 'invalid' });
    const badDate = await as(t, client, 'POST', '/forms/demographics/submission', {
      answers: { dateOfBirth: '1990-02-30', genderIdentity: 'woman', preferredLanguage: 'es' },
    });
    assert.deepEqual(errorOf(badDate).fields, { 'answers.dateOfBirth': 'invalid' });
  });

  test('a valid submission is stored (trimmed), clears the draft and completes the step', async () => {
    const client = maria(t);
    const res = await as(t, client, 'POST', '/forms/contact/submission', { answers: { ...CONTACT, city: '  Springfield ', addressLine2: '' } });
    assert.equal(res.statusCode, 200, res.body);
    const state = (await as(t, client, 'GET', '/forms/contact')).json<FormState>();
    assert.equal(state.draft, null);
    assert.equal(state.submitted?.answers.city, 'Springfield');
    assert.equal('addressLine2' in (state.submitted?.answers ?? {}), false);
    const p: Packet = await packet(t, client);
    assert.equal(p.items.find((i) => i.kind === 'form' && i.formId === 'contact')?.status, 'completed');
    const demo = await as(t, client, 'POST', '/forms/demographics/submission', {
      answers: { dateOfBirth: '1988-04-12', genderIdentity: 'woman', pronouns: 'she_her', preferredLanguage: 'es', race: ['white'], ethnicity: 'hispanic_latino' },
    });
    assert.equal(demo.statusCode, 200, demo.body);
    const insurance = await as(t, client, 'POST', '/forms/insurance/submission', {
      answers: { payerName: 'Blue Lake Health', memberId: 'XJH-1234', subscriberRelationship: 'self' },
    });
    assert.equal(insurance.statusCode, 200, insurance.body);
  });

  test('a form not in the packet is a 404; an unknown form id is a 400', async () => {
    const jordan = jordanForMaya(t);
    assert.equal((await as(t, jordan, 'GET', '/forms/insurance')).statusCode, 404);
    assert.equal((await as(t, jordan, 'PUT', '/forms/insurance/draft', { answers: {} })).statusCode, 404);
    assert.equal((await as(t, jordan, 'GET', '/forms/medical-history')).statusCode, 400);
  });
});
