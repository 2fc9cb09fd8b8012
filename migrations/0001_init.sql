-- LAPOR schema, version 1. Times are Unix seconds (UTC). Personal data lives only in `reporters`.

CREATE TABLE regions (
    code TEXT PRIMARY KEY,              -- '17' (province) or '17.71' (regency/city)
    province_code TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province', 'regency')),
    name TEXT NOT NULL,
    time_zone TEXT NOT NULL CHECK (time_zone IN ('WIB', 'WITA', 'WIT'))
);

-- A government body that must answer: ministry, agency, province, regency/city, BUMN, university, embassy.
CREATE TABLE instansi (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,          -- 'prov-17', 'kab-17.71', 'kemenkes', ...
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('province', 'regency', 'ministry', 'agency', 'bumn', 'university', 'embassy', 'other')),
    region_code TEXT REFERENCES regions(code),
    time_zone TEXT NOT NULL DEFAULT 'WIB' CHECK (time_zone IN ('WIB', 'WITA', 'WIT')),
    active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX instansi_region ON instansi(region_code);

-- A work unit (OPD) of an instansi, where a liaison (penghubung) answers.
CREATE TABLE opds (
    id INTEGER PRIMARY KEY,
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    is_inspektorat INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    UNIQUE (instansi_id, code)
);

CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    tracking_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    category TEXT NOT NULL,
    incident_date TEXT,                 -- YYYY-MM-DD
    location_text TEXT,
    lat REAL,
    lon REAL,
    region_code TEXT REFERENCES regions(code),
    target_instansi TEXT,               -- as the citizen wrote it
    instansi_id INTEGER REFERENCES instansi(id),
    opd_id INTEGER REFERENCES opds(id),
    channel TEXT NOT NULL,
    source_ref TEXT,                    -- provider's id for the inbound message (MessageSid, post id)
    visibility TEXT NOT NULL,
    status TEXT NOT NULL,
    duplicate_of INTEGER REFERENCES reports(id),
    reporter_token_hash TEXT,           -- SHA-256 (hex) of the secret reporter token
    due_at INTEGER,                     -- deadline of the current SLA stage, if any
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (channel, source_ref)
);
CREATE INDEX reports_status_created ON reports(status, created_at);
CREATE INDEX reports_due ON reports(due_at) WHERE due_at IS NOT NULL;
CREATE INDEX reports_opd ON reports(opd_id, status);
CREATE INDEX reports_instansi ON reports(instansi_id, status);
CREATE INDEX reports_region ON reports(region_code);

-- Personal data, one row per report, never joined into a public view.
CREATE TABLE reporters (
    report_id INTEGER PRIMARY KEY REFERENCES reports(id),
    name TEXT,
    nik TEXT,
    phone TEXT,                         -- E.164
    email TEXT,
    handle TEXT                         -- X handle without '@'
);
CREATE INDEX reporters_phone ON reporters(phone) WHERE phone IS NOT NULL;

-- Append-only history: who did what, when, from which channel.
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,                -- 'citizen', 'system', or 'staff:<account id>'
    role TEXT,
    channel TEXT,
    kind TEXT NOT NULL,                 -- 'received', 'status', 'answer', 'reply', 'note', ...
    from_status TEXT,
    to_status TEXT,
    body TEXT,
    public INTEGER NOT NULL DEFAULT 1   -- shown in the public thread
);
CREATE INDEX events_report ON events(report_id, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

-- Messages to send (SMS, X replies), written in the same transaction as the change they announce.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    report_id INTEGER REFERENCES reports(id),
    channel TEXT NOT NULL CHECK (channel IN ('sms', 'x')),
    recipient TEXT NOT NULL,            -- E.164 phone, or the post id to reply to
    body TEXT NOT NULL,
    dedupe_key TEXT UNIQUE,             -- one message per cause, however often the cause is seen
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_until INTEGER,
    provider_id TEXT,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_provider ON outbox(provider_id) WHERE provider_id IS NOT NULL;

-- National holidays and cuti bersama; working days are Monday-Friday minus these.
CREATE TABLE holidays (
    date TEXT PRIMARY KEY,              -- YYYY-MM-DD
    name TEXT NOT NULL
);
