-- Issue 15, accounts: one-time set-password links, deactivation, the account's phone for the link by SMS.

-- A one-time link that lets the owner of an account set its password (a new account, or after a reset).
-- Only the SHA-256 of the token is stored; a link is used once and expires.
CREATE TABLE password_links (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    purpose TEXT NOT NULL CHECK (purpose IN ('new_account', 'reset')),
    created_by INTEGER REFERENCES accounts(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX password_links_account ON password_links(account_id) WHERE used_at IS NULL;

-- When the account was deactivated (NULL: active, or never deactivated since this was recorded).
ALTER TABLE accounts ADD COLUMN deactivated_at INTEGER;
-- The account's mobile number (E.164), where its set-password links go by SMS; never shown in lists.
ALTER TABLE accounts ADD COLUMN phone TEXT;


-- Two-step sign-in (TOTP, RFC 6238): the base32 secret (set at enrolment, in use once enabled), when it was
-- enabled, and the last step a code was accepted for (no code is accepted twice).
ALTER TABLE accounts ADD COLUMN totp_secret TEXT;
ALTER TABLE accounts ADD COLUMN totp_enabled_at INTEGER;
ALTER TABLE accounts ADD COLUMN totp_last_step INTEGER;

-- One-time recovery codes of an account with two-step sign-in (only their SHA-256 stored).
CREATE TABLE recovery_codes (
    code_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    created_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX recovery_codes_account ON recovery_codes(account_id);
