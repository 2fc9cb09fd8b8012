//! Migrations during a rolling upgrade (issue 13, finding 11): an older replica meeting a newer schema serves
//! it as it is, without taking the write lock; a schema older than the code needs is a clear 503.

use std::time::{Duration, Instant};

/// A report no one filed, under a well-formed ID (so the request reaches the database).
fn missing() -> String {
    format!("/api/v1/reports/{}", lapor_e2e::UNKNOWN_TRACKING_ID)
}

fn open(app: &lapor_e2e::TestApp) -> rusqlite::Connection {
    rusqlite::Connection::open(app.state_dir().join("sqlite_db.db")).unwrap()
}

#[test]
fn an_older_replica_keeps_serving_a_newer_schema_without_the_write_lock() {
    let app = lapor_e2e::app();
    assert_eq!(app.get(&missing()).status, 404, "first request migrates");
    let conn = open(&app);
    // A newer release has migrated further, and is writing right now (it holds the write lock).
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    conn.execute_batch(&format!("PRAGMA user_version = {}; BEGIN IMMEDIATE;", version + 1)).unwrap();
    let started = Instant::now();
    let r = app.get(&missing());
    let took = started.elapsed();
    conn.execute_batch("COMMIT").unwrap();
    assert_eq!(r.status, 404, "{}", r.text());
    assert!(took < Duration::from_secs(2), "a read waited {took:?} for the write lock");
    let r = app.get("/laporan");
    assert_eq!(r.status, 200);
}

#[test]
fn a_schema_older_than_the_code_needs_is_a_clear_503() {
    let app = lapor_e2e::app();
    assert_eq!(app.get(&missing()).status, 404);
    let conn = open(&app);
    // The schema looks older than this code needs, and another instance holds the write lock, so it cannot be
    // brought up to date now.
    conn.execute_batch("PRAGMA user_version = 0; BEGIN IMMEDIATE;").unwrap();
    let r = app.get(&missing());
    conn.execute_batch("COMMIT").unwrap();
    assert_eq!(r.status, 503, "{}", r.text());
    assert_eq!(r.json()["error"]["code"], "unavailable");
    assert!(r.json()["error"]["message"].as_str().unwrap().contains("schema"), "{}", r.text());
    assert!(r.header("retry-after").is_some());
    // Once the lock is free, the next request brings it up to date and is served.
    assert_eq!(app.get(&missing()).status, 404);
}
