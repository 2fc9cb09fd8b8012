-- Issue 23: SLA timers are rows, not columns of `reports` (docs/adr/0008-timers-as-rows.md). A timer is the next
-- instant the sweep acts on a report, or on one part of it: part 0 is the whole report, the only part until
-- reports have OPD parts. `kind` is a lapor_core::timers::TimerKind wire name (warning, breach, ombudsman,
-- auto_complete); `deadline` is the deadline the action is about when it is not `due_at` (a warning's). One timer
-- per report, part and kind; the sweep deletes a timer when it claims it.
CREATE TABLE report_timers (
    report_id INTEGER NOT NULL REFERENCES reports(id),
    part INTEGER NOT NULL DEFAULT 0,
    kind TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    deadline INTEGER,
    PRIMARY KEY (report_id, part, kind)
) WITHOUT ROWID;
-- The sweep's only index: it walks due timers soonest first, so its cost follows the work due, not the reports.
CREATE INDEX report_timers_due ON report_timers(due_at);

-- A running database keeps its deadlines: each timer column (0008) becomes a row. The auto-completion timer held
-- the answer's time; as a row it is due 10 days (864000 s, lapor_core::sla::AUTO_COMPLETE_DAYS) later.
INSERT INTO report_timers (report_id, part, kind, due_at, deadline)
SELECT id, 0, 'warning', warn_at, due_at FROM reports WHERE warn_at IS NOT NULL
UNION ALL SELECT id, 0, 'breach', breach_at, NULL FROM reports WHERE breach_at IS NOT NULL
UNION ALL SELECT id, 0, 'ombudsman', escalate_at, NULL FROM reports WHERE escalate_at IS NOT NULL
UNION ALL SELECT id, 0, 'auto_complete', answered_at + 864000, NULL FROM reports WHERE answered_at IS NOT NULL;

-- Expand now, contract later (issue 25): the columns and their indexes stay for this release, because an older
-- replica still running during the rolling upgrade writes them and its sweep reads them. They are emptied here, so
-- an older sweep cannot act a second time on a timer that is now a row, and from now on they hold only what an
-- older replica writes, which the trigger below turns into rows. The next release drops the four columns, their
-- indexes (reports_warn_at, reports_breach_at, reports_escalate_at, reports_answered_at) and this trigger.
UPDATE reports SET warn_at = NULL, breach_at = NULL, escalate_at = NULL, answered_at = NULL
WHERE warn_at IS NOT NULL OR breach_at IS NOT NULL OR escalate_at IS NOT NULL OR answered_at IS NOT NULL;

-- An older replica's timer write becomes a row; its sweep's claim (the column set to NULL) removes the row it
-- claimed. The 60-day timer keeps the one already armed, as the column did (coalesce). This code never writes
-- these columns, so the trigger costs it nothing.
CREATE TRIGGER report_timers_from_columns AFTER UPDATE OF warn_at, breach_at, escalate_at, answered_at ON reports
BEGIN
    DELETE FROM report_timers WHERE report_id = NEW.id AND part = 0 AND (kind, due_at) IN
        (SELECT 'warning', OLD.warn_at UNION ALL SELECT 'breach', OLD.breach_at
         UNION ALL SELECT 'ombudsman', OLD.escalate_at UNION ALL SELECT 'auto_complete', OLD.answered_at + 864000);
    INSERT INTO report_timers (report_id, part, kind, due_at, deadline)
    SELECT NEW.id, 0, t.kind, t.due_at, t.deadline FROM
        (SELECT 'warning' AS kind, NEW.warn_at AS due_at, NEW.due_at AS deadline
         UNION ALL SELECT 'breach', NEW.breach_at, NULL UNION ALL SELECT 'ombudsman', NEW.escalate_at, NULL
         UNION ALL SELECT 'auto_complete', NEW.answered_at + 864000, NULL) AS t
    WHERE t.due_at IS NOT NULL
    ON CONFLICT (report_id, part, kind) DO UPDATE SET due_at = excluded.due_at, deadline = excluded.deadline
    WHERE kind <> 'ombudsman';
END;

-- The intake (0021) arms the verification deadline as a row: `report_intake.breach_at` (the view is unchanged, so
-- older and newer replicas file reports alike) becomes the report's breach timer instead of a column.
DROP TRIGGER report_intake_insert;
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
