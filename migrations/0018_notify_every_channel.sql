-- Issue 16: every reporter hears back on the channels they gave. Web, app, Open311 and offline reporters get the
-- SMS updates at their phone and e-mail at their address, unless they opted out of that channel (on the form, in
-- the API, or with the e-mail's unsubscribe link).
ALTER TABLE reporters ADD COLUMN sms_opt_out INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reporters ADD COLUMN email_opt_out INTEGER NOT NULL DEFAULT 0;
-- X's stable user id of an X reporter: a reply in the report's thread joins it only from that same account.
ALTER TABLE reporters ADD COLUMN x_user_id TEXT;

-- The outbox takes e-mail too. SQLite cannot change a CHECK constraint in place, so the table is rebuilt with the
-- same rows (ids kept) and two more columns for e-mail: `subject`, and `tracking_id` (the report its links point
-- to: the tracking page and the unsubscribe page; the sender adds them, since it knows the public URL).
CREATE TABLE outbox_v2 (
    id INTEGER PRIMARY KEY,
    report_id INTEGER REFERENCES reports(id),
    channel TEXT NOT NULL CHECK (channel IN ('sms', 'x', 'email')),
    recipient TEXT NOT NULL,            -- E.164 phone, the post id to reply to, or an e-mail address
    body TEXT NOT NULL,
    dedupe_key TEXT UNIQUE,             -- one message per cause and channel, however often the cause is seen
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_until INTEGER,
    provider_id TEXT,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    claim_token TEXT,
    attempted_at INTEGER,
    in_doubt_since INTEGER,
    subject TEXT,
    tracking_id TEXT
);
INSERT INTO outbox_v2 (id, report_id, channel, recipient, body, dedupe_key, status, attempts, next_attempt_at,
                       claimed_until, provider_id, last_error, created_at, updated_at, claim_token, attempted_at,
                       in_doubt_since)
SELECT id, report_id, channel, recipient, body, dedupe_key, status, attempts, next_attempt_at, claimed_until,
       provider_id, last_error, created_at, updated_at, claim_token, attempted_at, in_doubt_since
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v2 RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_provider ON outbox(provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX outbox_lease ON outbox(status, claimed_until) WHERE status = 'sending';

-- Photos and videos on X posts (issue 16), kept as evidence: the URL and type from the API's media expansions,
-- and, when `x_media_fetch` is on, the fetched image as an attachment of the report.
CREATE TABLE x_media (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    post_id TEXT NOT NULL,
    kind TEXT NOT NULL,                 -- photo, video, animated_gif
    url TEXT NOT NULL,
    attachment_id INTEGER REFERENCES attachments(id),
    fetch_error TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (post_id, url)
);
CREATE INDEX x_media_report ON x_media(report_id);
CREATE INDEX x_media_to_fetch ON x_media(id) WHERE attachment_id IS NULL AND fetch_error IS NULL AND kind = 'photo';
