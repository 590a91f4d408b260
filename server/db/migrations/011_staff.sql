-- 011: the practice's side. Staff (owners, clinicians, office staff) sign in to the console
-- with the same passwordless machinery as clients, in tables of their own so that a client's
-- token can never be taken for a staff member's; and API keys let the practice's own systems
-- call the office API. As everywhere: times in ms since the epoch, only SHA-256 hashes of
-- tokens stored (R14), composite foreign keys so no row links across practices (R28).

-- The console page; staff sign-in links point there (https outside development).
ALTER TABLE practices ADD COLUMN console_url TEXT;

CREATE TABLE staff_members (
  id                 INTEGER PRIMARY KEY,
  practice_id        INTEGER NOT NULL REFERENCES practices(id),
  email              TEXT    NOT NULL CHECK (email = lower(email) AND email LIKE '_%@_%' AND length(email) <= 254),
  name               TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role               TEXT    NOT NULL CHECK (role IN ('owner', 'clinician', 'office')),
  -- The clinician a staff member of role `clinician` is: they see that clinician's clients.
  clinician_id       INTEGER,
  preferred_language TEXT    NOT NULL CHECK (length(preferred_language) BETWEEN 2 AND 3 AND preferred_language NOT GLOB '*[^a-z]*'),
  -- Whether this member gets the notification emails (new request, upload, completed packet).
  notify             INTEGER NOT NULL DEFAULT 1 CHECK (notify IN (0, 1)),
  -- A deactivated member cannot sign in; their sessions end. The row stays for the record.
  active             INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  CHECK (role <> 'clinician' OR clinician_id IS NOT NULL),
  UNIQUE (practice_id, email),
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, clinician_id) REFERENCES clinicians (practice_id, id)
) STRICT;

CREATE UNIQUE INDEX staff_members_one_per_clinician ON staff_members (clinician_id) WHERE clinician_id IS NOT NULL;

-- A staff sign-in link, with its optional emailed fallback code (R16), as sign_in_links.
CREATE TABLE staff_sign_in_links (
  id            INTEGER PRIMARY KEY,
  practice_id   INTEGER NOT NULL,
  staff_id      INTEGER NOT NULL,
  token_hash    TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'),
  kind          TEXT    NOT NULL CHECK (kind IN ('sign_in', 'invitation')),
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL CHECK (expires_at > created_at),
  used_at       INTEGER,
  superseded_at INTEGER,
  code_salt     BLOB    CHECK (code_salt IS NULL OR length(code_salt) = 16),
  code_hash     BLOB    CHECK (code_hash IS NULL OR length(code_hash) = 32),
  code_kdf      TEXT    CHECK (code_kdf IS NULL OR length(code_kdf) BETWEEN 1 AND 100),
  code_attempts INTEGER NOT NULL DEFAULT 0 CHECK (code_attempts BETWEEN 0 AND 5),
  FOREIGN KEY (practice_id, staff_id) REFERENCES staff_members (practice_id, id)
) STRICT;

CREATE UNIQUE INDEX staff_sign_in_links_latest_only ON staff_sign_in_links (staff_id)
  WHERE used_at IS NULL AND superseded_at IS NULL;

-- A signed-in console, as sessions.
CREATE TABLE staff_sessions (
  id                   INTEGER PRIMARY KEY,
  practice_id          INTEGER NOT NULL,
  staff_id             INTEGER NOT NULL,
  token_hash           TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'),
  method               TEXT    NOT NULL CHECK (method IN ('link', 'pin')),
  idle_timeout_seconds INTEGER NOT NULL CHECK (idle_timeout_seconds > 0),
  created_at           INTEGER NOT NULL,
  last_seen_at         INTEGER NOT NULL CHECK (last_seen_at >= created_at),
  idle_expires_at      INTEGER NOT NULL CHECK (idle_expires_at <= expires_at),
  expires_at           INTEGER NOT NULL CHECK (expires_at > created_at),
  ended_at             INTEGER,
  end_reason           TEXT    CHECK (end_reason IS NULL OR end_reason IN ('signed_out', 'idle_timeout', 'absolute_timeout', 'replaced')),
  CHECK ((ended_at IS NULL) = (end_reason IS NULL)),
  FOREIGN KEY (practice_id, staff_id) REFERENCES staff_members (practice_id, id)
) STRICT;

CREATE INDEX staff_sessions_live_by_staff ON staff_sessions (practice_id, staff_id) WHERE ended_at IS NULL;

-- A key for the practice's own systems. Shown once at creation; only its SHA-256 is kept, with
-- a short prefix so the owner can tell keys apart. Scopes: read, write, webhooks.
CREATE TABLE api_keys (
  id           INTEGER PRIMARY KEY,
  practice_id  INTEGER NOT NULL REFERENCES practices(id),
  name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  prefix       TEXT    NOT NULL CHECK (length(prefix) BETWEEN 8 AND 16),
  token_hash   TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'),
  scopes       TEXT    NOT NULL CHECK (json_valid(scopes) AND json_type(scopes) = 'array' AND json_array_length(scopes) >= 1),
  created_by   INTEGER,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER,
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, created_by) REFERENCES staff_members (practice_id, id)
) STRICT;

-- The client's own clinician, when the office has said who it is; a clinician's clients are
-- the profiles assigned to them and those with an appointment with them.
ALTER TABLE profiles ADD COLUMN clinician_id INTEGER REFERENCES clinicians(id);

-- Who on the practice's side did it: a staff member or an API key (R36). Part of the event's
-- hash when set, so older events hash as before.
ALTER TABLE audit_events ADD COLUMN actor_staff_id INTEGER;
ALTER TABLE audit_events ADD COLUMN actor_api_key_id INTEGER;
