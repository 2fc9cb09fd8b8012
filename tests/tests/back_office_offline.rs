//! Issue 14 §6, complaints that arrive on paper, at a desk or by phone: national and instansi admins enter them on
//! the citizen's behalf (API and console), with how and when they arrived and scans as evidence; channel
//! `offline`; the citizen gets the tracking ID and reporter code by SMS (outbox) when a phone is given; the console
//! shows a printable receipt; then normal verification and dispatch, counted by the rapot and the statistics.
//! Refusals for every other role, no session, forged forms and bad input (nothing stored).

use crate::staff_support;

use lapor_e2e::{FilePart, Resp, TestApp};
use lapor_store::native::NativeDb;
use lapor_store::{params, Db};
use serde_json::{json, Value};
use staff_support::*;

fn db(app: &TestApp) -> NativeDb {
    NativeDb::open(&app.state_dir().join("sqlite_db.db")).unwrap()
}

fn count(app: &TestApp, sql: &str) -> i64 {
    db(app).query_row(sql, &[]).unwrap().map_or(0, |r| r.int(0))
}

fn letter(extra: Value) -> Value {
    let mut v = json!({
        "kind": "pengaduan",
        "title": "Surat warga: jembatan desa putus",
        "body": "Warga Desa Kulur menulis surat: jembatan kayu desa putus sejak banjir, anak sekolah memutar jauh.",
        "category": "infrastruktur",
        "location": { "text": "Desa Kulur", "region_code": "19.04" },
        "reporter": { "name": "Pak Harun", "nik": "1771015708900001", "phone": "081234567891" },
        "arrived_by": "letter",
        "received_on": "2026-11-27",
    });
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

/// A multipart form with an optional PDF scan as `evidence`.
fn multipart(fields: &[(&str, &str)], file: Option<&[u8]>) -> (String, Vec<u8>) {
    let files: Vec<FilePart> =
        file.map(|data| ("evidence", "surat.pdf", "application/pdf", data)).into_iter().collect();
    lapor_e2e::multipart("----laporOffline14", fields, &files)
}

fn console_post(app: &TestApp, token: &str, csrf_token: &str, fields: &[(&str, &str)], file: Option<&[u8]>) -> Resp {
    let csrf = lapor_core::secret::sha256_hex(format!("csrf:{csrf_token}").as_bytes());
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    let (ct, body) = multipart(&all, file);
    app.request("POST", "/staff/luring", &[("content-type", &ct), ("cookie", &format!("lapor_staff={token}"))], &body)
}

fn grab(html: &str, id: &str) -> String {
    let key = format!("id=\"{id}\">");
    let at = html.find(&key).unwrap_or_else(|| panic!("{id} in {html}")) + key.len();
    html[at..].split('<').next().unwrap().trim().to_string()
}

#[test]
fn admins_enter_offline_complaints_that_then_follow_the_normal_path() {
    let app = app();
    let org = organisation(&app);
    let insp = inspektorat(&app, &org);

    // The national admin, through the API, with a scan of the letter.
    let scan = base64(PDF);
    let r = post_as(&app, &org.admin, "/api/v1/offline/reports", letter(json!({"scans": [{"data_base64": scan}]})));
    assert_eq!(r.status, 201, "{}", r.text());
    let b = r.json();
    let tid = b["tracking_id"].as_str().unwrap().to_string();
    let code = b["reporter_token"].as_str().unwrap().to_string();
    assert_eq!(
        (b["channel"].as_str(), b["status"].as_str(), b["arrived_by"].as_str()),
        (Some("offline"), Some("received"), Some("letter"))
    );
    assert_eq!(b["sms_queued"], true);
    // The citizen's SMS: tracking ID, reporter code, how to follow up.
    let sms: Vec<String> = db(&app)
        .execute("SELECT body FROM outbox WHERE recipient = ? AND channel = 'sms'", params!["+6281234567891"])
        .unwrap()
        .rows
        .iter()
        .map(|r| r.text(0))
        .collect();
    assert_eq!(sms.len(), 1, "{sms:?}");
    assert!(
        sms[0].contains(&format!("#{tid}"))
            && sms[0].contains(&code)
            && sms[0].contains("1708")
            && sms[0].contains("/lacak/"),
        "{}",
        sms[0]
    );
    // It waits in the verification queue like any report, with the scan as evidence and the arrival noted.
    let queue = call(&app, "GET", "/api/v1/verification/queue", &org.admin, None).json();
    let line =
        queue["reports"].as_array().unwrap().iter().find(|r| r["tracking_id"] == tid.as_str()).expect("queued").clone();
    assert_eq!(line["channel"], "offline");
    let files = call(&app, "GET", &format!("/api/v1/verification/reports/{tid}/attachments"), &org.admin, None).json();
    assert_eq!(
        (files["attachments"][0]["content_type"].as_str(), files["attachments"][0]["from"].as_str()),
        (Some("application/pdf"), Some("report"))
    );
    let full = call(&app, "GET", &format!("/api/v1/verification/reports/{tid}"), &org.admin, None).json();
    assert!(full["history"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["public"] == false && e["body"].as_str().unwrap_or("").contains("(surat) diterima 2026-11-27")));
    // The reporter follows it with the code, like a web reporter.
    let r = app.get_with(&format!("/api/v1/reports/{tid}"), &[("authorization", &format!("Bearer {code}"))]);
    assert_eq!((r.status, r.json()["is_reporter"].as_bool()), (200, Some(true)));

    // The instansi admin, through the console: the form, then the printable receipt.
    let r = app.request("GET", "/staff/luring", &[("cookie", &format!("lapor_staff={}", org.instansi_admin))], b"");
    assert_eq!(r.status, 200);
    assert!(
        r.text().contains("name=\"arrived_by\"")
            && r.text().contains("name=\"received_on\"")
            && r.text().contains("enctype=\"multipart/form-data\"")
    );
    let fields = [
        ("kind", "pengaduan"),
        ("title", "Warga datang: lampu jalan mati"),
        ("body", "Warga datang ke loket: lampu jalan di Jl. Koba mati sejak dua minggu, rawan kecelakaan malam."),
        ("category", "infrastruktur"),
        ("region_code", "19.04"),
        ("visibility", "public"),
        ("name", "Ibu Sari"),
        ("nik", "1771015708900001"),
        ("phone", "081234567892"),
        ("arrived_by", "walk_in"),
        ("received_on", "2026-11-30"),
    ];
    let r = console_post(&app, &org.instansi_admin, &org.instansi_admin, &fields, Some(PDF));
    assert_eq!(r.status, 201, "{}", r.text());
    let html = r.text();
    let tid2 = grab(&html, "tracking-id");
    let code2 = grab(&html, "reporter-token");
    assert!(
        html.contains("Tanda terima pengaduan")
            && html.contains("Datang langsung")
            && html.contains(&format!("/lacak/{tid2}"))
            && html.contains("1708")
    );
    assert!(!html.contains("walk_in"), "no raw codes on the receipt");
    let r = app.post_form(&format!("/lacak/{tid2}"), &[("token", &code2)]);
    assert!(r.text().contains("Anda membuka laporan ini sebagai pelapor"));

    // Refusals: other roles (API 403, console 403), no session (401 / sign-in), forged form, bad input.
    let before = count(&app, "SELECT count(*) FROM reports");
    for token in [&org.liaison, &insp] {
        assert_eq!(call(&app, "POST", "/api/v1/offline/reports", token, Some(letter(json!({})))).status, 403);
        let r = app.request("GET", "/staff/luring", &[("cookie", &format!("lapor_staff={token}"))], b"");
        assert_eq!(r.status, 403);
        assert_eq!(console_post(&app, token, token, &fields, None).status, 403);
    }
    assert_eq!(app.post_json("/api/v1/offline/reports", &letter(json!({}))).status, 401);
    assert_eq!(app.get("/staff/luring").status, 303);
    let r = console_post(&app, &org.instansi_admin, "not-the-session", &fields, None);
    assert_eq!(r.status, 403, "forged form");
    let pigeon = letter(json!({"arrived_by": "pigeon", "received_on": "2027-01-01"}));
    let r = post_as(&app, &org.admin, "/api/v1/offline/reports", pigeon);
    assert_eq!(r.status, 422);
    let f: Vec<String> = r.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}/{}", f["field"].as_str().unwrap(), f["code"].as_str().unwrap()))
        .collect();
    assert!(f.contains(&"arrived_by/unknown_value".into()) && f.contains(&"received_on/in_future".into()), "{f:?}");
    let mut no_date = letter(json!({}));
    no_date.as_object_mut().unwrap().remove("received_on");
    let r = call(&app, "POST", "/api/v1/offline/reports", &org.admin, Some(no_date));
    assert_eq!((r.status, r.json()["error"]["fields"][0]["field"].as_str()), (422, Some("received_on")));
    let html_scan = base64(b"<html><script>alert(1)</script></html>");
    let r =
        post_as(&app, &org.admin, "/api/v1/offline/reports", letter(json!({"scans": [{"data_base64": html_scan}]})));
    assert_eq!((r.status, r.json()["error"]["fields"][0]["code"].as_str()), (422, Some("evidence_unsupported_type")));
    let r = post_as(&app, &org.admin, "/api/v1/offline/reports", letter(json!({"scans": [{"data_base64": "***"}]})));
    assert_eq!(r.status, 422);
    let r = app.request(
        "POST",
        "/api/v1/offline/reports",
        &[("authorization", &format!("Bearer {}", org.admin)), ("content-type", "application/json")],
        b"{oops",
    );
    assert_eq!(r.status, 400);
    let mut bad = fields.to_vec();
    bad.retain(|(k, _)| *k != "arrived_by");
    let r = console_post(&app, &org.instansi_admin, &org.instansi_admin, &bad, None);
    assert_eq!(r.status, 422);
    assert!(r.text().contains("Ibu Sari"), "the form keeps what was typed");
    assert_eq!(count(&app, "SELECT count(*) FROM reports"), before, "nothing stored by a refused request");

    // Then the normal path: verified and dispatched to Bangka Tengah, counted by the rapot and the statistics.
    for t in [&tid, &tid2] {
        let r = call(&app, "POST", &format!("/api/v1/verification/reports/{t}/verify"), &org.admin, Some(json!({})));
        assert_eq!((r.status, r.json()["status"].as_str()), (200, Some("dispatched")), "{}", r.text());
    }
    let board = call(&app, "GET", "/api/v1/dispatch/board", &org.instansi_admin, None).text();
    assert!(board.contains(&tid) && board.contains(&tid2));
    let dpupr = opd_id(&app, &org.instansi_admin, org.instansi, "dpupr");
    for t in [&tid, &tid2] {
        let r = assign(&app, &org.instansi_admin, t, dpupr);
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let rapot = call(&app, "GET", "/api/v1/rapot", &org.admin, None);
    assert_eq!(rapot.status, 200, "{}", rapot.text());
    assert_eq!(rapot.json()["total"]["received"], 2, "the national rapot counts both");
    let stats = app.get("/api/v1/stats?group_by=channel").json();
    let channel = stats["groups"]["channel"].to_string();
    assert!(channel.contains("\"offline\""), "{channel}");
    assert_eq!(stats["total"], 2);
    // The SMS reporter is told of the colour change (offline reports with a phone follow by SMS).
    let n = count(&app, "SELECT count(*) FROM outbox WHERE recipient = '+6281234567891'");
    assert!(n >= 2, "receipt and the colour change: {n}");
}
