// Header and footer shared by every page of the demo site (plain HTML has no includes).
const PAGES = [
  ['index.html', 'Home', 'Inicio'],
  ['portal.html', 'Client portal', 'Portal de clientes'],
  ['appointments.html', 'Appointments', 'Citas'],
  ['documents.html', 'Documents', 'Documentos'],
  ['files.html', 'Files', 'Archivos'],
];

const here = location.pathname.split('/').pop() || 'index.html';
const both = (en, es) => `<span lang="en">${en}</span><span lang="es">${es}</span>`;

document.querySelector('[data-site-header]').insertAdjacentHTML(
  'afterbegin',
  `<a class="skip" href="#main">${both('Skip to content', 'Ir al contenido')}</a>
  <div class="bar">
    <a class="brand" href="index.html" data-practice-name>Lakeside Counseling</a>
    <a class="practice-phone" data-practice-phone hidden></a>
    <div class="lang-switch" role="group" aria-label="Language / Idioma">
      <button type="button" data-set-lang="en" lang="en">EN</button>
      <button type="button" data-set-lang="es" lang="es">ES</button>
    </div>
  </div>
  <nav class="bar" aria-label="Site">
    <ul>
      ${PAGES.map(
        ([href, en, es]) =>
          `<li><a href="${href}"${href === here ? ' aria-current="page"' : ''}>${both(en, es)}</a></li>`,
      ).join('')}
    </ul>
  </nav>`,
);

document.querySelector('[data-site-footer]').insertAdjacentHTML(
  'afterbegin',
  `<div class="bar">
    <p>${both(
      'Lakeside Counseling is a demo practice. Every name, email and appointment here is made up.',
      'Lakeside Counseling es una consulta de demostración. Todos los nombres, correos y citas son ficticios.',
    )}</p>
  </div>`,
);
