// The code in a console sign-in email (R16), with the PIN rules it shares (R20–R24), for staff.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { assertOneRefusal, mailTo } from './auth-helpers.js';
import type { TestApp } from './helpers.js';
import { createStaffTestApp, newStaff, newStaffLinkToken, office, staffCodeIn } from './staff-helpers.js';

const DAY = 24 * 60 * 60_000;
let ips = 0;
const freshIp = () => `192.0.2.${(ips += 1) % 250}`;

describe('console sign-in by emailed code (R16, R20–R24)', () => {
  let t: TestApp;
  before(async () => {
    t = await createStaffTestApp();
  });
  after(() => t.close());
  beforeEach(() => t.clock.advance(DAY));

  test('the code (spaces ignored) works once, starts a console session, and uses the link up', async () => {
    const member = newStaff(t, 'office');
    const token = await newStaffLinkToken(t, member.email, { ip: freshIp() });
    const code = staffCodeIn(mailTo(t.db, member.email)[0]);
    const res = await office(t, 'POST', '/auth/email-code', { email: member.email, code: `${code.slice(0, 3)} ${code.slice(3)}` }, { ip: freshIp() });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().staff.id, member.id);
    assert.equal((await office(t, 'GET', '/me', undefined, { bearer: res.json().token })).statusCode, 200);
    const again = await office(t, 'POST', '/auth/email-code', { email: member.email, code }, { ip: freshIp() });
    assert.equal(again.statusCode, 401);
    const link = await office(t, 'POST', '/auth/link/redeem', { token }, { ip: freshIp() });
    assert.equal(link.statusCode, 409, 'the link is used up with its code');
  });

  test('five wrong codes void it; the link still works (R20, R23)', async () => {
    const member = newStaff(t, 'office');
    const token = await newStaffLinkToken(t, member.email, { ip: freshIp() });
    const code = staffCodeIn(mailTo(t.db, member.email)[0]);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) {
      assert.equal((await office(t, 'POST', '/auth/email-code', { email: member.email, code: wrong }, { ip: freshIp() })).statusCode, 401);
      t.clock.advance(2 * 60 * 60_000); // past the address's growing wait (R21)
    }
    const right = await office(t, 'POST', '/auth/email-code', { email: member.email, code }, { ip: freshIp() });
    assert.equal(right.statusCode, 401, 'void after five');
    assert.equal((await office(t, 'POST', '/auth/link/redeem', { token }, { ip: freshIp() })).statusCode, 201);
  });

  test('unknown, deactivated, wrong and client addresses get one identical answer (R24)', async () => {
    const member = newStaff(t, 'office');
    await newStaffLinkToken(t, member.email, { ip: freshIp() });
    const gone = newStaff(t, 'office');
    await newStaffLinkToken(t, gone.email, { ip: freshIp() });
    const goneCode = staffCodeIn(mailTo(t.db, gone.email)[0]);
    t.db.prepare('UPDATE staff_members SET active = 0 WHERE id = ?').run(gone.id);
    const answers = {
      wrong: await office(t, 'POST', '/auth/email-code', { email: member.email, code: '123456' }, { ip: freshIp() }),
      unknown: await office(t, 'POST', '/auth/email-code', { email: 'nobody@lakeside.example', code: '123456' }, { ip: freshIp() }),
      deactivated: await office(t, 'POST', '/auth/email-code', { email: gone.email, code: goneCode }, { ip: freshIp() }),
      malformed: await office(t, 'POST', '/auth/email-code', { email: newStaff(t, 'office').email, code: 'abc' }, { ip: freshIp() }),
      client: await office(t, 'POST', '/auth/email-code', { email: 'alex@example.com', code: '123456' }, { ip: freshIp() }),
    };
    assertOneRefusal(answers, { error: { code: 'invalid_credentials', message: answers.wrong.json().error.message } });
  });

  test('a client gets 20 failed checks an hour, then 429 (R22)', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i += 1) {
      assert.equal((await office(t, 'POST', '/auth/email-code', { email: `spray${i}@lakeside.example`, code: '123456' }, { ip })).statusCode, 401);
    }
    assert.equal((await office(t, 'POST', '/auth/email-code', { email: 'spray21@lakeside.example', code: '123456' }, { ip })).statusCode, 429);
  });
});
