-- One statement stores a new report, its reporter and its first event: an INSERT into this view, fanned out to the
-- three tables by the trigger below. Every value comes from the caller (lapor-core decides status, event kind and
-- deadlines); the trigger only distributes them. Why: a new report is then written by a single statement, so the
-- write lock is held for one host call instead of five (BEGIN, three INSERTs, COMMIT), and on libSQL it is one
-- network round trip. See docs/operations/performance.md.
CREATE VIEW report_intake AS
SELECT
    NULL AS tracking_id, NULL AS kind, NULL AS title, NULL AS body, NULL AS category, NULL AS incident_date,
    NULL AS location_text, NULL AS lat, NULL AS lon, NULL AS region_code, NULL AS target_instansi, NULL AS channel,
    NULL AS source_ref, NULL AS visibility, NULL AS status, NULL AS reporter_token_hash, NULL AS due_at,
    NULL AS breach_at, NULL AS created_at,
    NULL AS reporter_name, NULL AS reporter_nik, NULL AS reporter_phone, NULL AS reporter_email,
    NULL AS reporter_handle,
    NULL AS event_actor, NULL AS event_kind, NULL AS event_to_status, NULL AS event_public
WHERE 0;

CREATE TRIGGER report_intake_insert INSTEAD OF INSERT ON report_intake
BEGIN
    INSERT INTO reports (tracking_id, kind, title, body, category, incident_date, location_text, lat, lon, region_code,
                         target_instansi, channel, source_ref, visibility, status, reporter_token_hash, due_at,
                         breach_at, created_at, updated_at)
    VALUES (NEW.tracking_id, NEW.kind, NEW.title, NEW.body, NEW.category, NEW.incident_date, NEW.location_text,
            NEW.lat, NEW.lon, NEW.region_code, NEW.target_instansi, NEW.channel, NEW.source_ref, NEW.visibility,
            NEW.status, NEW.reporter_token_hash, NEW.due_at, NEW.breach_at, NEW.created_at, NEW.created_at);
    INSERT INTO reporters (report_id, name, nik, phone, email, handle)
    SELECT id, NEW.reporter_name, NEW.reporter_nik, NEW.reporter_phone, NEW.reporter_email, NEW.reporter_handle
    FROM reports WHERE tracking_id = NEW.tracking_id;
    INSERT INTO events (report_id, at, actor, channel, kind, to_status, public)
    SELECT id, NEW.created_at, NEW.event_actor, NEW.channel, NEW.event_kind, NEW.event_to_status, NEW.event_public
    FROM reports WHERE tracking_id = NEW.tracking_id;
END;
