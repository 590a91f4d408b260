// The demo practice site's own script: the language switch, and the header's practice
// name and phone read through the widgets' public PortalClient (a host can use it headless).
import { connect } from '/widgets/portal-widgets.js';

const endpoint = document.querySelector('meta[name="portal-endpoint"]').content;
const STORAGE_KEY = 'lakeside-demo-language';

function applyLanguage(lang) {
  document.documentElement.lang = lang;
  for (const button of document.querySelectorAll('[data-set-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.setLang === lang));
  }
}

applyLanguage(localStorage.getItem(STORAGE_KEY) ?? (navigator.language.startsWith('es') ? 'es' : 'en'));
for (const button of document.querySelectorAll('[data-set-lang]')) {
  button.addEventListener('click', () => {
    localStorage.setItem(STORAGE_KEY, button.dataset.setLang);
    applyLanguage(button.dataset.setLang);
  });
}

async function showPracticeInfo() {
  const phone = document.querySelector('[data-practice-phone]');
  try {
    const info = await connect(endpoint).client.getInfo();
    for (const el of document.querySelectorAll('[data-practice-name]')) el.textContent = info.name;
    phone.href = `tel:${info.phone}`;
    phone.textContent = info.phoneDisplay;
    phone.hidden = false;
  } catch {
    // The practice's own header copy stays as written in the HTML.
  }
}
showPracticeInfo();
