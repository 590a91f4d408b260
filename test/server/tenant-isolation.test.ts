import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listClinicians, listServices, offerService } from '../../server/repos/catalog.js';
import {
  findAccessibleProfile,
  findAccountByEmail,
  findAccountById,
  grantProfileAccess,
  listAccessibleProfiles,
} from '../../server/repos/clients.js';
import { findLatestDocumentText, listDocumentTemplates } from '../../server/repos/documents.js';
import { findPracticeBySlug, type Practice } from '../../server/repos/practices.js';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './helpers.js';

describe('tenant isolation (R28)', () => {
  let t: TestApp;
  let lakeside: Practice;
  let harbor: Practice;
  before(async () => {
    t = await createTestApp();
    lakeside = findPracticeBySlug(t.db, 'lakeside')!;
    harbor = findPracticeBySlug(t.db, 'harbor')!;
  });
  after(() => t.close());

  test("each practice's paths answer with that practice only", async () => {
    for (const practice of [lakeside, harbor]) {
      const info = await t.app.inject({ url: `/p/${practice.slug}/info` });
      assert.equal(info.json().name, practice.name);
      const settings = await t.app.inject({
        url: `/p/${practice.slug}/admin/settings`,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      assert.equal(settings.json().slug, practice.slug);
      assert.deepEqual(settings.json().allowedOrigins, practice.allowedOrigins);
    }
  });

  test('the same email at two practices is two accounts, each visible only in its own practice', () => {
    const atLakeside = findAccountByEmail(t.db, lakeside.id, 'ALEX@example.com ')!;
    const atHarbor = findAccountByEmail(t.db, harbor.id, 'alex@example.com')!;
    assert.notEqual(atLakeside.id, atHarbor.id);
    assert.equal(findAccountById(t.db, harbor.id, atLakeside.id), undefined);
    assert.equal(findAccountById(t.db, lakeside.id, atHarbor.id), undefined);
    assert.equal(findAccountByEmail(t.db, harbor.id, 'jordan@example.com'), undefined);
  });

  test("no account can reach another practice's profile, even by a valid id", () => {
    const jordan = findAccountByEmail(t.db, lakeside.id, 'jordan@example.com')!;
    const harborAlex = findAccountByEmail(t.db, harbor.id, 'alex@example.com')!;
    const harborProfile = listAccessibleProfiles(t.db, harbor.id, harborAlex.id)[0];
    assert.equal(findAccessibleProfile(t.db, lakeside.id, jordan.id, harborProfile.id), undefined);
    assert.equal(findAccessibleProfile(t.db, harbor.id, jordan.id, harborProfile.id), undefined);
    assert.equal(listAccessibleProfiles(t.db, harbor.id, jordan.id).length, 0);
  });

  test('catalog and documents are per practice', () => {
    assert.deepEqual(
      listClinicians(t.db, harbor.id).map((c) => c.name),
      ['Robin Hart'],
    );
    assert.ok(listServices(t.db, harbor.id).every((s) => s.practiceId === harbor.id));
    const lakesideConsent = listDocumentTemplates(t.db, lakeside.id).find((d) => d.slug === 'informed-consent')!;
    assert.equal(findLatestDocumentText(t.db, harbor.id, lakesideConsent.id, 'en'), undefined);
    assert.ok(findLatestDocumentText(t.db, lakeside.id, lakesideConsent.id, 'es'));
  });

  test('the database itself refuses links across practices (composite foreign keys)', () => {
    const harborAlex = findAccountByEmail(t.db, harbor.id, 'alex@example.com')!;
    const lakesideProfileId = (
      t.db.prepare('SELECT id FROM profiles WHERE practice_id = ? LIMIT 1').get(lakeside.id) as { id: number }
    ).id;
    assert.throws(
      () =>
        grantProfileAccess(t.db, t.clock, {
          practiceId: harbor.id,
          accountId: harborAlex.id,
          profileId: lakesideProfileId,
          relationship: 'guardian',
        }),
      /FOREIGN KEY constraint failed/,
    );
    const harborClinician = listClinicians(t.db, harbor.id)[0];
    const lakesideService = listServices(t.db, lakeside.id)[0];
    assert.throws(
      () => offerService(t.db, harbor.id, harborClinician.id, lakesideService.id),
      /FOREIGN KEY constraint failed/,
    );
  });
});
