//! The SMS channel (1708) end to end: Twilio-compatible webhook with signatures, region keywords, thread
//! replies, format help, delivery through a fake Twilio on loopback with retries, receipts, rate limit.

use base64::Engine;
use lapor_e2e::PUBLIC_URL as PUBLIC;
use lapor_e2e::{app_with, form_encode, twilio_signature, FakeResponse, FakeServer, RecordedRequest, Resp, TestApp};
use lapor_store::native::NativeDb;
use lapor_store::Db;

const TOKEN: &str = "test-auth-token";
const ACCOUNT: &str = "AC0123456789";

/// `X-Twilio-Signature` as Twilio computes it with our auth token.
fn sign(url: &str, params: &[(&str, &str)]) -> String {
    twilio_signature(TOKEN, url, params)
}

struct Sms {
    app: TestApp,
    twilio: FakeServer,
    /// The replies given in the webhook's TwiML answers: (the sender they answer, the text).
    inline: std::cell::RefCell<Vec<(String, String)>>,
}

/// The text of a TwiML answer's `<Message>`, if it has one.
fn twiml_message(answer: &str) -> Option<String> {
    let doc = roxmltree::Document::parse(answer).ok()?;
    let message = doc.descendants().find(|n| n.has_tag_name("Message"))?;
    Some(message.text().unwrap_or("").to_string())
}

impl Sms {
    fn start() -> Sms {
        let twilio = FakeServer::twilio();
        let app = app_with(&[
            ("twilio_auth_token", TOKEN),
            ("twilio_account_sid", ACCOUNT),
            ("twilio_api_base", &twilio.url()),
            ("public_base_url", PUBLIC),
            ("now", "2026-12-01T01:00:00Z"),
        ]);
        Sms { app, twilio, inline: Default::default() }
    }

    fn post(&self, path: &str, params: &[(&str, &str)], signature: Option<&str>) -> Resp {
        let sig = signature.map(str::to_string).unwrap_or_else(|| sign(&format!("{PUBLIC}{path}"), params));
        self.app.twilio_webhook(path, &sig, params)
    }

    /// An inbound SMS; a reply in the TwiML answer is kept as sent to the sender (Twilio sends it).
    fn sms(&self, sid: &str, from: &str, body: &str) -> Resp {
        let r = self.post(
            "/webhooks/sms/twilio",
            &[("MessageSid", sid), ("From", from), ("To", "1708"), ("Body", body)],
            None,
        );
        if let Some(text) = twiml_message(&r.text()) {
            let to = lapor_core::phone::normalize(from).unwrap_or_default();
            self.inline.borrow_mut().push((to, text));
        }
        r
    }

    /// The reporter (081234567890) texts about the closed puskesmas in Bangka Tengah; the new report's tracking ID.
    fn puskesmas_report(&self) -> String {
        self.sms("SM1", "081234567890", "KAB BANGKA TENGAH puskesmas tutup pada jam kerja");
        self.db().query_row("SELECT tracking_id FROM reports", &[]).unwrap().unwrap().text(0)
    }

    fn db(&self) -> NativeDb {
        NativeDb::open(&self.app.state_dir().join("sqlite_db.db")).unwrap()
    }

    /// A count from the app's database; 0 when the app has not created it yet (nothing stored).
    fn count(&self, sql: &str) -> i64 {
        if !self.app.state_dir().join("sqlite_db.db").exists() {
            return 0;
        }
        self.db().query_row(sql, &[]).ok().flatten().map_or(0, |r| r.int(0))
    }

    /// The SMS bodies sent to `to`: in TwiML answers, then through the provider's API.
    fn sent_to(&self, to: &str) -> Vec<String> {
        let inline = self.inline.borrow().iter().filter(|(t, _)| t == to).map(|(_, b)| b.clone()).collect::<Vec<_>>();
        let api =
            self.twilio.requests().into_iter().filter_map(|r| form(&r, "To").filter(|t| t == to).and(form(&r, "Body")));
        inline.into_iter().chain(api).collect()
    }
}

fn form(r: &RecordedRequest, key: &str) -> Option<String> {
    url::form_urlencoded::parse(&r.body).find(|(k, _)| k == key).map(|(_, v)| v.into_owned())
}

#[test]
fn a_signed_sms_becomes_a_routed_report_with_a_reply_carrying_its_tracking_id() {
    let s = Sms::start();
    let r = s.sms("SM1", "081234567890", "KOTA BENGKULU_jalan berlubang di depan SDN 5");
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains("<Response"), "TwiML answer: {}", r.text());
    let row = s.db().query_row("SELECT tracking_id, region_code, channel FROM reports", &[]).unwrap().unwrap();
    let tid = row.text(0);
    assert_eq!((row.text(1).as_str(), row.text(2).as_str()), ("17.71", "sms"));
    // The reply rides in the TwiML answer (Twilio sends it): no call to the provider's API, recorded as sent.
    let reply = twiml_message(&r.text()).expect("a <Message> in the answer");
    assert!(reply.contains(&tid), "{reply}");
    assert!(s.twilio.requests().is_empty(), "no API call for the reply");
    assert_eq!(s.count("SELECT count(*) FROM outbox WHERE status = 'sent' AND provider_id = 'inline'"), 1);

    // The provider retries the webhook (our answer may not have reached it): nothing new, the same answer.
    let again = s.sms("SM1", "081234567890", "KOTA BENGKULU_jalan berlubang di depan SDN 5");
    assert_eq!(again.status, 200);
    assert_eq!(twiml_message(&again.text()), Some(reply));
    assert_eq!(s.count("SELECT count(*) FROM reports"), 1);
    assert_eq!(s.count("SELECT count(*) FROM outbox"), 1, "no second reply queued");
    assert!(s.twilio.requests().is_empty());
}

/// Messages that are not the answer to an inbound SMS (here a reporter-code recovery code) go through the
/// provider's REST API, with its account and token; a signed delivery receipt marks them delivered.
#[test]
fn other_messages_go_through_the_providers_api_and_receipts_mark_them() {
    let s = Sms::start();
    let tid = s.puskesmas_report();
    let r = s.app.request("POST", &format!("/api/v1/reports/{tid}/recovery"), &[], b"");
    assert_eq!(r.status, 202, "{}", r.text());
    let sent = s.twilio.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].path, format!("/2010-04-01/Accounts/{ACCOUNT}/Messages.json"));
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{ACCOUNT}:{TOKEN}"));
    assert_eq!(sent[0].header("authorization"), Some(format!("Basic {auth}").as_str()));
    assert_eq!(form(&sent[0], "To").as_deref(), Some("+6281234567890"));
    assert_eq!(form(&sent[0], "From").as_deref(), Some("1708"));
    assert_eq!(s.count("SELECT count(*) FROM outbox WHERE status = 'sent' AND provider_id = 'SMprovider'"), 1);
    let receipt =
        s.post("/webhooks/sms/twilio/status", &[("MessageSid", "SMprovider"), ("MessageStatus", "delivered")], None);
    assert!(receipt.status == 204 || receipt.status == 200, "{}", receipt.status);
    assert_eq!(s.count("SELECT count(*) FROM outbox WHERE status = 'delivered'"), 1);
}

#[test]
fn forged_or_unsigned_messages_are_refused_and_store_nothing() {
    let s = Sms::start();
    let params = [
        ("MessageSid", "SMforged"),
        ("From", "081234567890"),
        ("To", "1708"),
        ("Body", "KAB BANGKA TENGAH puskesmas tutup"),
    ];
    let body = form_encode(&params);
    let unsigned = s.app.request(
        "POST",
        "/webhooks/sms/twilio",
        &[("content-type", "application/x-www-form-urlencoded")],
        body.as_bytes(),
    );
    assert_eq!(unsigned.status, 403);
    assert_eq!(s.post("/webhooks/sms/twilio", &params, Some("AAAAAAAAAAAAAAAAAAAAAAAAAAA=")).status, 403);
    // Signed for another URL (the Host header is not trusted for the signature).
    let other = sign("http://evil.example/webhooks/sms/twilio", &params);
    assert_eq!(s.post("/webhooks/sms/twilio", &params, Some(&other)).status, 403);
    assert_eq!(s.count("SELECT count(*) FROM reports"), 0);
    assert_eq!(s.count("SELECT count(*) FROM inbound_messages"), 0);
    assert!(s.twilio.requests().is_empty());
}

#[test]
fn replies_by_tracking_id_join_the_thread_only_from_the_reporters_number() {
    let s = Sms::start();
    let tid = s.puskesmas_report();
    s.sms("SM2", "0812-3456-7890", &format!("#{tid} belum selesai, masih tutup"));
    let last = s
        .db()
        .query_row("SELECT kind, actor, channel, body FROM events ORDER BY id DESC LIMIT 1", &[])
        .unwrap()
        .unwrap();
    assert_eq!(
        (last.text(0), last.text(1), last.text(2), last.text(3)),
        ("reply".into(), "citizen".into(), "sms".into(), "belum selesai, masih tutup".into())
    );
    assert_eq!(s.count("SELECT count(*) FROM reports"), 1, "a reply is not a new report");

    s.sms("SM3", "089876543210", &format!("{tid} ini laporan saya"));
    assert_eq!(s.count("SELECT count(*) FROM events WHERE kind = 'reply'"), 1, "a stranger's reply is refused");
    let to_stranger = s.sent_to("+6289876543210");
    assert_eq!(to_stranger.len(), 1, "one polite refusal");
    assert!(!to_stranger[0].contains("belum selesai"));
}

#[test]
fn a_malformed_sms_gets_the_format_help_and_no_report() {
    let s = Sms::start();
    s.sms("SM1", "081234567890", "KOTA BENGKULU");
    s.sms("SM2", "081234567890", "   ");
    assert_eq!(s.count("SELECT count(*) FROM reports"), 0);
    let help = s.sent_to("+6281234567890");
    assert_eq!(help.len(), 2);
    assert!(help.iter().all(|h| h.contains("1708") || h.to_lowercase().contains("format")), "{help:?}");
}

#[test]
fn a_provider_outage_delays_a_message_which_is_then_sent_exactly_once() {
    let mut s = Sms::start();
    let tid = s.puskesmas_report();
    s.twilio.enqueue(FakeResponse::text(500, "{}"));
    let r = s.app.request("POST", &format!("/api/v1/reports/{tid}/recovery"), &[], b"");
    assert_eq!(r.status, 202, "{}", r.text());
    assert_eq!(s.count("SELECT count(*) FROM outbox WHERE status = 'pending' AND attempts = 1"), 1);
    let code_sms = |s: &Sms| s.sent_to("+6281234567890").iter().filter(|b| b.contains("pemulihan")).count();

    // Before the backoff has passed nothing is retried (a receipt drains what is due).
    let receipt = [("MessageSid", "SMother"), ("MessageStatus", "delivered")];
    s.post("/webhooks/sms/twilio/status", &receipt, None);
    assert_eq!(code_sms(&s), 1, "only the failed attempt");

    // The provider is back and time has moved past the backoff: the next drain delivers it, once.
    s.app.set_variable("now", "2026-12-01T01:10:00Z");
    s.post("/webhooks/sms/twilio/status", &receipt, None);
    s.post("/webhooks/sms/twilio/status", &receipt, None);
    assert_eq!(code_sms(&s), 2, "one failed attempt, one delivery");
    assert_eq!(s.count("SELECT count(*) FROM outbox WHERE recipient = '+6281234567890' AND status = 'sent' AND provider_id = 'SMprovider'"), 1);
}

#[test]
fn one_number_cannot_flood_the_system() {
    let s = Sms::start();
    for i in 0..12 {
        s.sms(&format!("SMrl{i}"), "083333333333", "jalan rusak parah sekali di desa kami");
    }
    assert_eq!(s.count("SELECT count(*) FROM reporters WHERE phone = '+6283333333333'"), 10);
    let polite: Vec<String> = s.sent_to("+6283333333333").into_iter().filter(|b| !b.contains("diterima")).collect();
    assert_eq!(polite.len(), 1, "one polite SMS over the limit: {polite:?}");
}

#[test]
fn selesai_from_the_reporters_phone_accepts_the_answer() {
    let s = Sms::start();
    let tid = s.puskesmas_report();
    // Before any answer, SELESAI is kept as a reply and changes nothing.
    s.sms("SM2", "081234567890", &format!("#{tid} SELESAI"));
    assert_eq!(s.count("SELECT count(*) FROM reports WHERE status = 'received'"), 1);
    // Once the OPD has answered (set up directly in the database, as the staff workflow would), SELESAI
    // completes the report.
    s.db().execute("UPDATE reports SET status = 'in_progress'", &[]).unwrap();
    s.sms("SM3", "081234567890", &format!("#{tid} selesai"));
    assert_eq!(s.count("SELECT count(*) FROM reports WHERE status = 'completed'"), 1);
    let last = s.sent_to("+6281234567890").pop().unwrap();
    assert!(last.contains("selesai") && last.contains(&tid), "{last}");
}
