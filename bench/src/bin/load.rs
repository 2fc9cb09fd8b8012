//! Load figures for the app on devhost (release) and on a real Spin (when a binary is given), compared with the
//! native floor: the same report insert done with rusqlite directly. Measures report intake (POST /api/v1/reports)
//! at 1, 8 and 64 concurrent clients, tracking reads at 1 and 8, and the SMS webhook with signature checking, and
//! counts the SQLite statements of one intake request. Beside the app, each engine runs the ceiling probe
//! (`bench/probe`): a minimal component that inserts or reads one row per request, on a database with one table
//! and on one with the app's schema, so the table shows what the engine allows before any of the app's work.
//! Prints a table and writes bench/results/latest.md. Traffic goes to 127.0.0.1 only, in bounded rounds.
//!
//! `cargo run --release -p lapor-bench --bin load [-- SECONDS_PER_ROUND [SPIN_BINARY]]` (or `LAPOR_SPIN=…`)

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use lapor_core::report::NewReport;
use lapor_core::TrackingId;
use lapor_e2e::PUBLIC_URL as PUBLIC;
use lapor_store::native::NativeDb;
use serde_json::json;

const AUTH_TOKEN: &str = "bench-token";

/// One measured round: requests done, seconds, latencies (ms).
struct Round {
    name: String,
    clients: usize,
    done: usize,
    errors: usize,
    secs: f64,
    lat_ms: Vec<f64>,
}

impl Round {
    fn rps(&self) -> f64 {
        self.done as f64 / self.secs
    }
    fn pct(&self, p: f64) -> f64 {
        let mut v = self.lat_ms.clone();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        if v.is_empty() {
            return 0.0;
        }
        v[((v.len() as f64 - 1.0) * p).round() as usize]
    }
}

/// Runs `work` from `clients` threads for `secs` seconds (at most 100,000 requests in all).
fn round(name: &str, clients: usize, secs: f64, work: Arc<dyn Fn(usize, usize) -> bool + Send + Sync>) -> Round {
    let lat = Arc::new(Mutex::new(Vec::new()));
    let errors = Arc::new(Mutex::new(0usize));
    let start = Instant::now();
    let deadline = start + Duration::from_secs_f64(secs);
    let handles: Vec<_> = (0..clients)
        .map(|c| {
            let (lat, errors, work) = (lat.clone(), errors.clone(), work.clone());
            std::thread::spawn(move || {
                let mut i = 0;
                while Instant::now() < deadline && i < 100_000 / clients {
                    let t = Instant::now();
                    let ok = work(c, i);
                    let ms = t.elapsed().as_secs_f64() * 1000.0;
                    if ok {
                        lat.lock().unwrap().push(ms);
                    } else {
                        *errors.lock().unwrap() += 1;
                    }
                    i += 1;
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let lat_ms = Arc::try_unwrap(lat).unwrap().into_inner().unwrap();
    let errors = *errors.lock().unwrap();
    Round { name: name.into(), clients, done: lat_ms.len(), errors, secs: start.elapsed().as_secs_f64(), lat_ms }
}

/// Filings so far: each report is a new citizen (NIK, phone) from a new client address, as real traffic is, so the
/// per-client and per-contact filing limits (issue 28) see many clients.
static FILED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn report_json(c: usize, i: usize) -> serde_json::Value {
    let (nik, phone) = lapor_bench::citizen(FILED.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    json!({
        "kind": "pengaduan", "title": format!("Jalan rusak {c}-{i}"),
        "body": "Lubang besar di jalan depan SDN 5 sudah tiga bulan tidak diperbaiki.",
        "category": "infrastruktur", "location": {"region_code": "17.71"},
        "reporter": {"name": "Siti Aminah", "nik": nik, "phone": phone}
    })
}

/// A filing's headers: JSON, from a client address of its own behind the trusted proxy (the bench's loopback).
fn filing_headers(n: usize) -> [(&'static str, String); 2] {
    [
        ("content-type", "application/json".into()),
        ("x-forwarded-for", format!("10.{}.{}.{}", n >> 16 & 255, n >> 8 & 255, n & 255)),
    ]
}

/// `POST /api/v1/reports` of a new citizen from a new client.
fn file(base: &str, c: usize, i: usize) -> lapor_e2e::Resp {
    let body = report_json(c, i).to_string();
    let n = FILED.load(std::sync::atomic::Ordering::Relaxed);
    let headers = filing_headers(n);
    let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    lapor_e2e::request("POST", &format!("{base}/api/v1/reports"), &headers, body.as_bytes())
}

/// The measured rounds of one engine.
fn rounds_on(kind: lapor_e2e::EngineKind, secs: f64) -> (Vec<Round>, Option<f64>) {
    let app = lapor_e2e::app_on(
        kind,
        "spin.toml",
        &[
            ("test_mode", "false"),
            ("twilio_auth_token", AUTH_TOKEN),
            ("public_base_url", PUBLIC),
            // The bench's own loopback is the "ingress": each filing names its client in X-Forwarded-For.
            ("trusted_proxies", "127.0.0.1"),
        ],
    );
    let base = app.base_url();
    let mut rounds = Vec::new();

    // Statements per intake request, counted by the host (devhost counts every SQLite call), after a first request
    // has applied the migrations.
    let warm =
        lapor_e2e::request("GET", &format!("{base}/api/v1/reports/{}", lapor_e2e::UNKNOWN_TRACKING_ID), &[], b"");
    assert_eq!(warm.status, 404);
    let statements = app.sqlite_statements().map(|before| {
        const N: usize = 50;
        for i in 0..N {
            let r = file(&base, 999, i);
            assert_eq!(r.status, 201, "{}", r.text());
        }
        (app.sqlite_statements().unwrap() - before) as f64 / N as f64
    });

    for clients in [1, 8, 64] {
        let base = base.clone();
        rounds.push(round(
            "POST /api/v1/reports",
            clients,
            secs,
            Arc::new(move |c, i| file(&base, c, i).status == 201),
        ));
    }
    let created = file(&base, 0, 0);
    let tid = created.json()["tracking_id"].as_str().unwrap().to_string();
    for clients in [1, 8] {
        let url = format!("{base}/api/v1/reports/{tid}");
        rounds.push(round(
            "GET /api/v1/reports/{id}",
            clients,
            secs,
            Arc::new(move |_, _| lapor_e2e::request("GET", &url, &[], b"").status == 200),
        ));
    }
    let url = format!("{base}/webhooks/sms/twilio");
    rounds.push(round(
        "POST /webhooks/sms/twilio (signed)",
        8,
        secs,
        Arc::new(move |c, i| {
            let (sid, from) = (format!("SMbench{c}x{i}"), format!("+62812{:07}", c * 100_000 + i));
            let text = "KOTA BENGKULU_jalan berlubang di depan SDN 5";
            let (body, sig) = lapor_bench::signed_sms(AUTH_TOKEN, PUBLIC, &sid, &from, text);
            lapor_e2e::request(
                "POST",
                &url,
                &[("content-type", "application/x-www-form-urlencoded"), ("x-twilio-signature", &sig)],
                body.as_bytes(),
            )
            .status
                == 200
        }),
    ));
    (rounds, statements)
}

/// The ceiling probe's rounds on one engine: one-row writes at 1 and 8 clients and one-row reads at 8, on a
/// database holding only the probe's table, then on one that also holds the app's schema.
fn probe_rounds(kind: lapor_e2e::EngineKind, secs: f64) -> Vec<Round> {
    let mut rounds = Vec::new();
    for (setup, schema) in [("/probe/setup", "one-table db"), ("/probe/setup?schema=app", "app's schema")] {
        let probe = lapor_e2e::app_on(kind.clone(), "bench/probe/spin.toml", &[]);
        let base = probe.base_url();
        let ready = lapor_e2e::request("POST", &format!("{base}{setup}"), &[], b"");
        assert_eq!(ready.status, 200, "{}", ready.text());
        let insert = format!("{base}/probe/insert");
        for clients in [1, 8] {
            let url = insert.clone();
            rounds.push(round(
                &format!("probe: one-row INSERT, {schema}"),
                clients,
                secs,
                Arc::new(move |_, _| lapor_e2e::request("POST", &url, &[], b"").status == 200),
            ));
        }
        let url = format!("{base}/probe/read");
        rounds.push(round(
            &format!("probe: one-row SELECT, {schema}"),
            8,
            secs,
            Arc::new(move |_, _| lapor_e2e::request("GET", &url, &[], b"").status == 200),
        ));
    }
    rounds
}

/// The native floor: the same validated report stored with the same store code on rusqlite, one client.
fn native_floor(secs: f64) -> Round {
    let floor_dir = tempfile::tempdir().unwrap();
    let db = NativeDb::open(&floor_dir.path().join("floor.db")).unwrap();
    lapor_store::migrate(&db).unwrap();
    let input: NewReport = serde_json::from_value(report_json(0, 0)).unwrap();
    let valid = input.validate_web(chrono_today()).unwrap();
    let mut n: u64 = 1;
    let start = Instant::now();
    let mut lat_ms = Vec::new();
    while start.elapsed().as_secs_f64() < secs && lat_ms.len() < 100_000 {
        let t = Instant::now();
        n += 1;
        let seed = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        lapor_store::reports::create(
            &db,
            &valid,
            &mut || TrackingId::from_random(seed.to_le_bytes()),
            Some("h"),
            None,
            0,
        )
        .unwrap();
        lat_ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    Round {
        name: "native floor: reports::create on rusqlite".into(),
        clients: 1,
        done: lat_ms.len(),
        errors: 0,
        secs: start.elapsed().as_secs_f64(),
        lat_ms,
    }
}

fn main() {
    let secs: f64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(5.0);
    // A Spin binary: the second argument, or LAPOR_SPIN.
    let spin = std::env::args().nth(2).map(std::path::PathBuf::from).or_else(lapor_e2e::spin_binary);
    let root = lapor_e2e::repo_root();
    let mut engines = vec![("devhost", lapor_e2e::EngineKind::Devhost)];
    if let Some(spin) = &spin {
        engines.push(("Spin 4.0.2", lapor_e2e::EngineKind::Spin(spin.clone())));
    }
    let mut measured = Vec::new();
    let mut statements = None;
    for (name, kind) in engines {
        let (rounds, count) = rounds_on(kind.clone(), secs);
        statements = statements.or(count);
        measured.extend(rounds.into_iter().map(|r| (name, r)));
        measured.extend(probe_rounds(kind, secs).into_iter().map(|r| (name, r)));
    }
    let floor = native_floor(secs);

    let commit = std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mut out = format!(
        "# Load figures\n\nMachine: {cores} cores, {cpu}. Commit {commit}. {secs} s per round, on 127.0.0.1: devhost \
         (release){}, and the native floor.\n\n",
        if spin.is_some() { ", Spin 4.0.2 (`spin up`, stock, no plugins)" } else { "" }
    );
    if let Some(n) = statements {
        out.push_str(&format!("SQLite statements per intake request (counted by devhost): {n:.1}.\n\n"));
    }
    out.push_str(
        "| engine | what | clients | requests | errors | req/s | p50 ms | p99 ms | req/s vs native floor |\n\
         |---|---|---|---|---|---|---|---|---|\n",
    );
    for (engine, r) in measured.iter().map(|(e, r)| (*e, r)).chain(std::iter::once(("rusqlite", &floor))) {
        out.push_str(&format!(
            "| {engine} | {} | {} | {} | {} | {:.0} | {:.2} | {:.2} | {:.2} |\n",
            r.name,
            r.clients,
            r.done,
            r.errors,
            r.rps(),
            r.pct(0.5),
            r.pct(0.99),
            r.rps() / floor.rps()
        ));
    }
    print!("{out}");
    std::fs::create_dir_all(root.join("bench/results")).unwrap();
    std::fs::write(root.join("bench/results/latest.md"), out).unwrap();
}

/// Today, for validation (the incident date is not used here).
fn chrono_today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}
