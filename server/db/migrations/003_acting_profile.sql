-- 003: the profile a session acts for (<profile-picker>, R41, R42).
-- The browser chooses whom it acts for (self, a minor in its care, a couple) once per
-- session; every widget on the page reads the choice back from `GET me/profiles`. The column
-- only remembers the choice: it grants nothing. Every read checks the live profile_access
-- link again, so a revoked or never-existing link makes the choice read as null, and every
-- profile-scoped request is still authorized on its own path id.
-- A column-level reference only (SQLite cannot add a composite foreign key to an existing
-- table); the tenant check is the same-practice profile_access join done at read time.
ALTER TABLE sessions ADD COLUMN acting_profile_id INTEGER REFERENCES profiles (id);
