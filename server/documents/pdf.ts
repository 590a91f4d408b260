import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import type { SignedCopy } from '../../src/contract/index.js';

// The signed copy as PDF (pdf-lib, standard Helvetica): the document's text, then the
// signature block (signer, for whom, relationship, time in UTC, version, SHA-256 of the text,
// IP and user agent). The HTML was sanitized on save; here it only becomes plain text.

const LABELS = {
  en: {
    block: 'Electronic signature',
    signedBy: 'Signed by',
    forProfile: 'For',
    relationship: 'Relationship',
    time: 'Signed at (UTC)',
    document: 'Document',
    version: 'version',
    hash: 'SHA-256 of the text shown',
    ip: 'IP address',
    agent: 'User agent',
    esign: 'ESIGN consent version',
    self: 'self',
  },
  es: {
    block: 'Firma electrónica',
    signedBy: 'Firmado por',
    forProfile: 'En nombre de',
    relationship: 'Relación',
    time: 'Firmado el (UTC)',
    document: 'Documento',
    version: 'versión',
    hash: 'SHA-256 del texto mostrado',
    ip: 'Dirección IP',
    agent: 'Agente de usuario',
    esign: 'Versión del consentimiento ESIGN',
    self: 'usted mismo',
  },
} as const;

const RELATIONSHIPS = {
  en: { parent: 'parent', legal_guardian: 'legal guardian', personal_representative: 'personal representative' },
  es: { parent: 'madre o padre', legal_guardian: 'tutor legal', personal_representative: 'representante personal' },
} as const;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Sanitized HTML → paragraphs of plain text (block ends become line breaks, list items bullets). */
export function htmlToText(html: string): string[] {
  const text = html
    .replace(/<li[^>]*>/gi, '• ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|h[1-6]|li|div|section|blockquote|tr|dt|dd|ul|ol|table|caption)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0);
}

/** Only what WinAnsi (the standard fonts' encoding) can show; anything else becomes `?`. */
function encodable(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text) {
    try {
      font.encodeText(ch);
      out += ch;
    } catch {
      out += '?';
    }
  }
  return out;
}

function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width || !line) {
      line = next;
    } else {
      lines.push(line);
      line = word;
    }
    while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut -= 1;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

export async function signedCopyPdf(copy: SignedCopy, profileName: string): Promise<Uint8Array> {
  const { signature } = copy;
  const labels = LABELS[signature.language];
  const pdf = await PDFDocument.create();
  const signedAt = new Date(signature.signedAt);
  pdf.setTitle(signature.title);
  pdf.setCreationDate(signedAt);
  pdf.setModificationDate(signedAt);
  pdf.setProducer('client-portal-widgets');
  pdf.setCreator('client-portal-widgets');
  pdf.setLanguage(signature.language);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const margin = 56;
  const pageSize: [number, number] = [612, 792];
  const width = pageSize[0] - 2 * margin;
  let page: PDFPage = pdf.addPage(pageSize);
  let y = pageSize[1] - margin;

  const write = (text: string, options: { font?: PDFFont; size?: number; gap?: number } = {}) => {
    const font = options.font ?? regular;
    const size = options.size ?? 11;
    for (const line of wrap(font, size, encodable(font, text), width)) {
      if (y - size < margin) {
        page = pdf.addPage(pageSize);
        y = pageSize[1] - margin;
      }
      page.drawText(line, { x: margin, y: y - size, size, font });
      y -= size * 1.4;
    }
    y -= options.gap ?? 4;
  };

  write(signature.title, { font: bold, size: 16, gap: 10 });
  for (const paragraph of htmlToText(copy.html)) write(paragraph);
  y -= 16;
  write(labels.block, { font: bold, size: 13, gap: 6 });
  const relationship = signature.relationship ? RELATIONSHIPS[signature.language][signature.relationship] : labels.self;
  const rows: [string, string][] = [
    [labels.signedBy, signature.signerName],
    [labels.forProfile, profileName],
    [labels.relationship, relationship],
    [labels.time, signature.signedAt],
    [labels.document, `${signature.documentId}, ${labels.version} ${signature.version} (${signature.language})`],
    [labels.hash, signature.textSha256],
    [labels.esign, String(signature.esignConsentVersion)],
    [labels.ip, signature.ip],
    [labels.agent, signature.userAgent || '-'],
  ];
  for (const [label, value] of rows) write(`${label}: ${value}`, { size: 10, gap: 2 });
  return pdf.save({ useObjectStreams: false });
}
