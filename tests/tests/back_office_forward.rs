//! Issue 14 §5, no wrong door: the instansi admin forwards a report directly to another instansi (picked by
//! name), at any point before completion, even after an answer the citizen rejected; the receiving board shows it
//! at once with where it came from; the dispatch deadline restarts; the history keeps the path; the citizen is
//! told by SMS (outbox). The national admin does the same from the verification queue. Refusals for every other
//! role, another instansi, closed reports, bad input and forged forms.

use crate::staff_support;

use lapor_e2e::{Resp, TestApp};
use lapor_store::native::NativeDb;
use lapor_store::{params, Db};
use serde_json::{json, Value};
use staff_support::*;

const TOKEN: &str = "test-auth-token";
const PUBLIC: &str = "http://lapor.example.id";
const PHONE: &str = "+6281234567890";

fn app() -> TestApp {
    app_plus(&[("twilio_auth_token", TOKEN), ("public_base_url", PUBLIC)])
}

/// A signed inbound SMS (Twilio's signature); no account sid is set, so replies stay in the outbox.
fn sms(app: &TestApp, sid: &str, body: &str) -> Resp {
    let params = [("MessageSid", sid), ("From", PHONE), ("To", "1708"), ("Body", body)];
    let sig = lapor_e2e::twilio_signature(TOKEN, &format!("{PUBLIC}/webhooks/sms/twilio"), &params);
    app.twilio_webhook("/webhooks/sms/twilio", &sig, &params)
}

fn db(app: &TestApp) -> NativeDb {
    NativeDb::open(&app.state_dir().join("sqlite_db.db")).unwrap()
}

fn outbox_to(app: &TestApp, phone: &str) -> Vec<String> {
    let rows = db(app).execute("SELECT body FROM outbox WHERE recipient = ? ORDER BY id", params![phone]).unwrap();
    rows.rows.iter().map(|r| r.text(0)).collect()
}

fn instansi_named(app: &TestApp, token: &str, q: &str, name: &str) -> i64 {
    let r = call(app, "GET", &format!("/api/v1/admin/instansi?q={}", q.replace(' ', "%20")), token, None);
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["instansi"].as_array().unwrap().iter().find(|i| i["name"] == name).expect(name)["id"].as_i64().unwrap()
}

fn forward(app: &TestApp, token: &str, tid: &str, body: Value) -> Resp {
    call(app, "POST", &format!("/api/v1/dispatch/reports/{tid}/forward"), token, Some(body))
}

fn code(r: &Resp) -> String {
    let j = r.json();
    j["error"]["fields"][0]["code"].as_str().or(j["error"]["code"].as_str()).unwrap_or("").to_string()
}

#[test]
fn the_instansi_admin_forwards_an_answered_report_and_the_receiver_sees_it_at_once() {
    let app = app();
    let org = organisation(&app);
    assert_eq!(sms(&app, "SM1", "KAB BANGKA TENGAH jalan lintas timur depan pasar Koba rusak berat").status, 200);
    let tid =
        db(&app).query_row("SELECT tracking_id FROM reports WHERE channel = 'sms'", &[]).unwrap().unwrap().text(0);
    verify_and_assign(&app, &org, &tid);
    let r = answer(&app, &org.liaison, &tid, "Sudah kami laporkan ke atasan.");
    assert_eq!(r.status, 200, "{}", r.text());
    // The citizen rejects the answer: not resolved (stays yellow).
    assert_eq!(sms(&app, "SM2", &format!("#{tid} belum selesai, jalan itu jalan nasional")).status, 200);
    assert_eq!(public_color(&app, &tid), "yellow");

    let kemenpu = instansi_named(&app, &org.instansi_admin, "Pekerjaan Umum", "Kementerian Pekerjaan Umum");
    let role = json!({"role": "instansi_admin", "instansi_id": kemenpu});
    let pu_admin = signed_in_account(&app, &org.admin, "admin@pu.go.id", "Admin PU", role);
    let babar_admin = babar_admin(&app, &org);
    let insp = inspektorat(&app, &org);

    // Refusals: roles that may see it but not forward it (403), another instansi's admin and the receiver
    // before it arrives (404), no session (401), and bad input (nothing changes).
    let good = json!({"instansi_id": kemenpu, "reason": "Jalan lintas timur adalah jalan nasional."});
    assert_eq!(forward(&app, &org.liaison, &tid, good.clone()).status, 403);
    assert_eq!(forward(&app, &insp, &tid, good.clone()).status, 403);
    assert_eq!(forward(&app, &org.other_liaison, &tid, good.clone()).status, 404);
    assert_eq!(forward(&app, &babar_admin, &tid, good.clone()).status, 404);
    assert_eq!(forward(&app, &pu_admin, &tid, good.clone()).status, 404);
    assert_eq!(app.post_json(&format!("/api/v1/dispatch/reports/{tid}/forward"), &good).status, 401);
    let r = forward(&app, &org.instansi_admin, &tid, json!({"instansi_id": org.instansi, "reason": "x"}));
    assert_eq!((r.status, code(&r)), (422, "same_instansi".into()));
    let r = forward(&app, &org.instansi_admin, &tid, json!({"instansi_id": 99_999_999, "reason": "x"}));
    assert_eq!((r.status, code(&r)), (422, "unknown_instansi".into()));
    let r = forward(&app, &org.instansi_admin, &tid, json!({"instansi_id": kemenpu, "reason": "  "}));
    assert_eq!((r.status, code(&r)), (422, "required".into()));
    let r = forward(&app, &org.instansi_admin, &tid, json!({"instansi_id": kemenpu, "reason": "x".repeat(1001)}));
    assert_eq!((r.status, code(&r)), (422, "too_long".into()));
    let r = forward(&app, &org.instansi_admin, &tid, json!({"reason": "x"}));
    assert_eq!((r.status, code(&r)), (422, "required".into()));
    let r = call(&app, "POST", &format!("/api/v1/dispatch/reports/{tid}/forward"), &org.instansi_admin, None);
    assert_eq!(r.status, 415);
    let r = app.request(
        "POST",
        &format!("/api/v1/dispatch/reports/{tid}/forward"),
        &[("authorization", &format!("Bearer {}", org.instansi_admin)), ("content-type", "application/json")],
        b"{not json",
    );
    assert_eq!(r.status, 400);
    assert_eq!(public_color(&app, &tid), "yellow", "nothing changed");

    // The forward.
    let before = outbox_to(&app, PHONE).len();
    let r = forward(&app, &org.instansi_admin, &tid, good.clone());
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        (r.json()["status"].as_str(), r.json()["instansi"].as_str()),
        (Some("dispatched"), Some("Kementerian Pekerjaan Umum"))
    );
    // The sender no longer sees it; the receiver's board shows it at once, with where it came from.
    assert_eq!(call(&app, "GET", &format!("/api/v1/dispatch/reports/{tid}"), &org.instansi_admin, None).status, 404);
    let board = call(&app, "GET", "/api/v1/dispatch/board", &org.instansi_admin, None).json();
    assert!(!board.to_string().contains(&tid));
    let board = call(&app, "GET", "/api/v1/dispatch/board", &pu_admin, None).json();
    let line = board["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["tracking_id"] == tid.as_str())
        .expect("on the board")
        .clone();
    assert_eq!(
        (line["status"].as_str(), line["forwarded_from"].as_str()),
        (Some("dispatched"), Some("Pemerintah Kabupaten Bangka Tengah"))
    );
    assert_eq!(line["opd_id"], Value::Null);
    assert!(line["due_at"].as_str().unwrap() > "2026-12-01", "the dispatch deadline restarts: {line}");
    let html = page(&app, "/staff/disposisi", &pu_admin).text();
    assert!(html.contains("Pemerintah Kabupaten Bangka Tengah"), "the console board says where it came from");
    // The receiving admin has a notice linking to it; the sending admin has none.
    let notices = call(&app, "GET", "/api/v1/notices", &pu_admin, None).json().to_string();
    assert!(notices.contains("forwarded") && notices.contains(&tid), "{notices}");
    let theirs = call(&app, "GET", "/api/v1/notices", &org.instansi_admin, None).json().to_string();
    assert!(!theirs.contains("\"forwarded\""), "{theirs}");
    // The history keeps the path (and the reason, internally); the public thread says where it went.
    let full = call(&app, "GET", &format!("/api/v1/dispatch/reports/{tid}"), &pu_admin, None).json();
    let history = full["history"].as_array().unwrap();
    assert!(history.iter().any(|e| e["kind"] == "forwarded"
        && e["body"] == "Dialihkan dari Pemerintah Kabupaten Bangka Tengah ke Kementerian Pekerjaan Umum"));
    assert!(history
        .iter()
        .any(|e| e["public"] == false && e["body"].as_str().unwrap_or("").contains("jalan nasional")));
    let public = app.get(&format!("/api/v1/reports/{tid}")).text();
    assert!(
        public.contains("Dialihkan dari Pemerintah Kabupaten Bangka Tengah ke Kementerian Pekerjaan Umum"),
        "{public}"
    );
    assert!(!public.contains("adalah jalan nasional"), "the reason stays internal");
    // The citizen is told where it went, on their channel.
    let sent = outbox_to(&app, PHONE);
    assert!(
        sent[before..].iter().any(|m| m.contains(&format!("#{tid} dialihkan ke Kementerian Pekerjaan Umum"))),
        "{sent:?}"
    );
    // The receiver assigns it on; forwarding it back is allowed (it is theirs now), but not to itself.
    let r = forward(&app, &pu_admin, &tid, json!({"instansi_id": kemenpu, "reason": "x"}));
    assert_eq!(r.status, 422);
}

#[test]
fn the_national_admin_forwards_from_the_queue_in_the_console_and_closed_reports_stay_put() {
    let app = app();
    let org = organisation(&app);
    let (tid, _) = citizen_report(&app, "public");

    // The console: search by name, choose from the list, give a reason.
    let r = page(&app, &format!("/staff/laporan/{tid}?instansi_q=Kesehatan"), &org.admin);
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(html.contains("Alihkan ke instansi lain") && html.contains("Kementerian Kesehatan"), "{html}");
    assert!(html.contains("type=\"radio\" name=\"instansi_id\""), "picked from a list, never typed");
    let kemenkes = instansi_named(&app, &org.admin, "Kesehatan", "Kementerian Kesehatan");
    let path = format!("/staff/laporan/{tid}/forward");
    let kid = kemenkes.to_string();
    // A forged form changes nothing.
    let r = page_post(&app, &path, &org.admin, &[("csrf", "palsu"), ("instansi_id", &kid), ("reason", "x")]);
    assert_eq!(r.status, 403);
    let r = page_post(&app, &path, &org.admin, &[("csrf", &csrf(&org.admin)), ("instansi_id", &kid), ("reason", "")]);
    assert_eq!(r.status, 422, "a reason is required");
    assert!(r.text().contains("alasan wajib diisi"));
    let r = page_post(
        &app,
        &path,
        &org.admin,
        &[("csrf", &csrf(&org.admin)), ("instansi_id", &kid), ("reason", "Urusan BPJS, kewenangan pusat.")],
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let r = call(&app, "GET", &format!("/api/v1/verification/reports/{tid}"), &org.admin, None).json();
    assert_eq!((r["status"].as_str(), r["instansi"].as_str()), (Some("dispatched"), Some("Kementerian Kesehatan")));
    assert!(r["history"].as_array().unwrap().iter().any(|e| e["to_status"] == "verified"), "verified on the way");
    assert_eq!(public_color(&app, &tid), "red");
    // The instansi admin of Bangka Tengah never saw it and cannot take it.
    let r = page(&app, &format!("/staff/laporan/{tid}?instansi_q=Bangka"), &org.instansi_admin);
    assert_eq!(r.status, 404);
    let r = page_post(
        &app,
        &path,
        &org.instansi_admin,
        &[("csrf", &csrf(&org.instansi_admin)), ("instansi_id", &org.instansi.to_string()), ("reason", "x")],
    );
    assert_eq!(r.status, 404);

    // The instansi admin's console: the form is there for their own report; the liaison's page has none.
    let tid2 = assigned_report(&app, &org);
    let html = page(&app, &format!("/staff/laporan/{tid2}?instansi_q=Bangka%20Barat"), &org.instansi_admin).text();
    assert!(
        html.contains("Pemerintah Kabupaten Bangka Barat") && html.contains(&format!("/staff/laporan/{tid2}/forward"))
    );
    let html = page(&app, &format!("/staff/laporan/{tid2}?instansi_q=Bangka"), &org.liaison).text();
    assert!(!html.contains("/forward\""), "no forward form for a liaison");
    let r = page_post(
        &app,
        &format!("/staff/laporan/{tid2}/forward"),
        &org.liaison,
        &[("csrf", &csrf(&org.liaison)), ("instansi_id", &kid), ("reason", "x")],
    );
    assert_eq!(r.status, 403);

    // Completed: no longer forwarded by anyone.
    let (tid3, reporter) = citizen_report(&app, "public");
    verify_and_assign(&app, &org, &tid3);
    let r = answer(&app, &org.liaison, &tid3, "Sudah buka.");
    assert_eq!(r.status, 200);
    let r =
        app.request("POST", &format!("/api/v1/citizen/reports/{tid3}/accept"), &[("x-reporter-token", &reporter)], b"");
    assert_eq!(r.status, 200, "{}", r.text());
    for token in [&org.admin, &org.instansi_admin] {
        let r = forward(&app, token, &tid3, json!({"instansi_id": kemenkes, "reason": "x"}));
        assert_eq!((r.status, code(&r)), (409, "conflict".into()), "{}", r.text());
    }
    assert_eq!(public_color(&app, &tid3), "green");
}
