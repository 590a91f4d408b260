-- 007: resuming an upload after a page reload, with nothing kept in the browser (R71). The
-- widget sends an opaque fingerprint of the file (SHA-256 of the profile id, name, size,
-- last-modified time and type, hex) in the tus metadata at creation; the unfinished upload's
-- row keeps it, so the same profile and account can find the upload again and continue it.
-- The row, and so the fingerprint, goes when the upload completes, is cancelled, refused or
-- swept. NULL for uploads created without one.

ALTER TABLE file_uploads ADD COLUMN fingerprint TEXT
  CHECK (fingerprint IS NULL OR (length(fingerprint) = 64 AND fingerprint NOT GLOB '*[^0-9a-f]*'));

CREATE INDEX file_uploads_by_fingerprint ON file_uploads (practice_id, profile_id, fingerprint) WHERE fingerprint IS NOT NULL;
