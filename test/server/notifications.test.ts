// Staff notification emails: who gets them (the clinician concerned, office and owners when the
// practice says so, only members with notifications on), in their language, with nothing about
// the client or the content; and practice events' bookkeeping (in the caller's transaction).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { NotificationSettings } from '../../src/contract/index.js';
import { transaction } from '../../server/db/transaction.js';
import { emitPracticeEvent } from '../../server/events/emit.js';
import { emitFileUploaded } from '../../server/events/file-event.js';
import { renderStaffNotificationEmail, NOTIFYING_EVENTS } from '../../server/mail/staff-notification-email.js';
import { listPracticeEvents } from '../../server/repos/practice-events.js';
import { lakeside, newClient, openSlots, requestTime, starts, type Lakeside } from './booking-helpers.js';
import { createTestApp, type TestApp } from './helpers.js';
import { asOwner, insertStaff, withoutSeededStaff } from './webhook-helpers.js';

interface Mail {
  to: string;
  language: string;
  subject: string;
  text: string;
  html: string;
}

describe('staff notification emails', () => {
  let t: TestApp;
  let l: Lakeside;
  let lastOutboxId = 0;

  before(async () => {
    t = await createTestApp();
    l = lakeside(t);
    const practiceId = l.practice.id;
    withoutSeededStaff(t.db);
    insertStaff(t.db, t.clock, { practiceId, email: 'sam.staff@lakeside.example', role: 'clinician', clinicianId: l.sam, language: 'es' });
    insertStaff(t.db, t.clock, { practiceId, email: 'ana.staff@lakeside.example', role: 'clinician', clinicianId: l.ana, language: 'en' });
    insertStaff(t.db, t.clock, { practiceId, email: 'front.desk@lakeside.example', role: 'office', language: 'en' });
    insertStaff(t.db, t.clock, { practiceId, email: 'quiet.owner@lakeside.example', role: 'owner', notify: false });
    insertStaff(t.db, t.clock, { practiceId, email: 'gone@lakeside.example', role: 'office', active: false });
    t.db.prepare('UPDATE practices SET console_url = ? WHERE id = ?').run('https://console.lakeside.example/console', practiceId);
  });
  after(() => t.close());
  beforeEach(() => {
    lastOutboxId = (t.db.prepare('SELECT coalesce(max(id), 0) AS id FROM outbox').get() as { id: number }).id;
  });

  /** Mail queued since the test began, to staff addresses only. */
  const staffMail = (): Mail[] =>
    t.db
      .prepare(
        `SELECT to_address AS "to", language, subject, text_body AS text, html_body AS html FROM outbox
         WHERE id > ? AND to_address LIKE '%@lakeside.example' ORDER BY to_address`,
      )
      .all(lastOutboxId) as Mail[];

  async function requestWithSam(message: string): Promise<{ id: number; name: string }> {
    const client = newClient(t);
    const [start] = starts(await openSlots(t, client, { service: l.individual, clinician: l.sam, from: '2025-01-15', to: '2025-01-17' }));
    const appointment = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start, message });
    const name = (t.db.prepare('SELECT display_name FROM profiles WHERE id = ?').get(client.profileId) as { display_name: string }).display_name;
    return { id: appointment.id, name };
  }

  test('a new request: the clinician concerned (in Spanish) and the office, nobody else; nothing about the client', async () => {
    const { name } = await requestWithSam('I feel anxious about work');
    const mail = staffMail();
    assert.deepEqual(mail.map((m) => [m.to, m.language]), [
      ['front.desk@lakeside.example', 'en'],
      ['sam.staff@lakeside.example', 'es'],
    ]);
    const [office, sam] = mail;
    assert.match(office.subject, /^A client requested an appointment – /);
    assert.match(office.text, /open the console/);
    assert.match(sam.subject, /^Un cliente solicitó una cita – /);
    assert.match(sam.text, /abra la consola/);
    assert.match(sam.html, /<html lang="es">/);
    for (const m of mail) {
      assert.match(m.html, /href="https:\/\/console\.lakeside\.example\/console"/);
      for (const secret of [name, 'anxious', 'Sam Patel', '2025', 'Individual']) {
        assert.ok(!m.subject.includes(secret) && !m.text.includes(secret) && !m.html.includes(secret), `no "${secret}" in the email`);
      }
    }
  });

  test('approval and decline tell nobody by email (webhooks only)', async () => {
    const { id } = await requestWithSam('x');
    lastOutboxId = (t.db.prepare('SELECT max(id) AS id FROM outbox').get() as { id: number }).id;
    const res = await asOwner(t, 'POST', `/appointments/${id}/approve`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(staffMail(), []);
  });

  test('a new file: "A client sent a new file — open the console", never its name', () => {
    const profileId = newClient(t).profileId;
    t.db.prepare('UPDATE profiles SET clinician_id = ? WHERE id = ?').run(l.ana, profileId);
    transaction(t.db, () => emitFileUploaded(t, { id: 4242, practiceId: l.practice.id, profileId, fileType: 'pdf' }));
    const mail = staffMail();
    assert.deepEqual(mail.map((m) => m.to), ['ana.staff@lakeside.example', 'front.desk@lakeside.example'], 'the profile’s own clinician');
    assert.equal(mail[0].subject, `A client sent a new file – ${l.practice.name}`);
    assert.match(mail[0].text, /^A client sent a new file — open the console to see it\./);
    assert.ok(!mail[0].text.includes('4242'), 'not even the file id');
  });

  test('the practice setting: office off means only the clinician concerned (owners only)', async () => {
    const read = await asOwner(t, 'GET', '/notifications');
    assert.deepEqual(read.json<NotificationSettings>(), { notifyOffice: true });
    const off = await asOwner(t, 'PATCH', '/notifications', { notifyOffice: false });
    assert.equal(off.statusCode, 200, off.body);
    assert.deepEqual(off.json<NotificationSettings>(), { notifyOffice: false });
    try {
      await requestWithSam('y');
      assert.deepEqual(staffMail().map((m) => m.to), ['sam.staff@lakeside.example']);
    } finally {
      await asOwner(t, 'PATCH', '/notifications', { notifyOffice: true });
    }
  });

  test('no clinician concerned and office off: nobody', () => {
    t.db.prepare('UPDATE practices SET notify_office = 0 WHERE id = ?').run(l.practice.id);
    try {
      transaction(t.db, () => emitPracticeEvent(t, l.practice.id, { type: 'packet.completed', data: { profileId: null } }));
      assert.deepEqual(staffMail(), []);
    } finally {
      t.db.prepare('UPDATE practices SET notify_office = 1 WHERE id = ?').run(l.practice.id);
    }
  });

  test('every notifying kind renders in both languages without a console URL too', () => {
    for (const event of NOTIFYING_EVENTS) {
      for (const language of ['en', 'es'] as const) {
        const email = renderStaffNotificationEmail({ event, language, practice: { name: 'Lakeside <Therapy>', brandColor: '#1d5f8a' }, consoleUrl: null });
        assert.ok(email.subject.length > 10);
        assert.doesNotMatch(email.html, /<a /, 'no button without a console URL');
        assert.match(email.html, /Lakeside &lt;Therapy&gt;/, 'escaped');
        assert.match(email.text, language === 'es' ? /consola/ : /console/);
      }
    }
  });
});

describe('practice events', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('only inside the caller’s transaction; rolled back with it, mail included', () => {
    const practiceId = lakeside(t).practice.id;
    withoutSeededStaff(t.db);
    insertStaff(t.db, t.clock, { practiceId, email: 'desk@lakeside.example', role: 'office' });
    assert.throws(() => emitPracticeEvent(t, practiceId, { type: 'file.uploaded', data: { fileId: 1 } }), /inside the transaction/);
    const mailBefore = (t.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
    assert.throws(() =>
      transaction(t.db, () => {
        emitPracticeEvent(t, practiceId, { type: 'file.uploaded', data: { fileId: 1 } });
        throw new Error('the change fails');
      }),
    );
    assert.equal(listPracticeEvents(t.db, practiceId).length, 0);
    assert.equal((t.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n, mailBefore);
    transaction(t.db, () => emitPracticeEvent(t, practiceId, { type: 'file.uploaded', data: { fileId: 1 } }));
    const [event] = listPracticeEvents(t.db, practiceId);
    assert.match(event.publicId, /^evt_[A-Za-z0-9_-]{22}$/);
    assert.deepEqual(event.data, { fileId: 1 });
    assert.equal((t.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n, mailBefore + 1);
  });
});
