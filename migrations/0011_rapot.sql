-- The leader's rapot: issued (frozen) rapots, and the complete list of central bodies.

-- An issued rapot: a period's figures frozen as a dated record. One period may be issued several times
-- (seed 000: "issued in stages"); each issue is a new stage. Never updated or deleted.
CREATE TABLE rapot_issues (
    id INTEGER PRIMARY KEY,
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),  -- the rapot's instansi (a province: with its regencies)
    period TEXT NOT NULL,                                   -- lapor_core::rapot::period::Period::key
    period_label TEXT NOT NULL,
    period_start INTEGER NOT NULL,
    period_end INTEGER NOT NULL,
    stage INTEGER NOT NULL,
    issued_at INTEGER NOT NULL,
    issued_by INTEGER NOT NULL REFERENCES accounts(id),
    UNIQUE (instansi_id, period, stage)
);
CREATE INDEX rapot_issues_instansi ON rapot_issues(instansi_id, issued_at);

-- Its lines, names copied so that a later rename does not change a frozen rapot.
CREATE TABLE rapot_issue_lines (
    issue_id INTEGER NOT NULL REFERENCES rapot_issues(id),
    position INTEGER NOT NULL,
    instansi_id INTEGER NOT NULL,
    instansi_name TEXT NOT NULL,
    opd_id INTEGER,                     -- NULL: the instansi's total line
    opd_name TEXT,
    received INTEGER NOT NULL,
    answered_on_time INTEGER NOT NULL,
    answered_late INTEGER NOT NULL,
    overdue_now INTEGER NOT NULL,
    reopened INTEGER NOT NULL,
    median_first_answer INTEGER,        -- seconds
    completed INTEGER NOT NULL,
    satisfaction REAL,
    score INTEGER,
    note TEXT,                          -- catatan khusus (OPDs under 60)
    PRIMARY KEY (issue_id, position)
);

CREATE TRIGGER rapot_issues_no_update BEFORE UPDATE ON rapot_issues
BEGIN
    SELECT RAISE(ABORT, 'issued rapots are append-only');
END;
CREATE TRIGGER rapot_issues_no_delete BEFORE DELETE ON rapot_issues
BEGIN
    SELECT RAISE(ABORT, 'issued rapots are append-only');
END;
CREATE TRIGGER rapot_issue_lines_no_update BEFORE UPDATE ON rapot_issue_lines
BEGIN
    SELECT RAISE(ABORT, 'issued rapots are append-only');
END;
CREATE TRIGGER rapot_issue_lines_no_delete BEFORE DELETE ON rapot_issue_lines
BEGIN
    SELECT RAISE(ABORT, 'issued rapots are append-only');
END;

-- Every ministry of the Kabinet Merah Putih (2024–; with the Kementerian Haji dan Umrah of 2025 and without
-- the Kementerian BUMN, now the Badan Pengaturan BUMN), the non-ministerial agencies and the BUMN that LAPOR
-- connects. 0004_staff.sql seeded some of them already (same codes: those rows are kept as they are).
INSERT OR IGNORE INTO instansi (code, name, kind, time_zone) VALUES
    ('kemenko-polkam', 'Kementerian Koordinator Bidang Politik dan Keamanan', 'ministry', 'WIB'),
    ('kemenko-kumham-imipas', 'Kementerian Koordinator Bidang Hukum, Hak Asasi Manusia, Imigrasi, dan Pemasyarakatan', 'ministry', 'WIB'),
    ('kemenko-perekonomian', 'Kementerian Koordinator Bidang Perekonomian', 'ministry', 'WIB'),
    ('kemenko-pm', 'Kementerian Koordinator Bidang Pemberdayaan Masyarakat', 'ministry', 'WIB'),
    ('kemenko-pmk', 'Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan', 'ministry', 'WIB'),
    ('kemenko-ipk', 'Kementerian Koordinator Bidang Infrastruktur dan Pembangunan Kewilayahan', 'ministry', 'WIB'),
    ('kemenko-pangan', 'Kementerian Koordinator Bidang Pangan', 'ministry', 'WIB'),
    ('kemensetneg', 'Kementerian Sekretariat Negara', 'ministry', 'WIB'),
    ('kemendagri', 'Kementerian Dalam Negeri', 'ministry', 'WIB'),
    ('kemlu', 'Kementerian Luar Negeri', 'ministry', 'WIB'),
    ('kemhan', 'Kementerian Pertahanan', 'ministry', 'WIB'),
    ('kemenag', 'Kementerian Agama', 'ministry', 'WIB'),
    ('kemenkum', 'Kementerian Hukum', 'ministry', 'WIB'),
    ('kemenham', 'Kementerian Hak Asasi Manusia', 'ministry', 'WIB'),
    ('kemenimipas', 'Kementerian Imigrasi dan Pemasyarakatan', 'ministry', 'WIB'),
    ('kemenkeu', 'Kementerian Keuangan', 'ministry', 'WIB'),
    ('kemendikdasmen', 'Kementerian Pendidikan Dasar dan Menengah', 'ministry', 'WIB'),
    ('kemdiktisaintek', 'Kementerian Pendidikan Tinggi, Sains, dan Teknologi', 'ministry', 'WIB'),
    ('kemenbud', 'Kementerian Kebudayaan', 'ministry', 'WIB'),
    ('kemenkes', 'Kementerian Kesehatan', 'ministry', 'WIB'),
    ('kemensos', 'Kementerian Sosial', 'ministry', 'WIB'),
    ('kemnaker', 'Kementerian Ketenagakerjaan', 'ministry', 'WIB'),
    ('kemenp2mi', 'Kementerian Pelindungan Pekerja Migran Indonesia', 'ministry', 'WIB'),
    ('kemenperin', 'Kementerian Perindustrian', 'ministry', 'WIB'),
    ('kemendag', 'Kementerian Perdagangan', 'ministry', 'WIB'),
    ('kemenesdm', 'Kementerian Energi dan Sumber Daya Mineral', 'ministry', 'WIB'),
    ('kemenpu', 'Kementerian Pekerjaan Umum', 'ministry', 'WIB'),
    ('kemenpkp', 'Kementerian Perumahan dan Kawasan Permukiman', 'ministry', 'WIB'),
    ('kemendesa', 'Kementerian Desa dan Pembangunan Daerah Tertinggal', 'ministry', 'WIB'),
    ('kementrans', 'Kementerian Transmigrasi', 'ministry', 'WIB'),
    ('kemenhub', 'Kementerian Perhubungan', 'ministry', 'WIB'),
    ('komdigi', 'Kementerian Komunikasi dan Digital', 'ministry', 'WIB'),
    ('kementan', 'Kementerian Pertanian', 'ministry', 'WIB'),
    ('kemenhut', 'Kementerian Kehutanan', 'ministry', 'WIB'),
    ('kkp', 'Kementerian Kelautan dan Perikanan', 'ministry', 'WIB'),
    ('kementerian-atr-bpn', 'Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional', 'ministry', 'WIB'),
    ('bappenas', 'Kementerian Perencanaan Pembangunan Nasional/Bappenas', 'ministry', 'WIB'),
    ('kemenpanrb', 'Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi', 'ministry', 'WIB'),
    ('kemendukbangga', 'Kementerian Kependudukan dan Pembangunan Keluarga/BKKBN', 'ministry', 'WIB'),
    ('kemenlh', 'Kementerian Lingkungan Hidup/Badan Pengendalian Lingkungan Hidup', 'ministry', 'WIB'),
    ('kementerian-investasi', 'Kementerian Investasi dan Hilirisasi/BKPM', 'ministry', 'WIB'),
    ('kemenkop', 'Kementerian Koperasi', 'ministry', 'WIB'),
    ('kemenumkm', 'Kementerian Usaha Mikro, Kecil, dan Menengah', 'ministry', 'WIB'),
    ('kemenpar', 'Kementerian Pariwisata', 'ministry', 'WIB'),
    ('kemenekraf', 'Kementerian Ekonomi Kreatif/Badan Ekonomi Kreatif', 'ministry', 'WIB'),
    ('kemenpppa', 'Kementerian Pemberdayaan Perempuan dan Perlindungan Anak', 'ministry', 'WIB'),
    ('kemenpora', 'Kementerian Pemuda dan Olahraga', 'ministry', 'WIB'),
    ('kemenhaj', 'Kementerian Haji dan Umrah', 'ministry', 'WIB'),
    -- Law enforcement and non-ministerial agencies.
    ('polri', 'Kepolisian Negara Republik Indonesia', 'agency', 'WIB'),
    ('kejagung', 'Kejaksaan Agung Republik Indonesia', 'agency', 'WIB'),
    ('bp-bumn', 'Badan Pengaturan Badan Usaha Milik Negara', 'agency', 'WIB'),
    ('bkn', 'Badan Kepegawaian Negara', 'agency', 'WIB'),
    ('bpom', 'Badan Pengawas Obat dan Makanan', 'agency', 'WIB'),
    ('bps', 'Badan Pusat Statistik', 'agency', 'WIB'),
    ('bmkg', 'Badan Meteorologi, Klimatologi, dan Geofisika', 'agency', 'WIB'),
    ('bnpb', 'Badan Nasional Penanggulangan Bencana', 'agency', 'WIB'),
    ('bnn', 'Badan Narkotika Nasional', 'agency', 'WIB'),
    ('bnpt', 'Badan Nasional Penanggulangan Terorisme', 'agency', 'WIB'),
    ('basarnas', 'Badan Nasional Pencarian dan Pertolongan', 'agency', 'WIB'),
    ('bpkp', 'Badan Pengawasan Keuangan dan Pembangunan', 'agency', 'WIB'),
    ('lan', 'Lembaga Administrasi Negara', 'agency', 'WIB'),
    ('anri', 'Arsip Nasional Republik Indonesia', 'agency', 'WIB'),
    ('big', 'Badan Informasi Geospasial', 'agency', 'WIB'),
    ('brin', 'Badan Riset dan Inovasi Nasional', 'agency', 'WIB'),
    ('bsn', 'Badan Standardisasi Nasional', 'agency', 'WIB'),
    ('bapeten', 'Badan Pengawas Tenaga Nuklir', 'agency', 'WIB'),
    ('bssn', 'Badan Siber dan Sandi Negara', 'agency', 'WIB'),
    ('bakamla', 'Badan Keamanan Laut', 'agency', 'WIB'),
    ('lkpp', 'Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah', 'agency', 'WIB'),
    ('perpusnas', 'Perpustakaan Nasional Republik Indonesia', 'agency', 'WIB'),
    ('bapanas', 'Badan Pangan Nasional', 'agency', 'WIB'),
    ('bgn', 'Badan Gizi Nasional', 'agency', 'WIB'),
    ('barantin', 'Badan Karantina Indonesia', 'agency', 'WIB'),
    ('bpjph', 'Badan Penyelenggara Jaminan Produk Halal', 'agency', 'WIB'),
    ('bpip', 'Badan Pembinaan Ideologi Pancasila', 'agency', 'WIB'),
    ('bpjs-kesehatan', 'BPJS Kesehatan', 'agency', 'WIB'),
    ('bpjs-ketenagakerjaan', 'BPJS Ketenagakerjaan', 'agency', 'WIB'),
    -- State-owned enterprises serving the public.
    ('pln', 'PT PLN (Persero)', 'bumn', 'WIB'),
    ('pertamina', 'PT Pertamina (Persero)', 'bumn', 'WIB'),
    ('kai', 'PT Kereta Api Indonesia (Persero)', 'bumn', 'WIB'),
    ('pos-indonesia', 'PT Pos Indonesia (Persero)', 'bumn', 'WIB'),
    ('telkom', 'PT Telkom Indonesia (Persero) Tbk', 'bumn', 'WIB'),
    ('bri', 'PT Bank Rakyat Indonesia (Persero) Tbk', 'bumn', 'WIB'),
    ('bni', 'PT Bank Negara Indonesia (Persero) Tbk', 'bumn', 'WIB'),
    ('bank-mandiri', 'PT Bank Mandiri (Persero) Tbk', 'bumn', 'WIB'),
    ('btn', 'PT Bank Tabungan Negara (Persero) Tbk', 'bumn', 'WIB'),
    ('pgn', 'PT Perusahaan Gas Negara Tbk', 'bumn', 'WIB'),
    ('jasa-marga', 'PT Jasa Marga (Persero) Tbk', 'bumn', 'WIB'),
    ('hutama-karya', 'PT Hutama Karya (Persero)', 'bumn', 'WIB'),
    ('garuda', 'PT Garuda Indonesia (Persero) Tbk', 'bumn', 'WIB'),
    ('pelni', 'PT Pelayaran Nasional Indonesia (Persero)', 'bumn', 'WIB'),
    ('asdp', 'PT ASDP Indonesia Ferry (Persero)', 'bumn', 'WIB'),
    ('pelindo', 'PT Pelabuhan Indonesia (Persero)', 'bumn', 'WIB'),
    ('angkasa-pura', 'PT Angkasa Pura Indonesia', 'bumn', 'WIB'),
    ('damri', 'Perum DAMRI', 'bumn', 'WIB'),
    ('bulog', 'Perum BULOG', 'bumn', 'WIB'),
    ('perumnas', 'Perum Perumnas', 'bumn', 'WIB'),
    ('pegadaian', 'PT Pegadaian', 'bumn', 'WIB'),
    ('jasa-raharja', 'PT Jasa Raharja', 'bumn', 'WIB'),
    ('taspen', 'PT Taspen (Persero)', 'bumn', 'WIB'),
    ('asabri', 'PT ASABRI (Persero)', 'bumn', 'WIB'),
    ('pupuk-indonesia', 'PT Pupuk Indonesia (Persero)', 'bumn', 'WIB'),
    ('pnm', 'PT Permodalan Nasional Madani', 'bumn', 'WIB');

-- Every central body has its internal oversight unit: a ministry's Inspektorat Jenderal (a coordinating
-- ministry's Inspektorat), an agency's Inspektorat, a BUMN's Satuan Pengawasan Intern.
INSERT INTO opds (instansi_id, code, name, is_inspektorat)
SELECT i.id, 'inspektorat',
       CASE
           WHEN i.code LIKE 'kemenko-%' THEN 'Inspektorat ' || i.name
           WHEN i.kind = 'ministry' THEN 'Inspektorat Jenderal ' || i.name
           WHEN i.kind = 'bumn' THEN 'Satuan Pengawasan Intern ' || i.name
           ELSE 'Inspektorat ' || i.name
       END,
       1
FROM instansi i
WHERE i.kind IN ('ministry', 'agency', 'bumn')
  AND NOT EXISTS (SELECT 1 FROM opds o WHERE o.instansi_id = i.id AND o.code = 'inspektorat');

-- Work units that answer the public, where known.
WITH u(instansi_code, code, name) AS (VALUES
    ('kemendagri', 'ditjen-dukcapil', 'Direktorat Jenderal Kependudukan dan Pencatatan Sipil'),
    ('kemendagri', 'ditjen-otda', 'Direktorat Jenderal Otonomi Daerah'),
    ('kemendagri', 'ditjen-bina-keuda', 'Direktorat Jenderal Bina Keuangan Daerah'),
    ('kemenag', 'ditjen-pendis', 'Direktorat Jenderal Pendidikan Islam'),
    ('kemenag', 'ditjen-bimas-islam', 'Direktorat Jenderal Bimbingan Masyarakat Islam'),
    ('kemenkum', 'ditjen-ahu', 'Direktorat Jenderal Administrasi Hukum Umum'),
    ('kemenkum', 'ditjen-ki', 'Direktorat Jenderal Kekayaan Intelektual'),
    ('kemenimipas', 'ditjen-imigrasi', 'Direktorat Jenderal Imigrasi'),
    ('kemenimipas', 'ditjen-pas', 'Direktorat Jenderal Pemasyarakatan'),
    ('kemenkeu', 'djp', 'Direktorat Jenderal Pajak'),
    ('kemenkeu', 'djbc', 'Direktorat Jenderal Bea dan Cukai'),
    ('kemenkeu', 'djpb', 'Direktorat Jenderal Perbendaharaan'),
    ('kemendikdasmen', 'ditjen-paud-dikdasmen', 'Direktorat Jenderal Pendidikan Anak Usia Dini, Pendidikan Dasar, dan Pendidikan Menengah'),
    ('kemendikdasmen', 'ditjen-gtk', 'Direktorat Jenderal Guru, Tenaga Kependidikan, dan Pendidikan Guru'),
    ('kemdiktisaintek', 'ditjen-dikti', 'Direktorat Jenderal Pendidikan Tinggi'),
    ('kemenkes', 'ditjen-kesehatan-primer', 'Direktorat Jenderal Kesehatan Primer dan Komunitas'),
    ('kemenkes', 'ditjen-kesehatan-lanjutan', 'Direktorat Jenderal Kesehatan Lanjutan'),
    ('kemenkes', 'ditjen-farmalkes', 'Direktorat Jenderal Farmasi dan Alat Kesehatan'),
    ('kemensos', 'ditjen-rehsos', 'Direktorat Jenderal Rehabilitasi Sosial'),
    ('kemensos', 'ditjen-linjamsos', 'Direktorat Jenderal Perlindungan dan Jaminan Sosial'),
    ('kemensos', 'ditjen-pemberdayaan-sosial', 'Direktorat Jenderal Pemberdayaan Sosial'),
    ('kemnaker', 'ditjen-binwasnaker', 'Direktorat Jenderal Pembinaan Pengawasan Ketenagakerjaan dan Keselamatan dan Kesehatan Kerja'),
    ('kemnaker', 'ditjen-phi-jsk', 'Direktorat Jenderal Pembinaan Hubungan Industrial dan Jaminan Sosial Tenaga Kerja'),
    ('kemenesdm', 'ditjen-gatrik', 'Direktorat Jenderal Ketenagalistrikan'),
    ('kemenesdm', 'ditjen-migas', 'Direktorat Jenderal Minyak dan Gas Bumi'),
    ('kemenpu', 'ditjen-bina-marga', 'Direktorat Jenderal Bina Marga'),
    ('kemenpu', 'ditjen-sda', 'Direktorat Jenderal Sumber Daya Air'),
    ('kemenpu', 'ditjen-cipta-karya', 'Direktorat Jenderal Cipta Karya'),
    ('kemenhub', 'ditjen-hubdat', 'Direktorat Jenderal Perhubungan Darat'),
    ('kemenhub', 'ditjen-hubla', 'Direktorat Jenderal Perhubungan Laut'),
    ('kemenhub', 'ditjen-hubud', 'Direktorat Jenderal Perhubungan Udara'),
    ('kemenhub', 'ditjen-perkeretaapian', 'Direktorat Jenderal Perkeretaapian'),
    ('kementerian-atr-bpn', 'ditjen-phpt', 'Direktorat Jenderal Penetapan Hak dan Pendaftaran Tanah'),
    ('kementerian-atr-bpn', 'ditjen-psk', 'Direktorat Jenderal Penanganan Sengketa dan Konflik Pertanahan'),
    ('kemenpanrb', 'deputi-pelayanan-publik', 'Deputi Bidang Pelayanan Publik'),
    ('kemendesa', 'ditjen-pdp', 'Direktorat Jenderal Pembangunan Desa dan Perdesaan'),
    ('polri', 'korlantas', 'Korps Lalu Lintas'),
    ('polri', 'bareskrim', 'Badan Reserse Kriminal'),
    ('polri', 'divpropam', 'Divisi Profesi dan Pengamanan'),
    ('bpjs-kesehatan', 'pelayanan-peserta', 'Kedeputian Bidang Pelayanan Peserta'),
    ('pln', 'pelayanan-pelanggan', 'Pelayanan Pelanggan PLN (PLN Mobile / 123)'),
    ('pertamina', 'pertamina-patra-niaga', 'PT Pertamina Patra Niaga'),
    ('kai', 'kai-commuter', 'PT KAI Commuter'),
    ('bulog', 'pelayanan-publik', 'Divisi Pelayanan Publik')
)
INSERT OR IGNORE INTO opds (instansi_id, code, name)
SELECT i.id, u.code, u.name FROM u JOIN instansi i ON i.code = u.instansi_code;
