-- SLA timers the sweep works from. Each is the next instant the sweep must act on a report, and is cleared
-- (in the same transaction) when the sweep acts, so the sweep finds work with indexed range scans whose
-- cost grows with the work due, not with the number of reports.
ALTER TABLE reports ADD COLUMN assigned_at INTEGER;     -- first time the report reached an OPD
ALTER TABLE reports ADD COLUMN warn_at INTEGER;         -- warn the liaison and the Inspektorat
ALTER TABLE reports ADD COLUMN breach_at INTEGER;       -- the current stage's deadline, not yet recorded as breached
ALTER TABLE reports ADD COLUMN escalate_at INTEGER;     -- 60 days after reaching the OPD: the Ombudsman mediates
ALTER TABLE reports ADD COLUMN answered_at INTEGER;     -- last OPD answer the citizen has not replied to
CREATE INDEX reports_warn_at ON reports(warn_at) WHERE warn_at IS NOT NULL;
CREATE INDEX reports_breach_at ON reports(breach_at) WHERE breach_at IS NOT NULL;
CREATE INDEX reports_escalate_at ON reports(escalate_at) WHERE escalate_at IS NOT NULL;
CREATE INDEX reports_answered_at ON reports(answered_at) WHERE answered_at IS NOT NULL;

-- What the sweep did, once per report, action and deadline: the ledger that makes sweeps idempotent.
CREATE TABLE sla_actions (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    action TEXT NOT NULL,               -- warning, breach, ombudsman, auto_complete
    stage TEXT,                         -- verification, dispatch, follow_up
    due_at INTEGER NOT NULL,
    instansi_id INTEGER,
    opd_id INTEGER,                     -- a follow-up breach is recorded against this OPD
    at INTEGER NOT NULL,
    UNIQUE (report_id, action, due_at)
);
CREATE INDEX sla_actions_opd ON sla_actions(opd_id, action);

-- Notices to staff (the console shows them): who must act, about which report, why.
CREATE TABLE staff_notices (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    audience TEXT NOT NULL,             -- opd_liaison, inspektorat, instansi_admin, national_admin, ombudsman
    instansi_id INTEGER,
    opd_id INTEGER,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER
);
CREATE INDEX staff_notices_audience ON staff_notices(audience, instansi_id, opd_id, id);

-- Reports already open when this migration runs get their timers from their deadline.
UPDATE reports SET breach_at = due_at WHERE due_at IS NOT NULL;
