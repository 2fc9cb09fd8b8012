-- Issue 16: a lost reporter code is recovered through the phone on the report. One live code per report: a salted
-- SHA-256 of the 6-digit code sent by SMS, its expiry (10 minutes) and the wrong tries so far (5 kill it).
CREATE TABLE reporter_recovery (
    report_id INTEGER PRIMARY KEY REFERENCES reports(id),
    salt TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    tries INTEGER NOT NULL DEFAULT 0,
    requested_at INTEGER NOT NULL
);

-- GET /api/v1/me/reports finds a device's reports by their reporter codes (hashed): an index, not a scan.
CREATE INDEX reports_reporter_token ON reports(reporter_token_hash) WHERE reporter_token_hash IS NOT NULL;
