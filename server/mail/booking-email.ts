import type { Language, Modality } from '../../src/contract/index.js';
import type { Practice } from '../repos/practices.js';
import type { RenderedEmail } from './sign-in-email.js';
import { emailDocument, html, safeHref, type SafeHtml } from './template.js';

/**
 * What happened, from the client's side: a request or reschedule request received, the
 * appointment confirmed or moved (approved), a request declined or lapsed, an appointment
 * cancelled or a request withdrawn.
 */
export type BookingEmailKind =
  | 'requested'
  | 'reschedule_requested'
  | 'confirmed'
  | 'rescheduled'
  | 'declined'
  | 'expired'
  | 'cancelled'
  | 'withdrawn';

export interface BookingEmailInput {
  kind: BookingEmailKind;
  language: Language;
  practice: Pick<Practice, 'name' | 'phoneDisplay' | 'timeZone' | 'portalUrl'>;
  clinicianName: string;
  modality: Modality;
  /** The time the email is about (the requested, confirmed or cancelled one). */
  start: number;
  /**
   * For a reschedule: the confirmed time it would replace (requested, declined, expired,
   * withdrawn) or did replace (rescheduled).
   */
  previousStart?: number;
  /** Declined: the times the clinician proposed instead. */
  proposals?: readonly number[];
  /** Declined: the clinician left a note, readable in the portal (never emailed). */
  hasNote?: boolean;
  requestExpiryHours: number;
  cancellationWindowHours: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * "Tuesday, March 10, 2026 at 9:00 AM CDT" / "martes, 10 de marzo de 2026, 9:00 hora de
 * verano central": the
 * practice's zone, named, since the reader may be elsewhere (the portal shows their own zone).
 */
export function formatAppointmentTime(at: number, language: Language, timeZone: string): string {
  const key = `${language}|${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'es' ? 'es' : 'en-US', {
      weekday: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone,
      // Spanish has no common zone abbreviations (ICU writes GMT-6): spell the zone out.
      timeZoneName: language === 'es' ? 'long' : 'short',
    });
    formats.set(key, format);
  }
  // ICU puts narrow no-break spaces in times; some mail clients show them as boxes.
  return format.format(at).replace(/[\u202f\u00a0]/g, ' ');
}

interface Copy {
  subject: string;
  paragraphs: string[];
  /** Heading of the proposed-times list (declined with proposals). */
  proposalsIntro?: string;
  /** Sentence before the portal link; the link follows it. */
  portal: string;
  call: string;
}

function spanish(input: BookingEmailInput, when: string, previous: string, how: string): Copy {
  const { practice, clinicianName: who } = input;
  const stays = input.previousStart !== undefined ? ` Su cita se mantiene el ${previous}.` : '';
  const copy = (subject: string, ...paragraphs: string[]) => ({
    subject,
    paragraphs,
    portal: 'Para ver o cambiar sus citas, inicie sesión en el portal de clientes:',
    call: `¿Preguntas? Llame a ${practice.name} al ${practice.phoneDisplay}.`,
  });
  switch (input.kind) {
    case 'requested':
      return copy(
        `Recibimos su solicitud de cita – ${practice.name}`,
        `Recibimos su solicitud de una cita con ${who} el ${when} (${how}).`,
        `Aún no está confirmada: recibirá otro correo cuando ${who} la apruebe. Si no se responde en ${input.requestExpiryHours} horas, la solicitud vence y el horario queda libre.`,
      );
    case 'reschedule_requested':
      return copy(
        `Recibimos su solicitud para cambiar su cita – ${practice.name}`,
        `Recibimos su solicitud para cambiar su cita con ${who} del ${previous} al ${when} (${how}).`,
        `Hasta que ${who} apruebe el nuevo horario, su cita se mantiene el ${previous}.`,
      );
    case 'confirmed':
      return copy(
        `Su cita está confirmada – ${practice.name}`,
        `Su cita con ${who} el ${when} (${how}) está confirmada. El archivo de calendario adjunto la agrega a su calendario.`,
        `Puede cancelarla o cambiarla en el portal hasta ${input.cancellationWindowHours} horas antes; después, llame al ${practice.phoneDisplay}.`,
      );
    case 'rescheduled':
      return copy(
        `Su cita cambió de horario – ${practice.name}`,
        `Su cita con ${who} pasó del ${previous} al ${when} (${how}). El archivo de calendario adjunto actualiza su calendario.`,
      );
    case 'declined':
      return {
        ...copy(
          `Su solicitud de cita no fue confirmada – ${practice.name}`,
          `${who} no puede atenderle el ${when}.${stays}`,
          ...(input.hasNote ? ['Su terapeuta le dejó una nota en el portal.'] : []),
        ),
        proposalsIntro: `${who} le propone estos horarios:`,
        portal: 'Para pedir uno de ellos u otro horario, inicie sesión en el portal de clientes:',
      };
    case 'expired':
      return {
        ...copy(
          `Su solicitud de cita venció – ${practice.name}`,
          `Su solicitud para el ${when} con ${who} no pudo confirmarse a tiempo, así que el horario quedó libre.${stays}`,
        ),
        portal: 'Para pedir otro horario, inicie sesión en el portal de clientes:',
      };
    case 'cancelled':
      return copy(
        `Su cita fue cancelada – ${practice.name}`,
        `Su cita con ${who} el ${when} está cancelada. El archivo de calendario adjunto la quita de su calendario.`,
      );
    case 'withdrawn':
      return copy(`Retiró su solicitud de cita – ${practice.name}`, `Retiró su solicitud para el ${when} con ${who}.${stays}`);
  }
}

function english(input: BookingEmailInput, when: string, previous: string, how: string): Copy {
  const { practice, clinicianName: who } = input;
  const stays = input.previousStart !== undefined ? ` Your appointment stays on ${previous}.` : '';
  const copy = (subject: string, ...paragraphs: string[]) => ({
    subject,
    paragraphs,
    portal: 'To see or change your appointments, sign in to the client portal:',
    call: `Questions? Call ${practice.name} at ${practice.phoneDisplay}.`,
  });
  switch (input.kind) {
    case 'requested':
      return copy(
        `We received your appointment request – ${practice.name}`,
        `We received your request for an appointment with ${who} on ${when} (${how}).`,
        `It is not confirmed yet: you'll get another email when ${who} approves it. If it isn't answered within ${input.requestExpiryHours} hours, the request lapses and the time is freed.`,
      );
    case 'reschedule_requested':
      return copy(
        `We received your request to move your appointment – ${practice.name}`,
        `We received your request to move your appointment with ${who} from ${previous} to ${when} (${how}).`,
        `Until ${who} approves the new time, your appointment stays on ${previous}.`,
      );
    case 'confirmed':
      return copy(
        `Your appointment is confirmed – ${practice.name}`,
        `Your appointment with ${who} on ${when} (${how}) is confirmed. The attached calendar file adds it to your calendar.`,
        `You can cancel or reschedule it in the portal up to ${input.cancellationWindowHours} hours before; after that, please call ${practice.phoneDisplay}.`,
      );
    case 'rescheduled':
      return copy(
        `Your appointment has moved – ${practice.name}`,
        `Your appointment with ${who} has moved from ${previous} to ${when} (${how}). The attached calendar file updates your calendar.`,
      );
    case 'declined':
      return {
        ...copy(
          `Your appointment request was not confirmed – ${practice.name}`,
          `${who} is not able to see you on ${when}.${stays}`,
          ...(input.hasNote ? ['Your clinician left you a note in the portal.'] : []),
        ),
        proposalsIntro: `${who} proposed these times instead:`,
        portal: 'To request one of them or another time, sign in to the client portal:',
      };
    case 'expired':
      return {
        ...copy(
          `Your appointment request has lapsed – ${practice.name}`,
          `Your request for ${when} with ${who} could not be confirmed in time, so the time was freed.${stays}`,
        ),
        portal: 'To request another time, sign in to the client portal:',
      };
    case 'cancelled':
      return copy(
        `Your appointment was cancelled – ${practice.name}`,
        `Your appointment with ${who} on ${when} is cancelled. The attached calendar file removes it from your calendar.`,
      );
    case 'withdrawn':
      return copy(`You withdrew your appointment request – ${practice.name}`, `You withdrew your request for ${when} with ${who}.${stays}`);
  }
}

const MODALITY: Record<Language, Record<Modality, string>> = {
  en: { telehealth: 'by video', in_person: 'in person' },
  es: { telehealth: 'por video', in_person: 'en persona' },
};

/**
 * A booking email in one language, as text and HTML. It names the time, the clinician, the
 * practice and whether it is by video: what the reader needs to attend, and no more (no
 * service, no profile name, no message or note: those stay in the portal).
 */
export function renderBookingEmail(input: BookingEmailInput): RenderedEmail {
  const { language, practice } = input;
  const at = (ms: number) => formatAppointmentTime(ms, language, practice.timeZone);
  const when = at(input.start);
  const previous = input.previousStart === undefined ? '' : at(input.previousStart);
  const how = MODALITY[language][input.modality];
  const copy = language === 'es' ? spanish(input, when, previous, how) : english(input, when, previous, how);
  const proposals = input.kind === 'declined' ? (input.proposals ?? []).map(at) : [];
  const href = practice.portalUrl ? safeHref(practice.portalUrl) : undefined;

  const text = [
    ...copy.paragraphs.flatMap((p) => [p, '']),
    ...(proposals.length > 0 && copy.proposalsIntro ? [copy.proposalsIntro, ...proposals.map((p) => `- ${p}`), ''] : []),
    ...(href ? [copy.portal, href, ''] : []),
    copy.call,
    '',
    practice.name,
    '',
  ].join('\n');
  const body: SafeHtml = html`${copy.paragraphs.map((p) => html`<p>${p}</p>\n`)}${
    proposals.length > 0 && copy.proposalsIntro
      ? html`<p>${copy.proposalsIntro}</p>\n<ul>${proposals.map((p) => html`<li>${p}</li>`)}</ul>\n`
      : ''
  }${href ? html`<p>${copy.portal}<br><a href="${href}">${href}</a></p>\n` : ''}<p>${copy.call}</p>
<p>${practice.name}</p>`;
  return { subject: copy.subject, text, html: emailDocument({ language, title: copy.subject, body }) };
}
