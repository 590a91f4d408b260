import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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

const signer = (page: Page) => page.locator('document-signer');
const part = (page: Page, name: string) => signer(page).locator(`[part~="${name}"]`).first();
const field = (page: Page, id: string) => signer(page).locator(`#f-${id}`);
const heading = (page: Page, text: string | RegExp) => part(page, 'heading').filter({ hasText: text }).waitFor();
/** The signer's headings as the accessibility tree names them: "level text". */
async function headingOutline(page: Page): Promise<string[]> {
  const snapshot = await signer(page).ariaSnapshot();
  return [...snapshot.matchAll(/- heading "([^"]+)" \[level=(\d)\]/g)].map(([, text, level]) => `${level} ${text}`);
}

async function signIn(page: Page, email: string, language: 'en' | 'es' = 'en') {
  const { pin } = (await (await admin(h, '/pins', { email })).json()) as { pin: string };
  await page.context().addInitScript((l) => localStorage.setItem('lakeside-demo-language', l), language);
  await page.goto(`${h.demoUrl}/portal.html`);
  const signin = page.locator('portal-signin');
  await signin.locator('[part~="existing-client-button"]').click();
  await signin.locator('[part~="pin-button"]').click();
  await signin.locator('input[name="email"]').fill(email);
  await signin.locator('input[name="pin"]').fill(pin);
  await signin.locator('[part~="submit-button"]').click();
  await signin.locator('[part~="sign-out-button"]').waitFor();
  await page.goto(`${h.demoUrl}/documents.html`);
}

/** Ticks the agreement, types the name (and relationship) and signs; waits for the next step. */
async function sign(page: Page, name: string, relationship?: string) {
  await field(page, 'agreed').check();
  await field(page, 'fullName').fill(name);
  if (relationship) await field(page, 'relationship').selectOption(relationship);
  const title = await part(page, 'heading').textContent();
  await part(page, 'continue-button').click();
  await part(page, 'heading').filter({ hasNotText: title ?? '' }).waitFor();
}

async function fill(page: Page, values: Record<string, string>) {
  for (const [id, value] of Object.entries(values)) {
    const input = field(page, id);
    const tag = await input.evaluate((el) => el.localName);
    if (tag === 'select') await input.selectOption(value);
    else if (tag === 'fieldset') await input.locator(`input[value="${value}"]`).check();
    else await input.fill(value);
  }
}

/** Fills a form, reviews it and submits it; waits for the next step. */
async function completeForm(page: Page, values: Record<string, string>) {
  await fill(page, values);
  await part(page, 'continue-button').click();
  await part(page, 'review').waitFor();
  const title = await part(page, 'heading').textContent();
  await part(page, 'submit-button').click();
  await part(page, 'heading').filter({ hasNotText: title ?? '' }).waitFor();
}

const CONTACT = {
  addressLine1: '12 Calle Lago',
  city: 'Springfield',
  state: 'IL',
  postalCode: '62701',
  mobilePhone: '555-555-0100',
  email: 'maria@example.com',
  emergencyName: 'Luis García',
  emergencyRelationship: 'Hermano',
  emergencyPhone: '555-555-0101',
};

test('María completes the whole packet in Spanish, on a phone, card included', async () => {
  const page = await h.newPage({ locale: 'es-MX', width: 375 });
  await signIn(page, 'maria@example.com', 'es');
  // The practice's welcome heading is the step's one heading, not said again in the text.
  await heading(page, 'Bienvenido a Lakeside Counseling');
  assert.doesNotMatch((await part(page, 'welcome-text').textContent()) ?? '', /Bienvenido a Lakeside Counseling/);
  assert.deepEqual(await headingOutline(page), ['2 Bienvenido a Lakeside Counseling']);
  assert.deepEqual(await axeViolations(page), []);
  await part(page, 'start-button').click();

  await heading(page, 'Consentimiento para firmar electrónicamente');
  assert.match((await part(page, 'progress').textContent()) ?? '', /Paso 1 de 7: consentimiento para firmar electrónicamente/);
  assert.deepEqual((await headingOutline(page))[0], '2 Consentimiento para firmar electrónicamente');
  assert.equal((await headingOutline(page)).filter((h) => /Consentimiento para firmar/.test(h)).length, 1, 'the title is said once');
  await field(page, 'agreed').check();
  await part(page, 'continue-button').click();
  await heading(page, 'Consentimiento informado para la terapia');
  assert.match((await part(page, 'progress').textContent()) ?? '', /Paso 2 de 7: un documento para firmar/);
  assert.deepEqual(await axeViolations(page), []);
  await sign(page, 'María García');
  await heading(page, 'Aviso de prácticas de privacidad');
  await sign(page, 'María García');

  await heading(page, 'Datos de contacto');
  // Continue with nothing filled: the summary lists every problem, in Spanish.
  await part(page, 'continue-button').click();
  assert.match((await part(page, 'error-summary').textContent()) ?? '', /Hay \d+ problemas/);
  assert.deepEqual(await axeViolations(page), []);
  await completeForm(page, CONTACT);
  await heading(page, 'Sobre usted');
  await completeForm(page, { dateOfBirth: '1988-04-12', genderIdentity: 'woman', preferredLanguage: 'es', ethnicity: 'hispanic_latino' });
  await heading(page, 'Seguro médico');
  await completeForm(page, { payerName: 'Aetna', memberId: 'W123456789', subscriberRelationship: 'self' });

  // The card: typed only in the processor's iframe, on its own origin.
  await heading(page, 'Tarjeta de pago');
  const frame = page.frameLocator('document-signer iframe');
  await frame.locator('#number').fill('4242 4242 4242 4242');
  await frame.locator('#exp-month').fill('12');
  await frame.locator('#exp-year').fill('2030');
  await frame.locator('#cvc').fill('123');
  await frame.locator('button[type="submit"]').click();
  await part(page, 'card-summary').filter({ hasText: 'Visa terminada en 4242, vence 12/2030' }).waitFor();
  const completed = page.evaluate(
    () => new Promise((resolve) => document.addEventListener('portal-packet-completed', (e) => resolve((e as CustomEvent).detail), { once: true })),
  );
  await part(page, 'submit-button').click();
  await heading(page, 'Listo. ¡Gracias!');
  assert.deepEqual(Object.keys((await completed) as object), ['profileId']);
  assert.deepEqual(await axeViolations(page), []);

  await part(page, 'documents-button').click();
  await heading(page, 'Documentos completados');
  assert.equal(await signer(page).locator('[part~="document"]').count(), 2);
  await page.context().close();
});

test('Jordan signs for Maya as her guardian, and downloads the signed copy as PDF', async () => {
  const page = await h.newPage();
  await signIn(page, 'jordan@example.com');
  const picker = page.locator('profile-picker');
  await picker.locator('[role="radio"]').filter({ hasText: 'Maya Lee' }).click();
  await heading(page, 'Welcome');
  await part(page, 'start-button').click();
  await heading(page, 'Consent to sign electronically');
  await field(page, 'agreed').check();
  await part(page, 'continue-button').click();
  await heading(page, 'Informed consent for therapy');
  await signer(page).getByText('You are signing for Maya Lee.').waitFor();
  // Without the relationship, the signature is refused in place.
  await field(page, 'agreed').check();
  await field(page, 'fullName').fill('Jordan Lee');
  await part(page, 'continue-button').click();
  await signer(page).locator('#f-relationship-error').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await sign(page, 'Jordan Lee', 'legal_guardian');
  await heading(page, 'Notice of privacy practices');

  // The Documents tab is a click away at every step; the signed copy opens and downloads.
  await part(page, 'documents-button').click();
  await heading(page, 'Completed documents');
  assert.equal(await signer(page).locator('[part~="document"]').count(), 1);
  const downloading = page.waitForEvent('download');
  await part(page, 'download-button').click();
  const download = await downloading;
  assert.match(download.suggestedFilename(), /^Informed-consent-for-therapy\.pdf$/);
  assert.equal((await readFile(await download.path())).subarray(0, 5).toString(), '%PDF-');
  await part(page, 'view-button').click();
  await part(page, 'signature-block').waitFor();
  assert.match((await part(page, 'signature-block').textContent()) ?? '', /Signed by Jordan Lee on .*Legal guardian/s);
  assert.deepEqual(await axeViolations(page), []);
  await page.context().close();
});

test('a reload in the middle of a form resumes the saved draft', async () => {
  const page = await h.newPage({ width: 375 });
  await signIn(page, 'alex@example.com');
  await part(page, 'start-button').click();
  await heading(page, 'Consent to sign electronically');
  await field(page, 'agreed').check();
  await part(page, 'continue-button').click();
  await heading(page, 'Informed consent for therapy');
  await sign(page, 'Alex Morgan');
  await heading(page, 'Contact details');
  await field(page, 'addressLine1').fill('9 Elm Street');
  await field(page, 'city').fill('Springfield');
  await part(page, 'save-status').filter({ hasText: 'Draft saved.' }).waitFor();
  await page.reload();
  // Straight back to the form, with what was typed.
  await heading(page, 'Contact details');
  assert.equal(await field(page, 'addressLine1').inputValue(), '9 Elm Street');
  assert.equal(await field(page, 'city').inputValue(), 'Springfield');

  // Typed, and the page reloaded at once, well inside the 700 ms pause: the draft went as the
  // page went (keepalive, cross-origin to the endpoint), and is there after the reload.
  await field(page, 'state').fill('IL');
  await field(page, 'postalCode').fill('62701');
  await page.reload();
  await heading(page, 'Contact details');
  assert.equal(await field(page, 'postalCode').inputValue(), '62701');
  assert.equal(await field(page, 'state').inputValue(), 'IL');
  assert.equal(await field(page, 'addressLine1').inputValue(), '9 Elm Street');
  await page.context().close();
});
