-- A new report writes fewer pages (issue 12, docs/operations/performance.md): every index a report INSERT touches is a
-- page read on the request's fresh connection, a WAL frame, part of the commit's fsync and of the checkpoint. The
-- intake wrote 23 pages and made two commits; it now writes 17 in one (1-4), and a tracking read no longer scans
-- every attachment (5). No answer changes.

-- 1. The public search's full-text index holds verified reports only. The search shows only published reports
--    (reports::PUBLISHED needs verified_at), so an unverified report in the index was never found; a report enters
--    the index when it is verified (lifecycle::transition sets verified_at once), not when it is filed, so an intake
--    no longer pays FTS5's segment write. An update of the title or body of an indexed report re-indexes it. Because
--    the index holds only some rows of its external content table, never run FTS5's 'rebuild' on it (it would index
--    every report); rebuild as below.
DROP TRIGGER reports_fts_insert;
DROP TRIGGER reports_fts_update;
DROP TRIGGER reports_fts_delete;

CREATE TRIGGER reports_fts_update AFTER UPDATE OF title, body, verified_at ON reports
WHEN (old.verified_at IS NULL) != (new.verified_at IS NULL)
  OR (new.verified_at IS NOT NULL AND (old.title IS NOT new.title OR old.body IS NOT new.body))
BEGIN
    INSERT INTO reports_fts (reports_fts, rowid, title, body)
    SELECT 'delete', old.id, old.title, old.body WHERE old.verified_at IS NOT NULL;
    INSERT INTO reports_fts (rowid, title, body)
    SELECT new.id, new.title, new.body WHERE new.verified_at IS NOT NULL;
END;

CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports WHEN old.verified_at IS NOT NULL
BEGIN
    INSERT INTO reports_fts (reports_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;

INSERT INTO reports_fts (reports_fts) VALUES ('delete-all');
INSERT INTO reports_fts (rowid, title, body) SELECT id, title, body FROM reports WHERE verified_at IS NOT NULL;

-- 2. reports_region (region_code) is the first column of reports_region_stats (region_code, created_at, ...): every
--    lookup it served, the wider index serves.
DROP INDEX reports_region;

-- 3. A new report has no instansi and no OPD yet (dispatch sets them): the two indexes hold only reports that have
--    one. Every query on them names the instansi or OPD (`= ?`), which a partial index on IS NOT NULL serves; the
--    national queue (`status = 'verified' AND instansi_id IS NULL`) reads reports_status_created.
DROP INDEX reports_opd;
CREATE INDEX reports_opd ON reports(opd_id, status) WHERE opd_id IS NOT NULL;
DROP INDEX reports_instansi;
CREATE INDEX reports_instansi ON reports(instansi_id, status) WHERE instansi_id IS NOT NULL;

-- 4. The reporter's acknowledgement (issue 16) and opt-outs go into the intake's own INSERT: a new report is one
--    write and one commit (one fsync, one turn at the write lock), not two. The values still all come from the
--    code (lapor_store::notify::received: at most an SMS and an e-mail, `ack1_*` and `ack2_*`, NULL when unused);
--    the trigger only distributes them, as in 0020. The INSERT's RETURNING reads the new report's id.
DROP TRIGGER report_intake_insert;
DROP VIEW report_intake;

CREATE VIEW report_intake AS
SELECT
    NULL AS tracking_id, NULL AS kind, NULL AS title, NULL AS body, NULL AS category, NULL AS incident_date,
    NULL AS location_text, NULL AS lat, NULL AS lon, NULL AS region_code, NULL AS target_instansi, NULL AS channel,
    NULL AS source_ref, NULL AS visibility, NULL AS status, NULL AS reporter_token_hash, NULL AS due_at,
    NULL AS breach_at, NULL AS created_at,
    NULL AS reporter_name, NULL AS reporter_nik, NULL AS reporter_phone, NULL AS reporter_email,
    NULL AS reporter_handle, NULL AS reporter_sms_opt_out, NULL AS reporter_email_opt_out,
    NULL AS event_actor, NULL AS event_kind, NULL AS event_to_status, NULL AS event_public,
    NULL AS ack1_channel, NULL AS ack1_recipient, NULL AS ack1_body, NULL AS ack1_key, NULL AS ack1_subject,
    NULL AS ack2_channel, NULL AS ack2_recipient, NULL AS ack2_body, NULL AS ack2_key, NULL AS ack2_subject
WHERE 0;

CREATE TRIGGER report_intake_insert INSTEAD OF INSERT ON report_intake
BEGIN
    INSERT INTO reports (tracking_id, kind, title, body, category, incident_date, location_text, lat, lon, region_code,
                         target_instansi, channel, source_ref, visibility, status, reporter_token_hash, due_at,
                         breach_at, created_at, updated_at)
    VALUES (NEW.tracking_id, NEW.kind, NEW.title, NEW.body, NEW.category, NEW.incident_date, NEW.location_text,
            NEW.lat, NEW.lon, NEW.region_code, NEW.target_instansi, NEW.channel, NEW.source_ref, NEW.visibility,
            NEW.status, NEW.reporter_token_hash, NEW.due_at, NEW.breach_at, NEW.created_at, NEW.created_at);
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

-- 5. A report's public thread lists each event's files (`attachments.event_id = events.id`): without an index every
--    tracking read scanned the whole attachments table once per event. Partial, so an intake's evidence (no event)
--    adds nothing to it.
CREATE INDEX attachments_event ON attachments(event_id) WHERE event_id IS NOT NULL;
