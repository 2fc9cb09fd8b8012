//! Issue 13, part A: each attack found by probing the running app, reproduced end to end over HTTP, and shown to
//! fail now. Each test is named after the attack it stops.

use lapor_e2e::{app_with, app_with_x, x_signature, FakeServer, TestApp};
use lapor_store::native::NativeDb;
use lapor_store::Db;
use serde_json::json;

const X_SECRET: &str = "consumer-secret";

fn count(app: &TestApp, sql: &str) -> i64 {
    let path = app.state_dir().join("sqlite_db.db");
    if !path.exists() {
        return 0;
    }
    NativeDb::open(&path).unwrap().query_row(sql, &[]).ok().flatten().map_or(0, |r| r.int(0))
}

fn x_app() -> (TestApp, FakeServer) {
    app_with_x(X_SECRET, &[("now", "2026-12-01T01:00:00Z")])
}

/// Finding 1: `GET /webhooks/x?crc_token=<body>` signed any text, so its answer was a valid signature for a forged
/// `POST /webhooks/x` body. Now only a short base64 token is signed; the forged body is refused.
#[test]
fn crc_endpoint_is_not_a_signing_oracle() {
    let (app, x) = x_app();
    let forged = json!({"for_user_id": "7", "tweet_create_events": [
        {"id_str": "555", "text": "@lapor1708 laporan palsu atas nama orang lain",
         "user": {"id_str": "99", "screen_name": "korban"}}
    ]})
    .to_string();
    let query = lapor_e2e::form_encode(&[("crc_token", &forged)]);
    let oracle = app.get(&format!("/webhooks/x?{query}"));
    assert_eq!(oracle.status, 400, "a JSON body is not a CRC token: {}", oracle.text());
    assert!(oracle.json().get("response_token").is_none());
    for bad in ["a%20b", "%7B%7D", "abc%3D%3D%3D"] {
        assert_eq!(app.get(&format!("/webhooks/x?crc_token={bad}")).status, 400, "{bad}");
    }
    let long = "a".repeat(129);
    assert_eq!(app.get(&format!("/webhooks/x?crc_token={long}")).status, 400);

    // Whatever the attacker got, a body signed with it is refused, and nothing is stored or posted.
    let stolen = oracle.json()["response_token"].as_str().unwrap_or("sha256=").to_string();
    let r = app.x_webhook(&stolen, forged.as_bytes());
    assert_eq!(r.status, 403, "{}", r.text());
    assert_eq!(count(&app, "SELECT count(*) FROM reports"), 0);
    assert!(x.requests().is_empty(), "no reply was posted");

    // A real CRC challenge still gets its answer.
    let ok = app.get("/webhooks/x?crc_token=MjA0NjA4NjctMTg0NS00NGQ3LWEzZmUtYTY2YjQ3ZWJmNTYz");
    assert_eq!(ok.status, 200);
    assert_eq!(ok.json()["response_token"], x_signature(X_SECRET, b"MjA0NjA4NjctMTg0NS00NGQ3LWEzZmUtYTY2YjQ3ZWJmNTYz"));
}

use crate::staff_support;

/// Finding 13: anyone could put any text (a hoax) on the public list, Open311 and the CSV before an admin had
/// seen it. Now a report is published only once verified; its reporter sees it all along with the reporter code.
#[test]
fn unverified_report_is_not_published_until_verified() {
    let mut app = staff_support::app();
    let (tid, token) = staff_support::citizen_report(&app, "public");
    let title = "Puskesmas Koba tutup pada jam kerja";
    let published = |app: &TestApp| -> [bool; 4] {
        let list = app.get("/laporan");
        assert_eq!(list.status, 200);
        let open311 = app.get("/open311/v2/requests.json");
        assert_eq!(open311.status, 200, "{}", open311.text());
        let one = app.get(&format!("/open311/v2/requests/{tid}.json"));
        let csv = app.get("/open-data/reports.csv");
        assert_eq!(csv.status, 200);
        [
            list.text().contains(&tid) || list.text().contains(title),
            open311.text().contains(&tid),
            one.status == 200,
            csv.text().contains(&tid),
        ]
    };
    assert_eq!(published(&app), [false; 4], "list, Open311 list, Open311 request, CSV before verification");
    assert_eq!(app.get(&format!("/open311/v2/requests/{tid}.json")).status, 404);

    // The reporter still sees the report with the reporter code.
    let own = app.get_with(&format!("/api/v1/reports/{tid}"), &[("authorization", &format!("Bearer {token}"))]);
    assert_eq!(own.status, 200, "{}", own.text());
    assert_eq!(own.json()["title"], title);

    // Once the national admin verifies it, it is public everywhere.
    let admin = staff_support::login(&app, staff_support::ADMIN_EMAIL, staff_support::ADMIN_PASSWORD);
    let r = staff_support::post_as(&app, &admin, &format!("/api/v1/verification/reports/{tid}/verify"), json!({}));
    assert_eq!(r.status, 200, "{}", r.text());
    // The open-data CSV is rebuilt at most once a minute: two minutes later it has the report.
    app.set_variable("now", "2026-11-30T02:02:00Z"); // START + 2 min
    assert_eq!(published(&app), [true; 4], "list, Open311 list, Open311 request, CSV after verification");
}

/// The texts posted to the fake X API (replies), in order.
fn x_posts(x: &FakeServer) -> Vec<String> {
    x.requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path == "/2/tweets")
        .map(|r| serde_json::from_slice::<serde_json::Value>(&r.body).unwrap()["text"].as_str().unwrap().to_string())
        .collect()
}

fn signed_x_event(app: &TestApp, id: &str, handle: &str, text: &str) -> lapor_e2e::Resp {
    let body = json!({"for_user_id": "7", "tweet_create_events": [
        {"id_str": id, "text": text, "user": {"id_str": "4242", "screen_name": handle}}
    ]})
    .to_string();
    let sig = x_signature(X_SECRET, body.as_bytes());
    app.x_webhook(&sig, body.as_bytes())
}

fn tracking_id_of_post(app: &TestApp, post_id: &str) -> String {
    let db = NativeDb::open(&app.state_dir().join("sqlite_db.db")).unwrap();
    db.query_row("SELECT tracking_id FROM reports WHERE source_ref = ?", lapor_store::params![post_id])
        .unwrap()
        .expect("the post became a report")
        .text(0)
}

/// Finding 2: marking any report B a duplicate of a confidential report A made every later answer on A go to B's
/// reporter (for an X report, publicly as a reply on X) and put A's tracking ID in B's public history. Now B's
/// reporter hears only that the report was merged and is being handled, with its colour.
#[test]
fn duplicate_merge_does_not_leak_a_confidential_report() {
    let (app, x) = app_with_x(X_SECRET, &staff_support::staff_variables(&[("sweep_token", "sweep")]));
    let org = staff_support::organisation(&app);
    let (a, _) = staff_support::citizen_report(&app, "confidential");
    staff_support::verify_and_assign(&app, &org, &a);

    // Someone else posts on the same matter on X; the verifier merges it into A.
    let r = signed_x_event(&app, "31337", "penguping", "@lapor1708 KAB BANGKA TENGAH puskesmas koba tutup terus");
    assert_eq!(r.status, 200, "{}", r.text());
    let b = tracking_id_of_post(&app, "31337");
    let path = format!("/api/v1/verification/reports/{b}/duplicate");
    let r = staff_support::post_as(&app, &org.admin, &path, json!({"of": a}));
    assert_eq!(r.status, 200, "{}", r.text());

    // A is answered with details only its reporter may read.
    let secret = "Dokter jaga Koba sedang cuti; pelapor Siti dihubungi langsung.";
    let r = staff_support::answer(&app, &org.liaison, &a, secret);
    assert_eq!(r.status, 200, "{}", r.text());
    let r = app.request("POST", "/internal/sweep", &[("authorization", "Bearer sweep")], b"");
    assert_eq!(r.status, 200, "{}", r.text());

    let posts = x_posts(&x);
    assert!(posts.len() >= 3, "acknowledgement, merge and progress replies: {posts:?}");
    for p in &posts {
        assert!(!p.contains(&a), "A's tracking ID was posted on X: {p}");
        assert!(!p.contains("Dokter jaga") && !p.contains("Siti"), "A's answer was posted on X: {p}");
    }
    assert!(posts.iter().any(|p| p.contains(&b) && p.contains("digabung")), "{posts:?}");
    assert!(posts.iter().any(|p| p.contains(&b) && p.contains("sedang ditangani")), "{posts:?}");
    let public_b = app.get(&format!("/api/v1/reports/{b}")).text();
    assert!(!public_b.contains(&a), "A's tracking ID is in B's public view: {public_b}");
    assert!(!public_b.contains("Dokter jaga"), "{public_b}");
}

/// A Twilio stand-in that takes `delay` to answer each send. Like the real provider it has the message as soon
/// as the request arrives, and lists messages by recipient (`GET …/Messages.json?To=`).
struct SlowTwilio {
    port: u16,
    sent: std::sync::Arc<std::sync::Mutex<Vec<(String, String, String)>>>,
}

impl SlowTwilio {
    fn start(delay: std::time::Duration) -> SlowTwilio {
        use std::io::{BufRead, BufReader, Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let sent: std::sync::Arc<std::sync::Mutex<Vec<(String, String, String)>>> = Default::default();
        let store = sent.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let store = store.clone();
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let mut parts = line.split_whitespace();
                    let (method, path) =
                        (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
                    let (mut len, mut chunked) = (0, false);
                    loop {
                        let mut h = String::new();
                        reader.read_line(&mut h).unwrap();
                        if h.trim().is_empty() {
                            break;
                        }
                        if let Some((k, v)) = h.split_once(':') {
                            if k.trim().eq_ignore_ascii_case("content-length") {
                                len = v.trim().parse().unwrap_or(0);
                            }
                            if k.trim().eq_ignore_ascii_case("transfer-encoding") {
                                chunked = v.trim().eq_ignore_ascii_case("chunked");
                            }
                        }
                    }
                    let mut body = Vec::new();
                    if chunked {
                        loop {
                            let mut size = String::new();
                            reader.read_line(&mut size).unwrap();
                            let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
                            let mut chunk = vec![0; size + 2];
                            reader.read_exact(&mut chunk).unwrap();
                            if size == 0 {
                                break;
                            }
                            body.extend_from_slice(&chunk[..size]);
                        }
                    } else {
                        body.resize(len, 0);
                        reader.read_exact(&mut body).unwrap();
                    }
                    let field = |raw: &[u8], key: &str| {
                        url::form_urlencoded::parse(raw).find(|(k, _)| k == key).map(|(_, v)| v.into_owned())
                    };
                    let answer = if method == "POST" {
                        let sid = {
                            let mut s = store.lock().unwrap();
                            let sid = format!("SM{}", s.len() + 1);
                            let to = field(&body, "To").unwrap_or_default();
                            s.push((sid.clone(), to, field(&body, "Body").unwrap_or_default()));
                            sid
                        };
                        std::thread::sleep(delay);
                        (201, json!({"sid": sid, "status": "queued"}))
                    } else {
                        let query = path.split_once('?').map(|(_, q)| q).unwrap_or("");
                        let to = field(query.as_bytes(), "To").unwrap_or_default();
                        let messages: Vec<serde_json::Value> = store
                            .lock()
                            .unwrap()
                            .iter()
                            .filter(|(_, t, _)| *t == to)
                            .map(|(sid, t, b)| json!({"sid": sid, "to": t, "body": b, "status": "sent"}))
                            .collect();
                        (200, json!({"messages": messages}))
                    };
                    let text = answer.1.to_string();
                    let _ = write!(
                        stream,
                        "HTTP/1.1 {} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{}",
                        answer.0,
                        text.len(),
                        text
                    );
                });
            }
        });
        SlowTwilio { port, sent }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn bodies(&self) -> Vec<String> {
        self.sent.lock().unwrap().iter().map(|(_, _, b)| b.clone()).collect()
    }
}

/// Finding 4: a drain claimed a batch under one lease and sent it one message at a time; with a slow provider
/// the lease ran out mid-batch, a second drain re-claimed the rest and sent them again. Now each claim has its own
/// token, the lease is checked again before each send, and a message whose attempt has no known outcome is looked
/// up at the provider first: two drains against a slow provider deliver each message exactly once.
#[test]
fn outbox_sends_each_message_once_with_two_drainers_and_a_slow_provider() {
    let provider = SlowTwilio::start(std::time::Duration::from_millis(1500));
    let mut app = app_with(&[
        ("twilio_auth_token", "tok"),
        ("twilio_account_sid", "AC1"),
        ("twilio_api_base", &provider.url()),
        ("sweep_token", "sweep"),
        ("now", "2026-12-01T01:00:00Z"),
    ]);
    // A well-formed ID reaches the database, so the app has migrated it.
    assert_eq!(app.get(&format!("/api/v1/reports/{}", lapor_e2e::UNKNOWN_TRACKING_ID)).status, 404);
    let db = NativeDb::open(&app.state_dir().join("sqlite_db.db")).unwrap();
    let t0 = 1_796_086_800; // 2026-12-01T01:00:00Z
    for i in 0..4 {
        db.execute(
            "INSERT INTO outbox (channel, recipient, body, dedupe_key, next_attempt_at, created_at, updated_at) \
             VALUES ('sms', ?, ?, ?, ?, ?, ?)",
            lapor_store::params![format!("+62812000000{i}"), format!("pesan nomor {i}"), format!("k{i}"), t0, t0, t0],
        )
        .unwrap();
    }
    let sweep = |url: String| {
        std::thread::spawn(move || lapor_e2e::request("POST", &url, &[("authorization", "Bearer sweep")], b""))
    };
    // Drain 1 starts; while it waits on the provider, the lease (120 s) runs out and drain 2 starts.
    let first = sweep(app.url("/internal/sweep"));
    std::thread::sleep(std::time::Duration::from_millis(2000));
    app.set_variable("now", "2026-12-01T01:02:10Z");
    let second = sweep(app.url("/internal/sweep"));
    let _ = first.join();
    assert_eq!(second.join().unwrap().status, 200);
    // Whatever is left is delivered later.
    app.set_variable("now", "2026-12-01T02:00:00Z");
    let r = lapor_e2e::request("POST", &app.url("/internal/sweep"), &[("authorization", "Bearer sweep")], b"");
    assert_eq!(r.status, 200, "{}", r.text());

    let bodies = provider.bodies();
    for i in 0..4 {
        let n = bodies.iter().filter(|b| **b == format!("pesan nomor {i}")).count();
        assert_eq!(n, 1, "message {i} reached the provider {n} times: {bodies:?}");
    }
    let db = NativeDb::open(&app.state_dir().join("sqlite_db.db")).unwrap();
    let sent = db.query_row("SELECT count(*) FROM outbox WHERE status = 'sent'", &[]).unwrap().unwrap().int(0);
    assert_eq!(sent, 4, "every message is recorded as sent");
}

/// Finding 12: a report from X stored the post's URL (with the author's handle) as its location text, so the
/// handle, which is contact data, was on the public list, Open311 and the CSV. Now it is in the reporter record
/// only.
#[test]
fn x_handle_does_not_leak_through_location_text() {
    let (app, _x) = x_app();
    let handle = "warga_rahasia_42";
    let body = json!({"for_user_id": "7", "tweet_create_events": [
        {"id_str": "777", "text": "@lapor1708 KAB BANGKA TENGAH lampu jalan mati sebulan",
         "user": {"id_str": "4242", "screen_name": handle}}
    ]})
    .to_string();
    let sig = x_signature(X_SECRET, body.as_bytes());
    let r = app.x_webhook(&sig, body.as_bytes());
    assert_eq!(r.status, 200, "{}", r.text());
    let db = NativeDb::open(&app.state_dir().join("sqlite_db.db")).unwrap();
    let row = db
        .query_row(
            "SELECT r.tracking_id, r.location_text, p.handle FROM reports r JOIN reporters p ON p.report_id = r.id",
            &[],
        )
        .unwrap()
        .unwrap();
    let tid = row.text(0);
    assert_eq!(row.opt_text(1), None, "no location text from the post");
    assert_eq!(row.text(2), handle, "the handle is in the reporter record");
    // Published (verified), the report shows the handle nowhere public.
    db.execute(
        "UPDATE reports SET status = 'verified', verified_at = 1 WHERE tracking_id = ?",
        lapor_store::params![tid.as_str()],
    )
    .unwrap();
    for path in [
        format!("/api/v1/reports/{tid}"),
        format!("/lacak/{tid}"),
        "/laporan".to_string(),
        "/open311/v2/requests.json".to_string(),
        format!("/open311/v2/requests/{tid}.xml"),
        "/open-data/reports.csv".to_string(),
    ] {
        let r = app.get(&path);
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        assert!(!r.text().contains(handle), "{path} shows the handle: {}", r.text());
    }
    assert!(app.get("/open-data/reports.csv").text().contains(&tid));
}

/// Finding 7: U+FFFE / U+FFFF (and other characters XML 1.0 forbids) passed the escaper, so one report made
/// `/open311/v2/requests.xml` unparseable for every client. Checked with a real XML parser.
#[test]
fn a_forbidden_character_does_not_break_the_open311_xml_feed() {
    let key = "bootstrap-key-for-tests-0123456789";
    let app = app_with(&[("open311_bootstrap_key", key), ("now", "2026-03-10T03:00:00Z")]);
    let r = app.post_form(
        "/open311/v2/requests.json",
        &[
            ("api_key", key),
            ("service_code", "infrastruktur"),
            ("address_id", "17.71"),
            ("address_string", "Jl. Merdeka \u{FFFE}No. 1\u{0B}"),
            ("email", "warga@example.id"),
            ("description", "Lampu jalan mati\u{FFFF} sejak \u{1}seminggu & gelap <sekali>."),
        ],
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()[0]["service_request_id"].as_str().unwrap().to_string();
    let db = NativeDb::open(&app.state_dir().join("sqlite_db.db")).unwrap();
    db.execute(
        "UPDATE reports SET status = 'verified', verified_at = 1 WHERE tracking_id = ?",
        lapor_store::params![id.as_str()],
    )
    .unwrap();
    for path in ["/open311/v2/requests.xml".to_string(), format!("/open311/v2/requests/{id}.xml")] {
        let r = app.get(&path);
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        let text = r.text();
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path} is not XML ({e}): {text}"));
        let description = doc
            .descendants()
            .find(|n| n.has_tag_name("description"))
            .and_then(|n| n.text())
            .unwrap_or_else(|| panic!("no description in {text}"));
        assert_eq!(description, "Lampu jalan mati sejak seminggu & gelap <sekali>.");
        assert!(doc.descendants().any(|n| n.text() == Some(id.as_str())));
    }
}

/// Finding 8: `GET //evil.example` rendered a page whose language link was `href="//evil.example?lang=en"`, a
/// link to another site. Links are now built from the route.
#[test]
fn protocol_relative_path_does_not_become_a_link_to_another_site() {
    let app = lapor_e2e::app();
    for path in ["//evil.example", "//evil.example/lapor", "/lacak//evil.example"] {
        let r = app.get(path);
        let html = r.text();
        assert!(r.header("content-type").is_some_and(|c| c.starts_with("text/html")), "{path}: {html}");
        assert!(!html.contains("href=\"//"), "{path} links off-site: {html}");
        assert!(!html.contains("evil.example?lang"), "{path}: {html}");
    }
    assert!(app.get("//evil.example").text().contains("href=\"/?lang=en\""));
}

/// Finding 9: `/stats` was hand-built HTML without a Content-Security-Policy (and with an inline style). It is
/// now on the shared page frame like every other page.
#[test]
fn stats_page_is_on_the_shared_frame_with_csp() {
    let app = lapor_e2e::app();
    for path in ["/stats", "/stats?region=%3Cscript%3E"] {
        let r = app.get(path);
        let csp = r.header("content-security-policy").unwrap_or_else(|| panic!("{path} has no CSP"));
        assert!(csp.starts_with("default-src 'none'") && !csp.contains("unsafe-inline"), "{csp}");
        let html = r.text();
        assert!(html.contains("href=\"/static/app.css\"") && !html.contains("<style"), "{path}: {html}");
        assert!(!html.contains("<script"), "{path}: {html}");
    }
    assert_eq!(app.get("/stats?region=%3Cscript%3E").status, 400);
    assert!(app.get("/stats?lang=en").text().contains("LAPOR! statistics"));
}

/// Finding 16: the console's `?ok=` notice showed any text put in the URL. Only fixed messages keyed by a code
/// are shown now.
#[test]
fn ok_notice_shows_no_text_from_the_url() {
    let app = staff_support::app();
    let token = staff_support::login(&app, staff_support::ADMIN_EMAIL, staff_support::ADMIN_PASSWORD);
    let cookie = format!("lapor_staff={token}");
    let r = app.get_with("/staff?ok=Sistem%20diretas%3A%20kirim%20sandi%20ke%20evil.example", &[("cookie", &cookie)]);
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(!r.text().contains("evil.example") && !r.text().contains("Sistem diretas"), "{}", r.text());
    let r = app.get_with("/staff?ok=verify", &[("cookie", &cookie)]);
    assert!(r.text().contains("Laporan diverifikasi."), "{}", r.text());
}

/// Finding 16: `HEAD` got 404 on every page and other methods 404 too. Pages now answer HEAD as GET without
/// the body, and a method a page does not take gets 405 with `Allow`.
#[test]
fn head_is_answered_like_get_and_other_methods_get_405() {
    let app = lapor_e2e::app();
    for path in ["/", "/lapor", "/laporan", "/stats", "/staff/masuk", "/static/app.css"] {
        lapor_e2e::assert_head_like_get(&app, path);
    }
    for (method, path, allow) in [
        ("DELETE", "/laporan", "GET, HEAD"),
        ("PUT", "/lapor", "GET, HEAD, POST"),
        ("POST", "/stats", "GET, HEAD"),
        ("PATCH", "/staff/masuk", "GET, HEAD, POST"),
        ("DELETE", "/dashboard", "GET, HEAD"),
    ] {
        let r = lapor_e2e::assert_not_allowed(&app, method, path, allow);
        assert!(r.header("content-type").is_some_and(|c| c.starts_with("text/html")), "{method} {path}");
    }
    assert_eq!(app.get("/tidak-ada").status, 404);
}

fn set_cookies(r: &lapor_e2e::Resp) -> Vec<String> {
    r.header_all("set-cookie").into_iter().map(str::to_string).collect()
}

/// Finding 16: the anti-forgery cookies were never `Secure`, and no cookie had the `__Host-` prefix, so a
/// plain-http page or a sibling host could plant or overwrite them. Over https every app cookie is now
/// `__Host-` and `Secure` (`Path=/`, host-only).
#[test]
fn cookies_are_secure_and_host_prefixed_over_https() {
    let app = app_with(&[
        ("bootstrap_admin_email", staff_support::ADMIN_EMAIL),
        ("bootstrap_admin_password", staff_support::ADMIN_PASSWORD),
        ("public_base_url", lapor_e2e::PUBLIC_URL),
    ]);
    let form = set_cookies(&app.get("/lapor"));
    let csrf = form.iter().find(|c| c.starts_with("__Host-csrf=")).unwrap_or_else(|| panic!("{form:?}"));
    assert!(csrf.contains("; Secure") && csrf.contains("Path=/;") && !csrf.contains("Domain"), "{csrf}");

    let sign_in = set_cookies(&app.get("/staff/masuk"));
    let login =
        sign_in.iter().find(|c| c.starts_with("__Host-staff_login_csrf=")).unwrap_or_else(|| panic!("{sign_in:?}"));
    assert!(login.contains("; Secure") && login.contains("Path=/;"), "{login}");
    let value = login.split(';').next().unwrap().split_once('=').unwrap().1.to_string();
    let r = app.request(
        "POST",
        "/staff/masuk",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("cookie", &format!("__Host-staff_login_csrf={value}")),
        ],
        lapor_e2e::form_encode(&[
            ("csrf", &value),
            ("email", staff_support::ADMIN_EMAIL),
            ("password", staff_support::ADMIN_PASSWORD),
        ])
        .as_bytes(),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let session = set_cookies(&r);
    let s = session.iter().find(|c| c.starts_with("__Host-lapor_staff=")).unwrap_or_else(|| panic!("{session:?}"));
    assert!(s.contains("; Secure") && s.contains("HttpOnly") && s.contains("Path=/;"), "{s}");
    // The session works under its prefixed name only (the admin's first page: turning two-step sign-in on).
    let token = s.split(';').next().unwrap().split_once('=').unwrap().1.to_string();
    let home = app.get_with("/staff/dua-langkah", &[("cookie", &format!("__Host-lapor_staff={token}"))]);
    assert_eq!(home.status, 200, "{}", home.text());
    let other = app.get_with("/staff/dua-langkah", &[("cookie", &format!("lapor_staff={token}"))]);
    assert_eq!((other.status, other.header("location")), (303, Some("/staff/masuk")));
}
