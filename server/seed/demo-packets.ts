import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { replacePacket, type PacketItemRow } from '../repos/document-packets.js';
import { listDocumentTemplates } from '../repos/documents.js';

// The demo's intake packets (issue 6): María gets the whole packet (both documents, every form
// and the card, in Spanish by her preference); Jordan completes Maya's as her guardian; Alex
// gets a short one. Welcome messages in English and Spanish, of the markup the sanitizer keeps.

const WELCOME = {
  en: `<h2>Welcome to Lakeside Counseling</h2>
<p>We are glad you reached out. Before your first session, please read and sign a few documents and tell us how to reach you. It takes about ten minutes, and you can stop and come back at any time: what you type is saved as you go.</p>
<p>If you have questions, call the office at (555) 555-0142.</p>
<p>— Dr. Ana Ruiz</p>`,
  es: `<h2>Bienvenido a Lakeside Counseling</h2>
<p>Nos alegra que se haya comunicado con nosotros. Antes de su primera sesión, lea y firme algunos documentos y díganos cómo comunicarnos con usted. Toma unos diez minutos y puede parar y volver cuando quiera: lo que escribe se guarda mientras avanza.</p>
<p>Si tiene preguntas, llame a la oficina al (555) 555-0142.</p>
<p>— Dra. Ana Ruiz</p>`,
};

function profileByName(db: Db, practiceId: number, displayName: string): number | undefined {
  return statement<[number, string], { id: number }>(db, 'SELECT id FROM profiles WHERE practice_id = ? AND display_name = ?').get(practiceId, displayName)?.id;
}

export function seedDemoPackets(db: Db, clock: Clock, practiceId: number): void {
  const templates = new Map(listDocumentTemplates(db, practiceId).map((t) => [t.slug, t.id]));
  const doc = (slug: string): PacketItemRow => ({ kind: 'document', templateId: templates.get(slug)! });
  const full: PacketItemRow[] = [
    doc('informed-consent'),
    doc('privacy-notice'),
    { kind: 'form', formId: 'contact' },
    { kind: 'form', formId: 'demographics' },
    { kind: 'form', formId: 'insurance' },
    { kind: 'payment_card' },
  ];
  const packets: [string, PacketItemRow[]][] = [
    ['María García', full],
    ['Maya Lee', [doc('informed-consent'), doc('privacy-notice'), { kind: 'form', formId: 'contact' }, { kind: 'form', formId: 'demographics' }]],
    ['Alex Morgan', [doc('informed-consent'), { kind: 'form', formId: 'contact' }]],
  ];
  for (const [name, items] of packets) {
    const profileId = profileByName(db, practiceId, name);
    if (profileId !== undefined) replacePacket(db, clock, { practiceId, profileId, welcomeHtml: WELCOME, items });
  }
}
