-- Staff accounts, sessions and role assignments; the default organisation of every instansi.
-- Accounts belong to people; a role is an assignment of an account to the system, an instansi or an OPD.

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,         -- lower case
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,        -- argon2id PHC string
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);

-- Only the SHA-256 of a session token is stored.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE assignments (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    role TEXT NOT NULL CHECK (role IN ('national_admin', 'instansi_admin', 'opd_liaison', 'inspektorat', 'ombudsman', 'leader')),
    instansi_id INTEGER REFERENCES instansi(id),
    opd_id INTEGER REFERENCES opds(id),
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    ended_at INTEGER
);
CREATE INDEX assignments_account ON assignments(account_id) WHERE active = 1;
CREATE INDEX assignments_opd ON assignments(opd_id) WHERE active = 1;
CREATE INDEX assignments_instansi ON assignments(instansi_id) WHERE active = 1;

-- Append-only audit of account and assignment changes (who gave, moved or ended which role, when).
CREATE TABLE staff_events (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,                -- 'staff:<account id>' or 'system' (bootstrap)
    kind TEXT NOT NULL,                 -- 'account_created', 'assigned', 'unassigned', 'moved', 'login', 'logout', ...
    account_id INTEGER,
    assignment_id INTEGER,
    detail TEXT                         -- JSON
);
CREATE INDEX staff_events_account ON staff_events(account_id, id);
CREATE TRIGGER staff_events_no_update BEFORE UPDATE ON staff_events
BEGIN
    SELECT RAISE(ABORT, 'staff_events are append-only');
END;
CREATE TRIGGER staff_events_no_delete BEFORE DELETE ON staff_events
BEGIN
    SELECT RAISE(ABORT, 'staff_events are append-only');
END;

-- Ministries, agencies and state-owned enterprises (editable by the national admin).
INSERT INTO instansi (code, name, kind, time_zone) VALUES
    ('kemenkes', 'Kementerian Kesehatan', 'ministry', 'WIB'),
    ('kemendikdasmen', 'Kementerian Pendidikan Dasar dan Menengah', 'ministry', 'WIB'),
    ('kemenpu', 'Kementerian Pekerjaan Umum', 'ministry', 'WIB'),
    ('kemenhub', 'Kementerian Perhubungan', 'ministry', 'WIB'),
    ('kemendagri', 'Kementerian Dalam Negeri', 'ministry', 'WIB'),
    ('kemensos', 'Kementerian Sosial', 'ministry', 'WIB'),
    ('kemenpanrb', 'Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi', 'ministry', 'WIB'),
    ('bkn', 'Badan Kepegawaian Negara', 'agency', 'WIB'),
    ('bpom', 'Badan Pengawas Obat dan Makanan', 'agency', 'WIB'),
    ('bpjs-kesehatan', 'BPJS Kesehatan', 'agency', 'WIB'),
    ('bpjs-ketenagakerjaan', 'BPJS Ketenagakerjaan', 'agency', 'WIB'),
    ('pln', 'PT PLN (Persero)', 'bumn', 'WIB'),
    ('pertamina', 'PT Pertamina (Persero)', 'bumn', 'WIB'),
    ('kai', 'PT Kereta Api Indonesia (Persero)', 'bumn', 'WIB'),
    ('pos-indonesia', 'PT Pos Indonesia (Persero)', 'bumn', 'WIB');

-- The default OPDs of every province and regency/city (lapor_core::organisation::DEFAULT_OPDS).
INSERT INTO opds (instansi_id, code, name)
SELECT i.id, t.code, t.name
FROM instansi i
CROSS JOIN (
    SELECT 'dpupr' AS code, 'Dinas Pekerjaan Umum dan Penataan Ruang' AS name
    UNION ALL SELECT 'dinkes', 'Dinas Kesehatan'
    UNION ALL SELECT 'disdik', 'Dinas Pendidikan'
    UNION ALL SELECT 'dishub', 'Dinas Perhubungan'
    UNION ALL SELECT 'disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil'
    UNION ALL SELECT 'bkpsdm', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia'
    UNION ALL SELECT 'dlh', 'Dinas Lingkungan Hidup'
    UNION ALL SELECT 'dinsos', 'Dinas Sosial'
    UNION ALL SELECT 'satpolpp', 'Satuan Polisi Pamong Praja'
) t
WHERE i.kind IN ('province', 'regency');

-- Every instansi has its Inspektorat (a ministry's is its Inspektorat Jenderal).
INSERT INTO opds (instansi_id, code, name, is_inspektorat)
SELECT i.id, 'inspektorat',
       CASE WHEN i.kind IN ('province', 'regency') THEN 'Inspektorat ' || COALESCE(g.name, i.name) ELSE 'Inspektorat ' || i.name END,
       1
FROM instansi i LEFT JOIN regions g ON g.code = i.region_code;
