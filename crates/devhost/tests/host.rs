//! devhost end to end, with the fixture component (tests/fixtures/app).

mod common;

use common::*;

fn header<'a>(body: &'a str, name: &str) -> Option<&'a str> {
    body.lines().find_map(|l| l.strip_prefix(&format!("{name}: ")))
}

fn who(body: &str) -> &str {
    body.lines().next().and_then(|l| l.strip_prefix("who=")).unwrap_or("")
}

#[test]
fn routing_precedence_and_spin_headers() {
    let dir = app_dir();
    let app = start(dir.path());
    let url = app.url();

    assert_eq!(who(&get(&format!("{url}/")).body), "all");
    assert_eq!(who(&get(&format!("{url}/elsewhere/x")).body), "all");
    assert_eq!(who(&get(&format!("{url}/api")).body), "api");
    assert_eq!(who(&get(&format!("{url}/api/other")).body), "api");
    assert_eq!(who(&get(&format!("{url}/api/v1/things")).body), "api-v1");
    assert_eq!(who(&get(&format!("{url}/api/v1/exact")).body), "exact");
    assert_eq!(who(&get(&format!("{url}/api/v1/exact/more")).body), "api-v1");
    assert_eq!(who(&get(&format!("{url}/items/42")).body), "item");
    assert_eq!(who(&get(&format!("{url}/items/42/x")).body), "all");

    let r = get_with_host(&format!("{url}/api/v1/things/7?x=1&y=2"), "lapor.example:8080");
    assert_eq!(r.status, 200);
    let b = &r.body;
    assert_eq!(header(b, "spin-full-url"), Some("http://lapor.example:8080/api/v1/things/7?x=1&y=2"));
    assert_eq!(header(b, "spin-path-info"), Some("/things/7"));
    assert_eq!(header(b, "spin-matched-route"), Some("/api/v1/..."));
    assert_eq!(header(b, "spin-raw-component-route"), Some("/api/v1/..."));
    assert_eq!(header(b, "spin-component-route"), Some("/api/v1"));
    assert_eq!(header(b, "spin-base-path"), Some("/"));
    assert_eq!(header(b, "host"), Some("lapor.example:8080"));
    assert!(header(b, "spin-client-addr").unwrap().starts_with("127.0.0.1:"));
    assert!(b.contains("path=/api/v1/things/7"), "{b}");

    let b = get(&format!("{url}/items/abc")).body;
    assert_eq!(header(&b, "spin-path-match-item-id"), Some("abc"));
    assert_eq!(header(&b, "spin-path-info"), Some(""));
    assert_eq!(header(&b, "spin-component-route"), Some("/items/:item_id"));
}

#[test]
fn no_route_is_404() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = manifest_text(fixture_wasm()).replace("route = \"/...\"", "route = \"/only-this\"");
    std::fs::write(dir.path().join("spin.toml"), manifest).unwrap();
    let app = devhost::start(config(dir.path())).unwrap();
    assert_eq!(get(&format!("{}/nothing/here", app.url())).status, 404);
    assert_eq!(who(&get(&format!("{}/only-this", app.url())).body), "all");
}

#[test]
fn sqlite_persists_across_restart_and_transactions_span_executes() {
    let dir = app_dir();
    let app = start(dir.path());
    let sql = format!("{}/t/sql?op=sql", app.url());
    let r = post(&sql, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB, empty TEXT)");
    assert_eq!(r.status, 200, "{}", r.body);
    let r = post(&sql, "INSERT INTO t (name, score, data, empty) VALUES ('ana', 1.5, x'0102', NULL)");
    assert_eq!(r.status, 200, "{}", r.body);
    // A rolled-back transaction across several execute calls on one connection leaves nothing behind.
    let r = post(
        &sql,
        "BEGIN IMMEDIATE\n;;\nINSERT INTO t (name) VALUES ('ghost')\n;;\nROLLBACK\n;;\nSELECT count(*) AS n FROM t",
    );
    assert_eq!(r.body, "n\ni:1\n");
    let r = post(&sql, "SELECT nosuchcolumn FROM t");
    assert_eq!(r.status, 500);
    assert!(r.body.contains("Io("), "{}", r.body);
    drop(app);

    let app = start(dir.path());
    let r = post(&format!("{}/t/sql?op=sql", app.url()), "SELECT id, name, score, data, empty FROM t");
    assert_eq!(r.body, "id,name,score,data,empty\ni:1,t:ana,r:1.5,b:2,null\n");
    assert!(dir.path().join(".spin/sqlite_db.db").exists());
}

#[test]
fn key_value_store() {
    let dir = app_dir();
    let app = start(dir.path());
    let base = format!("{}/t/kv", app.url());
    assert_eq!(get(&format!("{base}?op=kv-get&key=a")).body, "none");
    assert_eq!(post(&format!("{base}?op=kv-set&key=a"), "one").body, "ok");
    assert_eq!(post(&format!("{base}?op=kv-set&key=b"), "two").body, "ok");
    assert_eq!(post(&format!("{base}?op=kv-set&key=a"), "uno").body, "ok");
    assert_eq!(get(&format!("{base}?op=kv-get&key=a")).body, "uno");
    assert_eq!(get(&format!("{base}?op=kv-keys")).body, "a,b");
    assert_eq!(post(&format!("{base}?op=kv-delete&key=b"), "").body, "ok");
    assert_eq!(get(&format!("{base}?op=kv-keys")).body, "a");
    drop(app);
    let app = start(dir.path());
    assert_eq!(get(&format!("{}/t/kv?op=kv-get&key=a", app.url())).body, "uno");
    assert!(dir.path().join(".spin/sqlite_key_value.db").exists());
}

#[test]
fn component_without_grants_gets_access_denied() {
    let dir = app_dir();
    let app = start(dir.path());
    let r = post(&format!("{}/nodb/x?op=sql", app.url()), "SELECT 1");
    assert_eq!(r.status, 500);
    assert!(r.body.contains("AccessDenied"), "{}", r.body);
    let r = get(&format!("{}/nodb/x?op=kv-get&key=a", app.url()));
    assert!(r.body.contains("AccessDenied"), "{}", r.body);
}

#[test]
fn variables_templates_overrides_and_runtime_changes() {
    let dir = app_dir();
    let mut config = config(dir.path());
    config.variables.insert("who_main".into(), "override".into());
    let app = devhost::start(config).unwrap();
    let var = |name: &str| get(&format!("{}/t/v?op=var&name={name}", app.url())).body;
    assert_eq!(var("greeting"), "hello, override!");
    assert_eq!(var("needed"), "yes");
    assert_eq!(var("env_only"), "from-default");
    assert!(var("not_declared").contains("Undefined"));
    assert!(var("Bad-Name").contains("InvalidName"));
    app.set_variable("greeting", "selamat pagi");
    assert_eq!(var("greeting"), "selamat pagi, override!");
    // Another component has no such variable.
    assert!(get(&format!("{}/api?op=var&name=greeting", app.url())).body.contains("Undefined"));
}

#[test]
fn required_variable_without_value_fails_startup() {
    let dir = app_dir();
    let mut config = config(dir.path());
    config.variables.clear();
    let err = devhost::start(config).err().expect("startup must fail");
    assert!(format!("{err:#}").contains("needed"), "{err:#}");
}

#[test]
fn outbound_http_allowed_and_denied() {
    let allowed = Listener::start("from-allowed");
    let denied = Listener::start("from-denied");
    let dir = app_dir();
    let mut config = config(dir.path());
    config.variables.insert("allowed_port".into(), allowed.port.to_string());
    let app = devhost::start(config).unwrap();
    let fetch = format!("{}/t/f?op=fetch", app.url());

    let r = post(&fetch, &format!("http://127.0.0.1:{}/hello", allowed.port));
    assert_eq!(r.body, "200 from-allowed");
    assert_eq!(allowed.count(), 1);

    let r = post(&fetch, &format!("http://127.0.0.1:{}/hello", denied.port));
    assert_eq!(r.status, 502);
    assert!(r.body.contains("HttpRequestDenied"), "{}", r.body);
    let r = post(&fetch, &format!("https://127.0.0.1:{}/hello", allowed.port));
    assert!(r.body.contains("HttpRequestDenied"), "{}", r.body);
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert_eq!(denied.count(), 0);
    assert_eq!(allowed.count(), 1);
}

#[test]
fn cron_fires_the_export() {
    let dir = app_dir();
    let app = start(dir.path());
    app.fire_cron("main").unwrap();
    app.fire_cron("main").unwrap();
    assert_eq!(get(&format!("{}/t/kv?op=kv-get&key=cron_count", app.url())).body, "2");
    let err = app.fire_cron("nosuch").unwrap_err();
    assert!(format!("{err:#}").contains("no component"), "{err:#}");
}

#[test]
fn cron_on_component_without_the_export_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    // The smallest valid component: header only, no imports or exports.
    std::fs::write(dir.path().join("empty.wasm"), b"\0asm\x0d\0\x01\0").unwrap();
    std::fs::write(
        dir.path().join("spin.toml"),
        "spin_manifest_version = 2\n[application]\nname = \"e\"\n\n[[trigger.cron]]\ncomponent = \"empty\"\ncron_expression = \"* * * * * *\"\n\n[component.empty]\nsource = \"empty.wasm\"\n",
    )
    .unwrap();
    let mut config = devhost::Config::new(dir.path().join("spin.toml"));
    config.cache_dir = Some(target_dir().join("devhost-cache"));
    let app = devhost::start(config).unwrap();
    let err = app.fire_cron("empty").unwrap_err();
    assert!(format!("{err:#}").contains("does not export fermyon:spin-cron"), "{err:#}");
}

/// Like Spin, devhost runs each SQLite call on a blocking thread: a writer that finds the database locked waits
/// on SQLite's lock (the busy handler) without holding up the async workers, so other requests are still served
/// at once, and the waiting writer goes through when the lock is released.
#[test]
fn a_writer_waits_on_the_sqlite_lock_without_blocking_other_requests() {
    use std::time::{Duration, Instant};
    let dir = app_dir();
    let app = start(dir.path());
    let sql = format!("{}/t/sql?op=sql", app.url());
    assert_eq!(post(&sql, "CREATE TABLE t (id INTEGER PRIMARY KEY, who TEXT)").status, 200);

    // A holds the write lock while it counts to a few million; B and C want to write meanwhile.
    let slow = "BEGIN IMMEDIATE\n;;\nINSERT INTO t (who) VALUES ('a')\n;;\n\
                WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 4000000) \
                SELECT count(*) FROM c\n;;\nCOMMIT";
    let started = Instant::now();
    let holder = {
        let sql = sql.clone();
        std::thread::spawn(move || post(&sql, slow))
    };
    std::thread::sleep(Duration::from_millis(50));
    let writers: Vec<_> = ["b", "c"]
        .into_iter()
        .map(|w| {
            let sql = sql.clone();
            std::thread::spawn(move || {
                let t = Instant::now();
                let r = post(&sql, &format!("INSERT INTO t (who) VALUES ('{w}')"));
                (r, t.elapsed())
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(50));
    // With the holder and two waiting writers in flight, a request that does not touch SQLite answers at once.
    let t = Instant::now();
    assert_eq!(get(&format!("{}/t/echo", app.url())).status, 200);
    let echo = t.elapsed();
    let a = holder.join().unwrap();
    let held = started.elapsed();
    assert_eq!(a.status, 200, "{}", a.body);
    for w in writers {
        let (r, waited) = w.join().unwrap();
        assert_eq!(r.status, 200, "{}", r.body);
        // It waited for the lock: it could not finish before the holder committed.
        assert!(waited + Duration::from_millis(150) >= held, "writer took {waited:?}, lock held {held:?}");
    }
    assert!(held > Duration::from_millis(200), "the holder was too quick to show a wait ({held:?})");
    assert!(echo < held / 2, "echo took {echo:?} while the lock was held for {held:?}");
    let r = post(&sql, "SELECT who FROM t ORDER BY id");
    let mut rows: Vec<&str> = r.body.lines().collect();
    assert_eq!(rows.remove(1), "t:a", "the holder wrote first: {}", r.body);
    rows.sort_unstable();
    assert_eq!(rows, ["t:b", "t:c", "who"]);
}
