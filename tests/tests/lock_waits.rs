//! Writers that queue for SQLite's write lock get it soon after it is free (issue 12). Spin opens every
//! connection with SQLite's sleeping busy handler, whose waits grow to 100 ms, so a request that had waited a
//! while used to sleep on long after the holder committed; the store now turns that handler off and retries in
//! steps of at most 4 ms (`lapor_store::busy`). Run on the ceiling probe (`bench/probe`), which writes through
//! the same store code as the app, on devhost or, with `LAPOR_SPIN`, on Spin.

use std::time::{Duration, Instant};

#[test]
fn queued_writers_get_the_lock_within_milliseconds_of_its_release() {
    let probe = lapor_e2e::app_with_manifest("bench/probe/spin.toml", &[]);
    let setup = probe.request("POST", "/probe/setup?schema=app", &[], b"");
    assert_eq!(setup.status, 200, "{}", setup.text());

    // The holder keeps the write lock for 600 ms; four writers arrive 150 ms in and wait for it.
    let holder = {
        let url = probe.url("/probe/hold?ms=600");
        std::thread::spawn(move || {
            let r = lapor_e2e::request("POST", &url, &[], b"");
            (r.status, Instant::now())
        })
    };
    std::thread::sleep(Duration::from_millis(150));
    let writers: Vec<_> = (0..4)
        .map(|_| {
            let url = probe.url("/probe/insert");
            std::thread::spawn(move || {
                let r = lapor_e2e::request("POST", &url, &[], b"");
                (r.status, Instant::now())
            })
        })
        .collect();
    let (held_status, released) = holder.join().unwrap();
    assert_eq!(held_status, 200);
    let done: Vec<(u16, Instant)> = writers.into_iter().map(|w| w.join().unwrap()).collect();
    assert!(done.iter().all(|(status, _)| *status == 200), "{:?}", done.iter().map(|d| d.0).collect::<Vec<_>>());
    // SQLite's own handler sleeps 50–100 ms at a time by then: the last writer would finish up to 100 ms late.
    let last = done.iter().map(|(_, at)| *at).max().unwrap();
    let late = last.saturating_duration_since(released);
    assert!(late < Duration::from_millis(60), "the last queued writer finished {late:?} after the lock was free");

    // Every write landed once: the holder's row and the four writers'.
    assert_eq!(probe.get("/probe/read").text(), "held", "the holder committed first");
    assert_eq!(probe.get("/probe/count").text(), "5");
}
