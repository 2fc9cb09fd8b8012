//! The web channel end to end: the JSON API and the citizen form, through devhost over real HTTP.

use lapor_e2e::{app, FilePart, TestApp, NIK};
use lapor_store::native::NativeDb;
use lapor_store::Db;
use serde_json::{json, Value};

const PHONE: &str = "081234567890";
const EMAIL: &str = "siti.aminah@example.id";

fn report(visibility: &str) -> Value {
    json!({
        "kind": "pengaduan",
        "title": "Jalan berlubang di depan SDN 5",
        "body": "Lubang besar di jalan depan SDN 5 sudah tiga bulan tidak diperbaiki.",
        "category": "infrastruktur",
        "incident_date": "2026-11-20",
        "visibility": visibility,
        "location": {"text": "Jl. Merdeka", "region_code": "17.71"},
        "reporter": {"name": "Siti Aminah", "nik": NIK, "phone": PHONE, "email": EMAIL}
    })
}

/// Rows in a table of the app's database, counted independently of the app.
fn count(app: &TestApp, table: &str) -> i64 {
    let path = app.state_dir().join("sqlite_db.db");
    if !path.exists() {
        return 0;
    }
    let db = NativeDb::open(&path).unwrap();
    db.query_row(&format!("SELECT count(*) FROM {table}"), &[]).map(|r| r.map_or(0, |r| r.int(0))).unwrap_or(0)
}

fn assert_no_personal_data(text: &str) {
    for secret in [NIK, "6281234567890", PHONE, EMAIL] {
        assert!(!text.contains(secret), "personal data {secret} leaked: {text}");
    }
}

#[test]
fn a_report_is_created_read_back_and_survives_a_restart() {
    let mut app = app();
    let resp = app.post_json("/api/v1/reports", &report("public"));
    assert_eq!(resp.status, 201, "{}", resp.text());
    let created = resp.json();
    let id = created["tracking_id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 10);
    assert!(id.bytes().all(|b| b.is_ascii_digit()));
    assert_eq!(created["status"], "received");
    assert_eq!(created["color"], "grey");
    assert!(created["reporter_token"].as_str().unwrap().len() >= 40);
    assert_eq!(resp.header("location"), Some(format!("/api/v1/reports/{id}").as_str()));

    // Read as its reporter: until it is verified, anyone else sees its status only (issue 28, finding 9).
    let token = created["reporter_token"].as_str().unwrap().to_string();
    let read = |app: &TestApp| {
        let auth = format!("Bearer {token}");
        let r = app.get_with(&format!("/api/v1/reports/{id}"), &[("authorization", &auth)]);
        assert_eq!(r.status, 200, "{}", r.text());
        assert_no_personal_data(&r.text());
        r.json()
    };
    let before = read(&app);
    assert_eq!(before["title"], "Jalan berlubang di depan SDN 5");
    assert_eq!(before["location"]["region_name"], "Kota Bengkulu");
    assert_eq!(before["reporter"]["name"], "Siti Aminah");
    assert_eq!(before["thread"][0]["kind"], "received");
    assert!(before["due_at"].is_string(), "the verification deadline is set");

    app.restart();
    let after = read(&app);
    assert_eq!(before, after, "the report is the same after a restart");
    assert_eq!(count(&app, "reports"), 1);
    assert_eq!(count(&app, "events"), 1);
}

#[test]
fn invalid_input_gets_the_right_status_and_code_and_stores_nothing() {
    let app = app();
    let post = |body: &[u8], ct: &str| app.request("POST", "/api/v1/reports", &[("content-type", ct)], body);
    let code = |r: &lapor_e2e::Resp| r.json()["error"]["code"].as_str().unwrap_or("").to_string();

    let r = post(b"{\"kind\": \"pengaduan\",", "application/json");
    assert_eq!((r.status, code(&r)), (400, "malformed_body".to_string()));

    let mut bad_nik = report("public");
    bad_nik["reporter"]["nik"] = json!("9999991708900001");
    let r = app.post_json("/api/v1/reports", &bad_nik);
    assert_eq!((r.status, code(&r)), (422, "validation_failed".to_string()));
    let fields = &r.json()["error"]["fields"];
    assert_eq!(fields[0]["field"], "reporter.nik");
    assert_eq!(fields[0]["code"], "nik_unknown_district");

    let mut unknown_kind = report("public");
    unknown_kind["kind"] = json!("complaint");
    let r = app.post_json("/api/v1/reports", &unknown_kind);
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["error"]["fields"][0]["field"], "kind");
    assert_eq!(r.json()["error"]["fields"][0]["code"], "unknown_value");

    let mut huge = report("public");
    huge["body"] = json!("x".repeat(70 * 1024));
    let r = app.post_json("/api/v1/reports", &huge);
    assert_eq!((r.status, code(&r)), (413, "body_too_large".to_string()));

    let r = post(br#"{"kind":"pengaduan"}"#, "text/plain");
    assert_eq!((r.status, code(&r)), (415, "unsupported_media_type".to_string()));

    let r = app.get("/api/v1/reports/1234567890");
    assert_eq!((r.status, code(&r)), (404, "not_found".to_string()));

    assert_eq!(count(&app, "reports"), 0, "nothing was stored");
    assert_eq!(count(&app, "reporters"), 0);
    assert_eq!(count(&app, "events"), 0);
}

#[test]
fn anonymous_and_confidential_reports_hide_what_they_must() {
    let app = app();
    let anon = app.post_json("/api/v1/reports", &report("anonymous")).json();
    let r = app.get(&format!("/api/v1/reports/{}", anon["tracking_id"].as_str().unwrap()));
    assert_eq!(r.status, 200);
    assert!(!r.text().contains("Siti"), "anonymous name leaked: {}", r.text());
    assert_eq!(r.json()["reporter"]["anonymous"], true);

    let conf = app.post_json("/api/v1/reports", &report("confidential")).json();
    let id = conf["tracking_id"].as_str().unwrap();
    let path = format!("/api/v1/reports/{id}");
    assert_eq!(app.get(&path).status, 404, "a confidential report does not exist for the public");
    assert_eq!(app.get_with(&path, &[("authorization", "Bearer wrong-token")]).status, 404);
    let token = format!("Bearer {}", conf["reporter_token"].as_str().unwrap());
    let own = app.get_with(&path, &[("authorization", &token)]);
    assert_eq!(own.status, 200);
    assert_eq!(own.json()["is_reporter"], true);
    assert_no_personal_data(&own.text());
}

/// The CSRF cookie and field of a freshly loaded form.
fn form_csrf(app: &TestApp) -> (String, String) {
    let page = app.get("/lapor");
    assert_eq!(page.status, 200);
    assert!(page.header("content-security-policy").unwrap().contains("default-src 'none'"));
    page.csrf()
}

/// A multipart form with an optional PNG (file name, bytes) as `evidence`.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let files: Vec<FilePart> = file.map(|(name, data)| ("evidence", name, "image/png", data)).into_iter().collect();
    lapor_e2e::multipart("----laporTestBoundary7MA4YWxkTrZu0gW", fields, &files)
}

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89";

fn form_fields<'a>(csrf: &'a str, body: &'a str) -> Vec<(&'a str, &'a str)> {
    lapor_e2e::web_form(csrf, "Puskesmas tutup di jam kerja", body, "Budi Santoso", NIK)
}

#[test]
fn the_form_files_a_report_with_evidence_and_escapes_what_citizens_write() {
    let app = app();
    let (cookie, csrf) = form_csrf(&app);
    let body = "Puskesmas tutup. <script>alert('xss')</script> Petugas tidak ada.";
    let (ct, data) = multipart(&form_fields(&csrf, body), Some(("bukti.png", PNG)));
    let r = app.request("POST", "/lapor", &[("content-type", &ct), ("cookie", &cookie)], &data);
    assert_eq!(r.status, 201, "{}", r.text());
    let html = r.text();
    let at = html.find("id=\"tracking-id\">").unwrap() + "id=\"tracking-id\">".len();
    let id = &html[at..at + 10];
    assert_eq!(count(&app, "attachments"), 1);

    let page = app.get(&format!("/lacak/{id}"));
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(!text.contains("<script>alert"), "user text must be escaped");
    assert!(text.contains("&lt;script&gt;alert"), "{text}");
    assert!(text.contains("Merah") || text.contains("Abu-abu"), "colour is also given in words");
    assert_no_personal_data(&text);
}

#[test]
fn the_form_refuses_forged_posts_and_disguised_files_and_stores_nothing() {
    let app = app();
    let (cookie, csrf) = form_csrf(&app);
    let body = "Puskesmas tutup pada jam kerja hari Senin.";
    // No CSRF cookie: a cross-site post.
    let (ct, data) = multipart(&form_fields(&csrf, body), None);
    let r = app.request("POST", "/lapor", &[("content-type", &ct)], &data);
    assert_eq!(r.status, 403);
    // An HTML file pretending to be a PNG.
    let (ct, data) = multipart(&form_fields(&csrf, body), Some(("foto.png", b"<html><script>x</script></html>")));
    let r = app.request("POST", "/lapor", &[("content-type", &ct), ("cookie", &cookie)], &data);
    assert_eq!(r.status, 422);
    assert!(r.text().contains("evidence"), "the page says which field is wrong");
    assert_eq!(count(&app, "reports"), 0);
    assert_eq!(count(&app, "attachments"), 0);
}

#[test]
fn pages_render_in_both_languages() {
    let app = app();
    let id = app.get("/");
    assert_eq!(id.status, 200);
    assert!(id.text().contains("Buat laporan"));
    let en = app.get("/?lang=en");
    assert!(en.text().contains("File a complaint"));
    assert!(en.header_all("set-cookie").iter().any(|c| c.starts_with("lang=en")));
    assert_eq!(app.get("/static/app.css").status, 200);
    assert_eq!(app.get("/no/such/page").status, 404);
    assert_eq!(app.get("/laporan").status, 200);
}

/// Issue 12: an intake costs four SQLite statements (on libSQL, four round trips): the holiday calendar read,
/// which carries the schema check (and the blind index key the app keeps); the filing counters per NIK, phone and
/// e-mail (issue 28, finding 2: one upsert); the pragma that turns SQLite's sleeping busy handler off before the
/// write; the one INSERT. A tracking read costs two: the report with the schema version, then its thread. A fresh
/// database is migrated first and still answers. devhost counts every SQLite call; Spin does not, so there the
/// test checks the answers only.
#[test]
fn an_intake_is_four_statements_a_read_two_and_a_fresh_database_is_migrated_first() {
    let app = app();
    let first = app.post_json("/api/v1/reports", &report("public"));
    assert_eq!(first.status, 201, "{}", first.text());
    let before = app.sqlite_statements();
    let second = app.post_json("/api/v1/reports", &report("public"));
    assert_eq!(second.status, 201, "{}", second.text());
    assert_eq!(count(&app, "reports"), 2);
    let tracking = second.json()["tracking_id"].as_str().unwrap().to_string();
    let auth = format!("Bearer {}", second.json()["reporter_token"].as_str().unwrap());
    let between = app.sqlite_statements();
    // As its reporter (anyone else sees an unverified report's status only, and its thread is not read).
    let read = app.get_with(&format!("/api/v1/reports/{tracking}"), &[("authorization", &auth)]);
    assert_eq!(read.status, 200, "{}", read.text());
    assert_eq!(read.json()["tracking_id"], tracking.as_str());
    let unknown = lapor_e2e::UNKNOWN_TRACKING_ID;
    assert_ne!(unknown, tracking);
    assert_eq!(app.get(&format!("/api/v1/reports/{unknown}")).status, 404, "a well-formed ID of no report");
    let after = app.sqlite_statements();
    // A malformed ID (wrong check digit) is refused before the database.
    assert_eq!(app.get("/api/v1/reports/1000000009").status, 404);
    if let (Some(before), Some(between), Some(after), Some(last)) = (before, between, after, app.sqlite_statements()) {
        assert_eq!(between - before, 4, "statements of one intake");
        // The report with the schema version, then its thread; an unknown ID stops after the first.
        assert_eq!(after - between, 3, "statements of a tracking read and of a miss");
        assert_eq!(last, after, "a malformed ID costs no statement");
    }
}
