//! Issue 28, finding 1: every per-client limit counts the address Spin set, never a header the client chose;
//! sign-in and two-step limits are exact under concurrency; floods of sign-ins cannot keep a staff member with
//! the right password out; rate counters never pile up. Each test is an attack, run on devhost and on the real
//! Spin (`LAPOR_SPIN`), whose handling of a client's own `spin-client-addr` is what the fix is about.

use crate::clients::{client, post_json_from, request_from};
use crate::staff_support::*;
use lapor_e2e::{Resp, TestApp};
use serde_json::json;

const LOGIN: &str = "/api/v1/auth/login";

/// A failed sign-in from 127.0.0.`from` carrying `headers` (forged ones, for the attacks).
fn wrong_password(app: &TestApp, from: u8, headers: &[(&str, &str)], email: &str) -> Resp {
    let body = json!({ "email": email, "password": "tebakan-yang-salah" }).to_string();
    let mut all = vec![("content-type", "application/json")];
    all.extend_from_slice(headers);
    request_from(app, client(from), "POST", LOGIN, &all, body.as_bytes())
}

/// The admin's own sign-in (password and the next two-step code) from 127.0.0.`from`.
fn owner_signs_in(app: &TestApp, from: u8) -> Resp {
    let code = two_step::code_for(app, ADMIN_EMAIL).expect("an enrolled admin");
    post_json_from(app, client(from), LOGIN, &json!({ "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD, "code": code }))
}

/// Every rate counter in the app's database: (key, window start, count).
fn counters(app: &TestApp) -> Vec<(String, i64, i64)> {
    let conn = rusqlite::Connection::open(app.state_dir().join("sqlite_db.db")).unwrap();
    let mut stmt = conn.prepare("SELECT key, window_start, count FROM rate_counters ORDER BY key").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn a_forged_client_address_neither_escapes_the_limit_nor_leaves_rows() {
    let app = app();
    login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    // The attacker at 127.0.0.7 sends a new forged address (and X-Forwarded-For) with every guess.
    for i in 0..10 {
        let forged = format!("10.{}.{}.{}:4242", i / 200, i % 200, i + 1);
        let xff = format!("198.51.100.{}", i + 1);
        let r = wrong_password(&app, 7, &[("spin-client-addr", &forged), ("x-forwarded-for", &xff)], ADMIN_EMAIL);
        assert_eq!(r.status, 401, "guess {i}: {}", r.text());
    }
    let r = wrong_password(&app, 7, &[("spin-client-addr", "10.99.99.99:1")], ADMIN_EMAIL);
    assert_eq!(r.status, 429, "the 11th guess from one host, whatever it claims: {}", r.text());
    assert_eq!(r.json()["error"]["code"], "rate_limited");
    assert_eq!(r.header("retry-after"), Some("900"));
    // The forged addresses made no counters of their own: one per client and one per account from it, for the
    // attacker and for the admin's own sign-in above (which gave its slots back), plus the app-wide ceiling.
    let rows = counters(&app);
    assert_eq!(rows.len(), 5, "no row per forged address: {rows:?}");
    assert_eq!(rows.iter().filter(|r| r.2 == 11).count(), 3, "the attacker's two counters and the ceiling: {rows:?}");
    for (key, _, _) in &rows {
        assert!(!key.contains("10.") && !key.contains("127.0.0") && !key.contains("lapor.go.id"), "{key}");
    }
    // The owner, from their own address, is not affected.
    assert_eq!(owner_signs_in(&app, 8).status, 200);
}

#[test]
fn a_forged_address_cannot_escape_the_recovery_limit_either() {
    let app = lapor_e2e::app();
    // Ten requests an hour per client, each for another (unknown, well-formed) report so the per-report limit is
    // never the one that answers.
    let ids: Vec<String> =
        (0..11u64).map(|i| lapor_core::TrackingId::from_random((i + 77).to_le_bytes()).as_str().to_string()).collect();
    for (i, id) in ids.iter().enumerate() {
        let forged = format!("203.0.113.{}:80", i + 1);
        let r = request_from(
            &app,
            client(9),
            "POST",
            &format!("/api/v1/reports/{id}/recovery"),
            &[("spin-client-addr", &forged)],
            b"",
        );
        let expected = if i < 10 { 202 } else { 429 };
        assert_eq!(r.status, expected, "request {i}: {}", r.text());
    }
}

#[test]
fn x_forwarded_for_counts_only_from_a_trusted_proxy() {
    let app = app_plus(&[("trusted_proxies", "127.0.0.20")]);
    login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    // Behind the trusted proxy (127.0.0.20), each citizen is the address the proxy appended.
    for i in 0..10 {
        let r = wrong_password(&app, 20, &[("x-forwarded-for", "203.0.113.5")], ADMIN_EMAIL);
        assert_eq!(r.status, 401, "guess {i}");
    }
    // A client cannot step out by writing its own entries to the left of the proxy's.
    let r = wrong_password(&app, 20, &[("x-forwarded-for", "192.0.2.1, 203.0.113.5")], ADMIN_EMAIL);
    assert_eq!(r.status, 429, "{}", r.text());
    // Another citizen behind the same proxy is another client.
    assert_eq!(wrong_password(&app, 20, &[("x-forwarded-for", "203.0.113.6")], ADMIN_EMAIL).status, 401);
    // From a peer that is not a trusted proxy, X-Forwarded-For is ignored: ten guesses, each with its own
    // header, and the eleventh is refused.
    for i in 0..10 {
        let xff = format!("192.0.2.{}", i + 10);
        assert_eq!(wrong_password(&app, 21, &[("x-forwarded-for", &xff)], ADMIN_EMAIL).status, 401);
    }
    assert_eq!(wrong_password(&app, 21, &[("x-forwarded-for", "192.0.2.99")], ADMIN_EMAIL).status, 429);
}

#[test]
fn concurrent_wrong_passwords_are_counted_exactly() {
    let app = app();
    login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..24).map(|_| s.spawn(|| wrong_password(&app, 11, &[], ADMIN_EMAIL).status)).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let checked = statuses.iter().filter(|s| **s == 401).count();
    assert_eq!(checked, 10, "exactly the limit is checked, however many arrive at once: {statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 14, "{statuses:?}");
}

#[test]
fn two_step_codes_are_limited_per_account_from_any_address() {
    let mut app = app();
    login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    // The attacker knows the password and has many addresses: each tries a few codes.
    for i in 0..10u8 {
        let r = post_json_from(
            &app,
            client(30 + i),
            LOGIN,
            &json!({ "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD, "code": format!("{:06}", 100_000 + i as u32) }),
        );
        assert_eq!(r.status, 401, "wrong code {i}: {}", r.text());
        assert_eq!(r.json()["error"]["code"], "two_step_required");
    }
    let r = post_json_from(
        &app,
        client(45),
        LOGIN,
        &json!({ "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD, "code": "123456" }),
    );
    assert_eq!(r.status, 429, "the 11th code in the window, from a fresh address: {}", r.text());
    assert_eq!(r.json()["error"]["code"], "rate_limited");
    // The account's codes are closed for the rest of the quarter hour (the password is known: that is the
    // price), and open again in the next one.
    app.set_variable("now", "2026-11-30T02:15:00Z");
    login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
}

#[test]
fn a_sign_in_flood_cannot_keep_a_staff_member_with_the_right_password_out() {
    let mut app = app_plus(&[("login_argon2_per_minute", "6")]);
    login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    // Unknown e-mails from many addresses: they verify a decoy under a ceiling of their own and then only wait;
    // never 503, and they spend nothing of the real accounts' ceiling.
    for from in 50..62 {
        let r = wrong_password(&app, from, &[], &format!("tidak-ada-{from}@lapor.go.id"));
        assert_eq!(r.status, 401, "unknown e-mail from {from}: {}", r.text());
    }
    // A flood of wrong passwords for the real admin from many addresses spends the real ceiling ...
    for from in 70..78 {
        assert_eq!(wrong_password(&app, from, &[], ADMIN_EMAIL).status, 401, "first guess from {from}");
    }
    // ... so a client that has failed in this window is turned away, with Retry-After ...
    let r = wrong_password(&app, 70, &[], ADMIN_EMAIL);
    assert_eq!(r.status, 503, "{}", r.text());
    assert_eq!(r.json()["error"]["code"], "unavailable");
    assert_eq!(r.header("retry-after"), Some("60"));
    // ... while the admin, from a clean address, still gets in during the flood.
    let r = owner_signs_in(&app, 90);
    assert_eq!(r.status, 200, "{}", r.text());
    // The next minute has a fresh ceiling for everyone.
    app.set_variable("now", "2026-11-30T02:01:00Z");
    assert_eq!(wrong_password(&app, 70, &[], ADMIN_EMAIL).status, 401);
}

#[test]
fn a_stolen_session_cannot_guess_the_password_behind_it() {
    let mut app = app();
    let token = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let change = |old: &str| {
        call(
            &app,
            "POST",
            "/api/v1/auth/password",
            &token,
            Some(json!({ "old_password": old, "new_password": "kata-sandi-baru-1708" })),
        )
    };
    for i in 0..5 {
        assert_eq!(change(&format!("tebakan-{i}")).status, 422, "guess {i}");
    }
    let r = change("tebakan-5");
    assert_eq!(r.status, 429, "{}", r.text());
    assert_eq!(r.header("retry-after"), Some("900"));
    assert_eq!(change(ADMIN_PASSWORD).status, 429, "not even the right one is checked in this window");
    app.set_variable("now", "2026-11-30T02:15:00Z");
    let token = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let r = call(
        &app,
        "POST",
        "/api/v1/auth/password",
        &token,
        Some(json!({ "old_password": ADMIN_PASSWORD, "new_password": "kata-sandi-baru-1708" })),
    );
    assert_eq!(r.status, 204, "{}", r.text());
}

#[test]
fn rate_counters_hold_no_personal_data_and_are_swept_when_their_window_ends() {
    let mut app = app_plus(&[("sweep_token", "sapu")]);
    for from in 100..104 {
        wrong_password(&app, from, &[], "korban@lapor.go.id");
    }
    let first = counters(&app);
    assert!(!first.is_empty());
    for (key, _, _) in &first {
        assert!(!key.contains("korban") && !key.contains("lapor.go.id") && !key.contains("127.0.0"), "{key}");
    }
    // A later window overwrites the same rows (the client's, the account-from-client's, the decoy ceiling's),
    // each starting again at 1.
    app.set_variable("now", "2026-11-30T02:16:00Z");
    wrong_password(&app, 100, &[], "korban@lapor.go.id");
    let later = counters(&app);
    let keys = |rows: &[(String, i64, i64)]| rows.iter().map(|r| r.0.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&later), keys(&first), "no new rows for a new window");
    let newest = first.iter().map(|r| r.1).max().unwrap();
    let renewed: Vec<_> = later.iter().filter(|(_, w, _)| *w > newest).collect();
    assert_eq!(renewed.len(), 3, "{later:?}");
    assert!(renewed.iter().all(|(_, _, c)| *c == 1), "{renewed:?}");
    // Once every window is over, the sweep removes them all.
    app.set_variable("now", "2026-11-30T03:00:00Z");
    let r = app.request("POST", "/internal/sweep", &[("authorization", "Bearer sapu")], b"");
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.json()["rate_counters_removed"].as_u64().unwrap() >= 1);
    assert_eq!(counters(&app), vec![], "no counter outlives its window");
}

/// The statistics cache's rows in the key-value store.
fn stats_cache_rows(app: &TestApp) -> usize {
    let conn = rusqlite::Connection::open(app.state_dir().join("sqlite_key_value.db")).unwrap();
    conn.query_row("SELECT count(*) FROM spin_key_value WHERE key LIKE 'cache:stats:%'", [], |r| r.get::<_, i64>(0))
        .unwrap_or(0) as usize
}

#[test]
fn statistics_for_years_the_data_cannot_hold_are_refused_and_cache_nothing() {
    // Issue 28, finding 8: years 2100–2399 left 300 permanent cache rows.
    let app = lapor_e2e::app_with(&[("now", START)]);
    assert_eq!(app.get("/api/v1/stats?year=2026").status, 200);
    let before = stats_cache_rows(&app);
    for year in [2100, 2250, 2399, 2027, 2010, 1] {
        let r = app.get(&format!("/api/v1/stats?year={year}"));
        assert_eq!(r.status, 422, "year {year}: {}", r.text());
        assert_eq!(r.json()["error"]["fields"][0]["field"], "year");
        let page = app.get(&format!("/stats?year={year}"));
        assert!(page.status >= 400, "the page refuses {year} too: {}", page.status);
    }
    assert_eq!(stats_cache_rows(&app), before, "no cache row for a refused year");
}

#[test]
fn a_recovery_code_jumps_the_queue_and_goes_out_at_once() {
    // Issue 28, finding 3: "sends at once" sent the five oldest waiting messages, not the code, so behind ~400 queued
    // SMS the 10-minute code expired before it left.
    let twilio = lapor_e2e::FakeServer::start();
    twilio.set_default(lapor_e2e::FakeResponse::json(201, &json!({"sid": "SMx", "status": "queued"})));
    let app = lapor_e2e::app_with(&[
        ("twilio_account_sid", "AC1"),
        ("twilio_auth_token", "twilio-token"),
        ("twilio_api_base", &twilio.url()),
        ("now", START),
    ]);
    let r = app.post_json(
        "/api/v1/reports",
        &json!({
            "kind": "pengaduan", "title": "Jalan berlubang di depan SDN 5",
            "body": "Lubang besar di jalan depan SDN 5 sudah tiga bulan tidak diperbaiki.",
            "category": "infrastruktur", "location": { "region_code": "17.71" },
            "reporter": { "name": "Siti Aminah", "nik": "1771015708900001", "phone": "081234567890" }
        }),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let tid = r.json()["tracking_id"].as_str().unwrap().to_string();
    // 400 older SMS are waiting (a flood's acknowledgements).
    let conn = rusqlite::Connection::open(app.state_dir().join("sqlite_db.db")).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    let tx = conn.unchecked_transaction().unwrap();
    for i in 0..400 {
        tx.execute(
            "INSERT INTO outbox (channel, recipient, body, dedupe_key, next_attempt_at, created_at, updated_at) \
             VALUES ('sms', ?1, 'Laporan Anda kami terima.', ?2, 0, 0, 0)",
            rusqlite::params![format!("+62812000{i:05}"), format!("flood-{i}")],
        )
        .unwrap();
    }
    tx.commit().unwrap();
    drop(conn);
    let before = twilio.requests().len();
    let r = app.request("POST", &format!("/api/v1/reports/{tid}/recovery"), &[], b"");
    assert_eq!(r.status, 202, "{}", r.text());
    // The code was among what this request sent: it is the first SMS after the request.
    let sent = twilio.requests();
    let first = sent.get(before).expect("an SMS sent at once");
    let body = url::form_urlencoded::parse(&first.body).find(|(k, _)| k == "Body").map(|(_, v)| v.into_owned());
    assert!(body.as_deref().unwrap_or("").contains("Kode pemulihan"), "the first SMS out was: {body:?}");
    let to = url::form_urlencoded::parse(&first.body).find(|(k, _)| k == "To").map(|(_, v)| v.into_owned());
    assert_eq!(to.as_deref(), Some("+6281234567890"));
}

/// Issue 28, finding 9: a report rejected as a hoax showed its title, the reporter's name and the rejection note to
/// anyone. Now a rejected report shows the public its status only, a report not yet verified shows no reporter's
/// name, and its reporter sees everything.
#[test]
fn a_rejected_report_shows_its_status_only_and_no_name_is_public_before_verification() {
    let app = app();
    let admin = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let (tid, token) = citizen_report(&app, "public");
    let public = |tid: &str| app.get(&format!("/api/v1/reports/{tid}"));
    let owner = |tid: &str, token: &str| {
        let auth = format!("Bearer {token}");
        app.get_with(&format!("/api/v1/reports/{tid}"), &[("authorization", &auth)])
    };
    let name = owner(&tid, &token).json()["reporter"]["name"].as_str().unwrap().to_string();
    let title = owner(&tid, &token).json()["title"].as_str().unwrap().to_string();
    // Not yet verified: the content, but no name, on the API and the tracking page.
    let r = public(&tid);
    assert_eq!(r.json()["title"], title.as_str());
    assert_eq!(r.json()["reporter"]["name"], serde_json::Value::Null, "{}", r.text());
    assert!(!r.text().contains(&name));
    let page = app.get(&format!("/lacak/{tid}")).text();
    assert!(page.contains(&title) && !page.contains(&name), "{page}");
    // Rejected as a hoax: the status only, never the title, the note or the name.
    let r = post_as(
        &app,
        &admin,
        &format!("/api/v1/verification/reports/{tid}/reject"),
        json!({ "reason": "hoax", "note": "Laporan bohong, tidak ada kejadian" }),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let r = public(&tid);
    assert_eq!(r.status, 200, "{}", r.text());
    let b = r.json();
    assert_eq!((b["status"].as_str(), b["content_withheld"].as_bool()), (Some("rejected"), Some(true)), "{b}");
    for key in ["title", "body", "reporter", "thread", "location"] {
        assert!(b.get(key).is_none(), "{key} is not shown: {b}");
    }
    assert!(!r.text().contains("bohong") && !r.text().contains(&name), "{}", r.text());
    let page = app.get(&format!("/lacak/{tid}")).text();
    assert!(!page.contains(&title) && !page.contains(&name) && !page.contains("bohong"), "{page}");
    assert!(page.contains("id=\"withheld\"") && page.contains("name=\"token\""), "{page}");
    // The reporter still sees everything.
    let own = owner(&tid, &token).json();
    assert_eq!((own["title"].as_str(), own["reporter"]["name"].as_str()), (Some(title.as_str()), Some(name.as_str())));
    // Once verified, a public report names its reporter as before.
    let (tid2, _) = citizen_report(&app, "public");
    assert_eq!(verify(&app, &admin, &tid2).status, 200);
    assert_eq!(public(&tid2).json()["reporter"]["name"], name.as_str());
}

#[test]
fn tracking_ids_cannot_be_enumerated_from_one_client() {
    let app = app();
    let admin = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let (tid, _) = citizen_report(&app, "public");
    assert_eq!(verify(&app, &admin, &tid).status, 200);
    // 120 tracking IDs of no report an hour from one client ...
    for i in 0..120u64 {
        let id = lapor_core::TrackingId::from_random((i + 1000).to_le_bytes());
        assert_ne!(id.as_str(), tid);
        let r = request_from(&app, client(60), "GET", &format!("/api/v1/reports/{}", id.as_str()), &[], b"");
        assert_eq!(r.status, 404, "miss {i}");
    }
    // ... then every look-up from it is refused until the hour ends, a real report's too (so hits cannot be told
    // from misses), on the API and the tracking page alike.
    let r = request_from(&app, client(60), "GET", &format!("/api/v1/reports/{tid}"), &[], b"");
    assert_eq!(r.status, 429, "{}", r.text());
    assert_eq!(r.json()["error"]["code"], "rate_limited");
    let r = request_from(&app, client(60), "GET", &format!("/lacak/{tid}"), &[], b"");
    assert_eq!(r.status, 429);
    assert!(r.text().contains("<html"), "a readable page");
    // Another client is not affected.
    let r = request_from(&app, client(61), "GET", &format!("/api/v1/reports/{tid}"), &[], b"");
    assert_eq!(r.status, 200, "{}", r.text());
}

/// How long the flood of [`a_filing_flood_buries_neither_a_real_report_nor_a_recovery_code`] lasts (the gate).
const FLOOD_SECS: u64 = 30;

fn p99(mut ms: Vec<f64>) -> f64 {
    ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
    ms[((ms.len() as f64 * 0.99).ceil() as usize).clamp(1, ms.len()) - 1]
}

/// Issue 28, finding 2's gate: one client files as fast as it can for 30 s while a second files one real report
/// and a third asks for a recovery code: the real report is in the verifier's first page and the code goes out at
/// once. Tracking reads' p99 during the flood against quiet is printed (a figure, not a gate: two shared cores).
#[test]
fn a_filing_flood_buries_neither_a_real_report_nor_a_recovery_code() {
    let twilio = lapor_e2e::FakeServer::start();
    twilio.set_default(lapor_e2e::FakeResponse::json(201, &json!({"sid": "SMx", "status": "queued"})));
    let url = twilio.url();
    let app =
        app_plus(&[("twilio_account_sid", "AC1"), ("twilio_auth_token", "twilio-token"), ("twilio_api_base", &url)]);
    let admin = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let report = |title: &str, nik: &str, phone: &str| {
        json!({
            "kind": "pengaduan", "title": title,
            "body": "Puskesmas di Koba tutup pada jam kerja; warga tidak bisa berobat hari ini.",
            "category": "kesehatan", "location": { "region_code": "19.04" },
            "reporter": { "name": "Siti Aminah", "nik": nik, "phone": phone }
        })
    };
    // A report filed before, for the quiet tracking-read figure and the recovery request.
    let (tid, _) = citizen_report(&app, "public");
    let read = |from: u8| {
        let t = std::time::Instant::now();
        let r = request_from(&app, client(from), "GET", &format!("/api/v1/reports/{tid}"), &[], b"");
        assert_eq!(r.status, 200);
        t.elapsed().as_secs_f64() * 1000.0
    };
    let quiet: Vec<f64> = (0..50).map(|_| read(83)).collect();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (filed, refused, during) = std::thread::scope(|s| {
        let flood = s.spawn(|| {
            let (mut filed, mut refused) = (0, 0);
            let end = std::time::Instant::now() + std::time::Duration::from_secs(FLOOD_SECS);
            let body = report("Sampah menumpuk", "1771015708900001", "081299990000").to_string();
            while std::time::Instant::now() < end {
                let r = request_from(
                    &app,
                    client(80),
                    "POST",
                    "/api/v1/reports",
                    &[("content-type", "application/json")],
                    body.as_bytes(),
                );
                match r.status {
                    201 => filed += 1,
                    429 => refused += 1,
                    other => panic!("flood answer {other}: {}", r.text()),
                }
            }
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            (filed, refused)
        });
        let reads = s.spawn(|| {
            let mut ms = Vec::new();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                ms.push(read(84));
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            ms
        });
        std::thread::sleep(std::time::Duration::from_secs(FLOOD_SECS / 3));
        // The real report, from another client, in the middle of the flood.
        let real = post_json_from(
            &app,
            client(81),
            "/api/v1/reports",
            &report("Jalan amblas di Koba", "1771016009850002", "081234567891"),
        );
        assert_eq!(real.status, 201, "{}", real.text());
        let real = real.json()["tracking_id"].as_str().unwrap().to_string();
        // A recovery code, from a third client: the first SMS out after the request.
        let before = twilio.requests().len();
        let r = request_from(&app, client(82), "POST", &format!("/api/v1/reports/{tid}/recovery"), &[], b"");
        assert_eq!(r.status, 202, "{}", r.text());
        let first = twilio.requests().get(before).map(|q| String::from_utf8_lossy(&q.body).into_owned());
        assert!(first.as_deref().unwrap_or("").contains("Kode+pemulihan"), "the code went out at once: {first:?}");
        // The verifier's first page (the default queue) holds the real report.
        let queue = call(&app, "GET", "/api/v1/verification/queue", &admin, None);
        assert_eq!(queue.status, 200, "{}", queue.text());
        let ids: Vec<String> = queue.json()["reports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["tracking_id"].as_str().unwrap().to_string())
            .collect();
        assert!(ids.contains(&real), "the real report is on the first page ({} lines)", ids.len());
        let (filed, refused) = flood.join().unwrap();
        (filed, refused, reads.join().unwrap())
    });
    assert!(filed <= 10, "one client and one NIK filed {filed} reports in {FLOOD_SECS} s");
    assert!(refused > 0, "the flood was refused past the limit");
    eprintln!(
        "figure: tracking read p99 quiet {:.1} ms, during a {FLOOD_SECS} s filing flood {:.1} ms ({} reads); the flood filed {filed}",
        p99(quiet),
        p99(during.clone()),
        during.len()
    );
}

/// Issue 28, finding 2: the verification queue pages, sorts and filters, so a verifier finds a real report among
/// junk (the console's filters and the grouping of near-identical reports are not built yet).
#[test]
fn the_verification_queue_pages_sorts_and_filters() {
    let app = app();
    let admin = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let file = |kind: &str, region: &str| {
        let r = app.post_json(
            "/api/v1/reports",
            &json!({
                "kind": kind, "title": "Pelayanan kantor kelurahan lambat",
                "body": "Antrean di kantor kelurahan sangat panjang dan petugas tidak ada di tempat.",
                "category": "lainnya", "location": { "region_code": region },
                "reporter": { "name": "Siti Aminah", "nik": "1771015708900001", "email": "siti@example.id" }
            }),
        );
        assert_eq!(r.status, 201, "{}", r.text());
        r.json()["tracking_id"].as_str().unwrap().to_string()
    };
    let ids = [file("pengaduan", "19.04"), file("aspirasi", "17.71"), file("pengaduan", "17.71")];
    let queue = |query: &str| call(&app, "GET", &format!("/api/v1/verification/queue{query}"), &admin, None);
    let lines = |r: &Resp| -> Vec<String> {
        r.json()["reports"].as_array().unwrap().iter().map(|l| l["tracking_id"].as_str().unwrap().to_string()).collect()
    };
    let r = queue("?limit=2");
    assert_eq!((lines(&r), r.header("x-total-count")), (ids[..2].to_vec(), Some("3")));
    assert_eq!(lines(&queue("?limit=2&page=2")), ids[2..].to_vec());
    assert_eq!(lines(&queue("?sort=newest&limit=1")), vec![ids[2].clone()], "newest first");
    assert_eq!(lines(&queue("?kind=aspirasi")), vec![ids[1].clone()]);
    let r = queue("?region=17");
    assert_eq!(
        (lines(&r), r.header("x-total-count")),
        (ids[1..].to_vec(), Some("2")),
        "a province takes its regencies"
    );
    assert_eq!(lines(&queue("?channel=sms")), Vec::<String>::new());
    for bad in ["?sort=random", "?channel=fax", "?region=99", "?page=0", "?limit=501"] {
        let r = queue(bad);
        assert_eq!(r.status, 422, "{bad}: {}", r.text());
    }
}

/// One web report as JSON from 127.0.0.`from`, by the citizen with `nik`, reachable at `phone` and/or `email`.
fn file_from(app: &TestApp, from: u8, nik: &str, phone: Option<&str>, email: Option<&str>) -> Resp {
    let mut reporter = json!({ "name": "Budi Santoso", "nik": nik });
    for (field, value) in [("phone", phone), ("email", email)] {
        if let Some(v) = value {
            reporter[field] = json!(v);
        }
    }
    let body = json!({
        "kind": "pengaduan", "title": "Lampu jalan padam",
        "body": "Lampu jalan di depan pasar padam sejak seminggu; jalan gelap dan rawan kecelakaan malam hari.",
        "category": "infrastruktur", "location": { "region_code": "19.04" }, "reporter": reporter
    });
    post_json_from(app, client(from), "/api/v1/reports", &body)
}

/// The `i`-th citizen's NIK (all valid, all different).
fn nik(i: u8) -> String {
    format!("177101570890{:04}", 100 + u32::from(i))
}

/// Issue 28, finding 2: filing is limited per NIK, phone number and e-mail address, whatever the client (ten a day
/// each), the counters hold no contact in clear (nor a plain SHA-256 of it), and a refused filing counts nothing.
#[test]
fn filing_is_limited_per_nik_phone_and_email_from_any_client() {
    let mut app = app();
    let one = nik(0);
    // Ten reports with one NIK, each from another address and another phone (as a botnet would): all filed.
    let phone = |i: u8| format!("0812345{:05}", u32::from(i));
    for i in 0..10 {
        let r = file_from(&app, 100 + i, &one, Some(&phone(i)), None);
        assert_eq!(r.status, 201, "report {i}: {}", r.text());
    }
    let r = file_from(&app, 120, &one, Some(&phone(10)), None);
    assert_eq!(r.status, 429, "the 11th report of one NIK in a day: {}", r.text());
    assert_eq!(r.json()["error"]["code"], "rate_limited");
    assert!(r.json()["error"]["message"].as_str().unwrap().contains("NIK"), "{}", r.text());
    // Another citizen, from that same address and with that phone, is not affected: the refusal counted nothing.
    assert_eq!(file_from(&app, 120, &nik(1), Some(&phone(10)), None).status, 201);
    let cases = [("phone", Some("081277700001"), None), ("e-mail", None, Some("budi@contoh.id"))];
    for (n, (label, phone, email)) in cases.into_iter().enumerate() {
        let base = 20 + 20 * n as u8;
        for i in 0..10 {
            let r = file_from(&app, 130 + i, &nik(base + i), phone, email);
            assert_eq!(r.status, 201, "{label} report {i}: {}", r.text());
        }
        let upper = email.map(str::to_uppercase);
        let r = file_from(&app, 150, &nik(base + 10), phone, upper.as_deref());
        assert_eq!(r.status, 429, "the 11th report of one {label} in a day (any case): {}", r.text());
    }
    let plain: Vec<String> = [one.as_str(), "+6281277700001", "budi@contoh.id"]
        .iter()
        .map(|v| lapor_core::secret::sha256_hex(v.as_bytes()))
        .collect();
    for (key, _, _) in counters(&app) {
        assert!(!key.contains(&one) && !key.contains("81277700001") && !key.contains("budi@"), "{key}");
        assert!(plain.iter().all(|h| !key.contains(h.as_str())), "not a plain SHA-256 of a contact: {key}");
    }
    // A new day, a new count.
    app.set_variable("now", "2026-12-01T09:00:00+07:00");
    assert_eq!(file_from(&app, 121, &one, Some(&phone(11)), None).status, 201);
}

/// Issue 28, finding 2: a phone number or e-mail address that never wrote to LAPOR gets at most three
/// acknowledgements a day, however many reports name it; the reports are still filed. A number that filed by SMS
/// has proven itself and is acknowledged every time.
#[test]
fn acknowledgements_to_an_unproven_contact_stop_after_three_a_day() {
    let app = app_plus(&[("twilio_auth_token", "test-auth-token"), ("public_base_url", lapor_e2e::PUBLIC_URL)]);
    let queued = |recipient: &str| -> i64 {
        let conn = rusqlite::Connection::open(app.state_dir().join("sqlite_db.db")).unwrap();
        conn.query_row("SELECT count(*) FROM outbox WHERE recipient = ?", [recipient], |r| r.get(0)).unwrap()
    };
    let victim = "081299990001";
    for i in 0..5u8 {
        let r = file_from(&app, 160 + i, &nik(i), Some(victim), Some("korban@contoh.id"));
        assert_eq!(r.status, 201, "{}", r.text());
        assert_eq!(r.json()["acknowledgement_withheld"], json!(i >= 3), "report {i}: {}", r.text());
    }
    assert_eq!(queued("+6281299990001"), 3, "three SMS to a number that never wrote to LAPOR");
    assert_eq!(queued("korban@contoh.id"), 3, "three e-mails to an address that never wrote to LAPOR");
    // A number that sent a report by SMS has proven itself: every web report naming it is acknowledged.
    let params = [
        ("MessageSid", "SMproof1"),
        ("From", "+6281299990002"),
        ("To", "1708"),
        ("Body", "KOTA BENGKULU_Jalan berlubang di depan sekolah"),
    ];
    let sig = lapor_e2e::twilio_signature(
        "test-auth-token",
        &format!("{}/webhooks/sms/twilio", lapor_e2e::PUBLIC_URL),
        &params,
    );
    assert_eq!(app.twilio_webhook("/webhooks/sms/twilio", &sig, &params).status, 200);
    let before = queued("+6281299990002");
    for i in 0..5u8 {
        let r = file_from(&app, 170 + i, &nik(10 + i), Some("081299990002"), None);
        assert_eq!(r.json()["acknowledgement_withheld"], json!(false), "{}", r.text());
    }
    assert_eq!(queued("+6281299990002"), before + 5, "a proven number is acknowledged every time");
}

/// Issue 28, finding 2: Open311 filing is limited per registered app (600 an hour), not per address.
#[test]
fn open311_filing_is_limited_per_app() {
    let app = app_plus(&[("open311_bootstrap_key", "app-key-1")]);
    let post = |i: usize| {
        let body = format!(
            "api_key=app-key-1&service_code=infrastruktur&description=Lampu+jalan+padam+di+gang+{i}+sejak+seminggu\
             &address_string=Koba&address_id=19.04&email=warga{i}%40contoh.id"
        );
        request_from(
            &app,
            client(200 + (i % 50) as u8),
            "POST",
            "/open311/v2/requests.json",
            &[("content-type", "application/x-www-form-urlencoded")],
            body.as_bytes(),
        )
    };
    for i in 0..600 {
        let r = post(i);
        assert_eq!(r.status, 201, "request {i}: {}", r.text());
    }
    let r = post(600);
    assert_eq!(r.status, 429, "{}", r.text());
    assert!(r.text().contains("too many reports"), "{}", r.text());
}

/// Issue 28, finding 2: near-identical waiting reports (one text sent many times, varied in case, spacing or
/// numbers) form a group the national admin rejects in one action; no one else sees or rejects groups.
#[test]
fn a_flood_of_near_identical_reports_is_rejected_in_one_action() {
    let app = app();
    organisation(&app);
    let admin = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let liaison = login_as(&app, LIAISON_EMAIL);
    let text = |i: u8| {
        json!({
            "kind": "pengaduan", "title": if i.is_multiple_of(2) { "SAMPAH menumpuk" } else { "Sampah menumpuk!" },
            "body": format!("Sampah menumpuk di Jalan Merdeka {i}, tolong diangkut."),
            "category": "lingkungan", "location": { "region_code": "19.04" },
            "reporter": { "name": "Penyebar", "nik": nik(i), "email": format!("junk{i}@contoh.id") }
        })
    };
    let flood: Vec<String> = (0..5u8)
        .map(|i| {
            let r = post_json_from(&app, client(180 + i), "/api/v1/reports", &text(i));
            assert_eq!(r.status, 201, "{}", r.text());
            r.json()["tracking_id"].as_str().unwrap().to_string()
        })
        .collect();
    let (real, _) = citizen_report(&app, "public");
    let r = call(&app, "GET", "/api/v1/verification/groups", &admin, None);
    assert_eq!(r.status, 200, "{}", r.text());
    let groups = r.json()["groups"].as_array().unwrap().clone();
    assert_eq!(groups.len(), 1, "one flood, and the real report in no group: {groups:?}");
    assert_eq!(groups[0]["count"], 5);
    assert_eq!(groups[0]["tracking_ids"], json!(flood));
    let fp = groups[0]["fingerprint"].as_str().unwrap().to_string();
    let reject = format!("/api/v1/verification/groups/{fp}/reject");
    // Nobody but the national admin lists or rejects groups; a bad reason or an unknown group changes nothing.
    assert_eq!(call(&app, "GET", "/api/v1/verification/groups", &liaison, None).status, 403);
    assert_eq!(call(&app, "POST", &reject, &liaison, Some(json!({ "reason": "hoax" }))).status, 403);
    assert_eq!(call(&app, "POST", &reject, &admin, Some(json!({ "reason": "because" }))).status, 422);
    let other = "/api/v1/verification/groups/0123456789abcdef/reject";
    assert_eq!(call(&app, "POST", other, &admin, Some(json!({ "reason": "hoax" }))).status, 404);
    let r = call(&app, "POST", &reject, &admin, Some(json!({ "reason": "hoax", "note": "Laporan massal" })));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["count"], 5);
    for tid in &flood {
        let r = app.get(&format!("/api/v1/reports/{tid}"));
        assert_eq!(r.json()["status"], "rejected", "{}", r.text());
    }
    let queue = call(&app, "GET", "/api/v1/verification/queue", &admin, None).json();
    let left: Vec<&str> =
        queue["reports"].as_array().unwrap().iter().map(|l| l["tracking_id"].as_str().unwrap()).collect();
    assert_eq!(left, vec![real.as_str()], "the real report is all that waits");
    // Done once: the group is gone.
    assert_eq!(call(&app, "POST", &reject, &admin, Some(json!({ "reason": "hoax" }))).status, 404);
}

/// Issue 28, finding 2, on the console: the verifier's queue page filters (channel, kind, province), sorts, pages,
/// and shows a flood as one group rejected with one button; all in the reader's language, without wire values.
#[test]
fn the_console_queue_filters_pages_and_rejects_a_flood_in_one_action() {
    let app = app();
    let admin = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let flood: Vec<String> = (0..4u8)
        .map(|i| {
            let body = json!({
                "kind": "aspirasi", "title": "Iklan pinjaman cepat",
                "body": format!("Pinjaman cepat tanpa jaminan, hubungi {i}."),
                "category": "lainnya", "location": { "region_code": "19.04" },
                "reporter": { "name": "Penyebar", "nik": nik(40 + i), "email": format!("iklan{i}@contoh.id") }
            });
            let r = post_json_from(&app, client(190 + i), "/api/v1/reports", &body);
            assert_eq!(r.status, 201, "{}", r.text());
            r.json()["tracking_id"].as_str().unwrap().to_string()
        })
        .collect();
    let (real, _) = citizen_report(&app, "public");
    let queue = page(&app, "/staff/verifikasi", &admin);
    assert_eq!(queue.status, 200, "{}", queue.text());
    let html = queue.text();
    for tid in flood.iter().chain([&real]) {
        assert!(html.contains(tid.as_str()), "{tid} is listed");
    }
    assert!(html.contains("Laporan yang hampir sama") && html.contains("Tolak semua (4)"), "the group is shown");
    assert!(html.contains("Halaman 1 dari 1 (5 laporan)"), "{html}");
    for wire in [">aspirasi<", ">web<", ">pengaduan<"] {
        assert!(!html.contains(wire), "no wire value {wire} where a person reads");
    }
    // Filters and sorting.
    let aspirasi = page(&app, "/staff/verifikasi?kind=aspirasi&sort=newest", &admin).text();
    assert!(aspirasi.contains(&flood[3]) && !aspirasi.contains(&format!(">{real}<")), "only the flood's kind");
    assert!(aspirasi.find(&flood[3]) < aspirasi.find(&flood[0]), "newest first");
    assert!(page(&app, "/staff/verifikasi?channel=sms", &admin).text().contains("Halaman 1 dari 1 (0 laporan)"));
    let english = page(&app, "/staff/verifikasi?lang=en", &admin).text();
    assert!(english.contains("Near-identical reports") && english.contains("Reject all (4)"));
    // One action rejects the flood; the real report stays.
    let fp_at = html.find("/staff/verifikasi/kelompok/").unwrap() + "/staff/verifikasi/kelompok/".len();
    let fp = &html[fp_at..fp_at + 16];
    let path = format!("/staff/verifikasi/kelompok/{fp}/tolak");
    let stranger = page_post(&app, &path, "not-a-session", &[("csrf", &csrf("not-a-session")), ("reason", "hoax")]);
    assert_eq!(stranger.header("location"), Some("/staff/masuk"), "no session: to the sign-in page, nothing rejected");
    let r = page_post(&app, &path, &admin, &[("csrf", &csrf(&admin)), ("reason", "hoax"), ("note", "Iklan massal")]);
    assert_eq!((r.status, r.header("location")), (303, Some("/staff/verifikasi?ok=group&n=4")), "{}", r.text());
    let after = page(&app, "/staff/verifikasi?ok=group&n=4", &admin).text();
    assert!(after.contains("4 laporan ditolak") && after.contains(&real) && !after.contains(&flood[0]));
    let again = page_post(&app, &path, &admin, &[("csrf", &csrf(&admin)), ("reason", "hoax")]);
    assert_eq!(again.status, 404, "the group is gone");
}
