-- 002: passwordless sign-in. Emailed sign-in links (R1–R7), office-issued PINs (R17–R20),
-- bearer sessions (R14, R31, R32, R34) and the throttle state that must survive a restart
-- (R10, R11, R21, R22, F14). No secret is stored: links and sessions keep the SHA-256 of
-- their token (hex), PINs a peppered scrypt hash with a per-PIN salt. Times are INTEGER
-- milliseconds since the Unix epoch, UTC, as everywhere.

-- A sign-in link. `kind` says why it was sent (a client asked, or the office invited); both
-- kinds are the same credential and supersede each other.
CREATE TABLE sign_in_links (
  id            INTEGER PRIMARY KEY,
  practice_id   INTEGER NOT NULL,
  account_id    INTEGER NOT NULL,
  token_hash    TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'),
  kind          TEXT    NOT NULL CHECK (kind IN ('sign_in', 'invitation')),
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL CHECK (expires_at > created_at),
  used_at       INTEGER CHECK (used_at IS NULL OR used_at >= created_at),
  superseded_at INTEGER CHECK (superseded_at IS NULL OR superseded_at >= created_at),
  CHECK (used_at IS NULL OR superseded_at IS NULL),
  FOREIGN KEY (practice_id, account_id) REFERENCES accounts (practice_id, id)
) STRICT;

-- R6 in the database itself: at most one link per account that is neither used nor
-- superseded. Issuing supersedes the old ones first, in the same transaction.
CREATE UNIQUE INDEX sign_in_links_latest_only ON sign_in_links (account_id)
  WHERE used_at IS NULL AND superseded_at IS NULL;

-- A PIN the office gave a client by phone. `attempts` is incremented before each comparison,
-- in the same statement that checks it, so it can never pass 5 (R20); the CHECK says so too.
CREATE TABLE sign_in_pins (
  id          INTEGER PRIMARY KEY,
  practice_id INTEGER NOT NULL,
  account_id  INTEGER NOT NULL,
  salt        BLOB    NOT NULL CHECK (length(salt) = 16),
  pin_hash    BLOB    NOT NULL CHECK (length(pin_hash) = 32),
  kdf         TEXT    NOT NULL CHECK (length(kdf) BETWEEN 1 AND 100), -- the hash's recipe and parameters (R19)
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL CHECK (expires_at > created_at),
  attempts    INTEGER NOT NULL DEFAULT 0 CHECK (attempts BETWEEN 0 AND 5),
  used_at     INTEGER,
  voided_at   INTEGER,
  void_reason TEXT    CHECK (void_reason IS NULL OR void_reason IN ('reissued', 'locked')),
  CHECK ((voided_at IS NULL) = (void_reason IS NULL)),
  CHECK (used_at IS NULL OR voided_at IS NULL),
  FOREIGN KEY (practice_id, account_id) REFERENCES accounts (practice_id, id)
) STRICT;

-- Re-issuing voids the old PIN (R18): at most one live PIN per account.
CREATE UNIQUE INDEX sign_in_pins_one_live ON sign_in_pins (account_id)
  WHERE used_at IS NULL AND voided_at IS NULL;

-- A signed-in browser. The idle deadline moves with every authenticated request and never
-- passes the absolute one; an ended session stays as a record of who was signed in when.
CREATE TABLE sessions (
  id                   INTEGER PRIMARY KEY,
  practice_id          INTEGER NOT NULL,
  account_id           INTEGER NOT NULL,
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
  FOREIGN KEY (practice_id, account_id) REFERENCES accounts (practice_id, id)
) STRICT;

CREATE INDEX sessions_live_by_account ON sessions (practice_id, account_id) WHERE ended_at IS NULL;

-- Sliding-window budgets (link requests per IP and per address, verify calls per IP, failed
-- PIN checks per IP): one row per counted event, pruned once it leaves its window. Keys name
-- the budget, the practice and the client; addresses appear only as a SHA-256.
CREATE TABLE rate_events (
  id  INTEGER PRIMARY KEY,
  key TEXT    NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  at  INTEGER NOT NULL
) STRICT;

CREATE INDEX rate_events_by_key ON rate_events (key, at);
CREATE INDEX rate_events_by_time ON rate_events (at);

-- The growing wait after failed PIN sign-ins for one practice + email address (R21), kept
-- whether or not an account has that address, so the answer never tells. `key` is the
-- SHA-256 of practice id and address; a success (or a newly issued PIN) deletes the row.
CREATE TABLE pin_failure_streaks (
  key             TEXT    PRIMARY KEY CHECK (length(key) = 64 AND key NOT GLOB '*[^0-9a-f]*'),
  practice_id     INTEGER NOT NULL REFERENCES practices(id),
  failures        INTEGER NOT NULL CHECK (failures >= 1),
  next_allowed_at INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
