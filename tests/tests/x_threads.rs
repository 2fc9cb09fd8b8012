//! Issue 16, part 2: on X, the reporter's own reply under one of @lapor1708's posts (or in the report's
//! conversation) joins that report as a citizen reply — `SELESAI` accepts the answer, as by SMS — while a post by
//! another account in the same thread never lands on someone else's report. Against the fake X API on loopback,
//! by webhook and by polling (the same post seen twice is handled once).

use crate::staff_support;

use lapor_e2e::{FakeResponse, FakeServer, Resp, TestApp};
use lapor_store::native::NativeDb;
use lapor_store::Db;
use serde_json::{json, Value};
use staff_support::*;

const SECRET: &str = "consumer-secret";
const SWEEP: &str = "sweep-token";
const OUR_ID: &str = "7";
const CITIZEN: (&str, &str) = ("42", "warga_bateng");
const STRANGER: (&str, &str) = ("43", "orang_lain");

fn start() -> (TestApp, FakeServer) {
    start_with(&[])
}

fn start_with(extra: &[(&str, &str)]) -> (TestApp, FakeServer) {
    let mut vars = staff_variables(&[("x_user_id", OUR_ID), ("sweep_token", SWEEP)]);
    vars.extend_from_slice(extra);
    lapor_e2e::app_with_x(SECRET, &vars)
}

fn webhook(app: &TestApp, body: &Value) -> Resp {
    let raw = body.to_string();
    let r = app.x_webhook(&lapor_e2e::x_signature(SECRET, raw.as_bytes()), raw.as_bytes());
    assert_eq!(r.status, 200, "{}", r.text());
    r
}

/// A `tweet_create_events` webhook body with one post by `who`, replying to `in_reply_to` when given.
fn post(id: &str, who: (&str, &str), text: &str, in_reply_to: Option<&str>) -> Value {
    let mut t = json!({"id_str": id, "text": text, "user": {"id_str": who.0, "screen_name": who.1}});
    if let Some(parent) = in_reply_to {
        t["in_reply_to_status_id_str"] = parent.into();
    }
    json!({"for_user_id": OUR_ID, "tweet_create_events": [t]})
}

fn db(app: &TestApp) -> NativeDb {
    NativeDb::open(&app.state_dir().join("sqlite_db.db")).unwrap()
}

fn count(app: &TestApp, sql: &str) -> i64 {
    db(app).query_row(sql, &[]).unwrap().map_or(0, |r| r.int(0))
}

/// Our replies the fake X received, as (in_reply_to, text).
fn our_replies(x: &FakeServer) -> Vec<(String, String)> {
    x.requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path == "/2/tweets")
        .map(|r| {
            let v: Value = serde_json::from_slice(&r.body).unwrap();
            (v["reply"]["in_reply_to_tweet_id"].as_str().unwrap().into(), v["text"].as_str().unwrap().into())
        })
        .collect()
}

fn thread_kinds(app: &TestApp, tid: &str) -> Vec<(String, Option<String>)> {
    let r = app.get(&format!("/api/v1/reports/{tid}"));
    r.json()["thread"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap().to_string(), e["body"].as_str().map(str::to_string)))
        .collect()
}

#[test]
fn the_reporters_reply_on_x_joins_the_report_and_selesai_accepts_the_answer() {
    let (app, x) = start();
    let org = organisation(&app);
    // The post becomes a report; our reply to it is post 9000.
    let r =
        webhook(&app, &post("1001", CITIZEN, "@lapor1708 KAB BANGKA TENGAH puskesmas Koba tutup pada jam kerja", None));
    assert_eq!(r.json()["created"], 1, "{}", r.text());
    let tid = db(&app).query_row("SELECT tracking_id FROM reports", &[]).unwrap().unwrap().text(0);
    assert_eq!(our_replies(&x), [("1001".to_string(), our_replies(&x)[0].1.clone())]);

    // The reporter answers under our reply (9000): a citizen reply on the report, not a new report.
    x.set_default(FakeResponse::json(201, &json!({"data": {"id": "9001", "text": "ok"}})));
    let r = webhook(&app, &post("1002", CITIZEN, "@lapor1708 tutupnya setiap Senin pagi", Some("9000")));
    assert_eq!((r.json()["replies"].as_i64(), r.json()["created"].as_i64()), (Some(1), Some(0)), "{}", r.text());
    assert_eq!(count(&app, "SELECT count(*) FROM reports"), 1);
    let thread = thread_kinds(&app, &tid);
    assert!(thread.contains(&("reply".into(), Some("tutupnya setiap Senin pagi".into()))), "{thread:?}");
    let ch = count(&app, "SELECT count(*) FROM events WHERE kind = 'reply' AND channel = 'x' AND actor = 'citizen'");
    assert_eq!(ch, 1);
    let replies = our_replies(&x);
    assert_eq!(replies.len(), 2);
    assert_eq!(replies[1].0, "1002");
    assert!(replies[1].1.contains(&tid), "{:?}", replies[1]);

    // The same post by polling (mentions timeline, v2 with referenced_tweets): handled once.
    x.enqueue(FakeResponse::json(
        200,
        &json!({"data": [{"id": "1002", "text": "@lapor1708 tutupnya setiap Senin pagi", "author_id": CITIZEN.0,
                          "conversation_id": "1001", "referenced_tweets": [{"type": "replied_to", "id": "9000"}]}],
                "includes": {"users": [{"id": CITIZEN.0, "username": CITIZEN.1}]},
                "meta": {"newest_id": "1002", "result_count": 1}}),
    ));
    x.enqueue(FakeResponse::json(200, &json!({"meta": {"result_count": 0}})));
    let r = app.request("POST", "/internal/x-poll", &[("authorization", &format!("Bearer {SWEEP}"))], b"");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["already_known"], 1, "{}", r.text());
    assert_eq!(count(&app, "SELECT count(*) FROM events WHERE kind = 'reply'"), 1);
    assert_eq!(our_replies(&x).len(), 2, "no second acknowledgement");

    // The OPD answers (yellow); the reporter says SELESAI under our post: completed (green).
    verify_and_assign(&app, &org, &tid);
    let r = answer(&app, &org.liaison, &tid, "Puskesmas Koba kini buka setiap hari kerja.");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(public_color(&app, &tid), "yellow");
    x.set_default(FakeResponse::json(201, &json!({"data": {"id": "9002", "text": "ok"}})));
    let r = webhook(&app, &post("1003", CITIZEN, "@lapor1708 SELESAI", Some("9001")));
    assert_eq!(r.json()["replies"], 1, "{}", r.text());
    assert_eq!(public_color(&app, &tid), "green");
    let accepted = our_replies(&x).into_iter().find(|(to, _)| to == "1003").expect("acknowledged");
    assert!(accepted.1.contains("selesai"), "{accepted:?}");
}

#[test]
fn another_account_in_the_thread_never_replies_on_someone_elses_report() {
    let (app, x) = start();
    webhook(&app, &post("2001", CITIZEN, "@lapor1708 KAB BANGKA TENGAH jalan berlubang di depan SDN 5", None));
    let tid = db(&app).query_row("SELECT tracking_id FROM reports", &[]).unwrap().unwrap().text(0);
    let before = thread_kinds(&app, &tid);

    // A stranger replies under our reply and under the citizen's post, with the same handle in the text: each
    // post is judged on its own (it mentions us, so it becomes a report of its own), never a reply on the report.
    let r = webhook(&app, &post("2002", STRANGER, "@lapor1708 SELESAI", Some("9000")));
    assert_eq!(r.json()["replies"], 0, "{}", r.text());
    let r = webhook(
        &app,
        &post("2003", STRANGER, "@warga_bateng @lapor1708 jalan di depan rumah saya juga berlubang", Some("2001")),
    );
    assert_eq!(r.json()["replies"], 0, "{}", r.text());
    assert_eq!(r.json()["created"], 1, "{}", r.text());
    assert_eq!(thread_kinds(&app, &tid), before, "the citizen's report is untouched");
    assert_eq!(count(&app, "SELECT count(*) FROM events WHERE kind = 'reply'"), 0);
    assert_eq!(count(&app, "SELECT count(*) FROM reports WHERE status = 'completed'"), 0);

    // An account that took over the reporter's old handle is still another account (X's user id differs).
    let r = webhook(&app, &post("2004", ("44", CITIZEN.1), "@lapor1708 SELESAI dari akun baru", Some("9000")));
    assert_eq!(r.json()["replies"], 0, "{}", r.text());
    assert_eq!(count(&app, "SELECT count(*) FROM events WHERE kind = 'reply'"), 0);
    // A reply to a post no report knows is judged as a new post.
    let r = webhook(
        &app,
        &post("2005", CITIZEN, "@lapor1708 KAB BANGKA TENGAH lampu jalan mati sejak seminggu", Some("5555")),
    );
    assert_eq!((r.json()["replies"].as_i64(), r.json()["created"].as_i64()), (Some(0), Some(1)));
    let _ = x;
}

/// A small real PNG (1×1), as a media host would serve it.
fn png() -> Vec<u8> {
    let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    b.extend_from_slice(&[
        0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89,
    ]);
    b.extend_from_slice(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]);
    b
}

fn media_post(id: &str, media_base: &str) -> Value {
    json!({"for_user_id": OUR_ID, "tweet_create_events": [{
        "id_str": id, "text": "@lapor1708 KAB BANGKA TENGAH sampah menumpuk di pasar Koba",
        "user": {"id_str": CITIZEN.0, "screen_name": CITIZEN.1},
        "extended_entities": {"media": [
            {"type": "photo", "media_url_https": format!("{media_base}/media/sampah.png")},
            {"type": "photo", "media_url_https": format!("{media_base}/media/bukan-gambar.png")},
            {"type": "photo", "media_url_https": "https://elsewhere.example/media/x.png"},
            {"type": "video", "media_url_https": format!("{media_base}/ext_tw_video_thumb/1.jpg")}
        ]}
    }]})
}

#[test]
fn photos_on_a_post_are_kept_as_evidence_and_fetched_only_when_asked_and_only_from_the_media_host() {
    // Fetching off (the default): the URLs and types are kept, nothing is fetched.
    let media = FakeServer::start();
    let (app, _x) = start_with(&[("x_media_base", &media.url())]);
    webhook(&app, &media_post("3001", &media.url()));
    assert_eq!(count(&app, "SELECT count(*) FROM x_media"), 4);
    assert_eq!(count(&app, "SELECT count(*) FROM x_media WHERE kind = 'video'"), 1);
    assert_eq!(count(&app, "SELECT count(*) FROM attachments"), 0);
    assert!(media.requests().is_empty(), "nothing fetched while x_media_fetch is off");

    // Fetching on: the photo from the media host is fetched, sniffed and stored with the report; a file that
    // is not an image and a photo on another host stay links; the video is never fetched.
    let media = FakeServer::start();
    media.enqueue(lapor_e2e::FakeResponse {
        status: 200,
        headers: vec![("content-type".into(), "image/png".into())],
        body: png(),
    });
    media.enqueue(FakeResponse::text(200, "<html>not an image</html>"));
    let (app, _x) = start_with(&[("x_media_base", &media.url()), ("x_media_fetch", "true")]);
    webhook(&app, &media_post("3002", &media.url()));
    let fetched: Vec<String> = media.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(fetched, ["/media/sampah.png", "/media/bukan-gambar.png"], "only photos on the media host");
    let row = db(&app)
        .query_row(
            "SELECT a.mime, a.size, a.report_id FROM attachments a JOIN x_media m ON m.attachment_id = a.id",
            &[],
        )
        .unwrap()
        .expect("the photo is an attachment");
    assert_eq!((row.text(0).as_str(), row.int(1)), ("image/png", png().len() as i64));
    let report = db(&app).query_row("SELECT id FROM reports", &[]).unwrap().unwrap().int(0);
    assert_eq!(row.int(2), report);
    assert_eq!(count(&app, "SELECT count(*) FROM attachments"), 1);
    assert_eq!(count(&app, "SELECT count(*) FROM x_media WHERE fetch_error IS NOT NULL"), 2, "kept as links");
    // Seen again (polling or a second delivery): nothing fetched twice.
    webhook(&app, &media_post("3002", &media.url()));
    assert_eq!(media.requests().len(), 2);
}
