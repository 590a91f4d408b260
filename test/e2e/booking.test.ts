import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startHarness, axeViolations, admin, eventually, outboxFor, type Harness } from './harness.js';

let h: Harness;
/** Alex's appointment, confirmed in the first test; the last test moves the clock close to it. */
let alexStart: string | undefined;

before(async () => {
  h = await startHarness();
});

afterEach(async () => {
  await h.endTest();
});

after(async () => {
  await h?.close();
});

const widget = (page: Page) => page.locator('booking-request');
const part = (page: Page, name: string) => widget(page).locator(`[part~="${name}"]`);
const heading = (page: Page, text: string | RegExp) => part(page, 'heading').filter({ hasText: text }).waitFor();

interface PendingRequest {
  id: number;
  rescheduleOfId: number | null;
  start: string;
  profile: { displayName: string };
  service: { id: number };
  clinician: { id: number };
}

async function adminGet<T>(path: string): Promise<T> {
  const response = await fetch(`${h.endpointUrl}/admin${path}`, { headers: { Authorization: `Bearer ${h.adminToken}` } });
  assert.equal(response.status, 200, path);
  return (await response.json()) as T;
}

async function pendingFor(name: string): Promise<PendingRequest[]> {
  const { requests } = await adminGet<{ requests: PendingRequest[] }>('/appointment-requests');
  return requests.filter((r) => r.profile.displayName === name);
}

async function signIn(page: Page, email: string, lang?: 'es') {
  const { pin } = (await (await admin(h, '/pins', { email })).json()) as { pin: string };
  await page.goto(`${h.demoUrl}/portal.html`);
  if (lang) await page.locator(`[data-set-lang="${lang}"]`).click();
  const signin = page.locator('portal-signin');
  await signin.locator('[part~="existing-client-button"]').click();
  await signin.locator('[part~="pin-button"]').click();
  await signin.locator('input[name="email"]').fill(email);
  await signin.locator('input[name="pin"]').fill(pin);
  await signin.locator('[part~="submit-button"]').click();
  await signin.locator('[part~="sign-out-button"]').waitFor();
  await page.goto(`${h.demoUrl}/appointments.html`);
}

/** From the date grid's tab stop, with the keyboard only: to the next open day, and choose it. */
async function chooseDayByKeyboard(page: Page) {
  const stop = widget(page).locator('.day[tabindex="0"]');
  await stop.waitFor();
  await stop.focus();
  const focusedDay = () => widget(page).evaluate((el) => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.day);
  const first = await focusedDay();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focusedDay(), first, 'arrows move the focus day by day');
  const label = await widget(page).locator(`[data-day="${first}"]`).getAttribute('aria-label');
  assert.match(label ?? '', /, \d+ (open times?|horarios? disponibles?)$/);
  await page.keyboard.press('Enter');
}

test('request with the keyboard through the date grid → approved by the clinician → confirmed, with an .ics email', async () => {
  const page = await h.newPage();
  await signIn(page, 'alex@example.com');
  await part(page, 'request-button').click();
  await part(page, 'choice').filter({ hasText: 'Individual therapy' }).click();
  await part(page, 'choice').filter({ hasText: 'Dr. Ana Ruiz' }).click();
  await heading(page, 'Choose a day');
  assert.deepEqual(await axeViolations(page), []);
  await chooseDayByKeyboard(page);
  await heading(page, /^Open times on/);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // the first open time
  await heading(page, 'Anything to add?');
  await widget(page).locator('textarea').fill('First time; a morning works best.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // Continue
  await heading(page, 'Review your request');
  await part(page, 'submit-button').click();
  await heading(page, 'Request sent');
  assert.deepEqual(await axeViolations(page), []);

  const [request] = await pendingFor('Alex Morgan');
  assert.ok(request, 'the office sees the request');
  alexStart = request.start;
  assert.equal((await admin(h, `/appointments/${request.id}/approve`, {})).status, 200);

  await part(page, 'close-button').click();
  await page.reload();
  await part(page, 'appointment').filter({ hasText: 'Confirmed' }).waitFor();
  const confirmation = (await eventually('a confirmation email', async () =>
    (await outboxFor(h, 'alex@example.com')).find((m) => /confirmed/i.test(m.subject)),
  )) as unknown as { attachments: Array<{ filename: string }> };
  assert.ok(confirmation, 'a confirmation email');
  assert.ok(confirmation.attachments.some((a) => a.filename.endsWith('.ics')), 'with a calendar file');
  await page.context().close();
});

test('en español, en un teléfono: the clinician declines with proposed times, and one tap requests one', async () => {
  const page = await h.newPage({ locale: 'es-MX', width: 375 });
  await signIn(page, 'maria@example.com', 'es');
  await part(page, 'request-button').filter({ hasText: 'Solicitar una cita' }).click();
  await part(page, 'choice').filter({ hasText: 'Terapia individual' }).click();
  await part(page, 'choice').filter({ hasText: 'Cualquier profesional disponible' }).click();
  await chooseDayByKeyboard(page);
  await part(page, 'time').first().click();
  await part(page, 'continue-button').click();
  await part(page, 'submit-button').filter({ hasText: 'Solicitar' }).click();
  await heading(page, 'Solicitud enviada');

  const [request] = await pendingFor('María García');
  const slots = await adminGet<{ days: Array<{ slots: Array<{ start: string }> }> }>(
    `/slots?service=${request.service.id}&clinician=${request.clinician.id}`,
  );
  const proposed = slots.days.flatMap((d) => d.slots.map((s) => s.start)).filter((s) => s !== request.start).slice(0, 2);
  const declined = await admin(h, `/appointments/${request.id}/decline`, { note: 'Ese día no puedo.', proposedStarts: proposed });
  assert.equal(declined.status, 200);

  await part(page, 'close-button').click();
  await page.reload();
  const item = part(page, 'appointment').filter({ hasText: 'Rechazada' });
  await item.getByText('Ese día no puedo.').waitFor();
  assert.equal(await item.locator('[part~="proposal-button"]').count(), 2);
  assert.deepEqual(await axeViolations(page), []);
  await item.locator('[part~="proposal-button"]').first().click();
  await heading(page, 'Revise su solicitud');
  await part(page, 'submit-button').click();
  await heading(page, 'Solicitud enviada');
  const [again] = await pendingFor('María García');
  assert.equal(again.start, proposed[0]);
  await page.context().close();
});

test('reschedule, then cancel outside the window; inside it the widget says to call the office', async () => {
  const page = await h.newPage();
  await signIn(page, 'jordan@example.com');
  const picker = page.locator('profile-picker');
  await picker.locator('[role="radio"]').filter({ hasText: 'Maya Lee' }).click();
  const confirmed = part(page, 'appointment').filter({ hasText: 'Confirmed' });
  await confirmed.locator('[part~="reschedule-button"]').click();
  await heading(page, 'Choose a day');
  await chooseDayByKeyboard(page);
  await part(page, 'time').last().click();
  await part(page, 'continue-button').click();
  await part(page, 'review').getByText(/^Instead of /).waitFor();
  await part(page, 'submit-button').click();
  await heading(page, 'New time requested');
  await part(page, 'close-button').click();
  await part(page, 'appointment').filter({ hasText: 'Confirmed; new time requested' }).waitFor();

  const move = (await pendingFor('Maya Lee')).find((r) => r.rescheduleOfId);
  assert.ok(move, 'the move waits for approval');
  assert.equal((await admin(h, `/appointments/${move.id}/approve`, {})).status, 200);
  await page.reload();
  const moved = part(page, 'appointment').filter({ hasText: /^(?!.*new time requested).*Confirmed/s });
  await moved.first().waitFor();

  // Outside the window: cancel, after a confirmation.
  await moved.first().locator('[part~="cancel-button"]').click();
  await part(page, 'confirm').getByText('Cancel this appointment?').waitFor();
  await part(page, 'confirm-button').click();
  await widget(page).getByText('Your appointment was cancelled.').waitFor();
  await part(page, 'appointment').filter({ hasText: 'Cancelled' }).first().waitFor();

  await page.context().close();

  // Alex's appointment from the first test, 12 hours before it starts: by phone only.
  assert.ok(alexStart);
  await h.advanceClock(Date.parse(alexStart) - 12 * 3_600_000 - h.clock.now());
  const alex = await h.newPage();
  await signIn(alex, 'alex@example.com');
  const item = part(alex, 'appointment').filter({ hasText: 'Confirmed' }).first();
  await item.getByText('To cancel or change it, please call the office:').waitFor();
  assert.equal(await item.locator('a[href="tel:+15555550142"]').count(), 1);
  assert.equal(await item.locator('[part~="cancel-button"], [part~="reschedule-button"]').count(), 0);
  assert.deepEqual(await axeViolations(alex), []);
  await alex.context().close();
});
