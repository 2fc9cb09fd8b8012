//! Exact rate counters (`lapor_store::limits`) against a real SQLite: counts under concurrency, windows,
//! give-back and purge.

use lapor_core::rate_limit::{RateLimit, LOGIN_CLIENT};
use lapor_store::limits;
use lapor_store::native::NativeDb;

mod common;

const T0: i64 = 1_800_000_000; // a multiple of 900 and 3600

#[test]
fn each_attempt_gets_its_own_number_and_a_new_window_starts_again() {
    let db = common::db();
    let a = LOGIN_CLIENT.slot("login-client", "203.0.113.9", T0);
    let b = LOGIN_CLIENT.slot("login-client", "203.0.113.10", T0);
    assert_eq!(limits::take(&db, &[&a, &b]).unwrap(), vec![1, 1]);
    assert_eq!(limits::take(&db, &[&a]).unwrap(), vec![2]);
    assert_eq!(limits::take(&db, &[&b, &a]).unwrap(), vec![2, 3], "counts come back in the order asked");
    limits::give_back(&db, &[&a]).unwrap();
    assert_eq!(limits::take(&db, &[&a]).unwrap(), vec![3]);
    limits::give_back(&db, &[&a, &b]).unwrap();
    assert_eq!(limits::take(&db, &[&a, &b]).unwrap(), vec![3, 2], "both given back in one call");
    let next = LOGIN_CLIENT.slot("login-client", "203.0.113.9", T0 + 900);
    assert_eq!(next.key, a.key, "one row per subject");
    assert_eq!(limits::take(&db, &[&next]).unwrap(), vec![1], "a new window starts again");
    // A slot of the old window is not given back into the new one.
    limits::give_back(&db, &[&a]).unwrap();
    assert_eq!(limits::take(&db, &[&next]).unwrap(), vec![2]);
    assert_eq!(limits::count(&db).unwrap(), 2);
}

#[test]
fn concurrent_attempts_on_separate_connections_are_counted_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    lapor_store::migrate(&NativeDb::open(&path).unwrap()).unwrap();
    let limit = RateLimit { window_secs: 900, max: 10 };
    let slot = limit.slot("login-client", "198.51.100.1", T0);
    let counts: Vec<u64> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let (path, slot) = (path.clone(), slot.clone());
                s.spawn(move || {
                    let db = NativeDb::open(&path).unwrap();
                    (0..5).map(|_| limits::take(&db, &[&slot]).unwrap()[0]).collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let mut sorted = counts.clone();
    sorted.sort();
    assert_eq!(sorted, (1..=40).collect::<Vec<u64>>(), "every attempt got its own number");
    assert_eq!(counts.iter().filter(|c| slot.allows(**c)).count(), 10, "exactly the limit passes");
}

#[test]
fn the_purge_removes_only_counters_whose_window_is_over() {
    let db = common::db();
    let hour = RateLimit { window_secs: 3600, max: 5 };
    let quarter = RateLimit { window_secs: 900, max: 5 };
    for i in 0..5 {
        limits::take(&db, &[&quarter.slot("q", &i.to_string(), T0)]).unwrap();
    }
    limits::take(&db, &[&hour.slot("h", "x", T0)]).unwrap();
    assert_eq!(limits::purge(&db, T0 + 899, 100).unwrap(), 0);
    assert_eq!(limits::purge(&db, T0 + 900, 3).unwrap(), 3, "in batches");
    assert_eq!(limits::purge(&db, T0 + 900, 100).unwrap(), 2);
    assert_eq!(limits::count(&db).unwrap(), 1, "the hour's counter stays");
}
