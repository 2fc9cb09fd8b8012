//! Issue 16, part 3 (first item): the mobile apps' `POST /api/v1/reports` takes files — a multipart body with the
//! report's JSON in the part `report` and up to three files — with the web form's limits and sniffing; anything
//! wrong is a JSON error and nothing is stored.

use lapor_e2e::{Resp, TestApp};
use lapor_store::native::NativeDb;
use lapor_store::Db;
use serde_json::{json, Value};

const BOUNDARY: &str = "----lapor-app-7MA4YWxkTrZu0gW";

fn report() -> Value {
    json!({
        "kind": "pengaduan",
        "title": "Jalan berlubang di depan SDN 5",
        "body": "Lubang besar di jalan depan SDN 5 sudah tiga bulan tidak diperbaiki.",
        "category": "infrastruktur",
        "location": { "text": "Jl. Merdeka", "region_code": "17.71" },
        "reporter": { "name": "Siti Aminah", "nik": "1771015708900001", "phone": "081234567890" }
    })
}

/// A small well-formed PNG.
fn png() -> Vec<u8> {
    let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    b.extend_from_slice(&[
        0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89,
    ]);
    b.extend_from_slice(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]);
    b
}

/// A multipart body: the JSON part (when given) and files as (name, filename, bytes).
fn multipart(json: Option<&[u8]>, files: &[(&str, &str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    if let Some(j) = json {
        out.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"report\"\r\nContent-Type: application/json\r\n\r\n")
                .as_bytes(),
        );
        out.extend_from_slice(j);
        out.extend_from_slice(b"\r\n");
    }
    for (name, filename, data) in files {
        out.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        out.extend_from_slice(data);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    out
}

fn post(app: &TestApp, body: &[u8]) -> Resp {
    let ct = format!("multipart/form-data; boundary={BOUNDARY}");
    app.request("POST", "/api/v1/reports", &[("content-type", ct.as_str())], body)
}

fn count(app: &TestApp, table: &str) -> i64 {
    let path = app.state_dir().join("sqlite_db.db");
    if !path.exists() {
        return 0;
    }
    NativeDb::open(&path)
        .unwrap()
        .query_row(&format!("SELECT count(*) FROM {table}"), &[])
        .unwrap()
        .map_or(0, |r| r.int(0))
}

#[test]
fn an_app_files_a_report_with_a_photo_in_one_multipart_request() {
    let app = lapor_e2e::app();
    let body = multipart(Some(report().to_string().as_bytes()), &[("evidence", "lubang.png", png())]);
    let r = post(&app, &body);
    assert_eq!(r.status, 201, "{}", r.text());
    let b = r.json();
    assert_eq!(b["evidence"], 1);
    assert!(b["reporter_token"].is_string() && b["tracking_id"].is_string());
    let db = NativeDb::open(&app.state_dir().join("sqlite_db.db")).unwrap();
    let row = db
        .query_row("SELECT a.mime, a.size, r.tracking_id FROM attachments a JOIN reports r ON r.id = a.report_id", &[])
        .unwrap()
        .unwrap();
    assert_eq!((row.text(0).as_str(), row.int(1)), ("image/png", png().len() as i64));
    assert_eq!(row.text(2), b["tracking_id"].as_str().unwrap());
    // The plain JSON body still works, without files.
    let r = app.post_json("/api/v1/reports", &report());
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["evidence"], 0);
}

#[test]
fn bad_multipart_bodies_are_refused_with_json_errors_and_store_nothing() {
    let app = lapor_e2e::app();
    let json = report().to_string();
    let html = b"<html><script>alert(1)</script></html>".to_vec();
    let cases: Vec<(Vec<u8>, u16, &str)> = vec![
        // A page dressed up as a photo: typed by content, refused.
        (multipart(Some(json.as_bytes()), &[("evidence", "foto.jpg", html)]), 422, "unsupported_type"),
        // Four files.
        (
            multipart(
                Some(json.as_bytes()),
                &[
                    ("evidence", "1.png", png()),
                    ("evidence", "2.png", png()),
                    ("evidence", "3.png", png()),
                    ("evidence", "4.png", png()),
                ],
            ),
            422,
            "too_many_files",
        ),
        // One file over 2 MB.
        (
            multipart(
                Some(json.as_bytes()),
                &[("evidence", "besar.png", {
                    let mut b = png();
                    b.resize(2 * 1024 * 1024 + 1, 0);
                    b
                })],
            ),
            422,
            "evidence",
        ),
        // No JSON part, or a broken one, or a report that breaks the rules.
        (multipart(None, &[("evidence", "lubang.png", png())]), 400, "malformed_body"),
        (multipart(Some(b"{not json"), &[]), 400, "malformed_body"),
        (
            multipart(Some(json!({"kind": "pengaduan"}).to_string().as_bytes()), &[("evidence", "lubang.png", png())]),
            422,
            "validation_failed",
        ),
        // Not multipart at all.
        (b"--nothing--".to_vec(), 400, "malformed_body"),
    ];
    for (i, (body, status, needle)) in cases.into_iter().enumerate() {
        let r = post(&app, &body);
        assert_eq!(r.status, status, "case {i}: {}", r.text());
        assert!(r.text().contains(needle), "case {i}: {}", r.text());
        assert!(r.json()["error"]["code"].is_string(), "case {i}: JSON error");
    }
    // Over the multipart limit (7 MiB, declared): 413 before anything is read.
    assert!(declared_too_large(&app).starts_with("HTTP/1.1 413"));
    // The larger limit is for multipart only: a JSON body over 64 KiB is still 413.
    let mut big = report();
    big["body"] = json!("x".repeat(70 * 1024));
    assert_eq!(app.post_json("/api/v1/reports", &big).status, 413);
    let r = app.request("POST", "/api/v1/reports", &[("content-type", "text/plain")], json.as_bytes());
    assert_eq!(r.status, 415);
    assert_eq!(count(&app, "reports"), 0, "nothing stored");
    assert_eq!(count(&app, "attachments"), 0);
}

/// Sends only the head of a multipart POST declaring 8 MB and returns the status line.
fn declared_too_large(app: &TestApp) -> String {
    use std::io::{BufRead, BufReader, Write};
    let url = url::Url::parse(&app.base_url()).unwrap();
    let mut s = std::net::TcpStream::connect((url.host_str().unwrap(), url.port().unwrap())).unwrap();
    write!(
        s,
        "POST /api/v1/reports HTTP/1.1\r\nHost: {}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n\
         Content-Length: 8000000\r\nConnection: close\r\n\r\n",
        url.host_str().unwrap()
    )
    .unwrap();
    let mut line = String::new();
    BufReader::new(s).read_line(&mut line).unwrap();
    line
}

/// `GET /api/v1/me/reports` with the reporter codes.
fn mine(app: &TestApp, tokens: &str, etag: Option<&str>) -> Resp {
    let mut headers = vec![("x-reporter-tokens", tokens)];
    if let Some(e) = etag {
        headers.push(("if-none-match", e));
    }
    app.get_with("/api/v1/me/reports", &headers)
}

#[test]
fn an_app_lists_the_reports_of_all_its_codes_at_once_and_polls_cheaply_with_etags() {
    let mut app = lapor_e2e::app_with(&[("now", "2026-11-30T02:00:00Z")]);
    let file = |app: &TestApp| {
        let r = app.post_json("/api/v1/reports", &report());
        assert_eq!(r.status, 201, "{}", r.text());
        let b = r.json();
        (b["tracking_id"].as_str().unwrap().to_string(), b["reporter_token"].as_str().unwrap().to_string())
    };
    let (a, token_a) = file(&app);
    let (b, token_b) = file(&app);
    let (c, _) = file(&app); // someone else's
    let r = mine(&app, &format!("{token_a}, {token_b}, not-a-real-code"), None);
    assert_eq!(r.status, 200, "{}", r.text());
    let list = r.json()["reports"].as_array().unwrap().clone();
    let ids: Vec<&str> = list.iter().map(|i| i["tracking_id"].as_str().unwrap()).collect();
    assert_eq!(ids, [b.as_str(), a.as_str()], "both of the device's reports, newest first, no one else's ({c})");
    assert_eq!(list[0]["status"], "received");
    assert_eq!(list[0]["color"], "grey");
    assert_eq!(list[0]["last_activity"], "2026-11-30T02:00:00Z");
    assert!(list[0].get("reporter").is_none() && !r.text().contains("1771015708900001"), "no personal data");

    // Polling with the ETag: 304 without a body while nothing changed.
    let etag = r.header("etag").unwrap().to_string();
    let again = mine(&app, &format!("{token_b},{token_a}"), Some(&etag));
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());

    // The reporter adds to report A later: a new last activity, a new ETag.
    app.set_variable("now", "2026-11-30T03:00:00Z");
    let reply = json!({ "message": "Lubangnya makin besar setelah hujan." });
    let r =
        app.post_json_with(&format!("/api/v1/citizen/reports/{a}/reply"), &[("x-reporter-token", &token_a)], &reply);
    assert_eq!(r.status, 200, "{}", r.text());
    let r = mine(&app, &format!("{token_a},{token_b}"), Some(&etag));
    assert_eq!(r.status, 200);
    assert_ne!(r.header("etag").unwrap(), etag);
    let list = r.json()["reports"].as_array().unwrap().clone();
    let item_a = list.iter().find(|i| i["tracking_id"] == a.as_str()).unwrap();
    assert_eq!(item_a["last_activity"], "2026-11-30T03:00:00Z");

    // No codes, or too many: JSON errors.
    assert_eq!(app.get("/api/v1/me/reports").status, 401);
    let many = vec!["x"; 21].join(",");
    let r = mine(&app, &many, None);
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.json()["error"]["code"].is_string());
}
