// Console: documents and packets. Lists the practice's documents (newest version of each),
// publishes a new version (the server sanitizes the HTML and answers what it kept), and assigns
// a profile its packet: the welcome message and the ordered steps. Every value goes in as text.
import { admin, postAdmin } from './console-api.js';
import { el, problem, say } from './console-dom.js';

const FORMS = [
  ['contact', 'Form: contact details'],
  ['demographics', 'Form: demographics'],
  ['insurance', 'Form: insurance'],
];

const putAdmin = (path, body) => admin(path, { method: 'PUT', body: JSON.stringify(body) });

export function setUpDocuments(section) {
  const status = section.querySelector('[data-documents-status]');
  const table = section.querySelector('[data-documents]');
  const versionForm = section.querySelector('[data-version-form]');
  const versionStatus = section.querySelector('[data-version-status]');
  const packetForm = section.querySelector('[data-packet-form]');
  const packetStatus = section.querySelector('[data-packet-status]');
  const steps = section.querySelector('[data-packet-steps]');
  let documents = [];

  function renderDocuments() {
    table.tBodies[0].replaceChildren(
      ...documents.map((d) => {
        const row = el('tr');
        const titles = d.texts.map((t) => `${t.language}: ${t.title}`).join(' · ');
        row.append(el('th', { scope: 'row' }, d.slug), el('td', {}, String(d.latestVersion)), el('td', {}, titles));
        return row;
      }),
    );
    table.hidden = false;
    const select = versionForm.elements.documentId;
    const chosen = select.value;
    select.replaceChildren(...documents.map((d) => el('option', { value: String(d.id) }, d.slug)));
    if (chosen) select.value = chosen;
  }

  /** One checkbox per possible step; the packet's order is the order shown. */
  function renderSteps(packet) {
    const chosen = new Set(
      packet.items.map((i) => (i.kind === 'document' ? `document:${i.documentId}` : i.kind === 'form' ? `form:${i.formId}` : 'payment_card')),
    );
    const options = [
      ...documents.map((d) => [`document:${d.id}`, `Document: ${d.texts[0]?.title ?? d.slug} (v${d.latestVersion})`]),
      ...FORMS.map(([id, label]) => [`form:${id}`, label]),
      ['payment_card', 'Payment card'],
    ];
    steps.replaceChildren(
      ...options.map(([value, label], index) => {
        const id = `packet-step-${index}`;
        const box = el('input', { type: 'checkbox', id, name: 'step', value, checked: chosen.has(value) });
        return el('div', {}, box, el('label', { htmlFor: id }, ` ${label}`));
      }),
    );
    packetForm.elements.welcomeEn.value = packet.welcomeHtml.en ?? '';
    packetForm.elements.welcomeEs.value = packet.welcomeHtml.es ?? '';
  }

  async function loadPacket() {
    const profileId = packetForm.elements.profileId.value;
    if (!profileId) return;
    try {
      renderSteps(await admin(`/profiles/${profileId}/packet`));
      say(packetStatus, '');
    } catch (error) {
      say(packetStatus, `Could not load the packet. ${problem(error)}`, { error: true });
    }
  }

  async function load() {
    try {
      const [list, households] = await Promise.all([admin('/document-templates'), admin('/households')]);
      documents = list.documents;
      renderDocuments();
      const select = packetForm.elements.profileId;
      const chosen = select.value;
      select.replaceChildren(...households.profiles.map((p) => el('option', { value: String(p.id) }, `${p.displayName} (${p.kind})`)));
      if (chosen) select.value = chosen;
      say(status, '');
      await loadPacket();
    } catch (error) {
      say(status, `Could not load the documents. ${problem(error)}`, { error: true });
    }
  }

  versionForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { documentId, language, title, html } = versionForm.elements;
    const current = documents.find((d) => String(d.id) === documentId.value);
    // The other languages keep their current text in the new version.
    const texts = (current?.texts ?? []).filter((t) => t.language !== language.value).map(({ language: l, title: t, html: h }) => ({ language: l, title: t, html: h }));
    texts.push({ language: language.value, title: title.value, html: html.value });
    try {
      const saved = await postAdmin(`/document-templates/${documentId.value}/versions`, { texts });
      const kept = saved.texts.find((t) => t.language === language.value);
      html.value = kept?.html ?? '';
      say(versionStatus, `Published version ${saved.latestVersion}. The box shows the HTML as sanitized and stored; clients who signed before are asked again.`);
      await load();
    } catch (error) {
      say(versionStatus, `Not published. ${problem(error)}`, { error: true });
    }
  });

  packetForm.elements.profileId.addEventListener('change', loadPacket);
  packetForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const items = [...steps.querySelectorAll('input[name="step"]:checked')].map(({ value }) => {
      if (value === 'payment_card') return { kind: 'payment_card' };
      const [kind, id] = value.split(':');
      return kind === 'document' ? { kind, documentId: Number(id) } : { kind, formId: id };
    });
    const welcomeHtml = {};
    if (packetForm.elements.welcomeEn.value.trim()) welcomeHtml.en = packetForm.elements.welcomeEn.value;
    if (packetForm.elements.welcomeEs.value.trim()) welcomeHtml.es = packetForm.elements.welcomeEs.value;
    try {
      renderSteps(await putAdmin(`/profiles/${packetForm.elements.profileId.value}/packet`, { welcomeHtml, items }));
      say(packetStatus, `Packet saved with ${items.length} steps. The welcome boxes show the sanitized HTML.`);
    } catch (error) {
      say(packetStatus, `Not saved. ${problem(error)}`, { error: true });
    }
  });

  return load();
}
