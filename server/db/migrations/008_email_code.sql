-- 008: a six-digit code in the sign-in email, as a fallback for readers whose mail scanner
-- breaks links (R16). It lives on its link's row, so it shares the link's lifetime, its
-- latest-only rule (R6) and its single use: using either one uses the row up. Only a
-- peppered scrypt hash with a per-code salt is stored (R19), with its recipe; `code_attempts`
-- is incremented before each comparison, in the statement that checks it, so it never
-- passes 5 (R20); the fifth failure also drops the hash. NULL when the server had no pepper
-- (the email then carries no code) and for office invitations.

ALTER TABLE sign_in_links ADD COLUMN code_salt BLOB CHECK (code_salt IS NULL OR length(code_salt) = 16);
ALTER TABLE sign_in_links ADD COLUMN code_hash BLOB CHECK (code_hash IS NULL OR length(code_hash) = 32);
ALTER TABLE sign_in_links ADD COLUMN code_kdf TEXT CHECK (code_kdf IS NULL OR length(code_kdf) BETWEEN 1 AND 100);
ALTER TABLE sign_in_links ADD COLUMN code_attempts INTEGER NOT NULL DEFAULT 0 CHECK (code_attempts BETWEEN 0 AND 5);
