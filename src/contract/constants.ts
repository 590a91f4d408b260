// The protocol's constants as plain values: no TypeBox, no imports, so the widgets may import
// them by value (a few hundred bytes) where every other contract module is `import type` only.
// The schema modules build their schemas from these and re-export them under the same names.

/** The languages the portal speaks (BCP 47 primary subtags). */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

// ---------------------------------------------------------------------------------------
// Error codes
// ---------------------------------------------------------------------------------------

/**
 * Stable error codes the endpoint answers with, in `{ error: { code, message, fields } }`.
 * Widgets map them to localized text and never show `message` (it is for developers).
 * Later features add their own codes here (e.g. `link_expired`), never remove one.
 */
export const ERROR_CODES = [
  'validation',
  'unauthorized',
  'session_expired',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'server',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Per-field validation codes, keyed by the field's JSON name. */
export const FIELD_ERROR_CODES = ['required', 'invalid', 'too_long', 'too_short', 'out_of_range'] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/**
 * Sign-in error codes, beyond the general ones. Each has its own calm message.
 * Statuses: `link_invalid` 404 (unknown token, or another practice's), `link_used` 409,
 * `link_superseded` 409, `link_expired` 410, `invalid_credentials` 401 (one answer for an
 * unknown email and a wrong, expired, used or locked PIN or emailed code). Throttles answer 429
 * `rate_limited` with `Retry-After`; a session past its idle or absolute limit answers 401
 * `session_expired`, any other missing or ended session 401 `unauthorized`.
 */
export const AUTH_ERROR_CODES = ['link_expired', 'link_used', 'link_superseded', 'link_invalid', 'invalid_credentials'] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

/**
 * Booking error codes, beyond the general ones:
 * - `slot_unavailable` 409: the time is no longer open (just taken, or never was); the body
 *   says nothing else. The widget fetches the open times again and offers the next ones.
 * - `cancellation_window` 409: the appointment starts within the practice's cancellation
 *   window (`cancellationWindowHours`, default 24): cancel or reschedule by phone.
 * - `too_many_requests_open` 429: the profile already has as many requests waiting for
 *   approval as the practice allows (R45); one must be approved, declined or withdrawn first.
 * - `idempotency_key_reused` 422: this `Idempotency-Key` was used with a different request.
 * A daily request budget per profile (R45) answers the general 429 `rate_limited` with Retry-After.
 */
export const BOOKING_ERROR_CODES = ['slot_unavailable', 'cancellation_window', 'too_many_requests_open', 'idempotency_key_reused'] as const;
export type BookingErrorCode = (typeof BOOKING_ERROR_CODES)[number];

/**
 * Document error codes, beyond the general ones:
 * - `document_changed` 409: the version or `textSha256` signed is not the newest text of the
 *   document in that language (a new version was published, or the text shown differs).
 *   Fetch the document again and show it; the client must read and agree again.
 * - `esign_consent_required` 409: the signer has not accepted the current consent to sign
 *   electronically (ESIGN); show it, `POST esign-consent`, then sign.
 * - `already_signed` 409: this profile already signed this version of the document.
 * - `not_in_packet` 404 is not used: a document, form or card step not in the profile's packet
 *   answers the general `not_found`.
 * Form submissions answer the general 400 `validation` with `fields` keyed `answers.<fieldId>`
 * and a FIELD_ERROR_CODES code (`required`, `invalid`, `too_long`, `too_short`, `out_of_range`).
 */
export const DOCUMENT_ERROR_CODES = ['document_changed', 'esign_consent_required', 'already_signed'] as const;
export type DocumentErrorCode = (typeof DOCUMENT_ERROR_CODES)[number];

/**
 * Upload refusals, beyond the general codes (`payload_too_large` is one of those).
 * Statuses:
 * - `invalid_name` 400: the name is empty, has a `..` path part, a control character (NUL,
 *   CR, LF…), a bidirectional override (U+202E…), broken UTF-8, starts with a dot
 *   (`.htaccess.pdf`), or ends in a dot or space.
 * - `empty_file` 400: `Upload-Length: 0`.
 * - `unsupported_type` 415: the extension is not allowed (also `report.pdf.exe`), an inner
 *   extension is executable or active content (`a.php.pdf`), or the content does not match
 *   it (magic bytes, m4a brands, CSV as UTF-8 text without NUL bytes).
 * - `payload_too_large` 413: over the type's size limit (at creation, from `Upload-Length`),
 *   or an image with more pixels than the limit.
 * - `quota_exceeded` 413: the profile's stored files plus unfinished uploads would pass its
 *   quota, or it already holds the most files allowed. 413 rather than 409 or 507 on purpose:
 *   tus clients retry 409 (offset conflicts) and 5xx, and retrying cannot help here.
 */
export const FILE_ERROR_CODES = ['invalid_name', 'empty_file', 'unsupported_type', 'quota_exceeded'] as const;
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

// ---------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------

/** A stored file's malware scan state (R52); only `clean` and `unscanned` files can be downloaded. */
export const FILE_STATUSES = ['pending_scan', 'clean', 'infected', 'unscanned'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

/** The kinds of file the portal accepts. `jpg` covers `.jpg` and `.jpeg`. */
export const FILE_TYPES = ['pdf', 'jpg', 'png', 'mp3', 'm4a', 'csv'] as const;
export type FileType = (typeof FILE_TYPES)[number];

/** The allow-list (R46): each type's extensions (lower case, no dot) and the media type it is served with. */
export const FILE_TYPE_RULES: Readonly<Record<FileType, { extensions: readonly string[]; mediaType: string }>> = {
  pdf: { extensions: ['pdf'], mediaType: 'application/pdf' },
  jpg: { extensions: ['jpg', 'jpeg'], mediaType: 'image/jpeg' },
  png: { extensions: ['png'], mediaType: 'image/png' },
  mp3: { extensions: ['mp3'], mediaType: 'audio/mpeg' },
  // audio/mp4 is the registered type (RFC 4337); browsers play it from a blob.
  m4a: { extensions: ['m4a'], mediaType: 'audio/mp4' },
  csv: { extensions: ['csv'], mediaType: 'text/csv; charset=utf-8' },
};

/** The tus metadata keys the server reads; any others are ignored. */
export const UPLOAD_METADATA_KEYS = {
  /** The file's name, e.g. `File.name`. Required. */
  filename: 'filename',
  /** The browser's MIME type. Accepted and ignored: the server decides the type. */
  filetype: 'filetype',
  /**
   * Optional: an opaque fingerprint of the file, 64 lower-case hex characters (the widget's
   * SHA-256 of the profile id, name, size, last-modified time and type). `GET uploads` finds the
   * unfinished upload by it, so a reloaded page continues it; anything else is `validation`.
   */
  fingerprint: 'fingerprint',
} as const;

/** An upload fingerprint: 64 lower-case hex characters. */
export const UPLOAD_FINGERPRINT_PATTERN = '^[0-9a-f]{64}$';

// ---------------------------------------------------------------------------------------
// Documents, forms and the payment card
// ---------------------------------------------------------------------------------------

export const FORM_IDS = ['contact', 'demographics', 'insurance'] as const;
export type FormId = (typeof FORM_IDS)[number];

export const FIELD_KINDS = ['text', 'email', 'tel', 'date', 'select', 'radio', 'checkbox'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/**
 * Named patterns a text field may have to match; the browser maps the code to a localized
 * hint, and may test `patternSource` itself (the server always does).
 * - `postal_code`: a US ZIP code, 12345 or 12345-6789.
 * - `phone`: a phone number: digits, spaces, + ( ) - . , 7–20 characters.
 * - `state`: a two-letter US state or territory code.
 * - `member_id`: letters, digits and - (insurance member and group ids).
 */
export const PATTERN_CODES = ['postal_code', 'phone', 'state', 'member_id'] as const;
export type PatternCode = (typeof PATTERN_CODES)[number];

/**
 * How the signer stands to the profile when not signing for themselves. Required when the
 * profile is a minor (or the link is a guardian's); refused for a self profile.
 */
export const SIGNER_RELATIONSHIPS = ['parent', 'legal_guardian', 'personal_representative'] as const;
export type SignerRelationship = (typeof SIGNER_RELATIONSHIPS)[number];

/** The longest full name a signature may carry, in characters. */
export const SIGNER_NAME_MAX_LENGTH = 200;

export const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'discover', 'other'] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

/** The processor's opaque card token; never a card number. */
export const CARD_TOKEN_PATTERN = '^tok_[A-Za-z0-9_]{8,64}$';

/**
 * The messages between the portal page and the payment iframe (`window.postMessage`). Each
 * side sends with the other's exact origin as `targetOrigin` and ignores messages whose
 * `event.origin` is not exactly the expected one (and, in the parent, whose `event.source` is
 * not the iframe's `contentWindow`).
 * iframe → parent: `{ type: 'portal-card-ready' }` once loaded; `{ type: 'portal-card-token', token, brand, last4, expMonth, expYear }`
 * after a successful tokenization; `{ type: 'portal-card-error', code }` (a CARD_ERROR_CODES code);
 * `{ type: 'portal-card-height', height }` (px) when its content resizes.
 * parent → iframe: `{ type: 'portal-card-submit' }` to tokenize what was typed (the iframe also has its own button).
 */
export const CARD_MESSAGE_TYPES = ['portal-card-ready', 'portal-card-token', 'portal-card-error', 'portal-card-height', 'portal-card-submit'] as const;
export type CardMessageType = (typeof CARD_MESSAGE_TYPES)[number];

/** Why the payment iframe could not tokenize: `invalid_number` (Luhn or length), `invalid_expiry`, `invalid_cvc`, `unavailable`. */
export const CARD_ERROR_CODES = ['invalid_number', 'invalid_expiry', 'invalid_cvc', 'unavailable'] as const;
export type CardErrorCode = (typeof CARD_ERROR_CODES)[number];
