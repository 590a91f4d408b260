-- 005: files a client uploads for their clinician (<file-uploader>, R46–R56). An upload in
-- progress (tus) is a row in file_uploads from its creation: it names the profile and the
-- account it belongs to (only they may continue, inspect or cancel it, also after a server
-- restart) and reserves its declared length against the profile's quota. The commit moves
-- the bytes into the store under a random name and, in one transaction, inserts the files
-- row and deletes the upload row. Names are sanitized metadata only (R49); the bytes live in
-- the file store, outside anything served (R50). Times are INTEGER milliseconds since the
-- Unix epoch, UTC, as everywhere.

CREATE TABLE file_uploads (
  -- The tus upload id: 128 random bits, hex; the last segment of the upload URL.
  id          TEXT    PRIMARY KEY CHECK (length(id) = 32 AND id NOT GLOB '*[^0-9a-f]*'),
  practice_id INTEGER NOT NULL,
  profile_id  INTEGER NOT NULL,
  account_id  INTEGER NOT NULL,
  file_name   TEXT    NOT NULL CHECK (length(CAST(file_name AS BLOB)) BETWEEN 1 AND 255),
  file_type   TEXT    NOT NULL CHECK (file_type IN ('pdf', 'jpg', 'png', 'mp3', 'm4a', 'csv')),
  -- The declared Upload-Length; the store never accepts a byte beyond it.
  size_bytes  INTEGER NOT NULL CHECK (size_bytes > 0),
  created_at  INTEGER NOT NULL,
  -- The last time bytes arrived: the sweeper deletes uploads idle for longer than its limit.
  updated_at  INTEGER NOT NULL CHECK (updated_at >= created_at),
  FOREIGN KEY (practice_id, profile_id) REFERENCES profiles (practice_id, id),
  FOREIGN KEY (practice_id, account_id) REFERENCES accounts (practice_id, id)
) STRICT, WITHOUT ROWID;

CREATE INDEX file_uploads_by_profile ON file_uploads (practice_id, profile_id);
CREATE INDEX file_uploads_by_activity ON file_uploads (updated_at);

CREATE TABLE files (
  id           INTEGER PRIMARY KEY,
  practice_id  INTEGER NOT NULL,
  profile_id   INTEGER NOT NULL,
  uploaded_by  INTEGER NOT NULL,
  -- One upload makes at most one file, whatever a client retries (F3).
  upload_id    TEXT    NOT NULL UNIQUE CHECK (length(upload_id) = 32 AND upload_id NOT GLOB '*[^0-9a-f]*'),
  -- The name in the store: 128 random bits, hex, unrelated to the id and the upload id (R49).
  storage_name TEXT    NOT NULL UNIQUE CHECK (length(storage_name) = 32 AND storage_name NOT GLOB '*[^0-9a-f]*'),
  file_name    TEXT    NOT NULL CHECK (length(CAST(file_name AS BLOB)) BETWEEN 1 AND 255),
  file_type    TEXT    NOT NULL CHECK (file_type IN ('pdf', 'jpg', 'png', 'mp3', 'm4a', 'csv')),
  size_bytes   INTEGER NOT NULL CHECK (size_bytes > 0),
  -- SHA-256 of the stored bytes (JPEG/PNG after their metadata was removed), hex (R56).
  sha256       TEXT    NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  created_at   INTEGER NOT NULL,
  FOREIGN KEY (practice_id, profile_id) REFERENCES profiles (practice_id, id),
  FOREIGN KEY (practice_id, uploaded_by) REFERENCES accounts (practice_id, id)
) STRICT;

CREATE INDEX files_by_profile ON files (practice_id, profile_id, id);

-- A stored file's record says what its bytes are; it is never edited (HIPAA 164.312(c)).
CREATE TRIGGER files_immutable_update BEFORE UPDATE ON files
BEGIN SELECT RAISE(ABORT, 'files are immutable'); END;
