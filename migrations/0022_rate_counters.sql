-- Issue 28: counters of the limits that must be exact under concurrency (staff sign-in per client and per account
-- from a client, two-step codes per account, password changes per account, the argon2 ceilings). One row per
-- subject, keyed by a hash (never an e-mail or an address); a new window overwrites the row; the sweep removes rows
-- whose window is over, so rows never pile up.
CREATE TABLE rate_counters (
    key TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    count INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX rate_counters_expiry ON rate_counters(expires_at);
