import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listClinicians, listClinicianIdsForService, listServices, listWeeklyHours } from '../../server/repos/catalog.js';
import { findAccountByEmail, listAccessibleProfiles } from '../../server/repos/clients.js';
import { findLatestDocumentText, listDocumentTemplates, sha256Hex } from '../../server/repos/documents.js';
import { findPracticeBySlug } from '../../server/repos/practices.js';
import { DEMO_ACCOUNTS, pointDemoPracticeAtSite, seedDemo } from '../../server/seed/demo.js';
import { createTestDb, LAKESIDE_ORIGIN, type TestDb } from './test-db.js';

const TABLES = ['practices', 'clinicians', 'services', 'clinician_services', 'clinician_hours', 'accounts', 'profiles', 'profile_access', 'document_templates', 'document_versions', 'document_version_texts'];

describe('demo seed', () => {
  let t: TestDb;
  before(() => {
    t = createTestDb();
  });
  after(() => t.close());

  const counts = () => Object.fromEntries(TABLES.map((table) => [table, (t.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]));

  test('is idempotent', () => {
    const before = counts();
    assert.deepEqual(seedDemo(t.db, t.clock, { origins: [], portalUrl: null }), []);
    assert.deepEqual(counts(), before);
  });

  test('Lakeside Counseling as the brief describes it', () => {
    const p = findPracticeBySlug(t.db, 'lakeside')!;
    assert.equal(p.name, 'Lakeside Counseling');
    assert.equal(p.timeZone, 'America/Chicago');
    assert.deepEqual(p.languages, ['en', 'es']);
    assert.equal(p.senderAddress, 'no-reply@lakeside.example');
    const clinicians = listClinicians(t.db, p.id);
    assert.deepEqual(clinicians.map((c) => [c.name, c.languages]), [
      ['Dr. Ana Ruiz', ['en', 'es']],
      ['Sam Patel', ['en']],
    ]);
    const services = listServices(t.db, p.id);
    assert.deepEqual(services.map((s) => [s.kind, s.durationMinutes]), [
      ['intake', 60],
      ['individual', 50],
      ['couple', 80],
    ]);
    const couples = services.find((s) => s.kind === 'couple')!;
    assert.deepEqual(listClinicianIdsForService(t.db, p.id, couples.id), [clinicians[0].id], 'only Ana sees couples');
    assert.ok(listWeeklyHours(t.db, p.id, clinicians[1].id).length > 0);
  });

  test('the demo accounts and who they act for', () => {
    const p = findPracticeBySlug(t.db, 'lakeside')!;
    for (const { email } of DEMO_ACCOUNTS) assert.ok(findAccountByEmail(t.db, p.id, email), email);
    const jordan = findAccountByEmail(t.db, p.id, 'jordan@example.com')!;
    assert.deepEqual(
      listAccessibleProfiles(t.db, p.id, jordan.id).map((x) => [x.kind, x.relationship, x.displayName]),
      [
        ['self', 'self', 'Jordan Lee'],
        ['couple', 'partner', 'Jordan Lee & Casey Lee'],
        ['minor', 'guardian', 'Maya Lee'],
      ],
    );
    const casey = findAccountByEmail(t.db, p.id, 'casey@example.com')!;
    assert.ok(listAccessibleProfiles(t.db, p.id, casey.id).some((x) => x.kind === 'couple'));
    assert.equal(findAccountByEmail(t.db, p.id, 'maria@example.com')!.preferredLanguage, 'es');
  });

  test('consent documents in both languages, hashed as stored', () => {
    const p = findPracticeBySlug(t.db, 'lakeside')!;
    const templates = listDocumentTemplates(t.db, p.id);
    assert.deepEqual(templates.map((d) => [d.slug, d.latestVersion]), [
      ['informed-consent', 1],
      ['privacy-notice', 1],
    ]);
    for (const template of templates) {
      for (const language of ['en', 'es']) {
        const text = findLatestDocumentText(t.db, p.id, template.id, language)!;
        assert.equal(text.sha256, sha256Hex(text.html));
        assert.doesNotMatch(text.html, /<script|on\w+=|style=/i);
      }
    }
    assert.throws(() => t.db.prepare("UPDATE document_version_texts SET html = 'x'").run(), /immutable/);
  });

  test('pointing the demo practice at the running demo site replaces loopback origins only', () => {
    const p = findPracticeBySlug(t.db, 'lakeside')!;
    pointDemoPracticeAtSite(t.db, t.clock, {
      origins: ['http://localhost:9999', 'http://127.0.0.1:9999'],
      portalUrl: 'http://localhost:9999/portal.html',
    });
    const updated = findPracticeBySlug(t.db, 'lakeside')!;
    assert.deepEqual(updated.allowedOrigins, [LAKESIDE_ORIGIN, 'http://localhost:9999', 'http://127.0.0.1:9999']);
    assert.equal(updated.portalUrl, 'http://localhost:9999/portal.html');
    assert.notDeepEqual(updated.allowedOrigins, p.allowedOrigins);
  });
});
