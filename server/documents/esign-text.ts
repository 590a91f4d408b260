import type { Language } from '../../src/contract/index.js';

/**
 * The consent to do business and sign electronically (ESIGN Act, 15 U.S.C. 7001(c)): scope,
 * the right to paper copies, how to withdraw, hardware and software. A change of wording is a
 * new `ESIGN_TEXT_VERSION`, which every signer accepts again before their next signature.
 */
export const ESIGN_TEXT_VERSION = 1;

export const ESIGN_TEXT: Record<Language, string> = {
  en: `<h2>Consent to sign electronically</h2>
<p>You agree that the practice may give you its documents and forms electronically, and that your typed name and the box you tick are your signature, with the same effect as signing on paper.</p>
<h3>Scope</h3>
<p>This consent covers the intake and consent documents and forms in this portal, for you and for anyone you act for here.</p>
<h3>Paper copies</h3>
<p>You may ask the office for a paper copy of any document at any time, at no charge. You can also download each signed document as a PDF.</p>
<h3>Withdrawing consent</h3>
<p>You may withdraw this consent at any time by telling the office. Signatures made before then stay valid; afterwards the office will give you documents on paper.</p>
<h3>What you need</h3>
<p>A current web browser and a way to open or save PDF files.</p>`,
  es: `<h2>Consentimiento para firmar electrónicamente</h2>
<p>Usted acepta que la consulta le entregue sus documentos y formularios de forma electrónica, y que su nombre escrito y la casilla que marque sean su firma, con el mismo efecto que una firma en papel.</p>
<h3>Alcance</h3>
<p>Este consentimiento cubre los documentos y formularios de admisión y consentimiento de este portal, para usted y para quien usted represente aquí.</p>
<h3>Copias en papel</h3>
<p>Puede pedir a la oficina una copia en papel de cualquier documento en cualquier momento, sin costo. También puede descargar cada documento firmado en PDF.</p>
<h3>Retirar el consentimiento</h3>
<p>Puede retirar este consentimiento en cualquier momento avisando a la oficina. Las firmas anteriores siguen siendo válidas; después, la oficina le entregará los documentos en papel.</p>
<h3>Lo que necesita</h3>
<p>Un navegador web actual y una forma de abrir o guardar archivos PDF.</p>`,
};
