-- 012: what the practice's side is told. Every change worth telling (a request, a decision, a
-- completed packet, an upload…) becomes one practice event, written in the transaction of the
-- change; from it come signed webhook deliveries to the practice's own systems (a durable
-- outbox, retried for 24 h) and notification emails to staff (the mail outbox). Events carry
-- ids and types only, never names, answers or file names. Times in ms since the epoch.

-- Whether office and owner staff (notify = 1) get the notification emails too, or only the
-- clinician concerned.
ALTER TABLE practices ADD COLUMN notify_office INTEGER NOT NULL DEFAULT 1 CHECK (notify_office IN (0, 1));

CREATE TABLE practice_events (
  id           INTEGER PRIMARY KEY,
  practice_id  INTEGER NOT NULL REFERENCES practices(id),
  -- The webhook message id (`webhook-id`): random, the same on every retry and redelivery.
  public_id    TEXT    NOT NULL UNIQUE CHECK (public_id LIKE 'evt\_%' ESCAPE '\' AND length(public_id) BETWEEN 8 AND 64),
  type         TEXT    NOT NULL CHECK (length(type) BETWEEN 3 AND 64),
  -- Ids and types only (a flat JSON object).
  data         TEXT    NOT NULL CHECK (json_valid(data) AND json_type(data) = 'object'),
  profile_id   INTEGER,
  clinician_id INTEGER,
  occurred_at  INTEGER NOT NULL,
  UNIQUE (practice_id, id)
) STRICT;

CREATE INDEX practice_events_by_practice ON practice_events (practice_id, id);

-- An endpoint of the practice's own systems. The signing secret (`whsec_` + base64) must be
-- usable to sign, so it is stored as is: a secret at rest, like the PIN pepper.
CREATE TABLE webhook_endpoints (
  id          INTEGER PRIMARY KEY,
  practice_id INTEGER NOT NULL REFERENCES practices(id),
  url         TEXT    NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
  description TEXT    NOT NULL DEFAULT '' CHECK (length(description) <= 200),
  secret      TEXT    NOT NULL CHECK (secret LIKE 'whsec\_%' ESCAPE '\'),
  -- The event types it wants (a JSON array); an empty array means every type.
  event_types TEXT    NOT NULL CHECK (json_valid(event_types) AND json_type(event_types) = 'array'),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  -- Deleted endpoints keep their row (the delivery log refers to it) but never get more.
  deleted_at  INTEGER,
  UNIQUE (practice_id, id)
) STRICT;

CREATE INDEX webhook_endpoints_live ON webhook_endpoints (practice_id) WHERE deleted_at IS NULL;

-- One event to one endpoint. queued → sending (leased to a worker until next_attempt_at) →
-- delivered | queued (retry) | failed (24 h after the event, or the endpoint was deleted).
CREATE TABLE webhook_deliveries (
  id               INTEGER PRIMARY KEY,
  practice_id      INTEGER NOT NULL,
  event_id         INTEGER NOT NULL,
  endpoint_id      INTEGER NOT NULL,
  status           TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'delivered', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  INTEGER NOT NULL,
  -- Retries stop after this (24 h after the event; a redelivery starts a new window).
  give_up_at       INTEGER NOT NULL,
  last_status_code INTEGER,
  -- Short, never the receiver's body.
  last_error       TEXT    CHECK (last_error IS NULL OR length(last_error) <= 200),
  last_attempt_at  INTEGER,
  delivered_at     INTEGER,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  UNIQUE (event_id, endpoint_id),
  FOREIGN KEY (practice_id, event_id) REFERENCES practice_events (practice_id, id),
  FOREIGN KEY (practice_id, endpoint_id) REFERENCES webhook_endpoints (practice_id, id)
) STRICT;

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status IN ('queued', 'sending');
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, id);
