// The office console end to end (issue 13): the practice's owner signs in to the console by
// emailed link, adds a client with the welcome email and sets a clinician's hours; the client
// signs in from the welcome email, requests an appointment, uploads a file, signs and fills in
// the packet; the owner sees it all in the inbox and on the client's page (downloads included),
// approves the request, and the notification emails are in the outbox. Once in English and once
// with the console in Spanish.
import { test, before, after, afterEach, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { startHarness, axeViolations, eventually, outboxFor, type Harness } from './harness.js';

let h: Harness;
let officeApi = true;
/** Staff notification emails come with the practice events (webhooks and notifications). */
let notifications = true;

before(async () => {
  h = await startHarness();
  // The console needs the office API (staff sign-in, clients, hours). Until those routes are in
  // this tree the walk cannot run; say so rather than fail.
  const probe = await fetch(`${h.endpointUrl}/admin/clinicians`, { headers: { Authorization: `Bearer ${h.adminToken}` } });
  officeApi = probe.status === 200;
  notifications = (await fetch(`${h.endpointUrl}/admin/notifications`, { headers: { Authorization: `Bearer ${h.adminToken}` } })).status === 200;
});

afterEach(async () => {
  await h.endTest();
});

after(async () => {
  await h?.close();
});

const OWNER = 'owner@lakeside.example';

type Lang = 'en' | 'es';
const T = {
  en: {
    continueAs: 'Continue as',
    inbox: 'Inbox',
    clients: 'Clients',
    hours: 'Hours and time off',
    added: 'was added and the welcome email is on its way.',
    day: 6,
    addHours: 'Add hours on Saturday',
    saved: 'Hours saved.',
    kinds: ['Requested an appointment', 'Uploaded a file', 'Submitted a form', 'Signed a document'],
    contact: 'Contact details',
    showAnswers: 'Show answers',
    downloadPdf: 'Download PDF',
    approve: 'Approve',
    noRequests: 'No requests are waiting.',
  },
  es: {
    continueAs: 'Continuar como',
    inbox: 'Bandeja de entrada',
    clients: 'Clientes',
    hours: 'Horario y tiempo libre',
    added: 'y el correo de bienvenida va en camino.',
    day: 7,
    addHours: 'Agregar horario el domingo',
    saved: 'Horario guardado.',
    kinds: ['Solicitó una cita', 'Subió un archivo', 'Envió un formulario', 'Firmó un documento'],
    contact: 'Datos de contacto',
    showAnswers: 'Ver respuestas',
    downloadPdf: 'Descargar PDF',
    approve: 'Aprobar',
    noRequests: 'No hay solicitudes pendientes.',
  },
} as const;

const consoleEl = (page: Page) => page.locator('office-console');
const nav = (page: Page, name: string) => consoleEl(page).locator('nav button', { hasText: name });

async function adminCall(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${h.endpointUrl}/admin${path}`, {
    method,
    headers: { Authorization: `Bearer ${h.adminToken}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The newest email to `to` with a link matching `pattern`, once there are more than `before`. */
function newestLink(to: string, pattern: RegExp, before: number): Promise<string> {
  return eventually(`an email to ${to}`, async () => {
    const messages = await outboxFor(h, to);
    return messages.length > before ? messages[0].links.find((l) => pattern.test(l)) : undefined;
  });
}

async function download(page: Page, trigger: Locator): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  return readFile(await file.path());
}

/** The owner: sign-in link from the console, opened from the outbox, and the explicit click. */
async function ownerSignsIn(page: Page, lang: Lang) {
  await page.goto(`${h.demoUrl}/console.html`);
  if (lang === 'es') await consoleEl(page).getByRole('button', { name: 'Español' }).click();
  const before = (await outboxFor(h, OWNER)).length;
  const signIn = page.locator('office-sign-in');
  await signIn.locator('#email').fill(OWNER);
  await signIn.locator('button[type="submit"]').click();
  await signIn.locator('h1[tabindex]').filter({ hasText: lang === 'es' ? 'Revise su correo' : 'Check your email' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  const link = await newestLink(OWNER, /#staff-token=/, before);
  assert.ok(link.startsWith(`${h.demoUrl}/console.html#staff-token=`), 'the link opens the console');
  await page.goto('about:blank');
  await page.goto(link);
  const proceed = signIn.getByRole('button', { name: new RegExp(T[lang].continueAs) });
  await proceed.waitFor();
  assert.equal(new URL(page.url()).hash, '', 'the token left the address bar');
  await proceed.click();
  await page.locator('office-inbox h1').waitFor();
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.localName), 'office-console', 'focus moved into the console');
}

async function addClient(page: Page, lang: Lang, name: string, email: string) {
  await nav(page, T[lang].clients).click();
  const clients = page.locator('office-clients');
  await clients.locator('#new-name').fill(name);
  await clients.locator('#new-email').fill(email);
  await clients.locator('#new-language').selectOption(lang);
  await clients.locator('#new-welcome').check();
  await clients.locator('form button[type="submit"]').last().click();
  await clients.locator('.success').filter({ hasText: T[lang].added }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
}

/** Adds 10:00–14:00 on a day Sam Patel does not work (Saturday, and Sunday in the second walk). */
async function setWeekendHours(page: Page, lang: Lang) {
  await nav(page, T[lang].hours).click();
  const hours = page.locator('office-hours');
  await hours.locator('#clinician').selectOption({ label: 'Sam Patel' });
  const day = hours.locator(`fieldset[data-weekday="${T[lang].day}"]`);
  await day.getByRole('button', { name: T[lang].addHours }).click();
  await day.locator('input[type="time"]').first().fill('10:00');
  await day.locator('input[type="time"]').last().fill('14:00');
  await hours.locator('#save-hours').click();
  await hours.locator('.success').filter({ hasText: T[lang].saved }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  const sam = (await (await adminCall('GET', '/clinicians')).json()) as { clinicians: Array<{ id: number; name: string }> };
  const samId = sam.clinicians.find((c) => c.name === 'Sam Patel')!.id;
  const week = (await (await adminCall('GET', `/clinicians/${samId}/hours`)).json()) as { hours: Array<{ weekday: number; start: string; end: string }> };
  assert.ok(week.hours.some((b) => b.weekday === T[lang].day && b.start === '10:00' && b.end === '14:00'), 'the new hours are stored');
}

/** The client: opens the welcome email's link, and signs in with the explicit click. */
async function clientSignsIn(page: Page, email: string, lang: Lang) {
  const link = await newestLink(email, /#ml=/, 0);
  await page.context().addInitScript((l) => localStorage.setItem('lakeside-demo-language', l), lang);
  await page.goto(link);
  const signin = page.locator('portal-signin');
  await signin.locator('[part~="continue-button"]').click();
  await signin.locator('[part~="sign-out-button"]').waitFor();
}

async function clientRequestsAppointment(page: Page) {
  await page.goto(`${h.demoUrl}/appointments.html`);
  const widget = page.locator('booking-request');
  const part = (name: string) => widget.locator(`[part~="${name}"]`);
  await part('request-button').click();
  await part('choice').first().click(); // the first service
  await part('choice').filter({ hasText: 'Sam Patel' }).click();
  const day = widget.locator('.day[tabindex="0"]');
  await day.waitFor();
  await day.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // the first open time
  await widget.locator('textarea').waitFor();
  await widget.locator('textarea').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // continue to the review
  await part('submit-button').click();
  await part('close-button').waitFor();
}

async function clientUploads(page: Page, lang: Lang) {
  await page.goto(`${h.demoUrl}/files.html`);
  const uploader = page.locator('file-uploader');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), uploader.locator('[part~="choose-button"]').click()]);
  await chooser.setFiles({ name: 'referral.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n') });
  const done = lang === 'es' ? 'Cargado. Su terapeuta puede verlo.' : 'Uploaded. Your clinician can see it.';
  await uploader.locator('[part~="file-row"]').filter({ hasText: 'referral.pdf' }).getByText(done).waitFor({ timeout: 30_000 });
}

async function clientSignsPacket(page: Page, name: string, email: string) {
  await page.goto(`${h.demoUrl}/documents.html`);
  const signer = page.locator('document-signer');
  const part = (p: string) => signer.locator(`[part~="${p}"]`).first();
  const field = (id: string) => signer.locator(`#f-${id}`);
  const next = async () => {
    const title = await part('heading').textContent();
    return () => part('heading').filter({ hasNotText: title ?? '' }).waitFor();
  };
  await part('start-button').click();
  let moved = await next();
  await field('agreed').check(); // consent to sign electronically
  await part('continue-button').click();
  await moved();
  moved = await next();
  await field('agreed').check();
  await field('fullName').fill(name);
  await part('continue-button').click();
  await moved();
  const contact = { addressLine1: '12 Lake St', city: 'Springfield', state: 'IL', postalCode: '62701', mobilePhone: '555-555-0100', email, emergencyName: 'Luis Díaz', emergencyRelationship: 'Brother', emergencyPhone: '555-555-0101' };
  for (const [id, value] of Object.entries(contact)) await field(id).fill(value);
  await part('continue-button').click();
  await part('review').waitFor();
  moved = await next();
  await part('submit-button').click();
  await moved();
}

async function walk(t: TestContext, lang: Lang) {
  if (!officeApi) {
    t.skip('the office API (staff sign-in, clients, hours) is not in this tree yet');
    return;
  }
  const name = lang === 'es' ? 'Rosa Díaz' : 'Robin Gray';
  const email = `${lang}-client-${Date.now()}@example.com`;

  // The owner, on a phone for the Spanish walk.
  const office = await h.newPage({ locale: lang === 'es' ? 'es-MX' : 'en-US', width: lang === 'es' ? 375 : 1024 });
  await ownerSignsIn(office, lang);
  assert.deepEqual(await axeViolations(office), []);
  await addClient(office, lang, name, email);
  await setWeekendHours(office, lang);

  // The client acts in the portal, in their own browser.
  const clients = (await (await adminCall('GET', `/clients?q=${encodeURIComponent(email)}`)).json()) as { clients: Array<{ id: number }> };
  const profileId = clients.clients[0].id;
  const documents = (await (await adminCall('GET', '/document-templates')).json()) as { documents: Array<{ id: number }> };
  const packet = await adminCall('PUT', `/profiles/${profileId}/packet`, {
    welcomeHtml: { en: '<p>Welcome.</p>', es: '<p>Bienvenido.</p>' },
    items: [
      { kind: 'document', documentId: documents.documents[0].id },
      { kind: 'form', formId: 'contact' },
    ],
  });
  assert.equal(packet.status, 200, 'packet assigned');
  const client = await h.newPage({ locale: lang === 'es' ? 'es-MX' : 'en-US' });
  await clientSignsIn(client, email, lang);
  await clientRequestsAppointment(client);
  await clientUploads(client, lang);
  await clientSignsPacket(client, name, email);
  await h.settled(client);

  // Back in the console: the inbox has it all.
  await nav(office, T[lang].inbox).click();
  const inbox = office.locator('office-inbox');
  for (const kind of T[lang].kinds) await inbox.locator('li', { hasText: name }).filter({ hasText: kind }).first().waitFor();
  assert.deepEqual(await axeViolations(office), []);

  // The client's page: the file, the form's answers, the signed PDF; approve the request.
  await inbox.locator('li', { hasText: name }).first().getByRole('button', { name }).click();
  const page = office.locator('office-client');
  await page.locator('h1', { hasText: name }).waitFor();
  const fileBytes = await download(office, page.getByRole('button', { name: /referral\.pdf/ }));
  assert.equal(fileBytes.subarray(0, 5).toString(), '%PDF-');
  await page.locator('li', { hasText: T[lang].contact }).getByRole('button', { name: T[lang].showAnswers }).click();
  await page.locator('dd', { hasText: '62701' }).waitFor();
  const pdf = await download(office, page.getByRole('button', { name: new RegExp(T[lang].downloadPdf) }).first());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.deepEqual(await axeViolations(office), []);
  await page.locator('office-request').getByRole('button', { name: new RegExp(`^${T[lang].approve}`) }).click();
  await page.getByText(T[lang].noRequests).waitFor();

  // The emails: the client's welcome and confirmation, the owner's notifications.
  const clientMail = await eventually('the confirmation email', async () => {
    const messages = await outboxFor(h, email);
    return messages.length >= 2 ? messages : undefined;
  });
  assert.ok(clientMail.every((m) => m.language === lang), `the client's emails are in ${lang}`);
  if (!notifications) {
    t.diagnostic('staff notification emails are not in this tree yet: not checked');
    await h.settled(office);
    return;
  }
  const ownerMail = await eventually('the notification emails', async () => {
    const subjects = (await outboxFor(h, OWNER)).map((m) => m.subject);
    const requested = subjects.some((s) => /requested an appointment|solicitó una cita/i.test(s));
    const file = subjects.some((s) => /sent a new file|envió un archivo/i.test(s));
    return requested && file ? subjects : undefined;
  });
  assert.ok(ownerMail.length >= 3);
  await h.settled(office);
}

test('the owner runs the office from the console in English', async (t) => {
  await walk(t, 'en');
});

test('the owner runs the office from the console in Spanish, on a phone', async (t) => {
  // One sign-in email a minute per address: the server's clock moves past it.
  await h.advanceClock(2 * 60_000);
  await walk(t, 'es');
});
