-- Issue 23, item 3: channels as one abstraction. The outbox's channel and status are checked by the code (the one
-- medium list, `lapor_core::notify::Medium`, and the delivery statuses of `lapor_core::delivery`), no longer by CHECK
-- constraints, so a new channel (WhatsApp) or a new delivery status (`read`) needs no migration. SQLite cannot drop
-- a CHECK in place: the table is rebuilt with the same rows (ids kept), its indexes made again, and the intake
-- trigger that writes acknowledgements into it (as 0025 left it) dropped first and made again unchanged, so
-- renaming the new table checks no trigger against a table that is gone. Old and new code write the same values (rolling upgrades).
DROP TRIGGER report_intake_insert;
CREATE TABLE outbox_v3 (
    id INTEGER PRIMARY KEY,
    report_id INTEGER REFERENCES reports(id),
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    body TEXT NOT NULL,
    dedupe_key TEXT UNIQUE,
    status TEXT NOT NULL DEFAULT 'pending',
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
    tracking_id TEXT,
    priority INTEGER NOT NULL DEFAULT 0
);
INSERT INTO outbox_v3 (id, report_id, channel, recipient, body, dedupe_key, status, attempts, next_attempt_at,
                       claimed_until, provider_id, last_error, created_at, updated_at, claim_token, attempted_at,
                       in_doubt_since, subject, tracking_id, priority)
SELECT id, report_id, channel, recipient, body, dedupe_key, status, attempts, next_attempt_at, claimed_until,
       provider_id, last_error, created_at, updated_at, claim_token, attempted_at, in_doubt_since, subject,
       tracking_id, priority
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v3 RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_provider ON outbox(provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX outbox_lease ON outbox(status, claimed_until) WHERE status = 'sending';
CREATE TRIGGER report_intake_insert INSTEAD OF INSERT ON report_intake
BEGIN
    INSERT INTO reports (tracking_id, kind, title, body, category, incident_date, location_text, lat, lon, region_code,
                         target_instansi, channel, source_ref, visibility, status, reporter_token_hash, due_at,
                         created_at, updated_at)
    VALUES (NEW.tracking_id, NEW.kind, NEW.title, NEW.body, NEW.category, NEW.incident_date, NEW.location_text,
            NEW.lat, NEW.lon, NEW.region_code, NEW.target_instansi, NEW.channel, NEW.source_ref, NEW.visibility,
            NEW.status, NEW.reporter_token_hash, NEW.due_at, NEW.created_at, NEW.created_at);
    INSERT INTO report_timers (report_id, part, kind, due_at)
    SELECT id, 0, 'breach', NEW.breach_at FROM reports WHERE tracking_id = NEW.tracking_id AND NEW.breach_at IS NOT NULL;
    INSERT INTO reporters (report_id, name, nik, phone, email, handle, sms_opt_out, email_opt_out)
    SELECT id, NEW.reporter_name, NEW.reporter_nik, NEW.reporter_phone, NEW.reporter_email, NEW.reporter_handle,
           COALESCE(NEW.reporter_sms_opt_out, 0), COALESCE(NEW.reporter_email_opt_out, 0)
    FROM reports WHERE tracking_id = NEW.tracking_id;
    INSERT INTO events (report_id, at, actor, channel, kind, to_status, public)
    SELECT id, NEW.created_at, NEW.event_actor, NEW.channel, NEW.event_kind, NEW.event_to_status, NEW.event_public
    FROM reports WHERE tracking_id = NEW.tracking_id;
    INSERT INTO outbox (report_id, channel, recipient, body, dedupe_key, subject, tracking_id, next_attempt_at,
                        created_at, updated_at)
    SELECT r.id, a.channel, a.recipient, a.body, 'received:' || r.id || a.key, a.subject, r.tracking_id,
           NEW.created_at, NEW.created_at, NEW.created_at
    FROM reports r,
         (SELECT NEW.ack1_channel AS channel, NEW.ack1_recipient AS recipient, NEW.ack1_body AS body,
                 NEW.ack1_key AS key, NEW.ack1_subject AS subject
          UNION ALL
          SELECT NEW.ack2_channel, NEW.ack2_recipient, NEW.ack2_body, NEW.ack2_key, NEW.ack2_subject) a
    WHERE r.tracking_id = NEW.tracking_id AND a.channel IS NOT NULL
    ON CONFLICT (dedupe_key) DO NOTHING;
END;
