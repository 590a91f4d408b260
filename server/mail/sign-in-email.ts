import type { Language } from '../../src/contract/index.js';
import type { Practice } from '../repos/practices.js';
import { buttonColors } from './button-colors.js';
import { emailDocument, html, safeHref, type SafeHtml } from './template.js';

export type SignInEmailKind = 'sign_in' | 'invitation';

export interface SignInEmailInput {
  kind: SignInEmailKind;
  practice: Pick<Practice, 'name' | 'phoneDisplay' | 'timeZone' | 'brandColor'>;
  language: Language;
  /** The link with its `#ml=` fragment. */
  url: string;
  /** The six-digit fallback code (R16), when the server can hash one; shown as "123 456". */
  code?: string;
  /** When the client asked (the subject names it, in the practice's time zone). */
  requestedAt: number;
  /** How long the link works. */
  ttlSeconds: number;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "10:42 AM" / "10:42" in the practice's zone; formatters are cached (they are slow to build). */
export function formatRequestTime(at: number, language: Language, timeZone: string): string {
  const key = `${language}|${timeZone}`;
  let format = timeFormats.get(key);
  if (!format) {
    const locale = language === 'es' ? 'es' : 'en-US';
    try {
      format = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone });
    } catch {
      format = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
    }
    timeFormats.set(key, format);
  }
  // ICU puts a narrow no-break space before AM/PM; some mail clients show it as a box.
  return format.format(at).replace(/[\u202f\u00a0]/g, ' ');
}

/** "24 hours" / "24 horas"; minutes when the lifetime is not whole hours. */
export function validity(ttlSeconds: number, language: Language): string {
  const hours = ttlSeconds / 3600;
  if (Number.isInteger(hours)) {
    if (language === 'es') return hours === 1 ? '1 hora' : `${hours} horas`;
    return hours === 1 ? '1 hour' : `${hours} hours`;
  }
  const minutes = Math.ceil(ttlSeconds / 60);
  if (language === 'es') return minutes === 1 ? '1 minuto' : `${minutes} minutos`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** The words of a sign-in email; the layout is the same for every kind. */
export interface SignInCopy {
  subject: string;
  greeting: string;
  intro: string[];
  button: string;
  copyHint: string;
  /** How long the link (and the code, when the email has one) works: said once. */
  rules: string;
  notYou: string;
  /** "Or enter this code on the sign-in page:" (followed by the code). */
  codeLead: string;
}

function copyFor(input: SignInEmailInput): SignInCopy {
  const { practice, language } = input;
  const name = practice.name;
  const valid = validity(input.ttlSeconds, language);
  const time = formatRequestTime(input.requestedAt, language, practice.timeZone);
  const withCode = input.code !== undefined;
  if (language === 'es') {
    // "a la 1:05" but "a las 10:42".
    const at = /^1:/.test(time) ? `a la ${time}` : `a las ${time}`;
    const notYou = `Si sigue recibiendo estos correos sin pedirlos, llame a ${name} al ${practice.phoneDisplay}.`;
    const codeLead = 'O escriba este código en la página de inicio de sesión:';
    const rules = withCode
      ? `El enlace y el código funcionan durante ${valid} y una sola vez (usar uno anula el otro). Si pidió más de un enlace, solo funciona el correo más reciente.`
      : `El enlace funciona durante ${valid} y una sola vez. Si pidió más de un enlace, solo funciona el más reciente.`;
    return input.kind === 'invitation'
      ? {
          subject: `Le damos la bienvenida al portal de clientes de ${name}`,
          greeting: 'Hola:',
          intro: [
            `¡Bienvenido/a! ${name} preparó su portal de clientes: un lugar privado para pedir citas, firmar documentos y compartir archivos con su terapeuta. Nos alegra acompañarle.`,
            'Para entrar por primera vez, use este enlace:',
          ],
          button: 'Iniciar sesión',
          copyHint: 'Si el botón no funciona, copie esta dirección en su navegador:',
          rules: `${rules} Más adelante puede pedir un enlace nuevo en la página del portal.`,
          notYou: `¿No esperaba este correo? Puede ignorarlo: nadie puede entrar sin este enlace. ${notYou}`,
          codeLead,
        }
      : {
          subject: `Su enlace para iniciar sesión en ${name} (solicitado ${at})`,
          greeting: 'Hola:',
          intro: [`Usted pidió iniciar sesión en su portal de clientes de ${name}. Para entrar, use este enlace:`],
          button: 'Iniciar sesión',
          copyHint: 'Si el botón no funciona, copie esta dirección en su navegador:',
          rules,
          notYou: `¿No pidió iniciar sesión? Puede ignorar este correo: nadie puede entrar sin este enlace. ${notYou}`,
          codeLead,
        };
  }
  const notYou = `If you keep getting these emails without asking, call ${name} at ${practice.phoneDisplay}.`;
  const codeLead = 'Or enter this code on the sign-in page:';
  const rules = withCode
    ? `The link and the code work for ${valid} and only once (using one uses up the other). If you asked for more than one link, only the newest email works.`
    : `The link works for ${valid} and only once. If you asked for more than one link, only the newest one works.`;
  return input.kind === 'invitation'
    ? {
        subject: `Welcome to the client portal of ${name}`,
        greeting: 'Hello,',
        intro: [
          `Welcome! ${name} has set up your client portal: a private place to request appointments, sign documents and share files with your clinician. We're glad you're here.`,
          'To sign in for the first time, use this link:',
        ],
        button: 'Sign in',
        copyHint: "If the button doesn't work, copy this address into your browser:",
        rules: `${rules} Later, you can always ask for a new link on the portal page.`,
        notYou: `Weren't expecting this? You can ignore this email: nobody can sign in without this link. ${notYou}`,
        codeLead,
      }
    : {
        subject: `Your sign-in link for ${name} (requested ${time})`,
        greeting: 'Hello,',
        intro: [`You asked to sign in to your client portal at ${name}. To sign in, use this link:`],
        button: 'Sign in',
        copyHint: "If the button doesn't work, copy this address into your browser:",
        rules,
        notYou: `Didn't ask to sign in? You can ignore this email: nobody can sign in without this link. ${notYou}`,
        codeLead,
      };
}

/**
 * The sign-in email (a client asked) or the welcome email (the office invited), as text and
 * HTML in one language, with the fallback code (R16) when one is given. Everything
 * interpolated into the HTML is escaped.
 */
export function renderSignInEmail(input: SignInEmailInput): RenderedEmail {
  return renderLinkEmail(input, (code) => copyFor({ ...input, code }));
}

/** "123 456", or undefined when there is no well-formed code. */
const spacedCode = (code: string | undefined) => (code && /^[0-9]{6}$/.test(code) ? `${code.slice(0, 3)} ${code.slice(3)}` : undefined);

/**
 * The layout every sign-in email shares (a greeting, the button and the address, the code,
 * the rules), with the words of its kind; `copy` gets the spaced code, if any.
 */
export function renderLinkEmail(
  input: Pick<SignInEmailInput, 'practice' | 'language' | 'url' | 'code'>,
  copyOf: (spacedCode: string | undefined) => SignInCopy,
): RenderedEmail {
  const code = spacedCode(input.code);
  const copy = copyOf(code);
  const href = safeHref(input.url);
  const button = buttonColors(input.practice.brandColor);
  const text = [
    copy.greeting,
    '',
    ...copy.intro.flatMap((p) => [p, '']),
    `${copy.button}: ${href}`,
    '',
    ...(code ? [`${copy.codeLead} ${code}`, ''] : []),
    copy.rules,
    '',
    copy.notYou,
    '',
    input.practice.name,
    '',
  ].join('\n');
  const body: SafeHtml = html`<p>${copy.greeting}</p>
${copy.intro.map((p) => html`<p>${p}</p>\n`)}<p><a href="${href}" style="display:inline-block;padding:12px 24px;background:${button.background};color:${button.text};border-radius:6px;font-weight:600;text-decoration:none">${copy.button}</a></p>
<p>${copy.copyHint}<br>${href}</p>
${code ? html`<p>${copy.codeLead} <strong style="font-size:20px;letter-spacing:2px;font-family:monospace">${code}</strong></p>\n` : ''}<p>${copy.rules}</p>
<p>${copy.notYou}</p>
<p>${input.practice.name}</p>`;
  return { subject: copy.subject, text, html: emailDocument({ language: input.language, title: copy.subject, body }) };
}
