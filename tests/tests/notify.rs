//! Issue 16, part 1: every reporter hears back on the channels they gave. A web/app reporter with a phone and an
//! e-mail gets exactly one SMS (fake Twilio on loopback) and one e-mail (fake Postmark on loopback) per event, and
//! none after opting out; the e-mail has a plain-text part, the tracking link and an unsubscribe link that works
//! without signing in, and a forged or another report's link changes nothing.

use crate::staff_support;

use lapor_e2e::PUBLIC_URL as PUBLIC;
use lapor_e2e::{FakeResponse, FakeServer, RecordedRequest, TestApp, NIK};
use lapor_store::native::NativeDb;
use lapor_store::Db;
use serde_json::{json, Value};
use staff_support::*;

const POSTMARK_TOKEN: &str = "pm-server-token";
const LINK_SECRET: &str = "link-secret-for-tests";
const PHONE: &str = "+6281234567890";
const EMAIL: &str = "siti@example.id";

struct World {
    app: TestApp,
    twilio: FakeServer,
    postmark: FakeServer,
}

impl World {
    fn start() -> World {
        let twilio = FakeServer::twilio();
        let postmark = FakeServer::start();
        postmark.set_default(FakeResponse::json(
            200,
            &json!({"To": EMAIL, "SubmittedAt": "2026-11-30T02:00:00Z", "MessageID": "pm-1", "ErrorCode": 0, "Message": "OK"}),
        ));
        let app = app_plus(&[
            ("sweep_token", "sweep"),
            ("public_base_url", PUBLIC),
            ("twilio_account_sid", "AC1"),
            ("twilio_auth_token", "twilio-token"),
            ("twilio_api_base", &twilio.url()),
            ("email_api_base", &postmark.url()),
            ("email_api_token", POSTMARK_TOKEN),
            ("email_from", "LAPOR! <noreply@lapor.go.id>"),
            ("email_link_secret", LINK_SECRET),
        ]);
        World { app, twilio, postmark }
    }

    fn sweep(&self) -> Value {
        let r = self.app.request("POST", "/internal/sweep", &[("authorization", "Bearer sweep")], b"");
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()
    }

    /// The SMS bodies the fake Twilio got for `to`.
    fn sms_to(&self, to: &str) -> Vec<String> {
        self.twilio
            .requests()
            .iter()
            .filter(|r| r.method == "POST")
            .filter(|r| form(r, "To").as_deref() == Some(to))
            .filter_map(|r| form(r, "Body"))
            .collect()
    }

    /// The e-mails (JSON bodies) the fake Postmark got for `to`.
    fn emails_to(&self, to: &str) -> Vec<Value> {
        self.postmark
            .requests()
            .iter()
            .filter(|r| r.method == "POST" && r.path == "/email")
            .map(|r| serde_json::from_slice::<Value>(&r.body).expect("JSON e-mail"))
            .filter(|e| e["To"] == to)
            .collect()
    }

    fn db(&self) -> NativeDb {
        NativeDb::open(&self.app.state_dir().join("sqlite_db.db")).unwrap()
    }

    fn report(&self, reporter: Value) -> (String, String) {
        let r = self.app.post_json(
            "/api/v1/reports",
            &json!({
                "kind": "pengaduan",
                "title": "Puskesmas Koba tutup pada jam kerja",
                "body": "Puskesmas di Koba, Kabupaten Bangka Tengah, tutup pada hari Senin pukul 10 pagi.",
                "category": "kesehatan",
                "location": { "text": "Koba", "region_code": "19.04" },
                "reporter": reporter
            }),
        );
        assert_eq!(r.status, 201, "{}", r.text());
        let b = r.json();
        (b["tracking_id"].as_str().unwrap().to_string(), b["reporter_token"].as_str().unwrap().to_string())
    }
}

fn form(r: &RecordedRequest, key: &str) -> Option<String> {
    url::form_urlencoded::parse(&r.body).find(|(k, _)| k == key).map(|(_, v)| v.into_owned())
}

fn reporter() -> Value {
    json!({ "name": "Siti Aminah", "nik": NIK, "phone": "081234567890", "email": EMAIL })
}

/// No message carries the NIK or the reporter's name.
fn assert_nothing_personal(text: &str) {
    assert!(!text.contains(NIK), "NIK in a message: {text}");
    assert!(!text.contains("Siti Aminah"), "name in a message: {text}");
}

/// The unsubscribe path in an e-mail's text.
fn unsubscribe_path(e: &Value) -> String {
    let text = e["TextBody"].as_str().unwrap();
    let start = text.find(&format!("{PUBLIC}/berhenti/")).expect("unsubscribe link") + PUBLIC.len();
    text[start..].split_whitespace().next().unwrap().to_string()
}

#[test]
fn a_web_reporter_with_phone_and_email_gets_one_sms_and_one_email_per_event() {
    let w = World::start();
    let org = organisation(&w.app);
    let (tid, reporter_token) = w.report(reporter());

    // Received: one SMS with the tracking ID and how to add to it, one e-mail with the links.
    let s = w.sweep();
    assert_eq!((s["sms"]["sent"].as_u64(), s["email"]["sent"].as_u64()), (Some(1), Some(1)), "{s}");
    let sms = w.sms_to(PHONE);
    assert_eq!(sms.len(), 1, "{sms:?}");
    assert!(sms[0].contains(&format!("#{tid}")), "{}", sms[0]);
    let emails = w.emails_to(EMAIL);
    assert_eq!(emails.len(), 1);
    let e = &emails[0];
    let request = w.postmark.requests().into_iter().find(|r| r.path == "/email").unwrap();
    assert_eq!(request.header("x-postmark-server-token"), Some(POSTMARK_TOKEN));
    assert_eq!(e["From"], "LAPOR! <noreply@lapor.go.id>");
    assert!(e["Subject"].as_str().unwrap().contains(&tid), "{e}");
    let text = e["TextBody"].as_str().unwrap();
    assert!(text.contains(&format!("{PUBLIC}/lacak/{tid}")), "tracking link: {text}");
    let unsubscribe = unsubscribe_path(e);
    assert!(unsubscribe.starts_with(&format!("/berhenti/{tid}/")), "{unsubscribe}");
    let headers = e["Headers"].as_array().unwrap();
    assert!(headers
        .iter()
        .any(|h| h["Name"] == "List-Unsubscribe" && h["Value"] == format!("<{PUBLIC}{unsubscribe}>")));
    assert!(e.get("HtmlBody").is_none(), "plain text only");
    assert_nothing_personal(text);
    assert_nothing_personal(&sms[0]);

    // Another sweep sends nothing again.
    w.sweep();
    assert_eq!((w.sms_to(PHONE).len(), w.emails_to(EMAIL).len()), (1, 1));

    // Verified and dispatched (grey → red), assigned (red → red): one colour change, one of each.
    verify_and_assign(&w.app, &org, &tid);
    w.sweep();
    let (sms, emails) = (w.sms_to(PHONE), w.emails_to(EMAIL));
    assert_eq!((sms.len(), emails.len()), (2, 2), "{sms:?}");
    assert!(sms[1].contains(&tid) && emails[1]["TextBody"].as_str().unwrap().contains(&tid));

    // The answer (an answer and red → yellow: two events): by SMS with `#ID SELESAI`, by e-mail with the page.
    let r = answer(&w.app, &org.liaison, &tid, "Puskesmas Koba buka kembali mulai Selasa.");
    assert_eq!(r.status, 200, "{}", r.text());
    w.sweep();
    let (sms, emails) = (w.sms_to(PHONE), w.emails_to(EMAIL));
    assert_eq!((sms.len(), emails.len()), (4, 4), "{sms:?}");
    let sms_answer = sms.iter().find(|b| b.contains("dijawab")).expect("answer by SMS");
    assert!(sms_answer.contains("Puskesmas Koba buka kembali") && sms_answer.contains(&format!("#{tid} SELESAI")));
    let email_answer = emails
        .iter()
        .map(|e| e["TextBody"].as_str().unwrap().to_string())
        .find(|t| t.contains("dijawab"))
        .expect("answer by e-mail");
    assert!(email_answer.contains("Puskesmas Koba buka kembali") && email_answer.contains("halaman lacak"));
    for m in
        sms.iter().chain(emails.iter().map(|e| e["TextBody"].as_str().unwrap().to_string()).collect::<Vec<_>>().iter())
    {
        assert_nothing_personal(m);
    }

    // The unsubscribe link works without signing in: GET shows the button and changes nothing, POST stops e-mail.
    let page = w.app.get(&unsubscribe);
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(page.text().contains("Berhenti menerima e-mail") && !page.text().contains(EMAIL), "address masked");
    let opted = |w: &World| w.db().query_row("SELECT email_opt_out FROM reporters", &[]).unwrap().unwrap().int(0);
    assert_eq!(opted(&w), 0, "a GET (a mail scanner) changes nothing");
    let r = w.app.request(
        "POST",
        &unsubscribe,
        &[("content-type", "application/x-www-form-urlencoded")],
        b"List-Unsubscribe=One-Click",
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(opted(&w), 1);

    // Completion (yellow → green): the SMS still comes, no e-mail any more.
    let r = call(&w.app, "POST", &format!("/api/v1/citizen/reports/{tid}/accept"), &reporter_token, None);
    assert_eq!(r.status, 200, "{}", r.text());
    w.sweep();
    let sms = w.sms_to(PHONE);
    assert_eq!((sms.len(), w.emails_to(EMAIL).len()), (5, 4));
    assert!(sms[4].contains(&tid));
}

#[test]
fn a_reporter_who_opted_out_gets_nothing_and_one_who_gave_only_email_gets_only_email() {
    let w = World::start();
    let org = organisation(&w.app);
    let mut quiet = reporter();
    quiet["notify_sms"] = false.into();
    quiet["notify_email"] = false.into();
    let (tid, _) = w.report(quiet);
    w.sweep();
    verify_and_assign(&w.app, &org, &tid);
    w.sweep();
    assert!(w.twilio.requests().is_empty(), "no SMS after opting out");
    assert!(w.postmark.requests().is_empty(), "no e-mail after opting out");

    let (tid, _) = w.report(json!({ "name": "Budi", "nik": "1771011708900001", "email": "budi@example.id" }));
    w.sweep();
    verify_and_assign(&w.app, &org, &tid);
    w.sweep();
    assert!(w.twilio.requests().is_empty());
    assert_eq!(w.emails_to("budi@example.id").len(), 2);

    // The web form's opt-out boxes are stored like the API's.
    let form = w.app.get("/lapor");
    assert!(form.text().contains("name=\"no_sms\"") && form.text().contains("name=\"no_email\""));
}

#[test]
fn forged_or_foreign_unsubscribe_links_change_nothing() {
    let w = World::start();
    let (tid, _) = w.report(reporter());
    let (other, _) = w.report(json!({ "name": "Budi", "nik": "1771011708900001", "email": "budi@example.id" }));
    w.sweep();
    let siti = unsubscribe_path(&w.emails_to(EMAIL)[0]);
    let token = siti.rsplit('/').next().unwrap();
    let forged = format!("/berhenti/{tid}/{}", "0".repeat(64));
    let foreign = format!("/berhenti/{other}/{token}"); // Siti's token on Budi's report
    for path in [forged.as_str(), foreign.as_str(), &format!("/berhenti/{tid}/x"), "/berhenti/123/abc"] {
        let r = w.app.request("POST", path, &[("content-type", "application/x-www-form-urlencoded")], b"");
        assert_eq!(r.status, 404, "{path}: {}", r.text());
        assert!(r.header("content-type").unwrap_or("").starts_with("text/html"), "a readable page");
    }
    let n = w.db().query_row("SELECT count(*) FROM reporters WHERE email_opt_out = 1", &[]).unwrap().unwrap().int(0);
    assert_eq!(n, 0, "nothing changed");
    let r = w.app.request("DELETE", &siti, &[], b"");
    assert_eq!(r.status, 405);
}

#[test]
fn the_email_outbox_retries_a_provider_error_and_gives_up_on_a_refusal() {
    let w = World::start();
    w.postmark.enqueue(FakeResponse::json(500, &json!({"ErrorCode": 100, "Message": "Maintenance"})));
    w.report(reporter());
    let s = w.sweep();
    assert_eq!(s["email"]["retrying"].as_u64(), Some(1), "{s}");
    let row = w
        .db()
        .query_row("SELECT status, attempts, last_error FROM outbox WHERE channel = 'email'", &[])
        .unwrap()
        .unwrap();
    assert_eq!((row.text(0).as_str(), row.int(1)), ("pending", 1));
    assert_eq!(row.text(2), "HTTP 500");

    // A refusal (422: inactive recipient) is final: failed with its error, never sent again.
    let w = World::start();
    w.postmark.set_default(FakeResponse::json(422, &json!({"ErrorCode": 406, "Message": "Inactive recipient"})));
    w.report(reporter());
    let s = w.sweep();
    assert_eq!(s["email"]["failed"].as_u64(), Some(1), "{s}");
    w.sweep();
    assert_eq!(w.postmark.requests().len(), 1);
}

#[test]
fn the_forms_opt_out_box_is_kept_and_honoured() {
    let w = World::start();
    let page = w.app.get("/lapor");
    assert!(page.text().contains("Jangan kirimi saya SMS"), "the box is on the form, in Bahasa Indonesia");
    // Over https (public_base_url) the cookie is `__Host-csrf`.
    let (cookie, csrf) = page.csrf();
    let body = lapor_e2e::form_encode(&[
        ("csrf", &csrf),
        ("kind", "pengaduan"),
        ("title", "Puskesmas tutup di jam kerja"),
        ("body", "Puskesmas Koba tutup pada hari Senin pukul 10 pagi."),
        ("category", "kesehatan"),
        ("region_code", "19.04"),
        ("visibility", "public"),
        ("name", "Siti Aminah"),
        ("nik", NIK),
        ("phone", "081234567890"),
        ("email", EMAIL),
        ("no_sms", "1"),
    ]);
    let r = w.app.request(
        "POST",
        "/lapor",
        &[("content-type", "application/x-www-form-urlencoded"), ("cookie", &cookie)],
        body.as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let opt = w.db().query_row("SELECT sms_opt_out, email_opt_out FROM reporters", &[]).unwrap().unwrap();
    assert_eq!((opt.int(0), opt.int(1)), (1, 0));
    w.sweep();
    assert!(w.sms_to(PHONE).is_empty(), "no SMS after ticking the box");
    assert_eq!(w.emails_to(EMAIL).len(), 1, "the e-mail still comes");
}
