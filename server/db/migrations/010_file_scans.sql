-- 010: malware scanning before release (R52). Every stored file has one scan row; a file is
-- downloadable only when its status is `clean`, or `unscanned` (released without a scan
-- because the practice runs with UPLOAD_SCAN=off). `pending_scan` waits for the scanner
-- (it stays so while the scanner is down, or when none is configured and the policy is to
-- hold); `infected` files had their bytes deleted and are never served. The files row itself
-- stays immutable (005), so the status lives here. A file without a scan row counts as
-- pending (fail closed). Files stored before scanning existed were released unscanned.

CREATE TABLE file_scans (
  file_id     INTEGER PRIMARY KEY REFERENCES files (id),
  status      TEXT    NOT NULL CHECK (status IN ('pending_scan', 'clean', 'infected', 'unscanned')),
  -- The scanner's name for what it found (infected only), e.g. `Eicar-Test-Signature`.
  signature   TEXT    CHECK (signature IS NULL OR length(signature) BETWEEN 1 AND 200),
  -- Failed scan attempts (scanner down or erroring) since the file was stored.
  attempts    INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE INDEX file_scans_pending ON file_scans (status) WHERE status = 'pending_scan';

INSERT INTO file_scans (file_id, status, signature, attempts, updated_at)
  SELECT id, 'unscanned', NULL, 0, created_at FROM files;
