//! @lapor1708 on X end to end, against a fake X API on loopback: the CRC challenge, signed webhook events,
//! polling with a cursor that survives a restart, one report per post however it is seen, replies with the
//! tracking ID, and backing off on 429.

use lapor_e2e::{app_with_x, x_signature, FakeResponse, FakeServer, Resp, TestApp};
use lapor_store::native::NativeDb;
use lapor_store::Db;
use serde_json::{json, Value};

const SECRET: &str = "consumer-secret";
const SWEEP: &str = "sweep-token";
const OUR_ID: &str = "7";

fn start() -> (TestApp, FakeServer) {
    app_with_x(SECRET, &[("x_user_id", OUR_ID), ("sweep_token", SWEEP), ("now", "2026-12-01T01:00:00Z")])
}

fn webhook(app: &TestApp, body: &Value, signature: Option<String>) -> Resp {
    let raw = body.to_string();
    let sig = signature.unwrap_or_else(|| x_signature(SECRET, raw.as_bytes()));
    app.x_webhook(&sig, raw.as_bytes())
}

fn poll(app: &TestApp) -> Value {
    let r = app.request("POST", "/internal/x-poll", &[("authorization", &format!("Bearer {SWEEP}"))], b"");
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

fn event(id: &str, text: &str) -> Value {
    json!({"for_user_id": OUR_ID, "tweet_create_events": [
        {"id_str": id, "text": text, "user": {"id_str": "42", "screen_name": "warga_bateng"}}
    ]})
}

fn mentions_page(posts: &[(&str, &str)]) -> FakeResponse {
    if posts.is_empty() {
        return FakeResponse::json(200, &json!({"meta": {"result_count": 0}}));
    }
    let data: Vec<Value> = posts.iter().map(|(id, text)| json!({"id": id, "text": text, "author_id": "42"})).collect();
    FakeResponse::json(
        200,
        &json!({"data": data, "includes": {"users": [{"id": "42", "username": "warga_bateng"}]},
                "meta": {"newest_id": posts[0].0, "result_count": posts.len()}}),
    )
}

fn count(app: &TestApp, sql: &str) -> i64 {
    let path = app.state_dir().join("sqlite_db.db");
    if !path.exists() {
        return 0;
    }
    NativeDb::open(&path).unwrap().query_row(sql, &[]).ok().flatten().map_or(0, |r| r.int(0))
}

#[test]
fn the_crc_challenge_is_answered_with_the_reference_hmac() {
    let (app, _x) = start();
    let r = app.get("/webhooks/x?crc_token=abc123XYZ");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["response_token"], x_signature(SECRET, b"abc123XYZ"));
}

#[test]
fn a_forged_signature_is_refused_and_nothing_is_stored() {
    let (app, x) = start();
    let body = event("1001", "@lapor1708 jalan rusak");
    assert_eq!(webhook(&app, &body, Some("sha256=AAAA".into())).status, 403);
    let wrong_key = x_signature("not-the-secret", body.to_string().as_bytes());
    assert_eq!(webhook(&app, &body, Some(wrong_key)).status, 403);
    assert_eq!(count(&app, "SELECT count(*) FROM reports"), 0);
    assert!(x.requests().is_empty(), "nothing was posted");
}

#[test]
fn a_post_seen_by_webhook_and_by_polling_is_one_report_with_one_reply() {
    let (mut app, x) = start();
    let text = "@lapor1708 KAB BANGKA TENGAH puskesmas tutup pada jam kerja";
    let r = webhook(&app, &event("1001", text), None);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["created"], 1);
    let row = NativeDb::open(&app.state_dir().join("sqlite_db.db"))
        .unwrap()
        .query_row("SELECT tracking_id, region_code, channel, source_ref FROM reports", &[])
        .unwrap()
        .unwrap();
    let tid = row.text(0);
    assert_eq!((row.text(1), row.text(2), row.text(3)), ("19.04".into(), "x".into(), "1001".into()));

    let replies: Vec<_> = x.requests().into_iter().filter(|r| r.path == "/2/tweets").collect();
    assert_eq!(replies.len(), 1);
    let reply: Value = serde_json::from_slice(&replies[0].body).unwrap();
    assert_eq!(reply["reply"]["in_reply_to_tweet_id"], "1001");
    let reply_text = reply["text"].as_str().unwrap();
    assert!(reply_text.contains(&tid) && reply_text.chars().count() <= 280, "{reply_text}");
    assert!(!reply_text.contains("warga_bateng"), "no personal data in the reply");

    // The same post arrives by polling (and the webhook delivers it again): still one report, one reply.
    x.clear();
    x.enqueue(mentions_page(&[("1001", text)]));
    x.enqueue(mentions_page(&[]));
    let summary = poll(&app);
    assert_eq!((summary["created"].as_i64(), summary["already_known"].as_i64()), (Some(0), Some(1)), "{summary}");
    assert_eq!(webhook(&app, &event("1001", text), None).json()["already_known"], 1);
    assert_eq!(count(&app, "SELECT count(*) FROM reports"), 1);
    assert_eq!(count(&app, "SELECT count(*) FROM outbox WHERE channel = 'x'"), 1);
    assert!(x.requests().iter().all(|r| r.path != "/2/tweets"), "no second reply");

    // The cursor survives a restart: the next poll asks only for newer posts.
    app.restart();
    x.clear();
    x.enqueue(mentions_page(&[]));
    x.enqueue(mentions_page(&[]));
    poll(&app);
    let asked = x.requests().into_iter().find(|r| r.path.starts_with(&format!("/2/users/{OUR_ID}/mentions"))).unwrap();
    assert!(asked.path.contains("since_id=1001"), "{}", asked.path);
    assert_eq!(asked.header("authorization"), Some("Bearer bearer-token"));
}

#[test]
fn retweets_our_own_posts_and_unrelated_posts_are_not_reports() {
    let (app, _x) = start();
    let body = json!({"for_user_id": OUR_ID, "tweet_create_events": [
        {"id_str": "1", "text": "RT @warga: @lapor1708 jalan rusak", "user": {"id_str": "43", "screen_name": "b"}, "retweeted_status": {"id_str": "0"}},
        {"id_str": "2", "text": "@lapor1708 terima kasih", "user": {"id_str": OUR_ID, "screen_name": "lapor1708"}},
        {"id_str": "3", "text": "cuaca cerah hari ini", "user": {"id_str": "44", "screen_name": "c"}},
        {"id_str": "4", "text": "lampu jalan mati berminggu-minggu #lapor", "user": {"id_str": "45", "screen_name": "d"}}
    ]});
    let r = webhook(&app, &body, None).json();
    assert_eq!((r["created"].as_i64(), r["ignored"].as_i64()), (Some(1), Some(3)), "{r}");
}

#[test]
fn a_429_backs_off_until_the_reset_time() {
    let (mut app, x) = start();
    let reset: i64 = 1_796_087_400; // 2026-12-01T01:10:00Z, ten minutes after the test clock
    let mut limited = FakeResponse::json(429, &json!({"title": "Too Many Requests"}));
    limited.headers.push(("x-rate-limit-reset".into(), reset.to_string()));
    x.enqueue(limited);
    let first = poll(&app);
    assert_eq!(first["rate_limited_until"], reset, "{first}");
    assert_eq!(x.requests().len(), 1);
    let second = poll(&app);
    assert_eq!(second["skipped"], true, "{second}");
    assert_eq!(x.requests().len(), 1, "no request before the reset time");
    app.set_variable("now", "2026-12-01T01:20:00Z");
    x.enqueue(mentions_page(&[]));
    x.enqueue(mentions_page(&[]));
    let third = poll(&app);
    assert_eq!(third["skipped"], false, "{third}");
    assert_eq!(x.requests().len(), 3, "polling resumes after the reset");
}

#[test]
fn polling_needs_the_sweep_token() {
    let (app, x) = start();
    assert_eq!(app.request("POST", "/internal/x-poll", &[], b"").status, 401);
    assert_eq!(app.request("POST", "/internal/x-poll", &[("authorization", "Bearer nope")], b"").status, 401);
    assert!(x.requests().is_empty());
}
