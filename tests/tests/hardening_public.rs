//! Public pages that could be made to scan everything (issue 13, finding 5): the search reads a full-text
//! index, the list pages only so deep, the open-data CSV and the statistics are built at most once a minute,
//! and evidence uploads have a daily quota per client and per NIK.

use crate::clients;
use crate::staff_support;

use lapor_e2e::TestApp;
use serde_json::json;
use staff_support::*;

/// A report, verified by the national admin so that every public output shows it; its tracking ID.
fn public_report(app: &TestApp, admin: &str, title: &str, body: &str) -> String {
    let r = app.post_json(
        "/api/v1/reports",
        &json!({
            "kind": "pengaduan", "title": title, "body": body, "category": "kesehatan", "visibility": "public",
            "location": { "text": "Koba", "region_code": "19.04" },
            "reporter": { "name": "Siti Aminah", "nik": "1771015708900001", "phone": "081234567890" }
        }),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let tid = r.json()["tracking_id"].as_str().unwrap().to_string();
    let r = call(app, "POST", &format!("/api/v1/verification/reports/{tid}/verify"), admin, Some(json!({})));
    assert_eq!(r.status, 200, "{}", r.text());
    tid
}

/// Holds SQLite's exclusive lock on the app's database until dropped: no request can read a report then.
struct Locked(rusqlite::Connection);

impl Locked {
    fn hold(app: &TestApp) -> Locked {
        let conn = rusqlite::Connection::open(app.state_dir().join("sqlite_db.db")).unwrap();
        conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
        Locked(conn)
    }
}

impl Drop for Locked {
    fn drop(&mut self) {
        let _ = self.0.execute_batch("COMMIT");
    }
}

#[test]
fn a_search_reads_the_full_text_index_and_no_typed_syntax() {
    let app = app();
    let admin = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let tid = public_report(
        &app,
        &admin,
        "Puskesmas Koba tutup pada jam kerja",
        "Puskesmas di Koba tutup hari Senin pukul 10 pagi; warga tidak bisa berobat.",
    );
    let other = public_report(
        &app,
        &admin,
        "Jalan berlubang di depan SDN 5",
        "Lubang besar di jalan depan sekolah sudah tiga bulan tidak diperbaiki.",
    );
    // Words in any order, any case, diacritics ignored, the last word as a prefix: an index lookup.
    for q in ["koba%20puskesmas", "PUSKESMAS", "pusk%C3%A9smas%20berob", "warga%20Sen"] {
        let html = app.get(&format!("/laporan?q={q}")).text();
        assert!(html.contains(&tid) && !html.contains(&other), "q={q}");
    }
    // Nothing typed is FTS5 syntax: operators, column filters and quotes are plain words (no error).
    for q in ["title%3A*", "%22a%22%20OR%20NEAR(x)", "%25%25%25", "*"] {
        let r = app.get(&format!("/laporan?q={q}"));
        assert_eq!(r.status, 200, "q={q}: {}", r.text());
        assert!(!r.text().contains(&tid), "q={q}");
    }
    // The index is FTS5 (SQLite's full-text search) and the query uses it.
    let conn = rusqlite::Connection::open(app.state_dir().join("sqlite_db.db")).unwrap();
    let sql: String =
        conn.query_row("SELECT sql FROM sqlite_master WHERE name = 'reports_fts'", [], |r| r.get(0)).unwrap();
    assert!(sql.contains("fts5"), "{sql}");
    let indexed: i64 =
        conn.query_row("SELECT count(*) FROM reports_fts WHERE reports_fts MATCH 'koba'", [], |r| r.get(0)).unwrap();
    assert_eq!(indexed, 1);
}

#[test]
fn the_public_list_cannot_be_paged_without_end() {
    let app = app();
    let r = app.get("/laporan?page=1000000000");
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert!(r.text().contains("50"), "{}", r.text());
    assert_eq!(app.get("/laporan?page=50").status, 200);
    // Open311 likewise: at most 10,000 requests skipped.
    let r = app.get("/open311/v2/requests.json?page=1000000&page_size=500");
    assert_eq!(r.status, 400, "{}", r.text());
    assert_eq!(app.get("/open311/v2/requests.json?page=21&page_size=500").status, 200);
}

#[test]
fn the_open_data_export_is_built_at_most_once_a_minute() {
    let mut app = app();
    let admin = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let first = public_report(&app, &admin, "Puskesmas Koba tutup", "Puskesmas di Koba tutup pada jam kerja hari ini.");
    let csv = app.get("/open-data/reports.csv");
    assert_eq!(csv.status, 200);
    assert!(csv.text().contains(&first));
    let second = public_report(&app, &admin, "Lampu jalan mati", "Lampu jalan di Jl. Merdeka mati sejak seminggu.");
    {
        // Within the minute: served from the key-value store, without reading the database at all.
        let _lock = Locked::hold(&app);
        let again = app.get("/open-data/reports.csv");
        assert_eq!(again.status, 200);
        assert_eq!(again.text(), csv.text(), "the same export within the minute");
    }
    // A minute later it is built again, with the new report.
    app.set_variable("now", "2026-11-30T02:01:00Z");
    let fresh = app.get("/open-data/reports.csv").text();
    assert!(fresh.contains(&first) && fresh.contains(&second), "{fresh}");
}

#[test]
fn statistics_are_computed_at_most_once_a_minute() {
    let mut app = app();
    let admin = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    public_report(&app, &admin, "Puskesmas Koba tutup", "Puskesmas di Koba tutup pada jam kerja hari ini.");
    assert_eq!(app.get("/api/v1/stats").json()["total"], 1);
    public_report(&app, &admin, "Lampu jalan mati", "Lampu jalan di Jl. Merdeka mati sejak seminggu.");
    {
        let _lock = Locked::hold(&app);
        let r = app.get("/api/v1/stats");
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.json()["total"], 1, "the minute-old figures");
    }
    app.set_variable("now", "2026-11-30T02:01:00Z");
    assert_eq!(app.get("/api/v1/stats").json()["total"], 2);
}

const BOUNDARY: &str = "----laporQuotaBoundary";
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89";

/// Files the web form with three evidence images from 127.0.0.`from`, under `nik`; the status.
fn upload(app: &TestApp, from: u8, nik: &str) -> u16 {
    let addr = clients::client(from);
    let form = clients::request_from(app, addr, "GET", "/lapor", &[], b"");
    let (cookie, csrf) = form.csrf();
    let body = "Puskesmas di Koba tutup pada jam kerja, warga tidak bisa berobat.";
    let mut fields = lapor_e2e::web_form(&csrf, "Puskesmas tutup di jam kerja", body, "Budi Santoso", nik);
    // Each citizen their own phone (one phone files at most ten reports a day: issue 28).
    let phone = format!("08123{}", &nik[9..]);
    fields.iter_mut().filter(|f| f.0 == "phone").for_each(|f| f.1 = &phone);
    let files: Vec<lapor_e2e::FilePart> =
        ["bukti0.png", "bukti1.png", "bukti2.png"].map(|name| ("evidence", name, "image/png", PNG)).to_vec();
    let (ct, body) = lapor_e2e::multipart(BOUNDARY, &fields, &files);
    clients::request_from(app, addr, "POST", "/lapor", &[("content-type", &ct), ("cookie", &cookie)], &body).status
}

fn attachments(app: &TestApp) -> i64 {
    let conn = rusqlite::Connection::open(app.state_dir().join("sqlite_db.db")).unwrap();
    conn.query_row("SELECT count(*) FROM attachments", [], |r| r.get(0)).unwrap()
}

#[test]
fn one_nik_or_one_client_cannot_fill_the_database_with_evidence() {
    let mut app = app();
    // One NIK, from four addresses: twelve files a day, then refused (and nothing stored).
    for from in 20..24 {
        assert_eq!(upload(&app, from, "1771015708900001"), 201);
    }
    assert_eq!(upload(&app, 24, "1771015708900001"), 429);
    assert_eq!(attachments(&app), 12);
    // One address, many NIKs: thirty files a day (the NIK above used none of this address's quota).
    for serial in 2..12 {
        assert_eq!(upload(&app, 30, &format!("17710157089{serial:05}")), 201, "serial {serial}");
    }
    assert_eq!(upload(&app, 30, "1771015708900099"), 429);
    assert_eq!(attachments(&app), 42);
    // The next day both have room again.
    app.set_variable("now", "2026-12-01T02:00:00Z");
    assert_eq!(upload(&app, 30, "1771015708900001"), 201);
}

/// Issue 28, finding 2, on the form: the eleventh report of one NIK in a day, from any address, is refused with a
/// readable page in the reader's language that keeps what was typed; nothing is stored.
#[test]
fn the_form_refuses_the_eleventh_report_of_one_nik_in_a_day() {
    let app = app();
    let nik = "1771015708900007";
    let file = |from: u8, lang: &str| {
        let addr = clients::client(from);
        let form = clients::request_from(&app, addr, "GET", &format!("/lapor{lang}"), &[], b"");
        let (cookie, csrf) = form.csrf();
        let body = "Puskesmas di Koba tutup pada jam kerja, warga tidak bisa berobat.";
        let mut fields = lapor_e2e::web_form(&csrf, "Puskesmas tutup di jam kerja", body, "Budi Santoso", nik);
        let phone = format!("081299{from:06}");
        fields.iter_mut().filter(|f| f.0 == "phone").for_each(|f| f.1 = &phone);
        let body = lapor_e2e::form_encode(&fields);
        let headers = [("content-type", "application/x-www-form-urlencoded"), ("cookie", cookie.as_str())];
        clients::request_from(&app, addr, "POST", &format!("/lapor{lang}"), &headers, body.as_bytes())
    };
    for from in 60..70 {
        assert_eq!(file(from, "").status, 201);
    }
    let refused = file(70, "");
    assert_eq!(refused.status, 429, "{}", refused.text());
    let html = refused.text();
    assert!(html.contains("Sudah terlalu banyak laporan hari ini dengan NIK"), "{html}");
    assert!(html.contains("Puskesmas tutup di jam kerja"), "what was typed is kept");
    let english = file(71, "?lang=en");
    assert_eq!(english.status, 429);
    assert!(english.text().contains("Too many reports today with this NIK"), "{}", english.text());
    let conn = rusqlite::Connection::open(app.state_dir().join("sqlite_db.db")).unwrap();
    let n: i64 = conn.query_row("SELECT count(*) FROM reporters WHERE nik = ?", [nik], |r| r.get(0)).unwrap();
    assert_eq!(n, 10);
}
