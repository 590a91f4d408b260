import type { Language } from '../../src/contract/index.js';
import type { Practice } from '../repos/practices.js';
import { formatRequestTime, renderLinkEmail, validity, type RenderedEmail, type SignInCopy, type SignInEmailKind } from './sign-in-email.js';

export interface StaffSignInEmailInput {
  /** `sign_in`: the member asked; `invitation`: an owner added them. */
  kind: SignInEmailKind;
  practice: Pick<Practice, 'name' | 'phoneDisplay' | 'timeZone' | 'brandColor'>;
  language: Language;
  /** The console page with its `#staff-token=` fragment. */
  url: string;
  /** The six-digit fallback code (R16), when the server can hash one. */
  code?: string;
  requestedAt: number;
  ttlSeconds: number;
}

/** The words of the console's sign-in and welcome emails, in the member's language. */
function staffCopy(input: StaffSignInEmailInput, code: string | undefined): SignInCopy {
  const name = input.practice.name;
  const withCode = code !== undefined;
  const valid = validity(input.ttlSeconds, input.language);
  const time = formatRequestTime(input.requestedAt, input.language, input.practice.timeZone);
  if (input.language === 'es') {
    const at = /^1:/.test(time) ? `a la ${time}` : `a las ${time}`;
    const rules = withCode
      ? `El enlace y el código funcionan durante ${valid} y una sola vez (usar uno anula el otro). Si pidió más de un enlace, solo funciona el correo más reciente.`
      : `El enlace funciona durante ${valid} y una sola vez. Si pidió más de un enlace, solo funciona el más reciente.`;
    const codeLead = 'O escriba este código en la página de inicio de sesión de la consola:';
    const notYou = `Nadie puede entrar sin este enlace. Si no lo esperaba, avise al responsable de ${name}.`;
    return input.kind === 'invitation'
      ? {
          subject: `Su acceso a la consola de ${name}`,
          greeting: 'Hola:',
          intro: [`Le dieron acceso a la consola del personal de ${name}. Para entrar por primera vez, use este enlace:`],
          button: 'Entrar en la consola',
          copyHint: 'Si el botón no funciona, copie esta dirección en su navegador:',
          rules: `${rules} Más adelante puede pedir un enlace nuevo en la página de la consola.`,
          notYou,
          codeLead,
        }
      : {
          subject: `Su enlace para entrar en la consola de ${name} (solicitado ${at})`,
          greeting: 'Hola:',
          intro: [`Usted pidió entrar en la consola del personal de ${name}. Para entrar, use este enlace:`],
          button: 'Entrar en la consola',
          copyHint: 'Si el botón no funciona, copie esta dirección en su navegador:',
          rules,
          notYou: `¿No lo pidió? Puede ignorar este correo. ${notYou}`,
          codeLead,
        };
  }
  const rules = withCode
    ? `The link and the code work for ${valid} and only once (using one uses up the other). If you asked for more than one link, only the newest email works.`
    : `The link works for ${valid} and only once. If you asked for more than one link, only the newest one works.`;
  const codeLead = 'Or enter this code on the console sign-in page:';
  const notYou = `Nobody can sign in without this link. If you weren't expecting it, tell the owner of ${name}.`;
  return input.kind === 'invitation'
    ? {
        subject: `Your access to the ${name} console`,
        greeting: 'Hello,',
        intro: [`You have been given access to the staff console of ${name}. To sign in for the first time, use this link:`],
        button: 'Open the console',
        copyHint: "If the button doesn't work, copy this address into your browser:",
        rules: `${rules} Later, you can always ask for a new link on the console page.`,
        notYou,
        codeLead,
      }
    : {
        subject: `Your console sign-in link for ${name} (requested ${time})`,
        greeting: 'Hello,',
        intro: [`You asked to sign in to the staff console of ${name}. To sign in, use this link:`],
        button: 'Open the console',
        copyHint: "If the button doesn't work, copy this address into your browser:",
        rules,
        notYou: `Didn't ask? You can ignore this email. ${notYou}`,
        codeLead,
      };
}

/** A staff member's console sign-in or welcome email, in the same layout as the clients', with the fallback code when given. */
export function renderStaffSignInEmail(input: StaffSignInEmailInput): RenderedEmail {
  return renderLinkEmail(input, (code) => staffCopy(input, code));
}
