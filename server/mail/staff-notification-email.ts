import type { Language } from '../../src/contract/index.js';
import { buttonColors } from './button-colors.js';
import type { RenderedEmail } from './sign-in-email.js';
import { emailDocument, html, safeHref } from './template.js';

/** The events staff are emailed about; the others reach the console and webhooks only. */
export const NOTIFYING_EVENTS = [
  'appointment.requested',
  'appointment.cancelled',
  'appointment.rescheduled',
  'packet.completed',
  'file.uploaded',
] as const;
export type NotifyingEvent = (typeof NOTIFYING_EVENTS)[number];

export const isNotifyingEvent = (type: string): type is NotifyingEvent => (NOTIFYING_EVENTS as readonly string[]).includes(type);

export interface StaffNotificationInput {
  event: NotifyingEvent;
  language: Language;
  practice: { name: string; brandColor: string };
  /** The console page; without one the email has no button and says to open the console. */
  consoleUrl: string | null;
}

interface Copy {
  subject: string;
  line: string;
  button: string;
  noButton: string;
  why: string;
}

// Only what happened, never who or what: no client name, no file name, no answers, no time
// (an email may be read on a shared screen or forwarded; the console is behind sign-in).
const SENTENCES: Record<Language, Record<NotifyingEvent, string>> = {
  en: {
    'appointment.requested': 'A client requested an appointment',
    'appointment.cancelled': 'A client’s appointment was cancelled',
    'appointment.rescheduled': 'A client asked to move an appointment',
    'packet.completed': 'A client completed their documents',
    'file.uploaded': 'A client sent a new file',
  },
  es: {
    'appointment.requested': 'Un cliente solicitó una cita',
    'appointment.cancelled': 'Se canceló la cita de un cliente',
    'appointment.rescheduled': 'Un cliente pidió cambiar una cita',
    'packet.completed': 'Un cliente completó sus documentos',
    'file.uploaded': 'Un cliente envió un archivo nuevo',
  },
};

function copyFor(input: StaffNotificationInput): Copy {
  const what = SENTENCES[input.language][input.event];
  const name = input.practice.name;
  return input.language === 'es'
    ? {
        subject: `${what} – ${name}`,
        line: `${what}: abra la consola para verlo.`,
        button: 'Abrir la consola',
        noButton: 'Inicie sesión en la consola de la consulta para verlo.',
        why: `Recibe este aviso porque tiene activadas las notificaciones de ${name}. Los detalles solo se ven en la consola.`,
      }
    : {
        subject: `${what} – ${name}`,
        line: `${what} — open the console to see it.`,
        button: 'Open the console',
        noButton: 'Sign in to the practice console to see it.',
        why: `You get this because notifications are on for you at ${name}. Details are only in the console.`,
      };
}

/**
 * A staff notification ("A client sent a new file — open the console") in the member's
 * language, as text and HTML. It carries no health information: the kind of change and a
 * button to the console, nothing about the client or the content.
 */
export function renderStaffNotificationEmail(input: StaffNotificationInput): RenderedEmail {
  const copy = copyFor(input);
  const href = input.consoleUrl ? safeHref(input.consoleUrl) : null;
  const button = buttonColors(input.practice.brandColor);
  const text = [copy.line, '', href ? `${copy.button}: ${href}` : copy.noButton, '', copy.why, '', input.practice.name, ''].join('\n');
  const action = href
    ? html`<p><a href="${href}" style="display:inline-block;padding:12px 24px;background:${button.background};color:${button.text};border-radius:6px;font-weight:600;text-decoration:none">${copy.button}</a></p>`
    : html`<p>${copy.noButton}</p>`;
  const body = html`<p>${copy.line}</p>
${action}
<p>${copy.why}</p>
<p>${input.practice.name}</p>`;
  return { subject: copy.subject, text, html: emailDocument({ language: input.language, title: copy.subject, body }) };
}
