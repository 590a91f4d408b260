// Console: issue a sign-in PIN (shown once, to read to the client by phone) and send the
// welcome email with a sign-in link.
import { postAdmin } from './console-api.js';
import { problem, say } from './console-dom.js';

/** Groups the digits for reading aloud: 123 456. */
const spaced = (pin) => `${pin.slice(0, 3)} ${pin.slice(3)}`;

export function setUpPinForm(form) {
  const section = form.closest('section');
  const status = section.querySelector('[data-status]');
  const output = section.querySelector('[data-pin]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = form.elements.email.value.trim();
    output.hidden = true;
    output.value = '';
    say(status, 'Issuing a PIN…');
    try {
      const { pin, expiresAt } = await postAdmin('/pins', { email });
      // Shown once: the server keeps only a hash, and reloading the page forgets it.
      output.value = spaced(pin);
      output.hidden = false;
      say(status, `PIN issued: ${spaced(pin)}. Read it to the client by phone now; it is not shown again. It works once, until ${new Date(expiresAt).toLocaleString()}.`);
      form.reset();
    } catch (error) {
      say(status, `No PIN issued. ${problem(error)}`, { error: true });
      form.elements.email.focus();
    }
  });
}

export function setUpInvitationForm(form) {
  const status = form.closest('section').querySelector('[data-status]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = form.elements.email.value.trim();
    say(status, 'Sending the invitation…');
    try {
      const { validForSeconds } = await postAdmin('/invitations', { email });
      say(status, `Invitation queued. Its sign-in link works once, for ${Math.round(validForSeconds / 3600)} hours, and replaces older links.`);
      form.reset();
    } catch (error) {
      say(status, `No invitation sent. ${problem(error)}`, { error: true });
      form.elements.email.focus();
    }
  });
}
