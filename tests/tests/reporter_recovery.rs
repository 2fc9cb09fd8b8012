//! Issue 16, part 3: a reporter who lost the reporter code gets a new one through the phone on the report — a
//! 6-digit code by SMS (fake Twilio on loopback), 10 minutes, 5 tries, rate-limited — and the old code stops
//! working. Wrong, replayed, expired and exhausted codes, and reports without a phone, give nothing away.

use lapor_e2e::{FakeResponse, FakeServer, RecordedRequest, Resp, TestApp};
use serde_json::{json, Value};

const PHONE: &str = "+6281234567890";

fn start() -> (TestApp, FakeServer) {
    let twilio = FakeServer::start();
    twilio.set_default(FakeResponse::json(201, &json!({"sid": "SMx", "status": "queued"})));
    let app = lapor_e2e::app_with(&[
        ("twilio_account_sid", "AC1"),
        ("twilio_auth_token", "twilio-token"),
        ("twilio_api_base", &twilio.url()),
        ("now", "2026-11-30T02:00:00Z"),
    ]);
    (app, twilio)
}

fn file(app: &TestApp, reporter: Value) -> (String, String) {
    let r = app.post_json(
        "/api/v1/reports",
        &json!({
            "kind": "pengaduan", "title": "Jalan berlubang di depan SDN 5",
            "body": "Lubang besar di jalan depan SDN 5 sudah tiga bulan tidak diperbaiki.",
            "category": "infrastruktur", "location": { "region_code": "17.71" }, "reporter": reporter
        }),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let b = r.json();
    (b["tracking_id"].as_str().unwrap().into(), b["reporter_token"].as_str().unwrap().into())
}

fn siti() -> Value {
    json!({ "name": "Siti Aminah", "nik": "1771015708900001", "phone": "081234567890" })
}

fn form(r: &RecordedRequest, key: &str) -> Option<String> {
    url::form_urlencoded::parse(&r.body).find(|(k, _)| k == key).map(|(_, v)| v.into_owned())
}

/// The recovery codes the fake Twilio got for the phone, newest last.
fn codes(twilio: &FakeServer) -> Vec<String> {
    twilio
        .requests()
        .iter()
        .filter(|r| form(r, "To").as_deref() == Some(PHONE))
        .filter_map(|r| form(r, "Body"))
        .filter(|b| b.contains("Kode pemulihan"))
        .map(|b| {
            let after = b.split(": ").nth(1).expect("code after the colon");
            after.chars().take_while(|c| c.is_ascii_digit()).collect()
        })
        .collect()
}

fn ask(app: &TestApp, tid: &str) -> Resp {
    app.request("POST", &format!("/api/v1/reports/{tid}/recovery"), &[], b"")
}

fn verify(app: &TestApp, tid: &str, code: &str) -> Resp {
    app.post_json(&format!("/api/v1/reports/{tid}/recovery/verify"), &json!({ "code": code }))
}

fn is_reporter(app: &TestApp, tid: &str, token: &str) -> bool {
    let r = app.get_with(&format!("/api/v1/reports/{tid}"), &[("authorization", &format!("Bearer {token}"))]);
    r.json()["is_reporter"].as_bool().unwrap()
}

#[test]
fn a_lost_reporter_code_is_replaced_through_an_sms_code_and_the_old_one_stops_working() {
    let (app, twilio) = start();
    let (tid, old) = file(&app, siti());
    assert!(is_reporter(&app, &tid, &old));

    let r = ask(&app, &tid);
    assert_eq!(r.status, 202, "{}", r.text());
    let sent = codes(&twilio);
    assert_eq!(sent.len(), 1, "one code by SMS, at once");
    let code = sent[0].clone();
    assert_eq!(code.len(), 6);
    assert!(!r.text().contains(&code), "the code is never in the answer");

    // A wrong code counts; the right one gives a new reporter code.
    let wrong = if code == "000000" { "000001" } else { "000000" };
    let r = verify(&app, &tid, wrong);
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["error"]["fields"][0]["code"], "wrong_code");
    let r = verify(&app, &tid, &code);
    assert_eq!(r.status, 200, "{}", r.text());
    let new = r.json()["reporter_token"].as_str().unwrap().to_string();
    assert_ne!(new, old);
    assert!(is_reporter(&app, &tid, &new));
    assert!(!is_reporter(&app, &tid, &old), "the old code stops working");
    let r = app.request(
        "POST",
        &format!("/api/v1/citizen/reports/{tid}/reply"),
        &[("content-type", "application/json"), ("x-reporter-token", &old)],
        json!({ "message": "masih berlubang" }).to_string().as_bytes(),
    );
    assert_eq!(r.status, 404, "the old code can no longer reply");

    // Replaying the used code gives nothing.
    let r = verify(&app, &tid, &code);
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["error"]["fields"][0]["code"], "code_expired");
}

#[test]
fn five_wrong_tries_kill_the_code_and_requests_are_limited() {
    let (app, twilio) = start();
    let (tid, _) = file(&app, siti());
    assert_eq!(ask(&app, &tid).status, 202);
    let code = codes(&twilio).pop().unwrap();
    let wrong = if code == "000000" { "000001" } else { "000000" };
    for _ in 0..4 {
        assert_eq!(verify(&app, &tid, wrong).json()["error"]["fields"][0]["code"], "wrong_code");
    }
    assert_eq!(verify(&app, &tid, wrong).json()["error"]["fields"][0]["code"], "code_expired", "the fifth kills it");
    assert_eq!(verify(&app, &tid, &code).status, 422, "even the right code is dead now");

    // Three codes an hour for one report.
    assert_eq!(ask(&app, &tid).status, 202);
    assert_eq!(ask(&app, &tid).status, 202);
    let r = ask(&app, &tid);
    assert_eq!(r.status, 429, "{}", r.text());
    assert_eq!(codes(&twilio).len(), 3);
}

#[test]
fn a_code_expires_after_ten_minutes_and_a_report_without_phone_reveals_nothing() {
    let (mut app, twilio) = start();
    let (tid, _) = file(&app, siti());
    assert_eq!(ask(&app, &tid).status, 202);
    let code = codes(&twilio).pop().unwrap();
    app.set_variable("now", "2026-11-30T02:10:01Z");
    let r = verify(&app, &tid, &code);
    assert_eq!((r.status, r.json()["error"]["fields"][0]["code"].clone()), (422, json!("code_expired")));

    // A report with only an e-mail: the same answer, and no SMS.
    let (other, _) = file(&app, json!({ "name": "Budi", "nik": "1771011708900001", "email": "budi@example.id" }));
    let before = twilio.requests().len();
    let r = ask(&app, &other);
    assert_eq!(r.status, 202);
    assert_eq!(twilio.requests().len(), before);
    assert_eq!(verify(&app, &other, "123456").status, 422);
    // Unknown or malformed tracking IDs.
    assert_eq!(ask(&app, "12345").status, 404);
    let r = app.request(
        "POST",
        &format!("/api/v1/reports/{tid}/recovery/verify"),
        &[("content-type", "application/json")],
        b"{",
    );
    assert_eq!(r.status, 400);
}
