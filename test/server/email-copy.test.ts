// What the sign-in and welcome emails say, in both languages: each rule once, and the button in
// the practice's own colour with readable text (issue 20).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buttonColors, contrastRatio } from '../../server/mail/button-colors.js';
import { renderSignInEmail, type SignInEmailInput } from '../../server/mail/sign-in-email.js';
import { mailTo, newAccount, requestLink } from './auth-helpers.js';
import { createTestApp, PIN_PEPPER, type TestApp } from './helpers.js';

const practice = { name: 'Lakeside Counseling', phoneDisplay: '(555) 010-0100', timeZone: 'America/Chicago', brandColor: '#1d5f8a' };
const base = { practice, url: 'https://www.lakeside.example/portal#ml=abc', requestedAt: Date.UTC(2026, 0, 5, 15), ttlSeconds: 86_400 };

/** The sentences of an email's text, without the address lines. */
const sentences = (text: string) =>
  text
    .split(/(?<=[.!?:])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 20 && !s.includes('://'));

describe('sign-in and welcome emails say each thing once', () => {
  const cases: Array<Pick<SignInEmailInput, 'kind' | 'language' | 'code'>> = [];
  for (const kind of ['sign_in', 'invitation'] as const)
    for (const language of ['en', 'es'] as const) for (const code of ['012345', undefined]) cases.push({ kind, language, code });

  for (const c of cases) {
    test(`${c.kind}, ${c.language}, ${c.code ? 'with' : 'without'} a code`, () => {
      const mail = renderSignInEmail({ ...base, ...c });
      const lifetime = c.language === 'es' ? /24 horas/g : /24 hours/g;
      assert.equal(mail.text.match(lifetime)?.length, 1, `the lifetime is stated once:\n${mail.text}`);
      const seen = sentences(mail.text);
      assert.deepEqual(seen.filter((s, i) => seen.indexOf(s) !== i), [], 'no sentence twice');
      const newest = c.language === 'es' ? /más reciente/g : /newest/g;
      assert.equal(mail.text.match(newest)?.length, 1, 'the newest-only rule is stated once');
    });
  }
});

describe("the email button takes the practice's colour, with readable text", () => {
  test('the default primary keeps white text (over 4.5:1)', () => {
    assert.deepEqual(buttonColors('#1d5f8a'), { background: '#1d5f8a', text: '#ffffff' });
    assert.ok(contrastRatio('#ffffff', '#1d5f8a') >= 4.5);
  });

  test('a light brand colour gets dark text, which reads at 4.5:1 or more', () => {
    const colors = buttonColors('#F5C518');
    assert.deepEqual(colors, { background: '#f5c518', text: '#000000' });
    assert.ok(contrastRatio(colors.text, colors.background) >= 4.5);
  });

  test('every colour gets a text colour that reads at 4.5:1 or more', () => {
    for (let value = 0; value <= 0xffffff; value += 0x0f0f0f) {
      const hex = `#${value.toString(16).padStart(6, '0')}`;
      const { background, text } = buttonColors(hex);
      assert.ok(contrastRatio(text, background) >= 4.5, hex);
    }
  });

  test('a colour that is not #rrggbb falls back to the default', () => {
    assert.equal(buttonColors('red').background, '#1d5f8a');
    assert.equal(buttonColors('#12345').background, '#1d5f8a');
  });

  test('the rendered button uses the colours, never the old fixed blue', () => {
    const mail = renderSignInEmail({ ...base, kind: 'sign_in', language: 'en', practice: { ...practice, brandColor: '#7a1f5c' } });
    assert.match(mail.html, /background:#7a1f5c;color:#ffffff/);
    assert.doesNotMatch(mail.html, /#1d4ed8/);
  });
});

describe("a link request's email carries the practice's stored colour", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: { pinPepper: PIN_PEPPER } });
  });
  after(() => t.close());

  test('set in the practice row, used in the email the endpoint queues', async () => {
    t.db.prepare("UPDATE practices SET brand_color = '#f5c518' WHERE slug = 'lakeside'").run();
    const email = newAccount(t);
    assert.equal((await requestLink(t, email)).statusCode, 202);
    const [mail] = mailTo(t.db, email);
    assert.match(mail.html, /background:#f5c518;color:#000000/);
  });

  test('the database refuses a colour that is not #rrggbb', () => {
    assert.throws(() => t.db.prepare("UPDATE practices SET brand_color = 'blue' WHERE slug = 'lakeside'").run(), /CHECK/);
  });
});
