-- 004: online booking (<booking-request>, R43, R45). Appointments and requests are one
-- table: a request is an appointment in state `requested`, so the same unique index covers
-- pending and confirmed times and a pending request holds its time (no double booking).
-- Times are INTEGER milliseconds since the Unix epoch, UTC, as everywhere; weekly hours stay
-- wall-clock minutes in the practice's zone (001), converted per day by the server.

-- Booking rules per practice. A practice without a row uses the defaults (the repository
-- supplies them too); the cancellation window is practices.cancellation_window_hours (001).
CREATE TABLE booking_settings (
  practice_id           INTEGER PRIMARY KEY REFERENCES practices(id),
  -- A request nobody answers lapses after this long (and at its start time at the latest).
  request_expiry_hours  INTEGER NOT NULL DEFAULT 72 CHECK (request_expiry_hours BETWEEN 1 AND 720),
  -- The earliest open time is this far from now: the office needs time to approve.
  min_notice_hours      INTEGER NOT NULL DEFAULT 24 CHECK (min_notice_hours BETWEEN 0 AND 720),
  -- How far ahead times are offered.
  horizon_days          INTEGER NOT NULL DEFAULT 90 CHECK (horizon_days BETWEEN 1 AND 366),
  -- Open times start every this many minutes from the start of each block of working hours.
  slot_step_minutes     INTEGER NOT NULL DEFAULT 30 CHECK (slot_step_minutes BETWEEN 5 AND 240),
  -- R45: requests waiting for approval per profile, and new requests per profile per 24 h.
  max_open_requests     INTEGER NOT NULL DEFAULT 3 CHECK (max_open_requests BETWEEN 1 AND 50),
  requests_per_day      INTEGER NOT NULL DEFAULT 10 CHECK (requests_per_day BETWEEN 1 AND 200),
  updated_at            INTEGER NOT NULL
) STRICT;

-- A clinician's absences (vacation, training): no open times overlap them.
CREATE TABLE clinician_time_off (
  id           INTEGER PRIMARY KEY,
  practice_id  INTEGER NOT NULL,
  clinician_id INTEGER NOT NULL,
  starts_at    INTEGER NOT NULL,
  ends_at      INTEGER NOT NULL CHECK (ends_at > starts_at),
  created_at   INTEGER NOT NULL,
  FOREIGN KEY (practice_id, clinician_id) REFERENCES clinicians (practice_id, id)
) STRICT;

CREATE INDEX clinician_time_off_by_clinician ON clinician_time_off (clinician_id, starts_at);

CREATE TABLE appointments (
  id                INTEGER PRIMARY KEY,
  practice_id       INTEGER NOT NULL,
  profile_id        INTEGER NOT NULL,
  clinician_id      INTEGER NOT NULL,
  service_id        INTEGER NOT NULL,
  -- The account that asked; the booking emails go to it, in its language.
  requested_by      INTEGER NOT NULL,
  modality          TEXT    NOT NULL CHECK (modality IN ('telehealth', 'in_person')),
  starts_at         INTEGER NOT NULL,
  ends_at           INTEGER NOT NULL CHECK (ends_at > starts_at),
  -- End plus the service's buffer at booking time: the clinician is busy until then.
  blocked_until     INTEGER NOT NULL CHECK (blocked_until >= ends_at AND blocked_until - starts_at <= 43200000),
  status            TEXT    NOT NULL CHECK (status IN ('requested', 'confirmed', 'reschedule_requested', 'declined', 'cancelled')),
  status_reason     TEXT    CHECK (status_reason IS NULL OR status_reason IN ('client', 'practice', 'expired', 'rescheduled')),
  message           TEXT    CHECK (message IS NULL OR length(message) <= 1000),
  decline_note      TEXT    CHECK (decline_note IS NULL OR length(decline_note) <= 1000),
  -- Up to three start times (ms) the clinician proposed when declining.
  proposed_starts   TEXT    NOT NULL DEFAULT '[]'
                    CHECK (json_valid(proposed_starts) AND json_type(proposed_starts) = 'array' AND json_array_length(proposed_starts) <= 3),
  -- A reschedule request names the confirmed appointment it would replace; once approved,
  -- that appointment names its replacement.
  reschedule_of_id  INTEGER,
  replaced_by_id    INTEGER,
  -- One calendar event across reschedules: the .ics files share the UID, SEQUENCE grows.
  calendar_uid      TEXT    NOT NULL CHECK (length(calendar_uid) BETWEEN 1 AND 200),
  calendar_sequence INTEGER NOT NULL DEFAULT 0 CHECK (calendar_sequence >= 0),
  expires_at        INTEGER,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  decided_at        INTEGER,
  CHECK (status <> 'requested' OR expires_at IS NOT NULL),
  CHECK ((status IN ('declined', 'cancelled')) = (status_reason IS NOT NULL)),
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, profile_id) REFERENCES profiles (practice_id, id),
  FOREIGN KEY (practice_id, clinician_id) REFERENCES clinicians (practice_id, id),
  FOREIGN KEY (practice_id, service_id) REFERENCES services (practice_id, id),
  FOREIGN KEY (practice_id, requested_by) REFERENCES accounts (practice_id, id),
  FOREIGN KEY (practice_id, reschedule_of_id) REFERENCES appointments (practice_id, id),
  FOREIGN KEY (practice_id, replaced_by_id) REFERENCES appointments (practice_id, id)
) STRICT;

-- R43 in the database: two live bookings (a pending request holds its time, a confirmed one
-- keeps it while a reschedule waits) can never share a clinician and start, whatever the
-- application code does. Also the index every availability query reads.
CREATE UNIQUE INDEX appointments_live_slot ON appointments (clinician_id, starts_at)
  WHERE status IN ('requested', 'confirmed', 'reschedule_requested');

-- ... nor overlap (with the buffer after each): checked on every insert and every change
-- that makes a row live or moves it. Sessions last at most 12 h with their buffer (CHECK
-- above), which bounds the range the trigger reads.
CREATE TRIGGER appointments_no_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.status IN ('requested', 'confirmed', 'reschedule_requested')
BEGIN
  SELECT RAISE(ABORT, 'appointments: overlaps a live booking of the clinician')
  WHERE EXISTS (
    SELECT 1 FROM appointments a
    WHERE a.clinician_id = NEW.clinician_id
      AND a.status IN ('requested', 'confirmed', 'reschedule_requested')
      AND a.starts_at > NEW.starts_at - 43200000
      AND a.starts_at < NEW.blocked_until
      AND a.blocked_until > NEW.starts_at
  );
END;

CREATE TRIGGER appointments_no_overlap_update BEFORE UPDATE OF status, starts_at, blocked_until, clinician_id ON appointments
WHEN NEW.status IN ('requested', 'confirmed', 'reschedule_requested')
BEGIN
  SELECT RAISE(ABORT, 'appointments: overlaps a live booking of the clinician')
  WHERE EXISTS (
    SELECT 1 FROM appointments a
    WHERE a.id <> NEW.id
      AND a.clinician_id = NEW.clinician_id
      AND a.status IN ('requested', 'confirmed', 'reschedule_requested')
      AND a.starts_at > NEW.starts_at - 43200000
      AND a.starts_at < NEW.blocked_until
      AND a.blocked_until > NEW.starts_at
  );
END;

-- R43's state machine, enforced below the code: only these status changes are accepted.
CREATE TRIGGER appointments_state_machine BEFORE UPDATE OF status ON appointments
WHEN OLD.status <> NEW.status AND NOT (
     (OLD.status = 'requested' AND NEW.status IN ('confirmed', 'declined', 'cancelled'))
  OR (OLD.status = 'confirmed' AND NEW.status IN ('cancelled', 'reschedule_requested'))
  OR (OLD.status = 'reschedule_requested' AND NEW.status IN ('confirmed', 'cancelled'))
)
BEGIN
  SELECT RAISE(ABORT, 'appointments: status change not allowed');
END;

-- Where an appointment is and who it is with never change; a new time is a new row.
CREATE TRIGGER appointments_fixed_fields BEFORE UPDATE OF practice_id, profile_id, clinician_id, service_id, starts_at, ends_at, requested_by ON appointments
WHEN NEW.practice_id IS NOT OLD.practice_id OR NEW.profile_id IS NOT OLD.profile_id OR NEW.clinician_id IS NOT OLD.clinician_id
  OR NEW.service_id IS NOT OLD.service_id OR NEW.starts_at IS NOT OLD.starts_at OR NEW.ends_at IS NOT OLD.ends_at
  OR NEW.requested_by IS NOT OLD.requested_by
BEGIN
  SELECT RAISE(ABORT, 'appointments: time, people and service are fixed; request a new time instead');
END;

CREATE INDEX appointments_by_profile ON appointments (profile_id, starts_at);
CREATE INDEX appointments_pending ON appointments (practice_id, expires_at) WHERE status = 'requested';

-- Idempotent request creation (F5): the first answer to a key is kept and replayed for 24 h.
-- Keys belong to the account that sent them; the hash covers the route, profile and body.
CREATE TABLE booking_idempotency_keys (
  account_id      INTEGER NOT NULL REFERENCES accounts(id),
  idempotency_key TEXT    NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
  request_hash    TEXT    NOT NULL CHECK (length(request_hash) = 64),
  response_status INTEGER NOT NULL,
  response_body   TEXT    NOT NULL CHECK (json_valid(response_body)),
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (account_id, idempotency_key)
) STRICT, WITHOUT ROWID;

CREATE INDEX booking_idempotency_keys_by_age ON booking_idempotency_keys (created_at);

-- Email attachments (the confirmation's .ics), written with their outbox row.
CREATE TABLE outbox_attachments (
  outbox_id    INTEGER NOT NULL REFERENCES outbox(id),
  position     INTEGER NOT NULL CHECK (position >= 0),
  filename     TEXT    NOT NULL CHECK (length(filename) BETWEEN 1 AND 200 AND filename NOT GLOB '*[/\\]*'),
  content_type TEXT    NOT NULL CHECK (length(content_type) BETWEEN 3 AND 200),
  content      BLOB    NOT NULL,
  PRIMARY KEY (outbox_id, position)
) STRICT, WITHOUT ROWID;
