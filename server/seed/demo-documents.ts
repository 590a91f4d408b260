/**
 * The demo practices' consent documents, in English and Spanish. Simple HTML of the kind the
 * sanitizer keeps (headings, paragraphs, lists): no attributes, no script, no style.
 */
export const INFORMED_CONSENT = {
  en: {
    title: 'Informed consent for therapy',
    html: `<h2>Informed consent for therapy</h2>
<p>Therapy is a partnership between you and your clinician. This document explains what to expect.</p>
<h3>Confidentiality</h3>
<p>What you share in sessions stays private, with a few exceptions the law requires:</p>
<ul>
<li>a risk of serious harm to yourself or someone else;</li>
<li>suspected abuse or neglect of a child, an older adult or a dependent adult;</li>
<li>a court order.</li>
</ul>
<h3>Appointments and cancellations</h3>
<p>Please cancel at least 24 hours before your appointment so another client can use the time.</p>
<h3>Your rights</h3>
<p>You may ask questions about your care at any time, and you may end therapy whenever you choose.</p>
<p>By signing, you confirm that you have read this document and agree to begin therapy.</p>`,
  },
  es: {
    title: 'Consentimiento informado para la terapia',
    html: `<h2>Consentimiento informado para la terapia</h2>
<p>La terapia es una colaboración entre usted y su terapeuta. Este documento explica qué puede esperar.</p>
<h3>Confidencialidad</h3>
<p>Lo que comparta en las sesiones es privado, salvo algunas excepciones que exige la ley:</p>
<ul>
<li>un riesgo de daño grave para usted o para otra persona;</li>
<li>sospecha de abuso o negligencia hacia un menor, una persona mayor o un adulto dependiente;</li>
<li>una orden judicial.</li>
</ul>
<h3>Citas y cancelaciones</h3>
<p>Cancele al menos 24 horas antes de su cita para que otra persona pueda usar ese horario.</p>
<h3>Sus derechos</h3>
<p>Puede hacer preguntas sobre su atención en cualquier momento y puede terminar la terapia cuando lo decida.</p>
<p>Al firmar, confirma que ha leído este documento y que acepta comenzar la terapia.</p>`,
  },
};

export const PRIVACY_NOTICE = {
  en: {
    title: 'Notice of privacy practices',
    html: `<h2>Notice of privacy practices</h2>
<p>This notice describes how health information about you may be used and disclosed, and how you can get access to it.</p>
<h3>How we use your information</h3>
<ul>
<li>to provide and coordinate your care;</li>
<li>to bill for services, with your insurer if you use insurance;</li>
<li>to run the practice, for example to schedule appointments.</li>
</ul>
<h3>Your rights</h3>
<p>You may see and get a copy of your records, ask us to correct them, and ask for a list of the disclosures we made.</p>
<p>By signing, you confirm that you received this notice.</p>`,
  },
  es: {
    title: 'Aviso de prácticas de privacidad',
    html: `<h2>Aviso de prácticas de privacidad</h2>
<p>Este aviso describe cómo se puede usar y divulgar su información de salud y cómo puede acceder a ella.</p>
<h3>Cómo usamos su información</h3>
<ul>
<li>para brindarle y coordinar su atención;</li>
<li>para facturar los servicios, a su aseguradora si usa seguro;</li>
<li>para administrar la consulta, por ejemplo para programar citas.</li>
</ul>
<h3>Sus derechos</h3>
<p>Puede ver y obtener una copia de su expediente, pedirnos que lo corrijamos y pedir una lista de las divulgaciones que hicimos.</p>
<p>Al firmar, confirma que recibió este aviso.</p>`,
  },
};
