import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startHarness, axeViolations, newestSignInLink, outboxFor, admin, type Harness } from './harness.js';

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

const signin = (page: Page) => page.locator('portal-signin').first();
const part = (page: Page, name: string) => signin(page).locator(`[part~="${name}"]`);
/** What the widget shows: its shadow tree's text, not the light-DOM fallback behind it. */
const shownText = (page: Page) =>
  signin(page).evaluate((el) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' '));

async function requestLink(page: Page, email: string) {
  await page.goto(`${h.demoUrl}/portal.html`);
  await part(page, 'existing-client-button').click();
  await part(page, 'input').fill(email);
  await part(page, 'submit-button').click();
  await part(page, 'tips-button').waitFor();
}

async function apiRequestLink(email: string) {
  return fetch(`${h.endpointUrl}/auth/link`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email }),
  });
}

test('link flow: request, open the emailed link, confirm, signed in; the token leaves the address bar', async () => {
  const page = await h.newPage();
  await requestLink(page, 'alex@example.com');
  assert.match(await shownText(page), /Check your inbox/);
  assert.deepEqual(await axeViolations(page), []);

  const link = await newestSignInLink(h, 'alex@example.com');
  assert.ok(link.startsWith(`${h.demoUrl}/portal.html#ml=`), link);
  await page.goto(link);
  await part(page, 'continue-button').waitFor();
  assert.match((await part(page, 'continue-button').textContent()) ?? '', /Continue as a•••@example\.com/);
  assert.equal(new URL(page.url()).hash, '');
  assert.deepEqual(await axeViolations(page), []);

  await part(page, 'continue-button').click();
  await part(page, 'sign-out-button').waitFor();
  assert.match(await shownText(page), /Signed in as a•••@example\.com/);
  await page.context().close();
});

test('opening a link without clicking, or fetching it, uses nothing up (R7)', async () => {
  await apiRequestLink('casey@example.com');
  const link = await newestSignInLink(h, 'casey@example.com');
  for (let i = 0; i < 5; i++) assert.equal((await fetch(link)).status, 200);
  const idle = await h.newPage();
  await idle.goto(link);
  await part(idle, 'continue-button').waitFor();
  await h.settled(idle); // whatever the page would do on its own, it has done
  await idle.context().close();

  const page = await h.newPage();
  await page.goto(link);
  await part(page, 'continue-button').click();
  await part(page, 'sign-out-button').waitFor();
  await page.context().close();
});

test('an older link after a newer one is refused as superseded; a used link as used', async () => {
  await apiRequestLink('jordan@example.com');
  const older = await newestSignInLink(h, 'jordan@example.com', 1);
  // The per-account throttle allows one email a minute: move the server's clock.
  await h.advanceClock(61_000);
  await apiRequestLink('jordan@example.com');
  const newer = await newestSignInLink(h, 'jordan@example.com', 2);
  assert.notEqual(older, newer);

  const page = await h.newPage();
  await page.goto(older);
  await signin(page).getByText('A newer sign-in link was sent').waitFor();
  assert.deepEqual(await axeViolations(page), []);

  await page.goto(newer);
  await part(page, 'continue-button').click();
  await part(page, 'sign-out-button').waitFor();

  const again = await h.newPage();
  await again.goto(newer);
  await signin(again).getByText('This sign-in link was already used').waitFor();
  await part(again, 'new-link-button').click();
  await part(again, 'input').waitFor();
  await page.context().close();
  await again.context().close();
});

test('a link past 24 hours is refused as expired', async () => {
  await h.advanceClock(61_000);
  await apiRequestLink('maria@example.com');
  const link = await newestSignInLink(h, 'maria@example.com');
  await h.advanceClock(24 * 60 * 60 * 1000);
  const page = await h.newPage();
  await page.goto(link);
  await signin(page).getByText('This sign-in link has expired').waitFor();
  await page.context().close();
});

test('known and unknown emails get identical answers', async () => {
  await h.advanceClock(61_000);
  const known = await apiRequestLink('alex@example.com');
  const unknown = await apiRequestLink('nobody@example.com');
  assert.equal(known.status, 202);
  assert.equal(unknown.status, known.status);
  assert.equal(await unknown.text(), await known.text());
  assert.equal((await outboxFor(h, 'nobody@example.com')).length, 0);
});

test('PIN flow from the keyboard, and the sixth wrong PIN fails even when it is right', async () => {
  const issued = (await (await admin(h, '/pins', { email: 'alex@example.com' })).json()) as { pin: string };
  assert.match(issued.pin, /^\d{6}$/);
  const page = await h.newPage();
  await page.goto(`${h.demoUrl}/portal.html`);
  await part(page, 'existing-client-button').focus();
  await page.keyboard.press('Enter');
  await part(page, 'pin-button').focus();
  await page.keyboard.press('Enter');
  await signin(page).locator('input[name="email"]').focus();
  await page.keyboard.type('alex@example.com');
  await page.keyboard.press('Tab');
  await page.keyboard.type(`${issued.pin.slice(0, 3)} ${issued.pin.slice(3)}`);
  await page.keyboard.press('Enter');
  await part(page, 'sign-out-button').waitFor();
  await part(page, 'sign-out-button').click();
  await part(page, 'existing-client-button').waitFor();

  const second = (await (await admin(h, '/pins', { email: 'alex@example.com' })).json()) as { pin: string };
  const wrong = second.pin === '000000' ? '111111' : '000000';
  for (let i = 0; i < 5; i++) {
    await h.advanceClock(60 * 60 * 1000); // past the per-account delay, so each guess is evaluated
    await fetch(`${h.endpointUrl}/auth/pin`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'alex@example.com', pin: wrong }),
    });
  }
  await h.advanceClock(60 * 60 * 1000);
  await part(page, 'existing-client-button').click();
  await part(page, 'pin-button').click();
  await signin(page).locator('input[name="email"]').fill('alex@example.com');
  await signin(page).locator('input[name="pin"]').fill(second.pin);
  await part(page, 'submit-button').click();
  await signin(page).getByText("That email and PIN weren't accepted").waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.context().close();
});

test('signing out in one widget signs out a second widget on the page', async () => {
  const { pin } = (await (await admin(h, '/pins', { email: 'casey@example.com' })).json()) as { pin: string };
  const page = await h.newPage();
  await page.goto(`${h.demoUrl}/portal.html`);
  await page.evaluate((endpoint) => {
    const second = document.createElement('portal-signin');
    second.setAttribute('endpoint', endpoint);
    second.id = 'second';
    document.querySelector('main')!.append(second);
  }, h.endpointUrl);
  const second = page.locator('#second');
  await part(page, 'existing-client-button').click();
  await part(page, 'pin-button').click();
  await signin(page).locator('input[name="email"]').fill('casey@example.com');
  await signin(page).locator('input[name="pin"]').fill(pin);
  await part(page, 'submit-button').click();
  await second.locator('[part~="sign-out-button"]').waitFor();
  await part(page, 'sign-out-button').click();
  await second.locator('[part~="existing-client-button"]').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  await page.context().close();
});

test('after the idle timeout the server ends the session and every widget says so', async () => {
  const { pin } = (await (await admin(h, '/pins', { email: 'jordan@example.com' })).json()) as { pin: string };
  const page = await h.newPage();
  await page.goto(`${h.demoUrl}/portal.html`);
  await part(page, 'existing-client-button').click();
  await part(page, 'pin-button').click();
  await signin(page).locator('input[name="email"]').fill('jordan@example.com');
  await signin(page).locator('input[name="pin"]').fill(pin);
  await part(page, 'submit-button').click();
  await part(page, 'sign-out-button').waitFor();
  // Signed in, the page's other widget asks for Jordan's profiles: what the client sees
  // first. Only then does the idle time pass (advanceClock also waits for the page to settle).
  await page.locator('profile-picker [role="radio"]').first().waitFor();
  await h.advanceClock(901_000);
  await page.reload();
  await part(page, 'heading').getByText('You were signed out').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  assert.deepEqual(await axeViolations(page), []);
  await page.context().close();
});

test('the whole link flow in Spanish, for a client who prefers Spanish', async () => {
  await h.advanceClock(61_000);
  const page = await h.newPage({ locale: 'es-MX' });
  await page.goto(`${h.demoUrl}/portal.html`);
  await page.locator('[data-set-lang="es"]').click();
  await part(page, 'existing-client-button').click();
  await signin(page).getByText('Inicie sesión con su correo electrónico').waitFor();
  const earlier = (await outboxFor(h, 'maria@example.com')).length;
  await part(page, 'input').fill('maria@example.com');
  await part(page, 'submit-button').click();
  await signin(page).getByText('Revise su correo electrónico').waitFor();
  const link = await newestSignInLink(h, 'maria@example.com', earlier + 1);
  const [email] = await outboxFor(h, 'maria@example.com');
  assert.equal(email.language, 'es');
  assert.match(email.subject, /enlace/i);
  await page.goto(link);
  await part(page, 'continue-button').waitFor({ timeout: 5000 }).catch(async () => {
    throw new Error(`no continue button; the widget shows: ${await shownText(page)}`);
  });
  await part(page, 'continue-button').click();
  await signin(page).getByText('Sesión iniciada como m•••@example.com').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.context().close();
});

test('the code in the same email signs in from the widget (R16), and uses the link up', async () => {
  await h.advanceClock(2 * 60 * 60 * 1000); // past any email budget or wait left by earlier tests
  const earlier = (await outboxFor(h, 'casey@example.com')).length;
  const page = await h.newPage();
  await requestLink(page, 'casey@example.com');
  const link = await newestSignInLink(h, 'casey@example.com', earlier + 1);
  const [email] = await outboxFor(h, 'casey@example.com');
  const found = /code on the sign-in page: (\d{3} \d{3})\n/.exec(email.text);
  assert.ok(found, `no code in ${email.text}`);
  assert.ok(!email.links.some((l) => l.includes(found[1].replace(' ', ''))), 'the code is in no link');

  const code = signin(page).locator('input[name="code"]');
  assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
  assert.deepEqual(await axeViolations(page), []);
  await code.focus();
  await page.keyboard.type(found[1]); // as printed, with its space
  await page.keyboard.press('Enter');
  await part(page, 'sign-out-button').waitFor({ timeout: 5000 }).catch(async () => {
    throw new Error(`not signed in; the widget shows: ${await shownText(page)}`);
  });
  assert.match(await shownText(page), /Signed in as c•••@example\.com/);
  await page.context().close();

  const later = await h.newPage();
  await later.goto(link);
  await signin(later).getByText('This sign-in link was already used').waitFor();
  await later.context().close();
});
