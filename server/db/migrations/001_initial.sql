-- 001: the foundation schema.
-- Conventions: times are INTEGER milliseconds since the Unix epoch, UTC. Lists that are read
-- whole and never searched by element (languages, origins, text per language) are JSON text,
-- checked with json_valid. Every table that belongs to a practice carries practice_id, and
-- links between two such rows use a composite foreign key (practice_id, id) so the database
-- itself refuses a link across tenants (R28).

CREATE TABLE practices (
  id                        INTEGER PRIMARY KEY,
  slug                      TEXT    NOT NULL UNIQUE
                            CHECK (length(slug) BETWEEN 1 AND 63 AND slug NOT GLOB '*[^a-z0-9-]*' AND slug NOT GLOB '-*'),
  name                      TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  phone                     TEXT    NOT NULL CHECK (phone GLOB '+[1-9]*' AND substr(phone, 2) NOT GLOB '*[^0-9]*' AND length(phone) BETWEEN 8 AND 16),
  phone_display             TEXT    NOT NULL,
  time_zone                 TEXT    NOT NULL,
  languages                 TEXT    NOT NULL
                            CHECK (json_valid(languages) AND json_type(languages) = 'array' AND json_array_length(languages) >= 1),
  allowed_origins           TEXT    NOT NULL DEFAULT '[]'
                            CHECK (json_valid(allowed_origins) AND json_type(allowed_origins) = 'array'),
  -- The practice's own page that holds <portal-signin>; emailed links point there.
  portal_url                TEXT,
  sender_name               TEXT    NOT NULL,
  sender_address            TEXT    NOT NULL CHECK (sender_address LIKE '_%@_%'),
  cancellation_window_hours INTEGER NOT NULL DEFAULT 24 CHECK (cancellation_window_hours >= 0),
  upload_max_bytes          INTEGER NOT NULL DEFAULT 26214400 CHECK (upload_max_bytes > 0),
  upload_quota_bytes        INTEGER NOT NULL DEFAULT 524288000 CHECK (upload_quota_bytes >= upload_max_bytes),
  idle_timeout_seconds      INTEGER NOT NULL DEFAULT 900 CHECK (idle_timeout_seconds > 0),
  absolute_timeout_seconds  INTEGER NOT NULL DEFAULT 43200 CHECK (absolute_timeout_seconds >= idle_timeout_seconds),
  link_ttl_seconds          INTEGER NOT NULL DEFAULT 86400 CHECK (link_ttl_seconds > 0),
  created_at                INTEGER NOT NULL,
  updated_at                INTEGER NOT NULL
) STRICT;

-- Catalog: who sees clients, what they offer, and when they work.

CREATE TABLE clinicians (
  id          INTEGER PRIMARY KEY,
  practice_id INTEGER NOT NULL REFERENCES practices(id),
  name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email       TEXT    NOT NULL CHECK (email = lower(email) AND email LIKE '_%@_%'),
  languages   TEXT    NOT NULL CHECK (json_valid(languages) AND json_type(languages) = 'array'),
  bio         TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(bio) AND json_type(bio) = 'object'), -- {"en": "...", "es": "..."}
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  sort_order  INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  UNIQUE (practice_id, email),
  UNIQUE (practice_id, id)
) STRICT;

CREATE TABLE services (
  id               INTEGER PRIMARY KEY,
  practice_id      INTEGER NOT NULL REFERENCES practices(id),
  slug             TEXT    NOT NULL CHECK (length(slug) BETWEEN 1 AND 63 AND slug NOT GLOB '*[^a-z0-9-]*'),
  names            TEXT    NOT NULL CHECK (json_valid(names) AND json_type(names) = 'object'), -- {"en": "...", "es": "..."}
  kind             TEXT    NOT NULL CHECK (kind IN ('intake', 'individual', 'couple')),
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
  buffer_minutes   INTEGER NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 240),
  modalities       TEXT    NOT NULL
                   CHECK (json_valid(modalities) AND json_type(modalities) = 'array' AND json_array_length(modalities) >= 1),
  active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  sort_order       INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  UNIQUE (practice_id, slug),
  UNIQUE (practice_id, id)
) STRICT;

CREATE TABLE clinician_services (
  practice_id  INTEGER NOT NULL,
  clinician_id INTEGER NOT NULL,
  service_id   INTEGER NOT NULL,
  PRIMARY KEY (clinician_id, service_id),
  FOREIGN KEY (practice_id, clinician_id) REFERENCES clinicians (practice_id, id),
  FOREIGN KEY (practice_id, service_id) REFERENCES services (practice_id, id)
) STRICT, WITHOUT ROWID;

CREATE INDEX clinician_services_by_service ON clinician_services (service_id);

-- Weekly working hours in the practice's time zone; slots are computed from these later.
CREATE TABLE clinician_hours (
  id           INTEGER PRIMARY KEY,
  clinician_id INTEGER NOT NULL REFERENCES clinicians(id),
  weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7), -- ISO 8601: 1 = Monday … 7 = Sunday
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439), -- minutes after local midnight
  end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
  CHECK (start_minute < end_minute)
) STRICT;

CREATE INDEX clinician_hours_by_clinician ON clinician_hours (clinician_id, weekday);

-- Clients: an account is a sign-in identity; a profile is a person (or couple) care is for.
-- One account may act for several profiles, and one profile may have several accounts.

CREATE TABLE accounts (
  id                 INTEGER PRIMARY KEY,
  practice_id        INTEGER NOT NULL REFERENCES practices(id),
  email              TEXT    NOT NULL CHECK (email = lower(email) AND email LIKE '_%@_%' AND length(email) <= 254),
  name               TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  preferred_language TEXT    NOT NULL CHECK (length(preferred_language) BETWEEN 2 AND 3 AND preferred_language NOT GLOB '*[^a-z]*'),
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  UNIQUE (practice_id, email),
  UNIQUE (practice_id, id)
) STRICT;

CREATE TABLE profiles (
  id                 INTEGER PRIMARY KEY,
  practice_id        INTEGER NOT NULL REFERENCES practices(id),
  kind               TEXT    NOT NULL CHECK (kind IN ('self', 'minor', 'couple')),
  display_name       TEXT    NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  preferred_language TEXT    NOT NULL CHECK (length(preferred_language) BETWEEN 2 AND 3 AND preferred_language NOT GLOB '*[^a-z]*'),
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  UNIQUE (practice_id, id)
) STRICT;

CREATE TABLE profile_access (
  id           INTEGER PRIMARY KEY,
  practice_id  INTEGER NOT NULL,
  account_id   INTEGER NOT NULL,
  profile_id   INTEGER NOT NULL,
  relationship TEXT    NOT NULL CHECK (relationship IN ('self', 'guardian', 'partner')),
  can_book     INTEGER NOT NULL DEFAULT 1 CHECK (can_book IN (0, 1)),
  can_sign     INTEGER NOT NULL DEFAULT 1 CHECK (can_sign IN (0, 1)),
  can_upload   INTEGER NOT NULL DEFAULT 1 CHECK (can_upload IN (0, 1)),
  can_view     INTEGER NOT NULL DEFAULT 1 CHECK (can_view IN (0, 1)),
  created_at   INTEGER NOT NULL,
  -- Revoking keeps the row (who had access when is part of the record) and takes effect on
  -- the next request, because authorization reads this table every time (R41, R42).
  revoked_at   INTEGER CHECK (revoked_at IS NULL OR revoked_at >= created_at),
  FOREIGN KEY (practice_id, account_id) REFERENCES accounts (practice_id, id),
  FOREIGN KEY (practice_id, profile_id) REFERENCES profiles (practice_id, id)
) STRICT;

CREATE UNIQUE INDEX profile_access_live ON profile_access (account_id, profile_id) WHERE revoked_at IS NULL;
CREATE INDEX profile_access_by_profile ON profile_access (profile_id);

-- Documents: a template has immutable numbered versions; each version has its text per
-- language with the SHA-256 of that exact HTML, which a signature will record (R44).

CREATE TABLE document_templates (
  id          INTEGER PRIMARY KEY,
  practice_id INTEGER NOT NULL REFERENCES practices(id),
  slug        TEXT    NOT NULL CHECK (length(slug) BETWEEN 1 AND 63 AND slug NOT GLOB '*[^a-z0-9-]*'),
  kind        TEXT    NOT NULL CHECK (kind IN ('consent', 'form')),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  UNIQUE (practice_id, slug),
  UNIQUE (practice_id, id)
) STRICT;

CREATE TABLE document_versions (
  id          INTEGER PRIMARY KEY,
  template_id INTEGER NOT NULL REFERENCES document_templates(id),
  version     INTEGER NOT NULL CHECK (version >= 1),
  created_at  INTEGER NOT NULL,
  UNIQUE (template_id, version)
) STRICT;

CREATE TABLE document_version_texts (
  version_id INTEGER NOT NULL REFERENCES document_versions(id),
  language   TEXT    NOT NULL CHECK (length(language) BETWEEN 2 AND 3 AND language NOT GLOB '*[^a-z]*'),
  title      TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  html       TEXT    NOT NULL,
  sha256     TEXT    NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  PRIMARY KEY (version_id, language)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER document_versions_immutable_update BEFORE UPDATE ON document_versions
BEGIN SELECT RAISE(ABORT, 'document versions are immutable; add a new version'); END;
CREATE TRIGGER document_versions_immutable_delete BEFORE DELETE ON document_versions
BEGIN SELECT RAISE(ABORT, 'document versions are immutable; add a new version'); END;
CREATE TRIGGER document_version_texts_immutable_update BEFORE UPDATE ON document_version_texts
BEGIN SELECT RAISE(ABORT, 'document versions are immutable; add a new version'); END;
CREATE TRIGGER document_version_texts_immutable_delete BEFORE DELETE ON document_version_texts
BEGIN SELECT RAISE(ABORT, 'document versions are immutable; add a new version'); END;

-- Audit trail (R36, R37): append-only, hash-chained. No foreign keys: the trail must outlive
-- whatever it describes. It holds ids and codes, never PHI values or tokens.

CREATE TABLE audit_events (
  seq               INTEGER PRIMARY KEY CHECK (seq >= 1), -- 1, 2, 3, … without gaps: the chain order
  occurred_at       INTEGER NOT NULL,
  practice_id       INTEGER,
  actor_account_id  INTEGER,
  acting_profile_id INTEGER,
  action            TEXT    NOT NULL CHECK (length(action) BETWEEN 1 AND 64 AND action NOT GLOB '*[^a-z0-9_]*'),
  resource_type     TEXT    CHECK (resource_type IS NULL OR (length(resource_type) BETWEEN 1 AND 64 AND resource_type NOT GLOB '*[^a-z0-9_]*')),
  resource_id       TEXT    CHECK (resource_id IS NULL OR length(resource_id) <= 128),
  outcome           TEXT    NOT NULL CHECK (outcome IN ('success', 'failure')),
  ip                TEXT    CHECK (ip IS NULL OR length(ip) <= 64),
  origin            TEXT    CHECK (origin IS NULL OR length(origin) <= 256),
  prev_hash         TEXT    NOT NULL CHECK (length(prev_hash) = 64),
  hash              TEXT    NOT NULL UNIQUE CHECK (length(hash) = 64)
) STRICT;

CREATE INDEX audit_events_by_practice ON audit_events (practice_id, occurred_at);

CREATE TRIGGER audit_events_append_only_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_append_only_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;

-- SQLite cannot compute SHA-256, but it can insist that each row extends the chain's tip.
CREATE TRIGGER audit_events_extend_chain BEFORE INSERT ON audit_events
WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM audit_events)
  OR NEW.prev_hash IS NOT coalesce(
       (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1),
       '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN SELECT RAISE(ABORT, 'audit_events: a new event must extend the chain tip'); END;

-- Mail outbox: written in the same transaction as the change that causes the mail, sent by
-- the worker afterwards, so a mail is never lost or sent for a change that rolled back.

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  practice_id     INTEGER NOT NULL REFERENCES practices(id),
  to_address      TEXT    NOT NULL CHECK (to_address LIKE '_%@_%' AND length(to_address) <= 254),
  language        TEXT    NOT NULL CHECK (length(language) BETWEEN 2 AND 3 AND language NOT GLOB '*[^a-z]*'),
  subject         TEXT    NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
  text_body       TEXT    NOT NULL,
  html_body       TEXT    NOT NULL,
  -- queued → sending (leased to a worker until next_attempt_at) → sent | queued (retry) | failed
  status          TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  sent_at         INTEGER
) STRICT;

CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status IN ('queued', 'sending');
CREATE INDEX outbox_failed ON outbox (id) WHERE status = 'failed';
CREATE INDEX outbox_by_recipient ON outbox (to_address, id);
