-- Issue 14 (sections 2-4): notices that reach people, the Inspektorat's reprimands and extension decisions,
-- and the Ombudsman's mediation.

-- A staff account may have a phone for urgent notices (breach, escalation) by SMS; set by its owner.
ALTER TABLE accounts ADD COLUMN notice_phone TEXT;      -- E.164

-- Notices are addressed to a scope (audience role + instansi/OPD), so a successor sees them; read per account.
-- (staff_notices.read_at is not used: one reader must not mark a notice read for everyone else.)
CREATE TABLE staff_notice_reads (
    notice_id INTEGER NOT NULL REFERENCES staff_notices(id),
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    read_at INTEGER NOT NULL,
    PRIMARY KEY (notice_id, account_id)
) WITHOUT ROWID;
CREATE INDEX staff_notices_instansi ON staff_notices(instansi_id, audience, id);
CREATE INDEX staff_notices_opd ON staff_notices(opd_id, audience, id);

-- A liaison's request for more time: pending until the instansi admin or the Inspektorat decides it.
CREATE TABLE extension_requests (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    reason TEXT NOT NULL,
    requested_by INTEGER NOT NULL,             -- account id (audit)
    requested_at INTEGER NOT NULL,
    decision TEXT CHECK (decision IN ('approved', 'refused')),
    decided_by INTEGER,
    decided_role TEXT,
    decided_at INTEGER,
    new_due_at INTEGER
);
-- At most one undecided request per report.
CREATE UNIQUE INDEX extension_requests_pending ON extension_requests(report_id) WHERE decision IS NULL;

-- The Inspektorat's reprimands ("teguran"): on one report, or on an OPD (its overdue reports).
CREATE TABLE reprimands (
    id INTEGER PRIMARY KEY,
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    opd_id INTEGER NOT NULL REFERENCES opds(id),
    report_id INTEGER REFERENCES reports(id),   -- NULL: the OPD as a whole
    reports_concerned INTEGER NOT NULL,
    reason TEXT NOT NULL,
    by_account INTEGER NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX reprimands_opd ON reprimands(opd_id, at);
CREATE INDEX reprimands_instansi ON reprimands(instansi_id, at);

-- The Ombudsman's mediation of an escalated report (lapor_core::status::Mediation).
CREATE TABLE mediations (
    report_id INTEGER PRIMARY KEY REFERENCES reports(id),
    stage TEXT NOT NULL CHECK (stage IN ('mediating', 'outcome_recorded', 'closed')),
    outcome TEXT CHECK (outcome IN ('resolved', 'recommendation', 'not_substantiated')),
    recommendation TEXT,
    taken_up_by INTEGER NOT NULL,
    taken_up_at INTEGER NOT NULL,
    outcome_at INTEGER,
    closed_at INTEGER
);

-- The Ombudsman's inbox: escalated reports, oldest escalation first, without scanning every event.
CREATE INDEX events_escalated ON events(at, report_id) WHERE kind = 'escalated';
