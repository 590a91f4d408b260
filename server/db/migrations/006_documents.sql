-- 006: the intake and consent packet (<document-signer>, issue 6). A practice assigns each
-- profile a packet: a welcome message (sanitized HTML per language) and ordered steps, each a
-- document to sign (a template of 001), a form to fill (contact, demographics, insurance) or
-- the payment card. Signatures and ESIGN consents are immutable records (R44): triggers refuse
-- UPDATE and DELETE. Form drafts and answers are JSON per profile and form (PHI: never logged).
-- A payment card is only a processor token with brand, last 4 and expiry: never a number.
-- Times are INTEGER milliseconds since the Unix epoch, UTC, as everywhere.

CREATE TABLE document_packets (
  practice_id  INTEGER NOT NULL,
  profile_id   INTEGER NOT NULL,
  -- {"en": "<p>…</p>", "es": "…"}: sanitized when saved.
  welcome_html TEXT    NOT NULL CHECK (json_valid(welcome_html) AND json_type(welcome_html) = 'object'),
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (practice_id, profile_id),
  FOREIGN KEY (practice_id, profile_id) REFERENCES profiles (practice_id, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE document_packet_items (
  practice_id INTEGER NOT NULL,
  profile_id  INTEGER NOT NULL,
  position    INTEGER NOT NULL CHECK (position >= 0),
  kind        TEXT    NOT NULL CHECK (kind IN ('document', 'form', 'payment_card')),
  template_id INTEGER,
  form_id     TEXT    CHECK (form_id IS NULL OR form_id IN ('contact', 'demographics', 'insurance')),
  CHECK ((kind = 'document') = (template_id IS NOT NULL)),
  CHECK ((kind = 'form') = (form_id IS NOT NULL)),
  PRIMARY KEY (practice_id, profile_id, position),
  FOREIGN KEY (practice_id, profile_id) REFERENCES document_packets (practice_id, profile_id),
  FOREIGN KEY (practice_id, template_id) REFERENCES document_templates (practice_id, id)
) STRICT, WITHOUT ROWID;

-- Consent to sign electronically (ESIGN), by the person (account), with the profile acted for.
CREATE TABLE esign_consents (
  id           INTEGER PRIMARY KEY,
  practice_id  INTEGER NOT NULL,
  account_id   INTEGER NOT NULL,
  profile_id   INTEGER NOT NULL,
  text_version INTEGER NOT NULL CHECK (text_version >= 1),
  language     TEXT    NOT NULL CHECK (length(language) BETWEEN 2 AND 3 AND language NOT GLOB '*[^a-z]*'),
  accepted_at  INTEGER NOT NULL,
  ip           TEXT    NOT NULL CHECK (length(ip) <= 64),
  user_agent   TEXT    NOT NULL CHECK (length(user_agent) <= 512),
  FOREIGN KEY (practice_id, account_id) REFERENCES accounts (practice_id, id),
  FOREIGN KEY (practice_id, profile_id) REFERENCES profiles (practice_id, id)
) STRICT;

CREATE INDEX esign_consents_by_account ON esign_consents (practice_id, account_id, text_version);

-- A signature (R44): what was signed (document, version, language, SHA-256 of the exact text
-- shown), by whom (account, typed name), for whom (profile, relationship), when and from where.
CREATE TABLE signatures (
  id                    INTEGER PRIMARY KEY,
  practice_id           INTEGER NOT NULL,
  profile_id            INTEGER NOT NULL,
  account_id            INTEGER NOT NULL,
  template_id           INTEGER NOT NULL,
  version               INTEGER NOT NULL CHECK (version >= 1),
  language              TEXT    NOT NULL CHECK (length(language) BETWEEN 2 AND 3 AND language NOT GLOB '*[^a-z]*'),
  text_sha256           TEXT    NOT NULL CHECK (length(text_sha256) = 64 AND text_sha256 NOT GLOB '*[^0-9a-f]*'),
  signer_name           TEXT    NOT NULL CHECK (length(signer_name) BETWEEN 1 AND 200),
  relationship          TEXT    CHECK (relationship IS NULL OR relationship IN ('parent', 'legal_guardian', 'personal_representative')),
  signed_at             INTEGER NOT NULL,
  ip                    TEXT    NOT NULL CHECK (length(ip) <= 64),
  user_agent            TEXT    NOT NULL CHECK (length(user_agent) <= 512),
  esign_consent_version INTEGER NOT NULL CHECK (esign_consent_version >= 1),
  UNIQUE (practice_id, profile_id, template_id, version),
  FOREIGN KEY (practice_id, profile_id) REFERENCES profiles (practice_id, id),
  FOREIGN KEY (practice_id, account_id) REFERENCES accounts (practice_id, id),
  FOREIGN KEY (practice_id, template_id) REFERENCES document_templates (practice_id, id)
) STRICT;

CREATE TRIGGER signatures_immutable_update BEFORE UPDATE ON signatures
BEGIN SELECT RAISE(ABORT, 'signatures are immutable'); END;
CREATE TRIGGER signatures_immutable_delete BEFORE DELETE ON signatures
BEGIN SELECT RAISE(ABORT, 'signatures are immutable'); END;
CREATE TRIGGER esign_consents_immutable_update BEFORE UPDATE ON esign_consents
BEGIN SELECT RAISE(ABORT, 'esign consents are immutable'); END;
CREATE TRIGGER esign_consents_immutable_delete BEFORE DELETE ON esign_consents
BEGIN SELECT RAISE(ABORT, 'esign consents are immutable'); END;

-- The draft as the client types (one per profile and form) and the last submitted answers.
CREATE TABLE form_drafts (
  practice_id INTEGER NOT NULL,
  profile_id  INTEGER NOT NULL,
  form_id     TEXT    NOT NULL CHECK (form_id IN ('contact', 'demographics', 'insurance')),
  answers     TEXT    NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'object'),
  saved_by    INTEGER NOT NULL,
  saved_at    INTEGER NOT NULL,
  PRIMARY KEY (practice_id, profile_id, form_id),
  FOREIGN KEY (practice_id, profile_id) REFERENCES profiles (practice_id, id),
  FOREIGN KEY (practice_id, saved_by) REFERENCES accounts (practice_id, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE form_answers (
  practice_id  INTEGER NOT NULL,
  profile_id   INTEGER NOT NULL,
  form_id      TEXT    NOT NULL CHECK (form_id IN ('contact', 'demographics', 'insurance')),
  form_version INTEGER NOT NULL CHECK (form_version >= 1),
  answers      TEXT    NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'object'),
  submitted_by INTEGER NOT NULL,
  submitted_at INTEGER NOT NULL,
  PRIMARY KEY (practice_id, profile_id, form_id),
  FOREIGN KEY (practice_id, profile_id) REFERENCES profiles (practice_id, id),
  FOREIGN KEY (practice_id, submitted_by) REFERENCES accounts (practice_id, id)
) STRICT, WITHOUT ROWID;

-- The card on file: the processor's opaque token and what may be shown. No number, no CVC.
CREATE TABLE payment_cards (
  practice_id INTEGER NOT NULL,
  profile_id  INTEGER NOT NULL,
  token       TEXT    NOT NULL CHECK (length(token) BETWEEN 12 AND 68 AND token GLOB 'tok_*' AND substr(token, 5) NOT GLOB '*[^A-Za-z0-9_]*'),
  brand       TEXT    NOT NULL CHECK (brand IN ('visa', 'mastercard', 'amex', 'discover', 'other')),
  last4       TEXT    NOT NULL CHECK (length(last4) = 4 AND last4 NOT GLOB '*[^0-9]*'),
  exp_month   INTEGER NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
  exp_year    INTEGER NOT NULL CHECK (exp_year BETWEEN 2000 AND 2100),
  saved_by    INTEGER NOT NULL,
  saved_at    INTEGER NOT NULL,
  PRIMARY KEY (practice_id, profile_id),
  FOREIGN KEY (practice_id, profile_id) REFERENCES profiles (practice_id, id),
  FOREIGN KEY (practice_id, saved_by) REFERENCES accounts (practice_id, id)
) STRICT, WITHOUT ROWID;

-- Where a practice's card-entry page lives (the payment origin, R69).
CREATE TABLE payment_settings (
  practice_id      INTEGER PRIMARY KEY REFERENCES practices (id),
  processor_origin TEXT    NOT NULL CHECK (length(processor_origin) BETWEEN 1 AND 256),
  page_url         TEXT    NOT NULL CHECK (length(page_url) BETWEEN 1 AND 512),
  updated_at       INTEGER NOT NULL
) STRICT;
