import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AdminDocument, AdminPacket, DocumentVersion, Packet } from '../../src/contract/index.js';
import { sanitizeHtml } from '../../server/documents/sanitize.js';
import { as, documentsApp, errorOf, maria, office } from './documents-helpers.js';
import type { TestApp } from './helpers.js';

const HOSTILE = [
  '<h2>Consent</h2>',
  '<p>Read <a href="javascript:alert(1)">this</a> and <a href="JaVaScRiPt:alert(2)">that</a> and <a href="https://lakeside.example/policy">the policy</a>.</p>',
  '<img src="x" onerror="alert(3)">',
  '<svg onload="alert(4)"><circle r="1"></circle></svg>',
  '<p onclick="alert(5)" style="color:red">Styled</p>',
  '<script>alert(6)</script><iframe src="https://evil.example"></iframe>',
  '<math><mi xlink:href="javascript:alert(7)">x</mi></math>',
  '<form action="https://evil.example"><input name="q"></form>',
  '<a href="data:text/html,<script>alert(8)</script>">data</a>',
].join('\n');

/** No way to run script is left in the HTML. */
function assertInert(html: string): void {
  assert.doesNotMatch(html, /<script|<svg|<img|<iframe|<math|<form|<input|<style/i);
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
  assert.doesNotMatch(html, /javascript:|data:/i);
  assert.doesNotMatch(html, /style=/i);
}

describe('documents: clinician HTML is sanitized on save (R66, R67)', () => {
  let t: TestApp;
  before(async () => {
    t = await documentsApp();
  });
  after(() => t.close());

  test('sanitizeHtml keeps text markup and safe links, drops <img onerror>, javascript: links, <svg onload> and the rest', () => {
    const clean = sanitizeHtml(HOSTILE);
    assertInert(clean);
    assert.match(clean, /<h2>Consent<\/h2>/);
    assert.match(clean, /<a href="https:\/\/lakeside\.example\/policy">the policy<\/a>/);
    assert.match(clean, /<a>this<\/a>/);
    assert.match(clean, /<p>Styled<\/p>/);
  });

  test('the seeded documents and welcome messages are already what the sanitizer keeps', () => {
    const texts = t.db.prepare('SELECT html FROM document_version_texts').pluck().all() as string[];
    assert.ok(texts.length >= 4);
    for (const html of texts) assert.equal(sanitizeHtml(html), html.trim());
    const welcomes = t.db.prepare('SELECT welcome_html FROM document_packets').pluck().all() as string[];
    for (const json of welcomes) for (const html of Object.values(JSON.parse(json) as Record<string, string>)) assert.equal(sanitizeHtml(html), html.trim());
  });

  test('a template saved through the admin API is stored sanitized, and clients get only the sanitized text', async () => {
    const created = await office(t, 'POST', '/document-templates', {
      slug: 'hostile',
      texts: [
        { language: 'en', title: 'Hostile', html: HOSTILE },
        { language: 'es', title: 'Hostil', html: `<p>Hola</p>${HOSTILE}` },
      ],
    });
    assert.equal(created.statusCode, 201, created.body);
    const document = created.json<AdminDocument>();
    for (const text of document.texts) assertInert(text.html);
    const stored = t.db.prepare('SELECT html FROM document_version_texts').all() as { html: string }[];
    for (const row of stored) assertInert(row.html);

    const client = maria(t);
    const assigned = await office(t, 'PUT', `/profiles/${client.profileId}/packet`, {
      welcomeHtml: { en: `<p>Welcome</p><img src=x onerror="alert(9)"><svg onload="alert(10)"></svg>`, es: '<script>alert(11)</script>' },
      items: [{ kind: 'document', documentId: document.id }, { kind: 'form', formId: 'contact' }],
    });
    assert.equal(assigned.statusCode, 200, assigned.body);
    const admin = assigned.json<AdminPacket>();
    assert.deepEqual(admin.welcomeHtml, { en: '<p>Welcome</p>' });
    const p = (await as(t, client, 'GET', '/documents/packet?language=es')).json<Packet>();
    assert.equal(p.welcomeHtml, '<p>Welcome</p>', 'Spanish welcome was only script: English is shown');
    const doc = (await as(t, client, 'GET', `/documents/${document.id}?language=es`)).json<DocumentVersion>();
    assertInert(doc.html);
    assert.match(doc.html, /^<p>Hola<\/p>/);
  });

  test('text that is nothing but script is refused; a duplicate slug is a conflict; a packet with an unknown document is refused', async () => {
    const empty = await office(t, 'POST', '/document-templates', {
      slug: 'only-script',
      texts: [{ language: 'en', title: 'Nothing', html: '<script>alert(1)</script><img src=x onerror=alert(2)>' }],
    });
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorOf(empty).fields, { 'texts.0.html': 'required' });
    const dup = await office(t, 'POST', '/document-templates', { slug: 'hostile', texts: [{ language: 'en', title: 'Again', html: '<p>x</p>' }] });
    assert.equal(dup.statusCode, 409);
    const client = maria(t);
    const bad = await office(t, 'PUT', `/profiles/${client.profileId}/packet`, { welcomeHtml: {}, items: [{ kind: 'document', documentId: 9999 }] });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorOf(bad).fields, { 'items.0.documentId': 'invalid' });
    const twice = await office(t, 'PUT', `/profiles/${client.profileId}/packet`, { welcomeHtml: {}, items: [{ kind: 'payment_card' }, { kind: 'payment_card' }] });
    assert.deepEqual(errorOf(twice).fields, { 'items.1': 'invalid' });
    const harborProfile = t.db.prepare("SELECT p.id FROM profiles p JOIN practices r ON r.id = p.practice_id WHERE r.slug = 'harbor' LIMIT 1").pluck().get() as number;
    assert.equal((await office(t, 'GET', `/profiles/${harborProfile}/packet`)).statusCode, 404, 'another practice’s profile');
    assert.equal((await office(t, 'GET', '/document-templates')).statusCode, 200);
  });
});
