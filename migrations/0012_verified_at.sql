-- When a report first passed verification. Public outputs (the report list, Open311, the open-data CSV) show a
-- report only once this is set, so nothing unverified (a hoax, say) is published; the reporter still sees their
-- own report with the reporter code. Reports verified before this migration get the time of their first move to
-- `verified` (or, with no such event, their last update if their status lies past verification).
ALTER TABLE reports ADD COLUMN verified_at INTEGER;
UPDATE reports SET verified_at = COALESCE(
    (SELECT min(e.at) FROM events e WHERE e.report_id = reports.id AND e.to_status = 'verified'),
    CASE WHEN status IN ('verified', 'dispatched', 'assigned', 'in_progress', 'completed') THEN updated_at END);
