//! Times one SLA sweep on a database of 1,000,000 reports of which 10,000 are due (a follow-up deadline
//! passed), with the same store code the sla-sweep component runs, on rusqlite. The reports are loaded as release
//! 0024 stored them (timers as columns of `reports`), so the upgrade to timer rows (migration 0025) is timed too.
//! Prints the figures.
//!
//! `cargo run --release -p lapor-bench --bin sweep [-- REPORTS DUE]`

use std::time::Instant;

use lapor_store::native::NativeDb;
use lapor_store::{migrate, Db};

fn main() {
    let args: Vec<i64> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (total, due) = (args.first().copied().unwrap_or(1_000_000), args.get(1).copied().unwrap_or(10_000));
    let dir = std::env::temp_dir().join(format!("lapor-bench-sweep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bench.db");
    let db = NativeDb::open(&path).unwrap();
    migrate::migrate_to(&db, 24).unwrap();
    let now: i64 = 1_796_086_800; // 2026-12-01T01:00:00Z
    let opd = db.query_row("SELECT id, instansi_id FROM opds WHERE code = 'dinkes' LIMIT 1", &[]).unwrap().unwrap();
    let every = (total / due.max(1)).max(1);

    let t = Instant::now();
    // One statement generates every report: assigned to an OPD, deadlines in the future except every
    // `every`-th, whose follow-up deadline passed an hour ago.
    db.execute(
        "INSERT INTO reports (tracking_id, kind, title, body, category, channel, visibility, status, instansi_id, \
         opd_id, due_at, breach_at, assigned_at, escalate_at, created_at, updated_at) \
         WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ?) \
         SELECT printf('%010d', 1000000000 + x), 'pengaduan', 'Laporan ' || x, 'Isi laporan nomor ' || x, 'kesehatan', \
         'web', 'public', 'assigned', ?, ?, \
         CASE WHEN x % ? = 0 THEN ? - 3600 ELSE ? + 86400 * 30 END, \
         CASE WHEN x % ? = 0 THEN ? - 3600 ELSE ? + 86400 * 30 END, \
         ? - 86400 * 7, ? + 86400 * 53, ? - 86400 * 7, ? - 86400 * 7 FROM n",
        &[
            total.into(),
            opd.int(1).into(),
            opd.int(0).into(),
            every.into(),
            now.into(),
            now.into(),
            every.into(),
            now.into(),
            now.into(),
            now.into(),
            now.into(),
            now.into(),
            now.into(),
        ],
    )
    .unwrap();
    let load = t.elapsed();
    let t = Instant::now();
    migrate(&db).unwrap();
    let upgrade = t.elapsed();
    let count = |sql: &str| db.query_row(sql, &[]).unwrap().unwrap().int(0);
    let rows = count("SELECT count(*) FROM reports");
    let timers = count("SELECT count(*) FROM report_timers");
    let due_now = count(&format!("SELECT count(*) FROM report_timers WHERE due_at <= {now}"));

    let (t, cpu) = (Instant::now(), cpu_ns());
    let summary = lapor_store::sla::sweep(&db, now, 500, 50_000).unwrap();
    let (first, first_cpu) = (t.elapsed(), cpu_ns() - cpu);
    let t = Instant::now();
    let again = lapor_store::sla::sweep(&db, now, 500, 50_000).unwrap();
    let second = t.elapsed();

    println!("| figure | value |");
    println!("|---|---|");
    println!("| reports in the database | {rows} |");
    println!("| timers in the database | {timers} |");
    println!("| timers due | {due_now} |");
    println!("| load time | {:.1} s |", load.as_secs_f64());
    println!("| migration 0025 (timer columns to rows) | {:.1} s |", upgrade.as_secs_f64());
    println!("| sweep (acts on every due report) | {:.3} s |", first.as_secs_f64());
    println!("| its CPU time (this thread, from /proc) | {:.3} s |", first_cpu as f64 / 1e9);
    println!("| breaches recorded | {} |", summary.breaches);
    println!("| second sweep (nothing due) | {:.4} s |", second.as_secs_f64());
    println!("| actions in the second sweep | {} |", again.breaches + again.warnings);
    let _ = std::fs::remove_dir_all(&dir);
}

/// CPU time this thread has had, in nanoseconds (Linux `/proc/thread-self/schedstat`; 0 elsewhere): unlike the wall
/// clock, it hardly depends on what else the machine runs.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}
