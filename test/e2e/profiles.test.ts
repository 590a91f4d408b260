import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startHarness, axeViolations, admin, type Harness } from './harness.js';

let h: Harness;

before(async () => {
  h = await startHarness();
});

afterEach(async () => {
  await h.endTest();
});

after(async () => {
  await h?.close();
});

const picker = (page: Page) => page.locator('profile-picker').first();
const cards = (page: Page) => picker(page).locator('[role="radio"]');
const current = (page: Page) => picker(page).locator('[part~="current"]');

async function signInWithPin(page: Page, email: string, open = true) {
  const { pin } = (await (await admin(h, '/pins', { email })).json()) as { pin: string };
  if (open) await page.goto(`${h.demoUrl}/portal.html`);
  const signin = page.locator('portal-signin');
  await signin.locator('[part~="existing-client-button"]').click();
  await signin.locator('[part~="pin-button"]').click();
  await signin.locator('input[name="email"]').fill(email);
  await signin.locator('input[name="pin"]').fill(pin);
  await signin.locator('[part~="submit-button"]').click();
  await signin.locator('[part~="sign-out-button"]').waitFor();
}

async function mayaId(): Promise<number> {
  const response = await fetch(`${h.endpointUrl}/admin/households`, { headers: { Authorization: `Bearer ${h.adminToken}` } });
  const { profiles } = (await response.json()) as { profiles: Array<{ id: number; displayName: string }> };
  return profiles.find((p) => p.displayName === 'Maya Lee')!.id;
}

const sessionToken = (page: Page) =>
  page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('portal-session:'));
    return key ? sessionStorage.getItem(key) : null;
  });

test('a guardian picks Maya from the keyboard; every widget, and the next page, act for her; revoking ends it at once', async () => {
  const page = await h.newPage();
  await signInWithPin(page, 'jordan@example.com');
  await cards(page).first().waitFor();
  assert.deepEqual(
    (await cards(page).allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim().split(' You can')[0]),
    // The client's own profile first, then the others by name.
    ['JL Jordan Lee You', 'JC Jordan Lee & Casey Lee Couple', 'ML Maya Lee Minor'],
  );
  assert.deepEqual(await axeViolations(page), []);

  await cards(page).first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await current(page).waitFor();
  assert.match((await current(page).textContent()) ?? '', /Acting for: Maya Lee \(Minor\)/);
  assert.equal(await picker(page).evaluate((el) => el.shadowRoot!.activeElement?.getAttribute('part')), 'change-button');

  // A second widget on the page acts for Maya at once, with no request of its own.
  await page.evaluate((endpoint) => {
    const second = document.createElement('profile-picker');
    second.setAttribute('endpoint', endpoint);
    second.id = 'second';
    document.querySelector('main')!.append(second);
  }, h.endpointUrl);
  await page.locator('#second [part~="current"]').getByText('Maya Lee').waitFor();

  // The choice is the session's, kept by the server: another page of the site finds it.
  await page.goto(`${h.demoUrl}/appointments.html`);
  await current(page).getByText('Acting for: Maya Lee (Minor)').waitFor();
  assert.deepEqual(await axeViolations(page), []);

  // The practice revokes the guardian link (R42): the very next request is refused.
  const maya = await mayaId();
  const revoked = await admin(h, '/profile-links/revoke', { email: 'jordan@example.com', profileId: maya });
  assert.equal(revoked.status, 204);
  const token = await sessionToken(page);
  assert.ok(token);
  const select = await fetch(`${h.endpointUrl}/me/profiles/selected`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ profileId: maya }),
  });
  assert.equal(select.status, 404);
  await page.reload();
  await cards(page).first().waitFor();
  assert.equal(await cards(page).count(), 2);
  assert.doesNotMatch((await picker(page).evaluate((el) => el.shadowRoot!.textContent)) ?? '', /Maya/);
  await page.context().close();
});

test('on a phone in Spanish, a partner chooses the couple profile', async () => {
  const page = await h.newPage({ locale: 'es-MX', width: 375 });
  await page.goto(`${h.demoUrl}/portal.html`);
  await page.locator('[data-set-lang="es"]').click();
  await signInWithPin(page, 'casey@example.com', false);
  await picker(page).getByText('¿Con qué perfil usa el portal?').waitFor();
  assert.equal(await cards(page).count(), 2);
  await cards(page).nth(1).click();
  await current(page).getByText('Actuando por: Jordan Lee & Casey Lee (Pareja)').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.context().close();
});

test('a client with one profile is never asked', async () => {
  const page = await h.newPage();
  await signInWithPin(page, 'alex@example.com');
  await current(page).getByText('Acting for: Alex Morgan (You)').waitFor();
  assert.equal(await picker(page).locator('[part~="change-button"]').count(), 0);
  await page.context().close();
});
