// <document-signer>: the intake and consent packet a practice assigns to a profile (issue 6).
// Client routes live under `/p/:practice/profiles/:profileId` (reads need `view`, signing,
// forms and the card need `sign`); the office's side under `/p/:practice/admin`.
//
//   GET  documents/packet?language=es            → Packet
//   GET  documents/:documentId?language=es       → DocumentVersion (the newest version)
//   GET  esign-consent?language=es               → EsignConsent
//   POST esign-consent                           ← EsignConsentAcceptance → EsignConsentRecord (201)
//   POST signatures                              ← SignatureRequest → SignatureRecord (201)
//   GET  signatures                              → CompletedDocumentList (the Documents tab)
//   GET  signatures/:signatureId                 → SignedCopy (JSON)
//   GET  signatures/:signatureId/pdf             → application/pdf (attachment)
//   GET  forms/:formId                           → FormState (definition, draft, submitted answers)
//   PUT  forms/:formId/draft                     ← FormDraftRequest → FormDraftSaved
//   POST forms/:formId/submission                ← FormSubmissionRequest → FormSubmitted | 400 with field codes
//   GET  payment-card                            → PaymentCardState
//   PUT  payment-card                            ← PaymentCardToken → PaymentCard
//
// Admin (admin token): GET/POST admin/document-templates, POST admin/document-templates/:documentId/versions,
// GET/PUT admin/profiles/:profileId/packet.

// One module per resource under documents/; this barrel keeps `contract/documents.js` imports working.
export { DOCUMENT_ERROR_CODES, type DocumentErrorCode } from './constants.js';
export { LanguageQuery } from './documents/common.js';
export * from './documents/forms.js';
export * from './documents/signatures.js';
export * from './documents/esign.js';
export * from './documents/payment-card.js';
export * from './documents/packet.js';
export * from './documents/admin.js';
