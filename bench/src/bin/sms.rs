//! The SMS webhook against the web intake, same run (issue 23, item 3): signed SMS reports and JSON web reports at 1
//! and 8 concurrent clients, each request from its own loopback address (as the internet's clients are, so the
//! per-client limits see many clients), each report from its own citizen (NIK, phone). The app's Twilio points at a
//! fake Twilio on loopback that accepts every message, so an acknowledgement the webhook sends over the REST API
//! costs its real round trip. Prints a markdown table.
//!
//! `cargo run --release -p lapor-bench --bin sms [-- SECONDS_PER_ROUND [SPIN_BINARY [MANIFEST]]]` (or `LAPOR_SPIN=…`;
//! MANIFEST, default `spin.toml`, lets an older build of a component be measured in the same run).

use std::net::Ipv4Addr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use lapor_e2e::clients::request_from;
use lapor_e2e::{FakeResponse, FakeServer, TestApp, PUBLIC_URL as PUBLIC};
use serde_json::json;

const AUTH_TOKEN: &str = "bench-token";

/// A fresh loopback client address for every request: 127.x.y.z over 127.1.0.1 …
fn address(n: usize) -> Ipv4Addr {
    let n = n as u32 + 65_536 + 1;
    Ipv4Addr::new(127, (n >> 16) as u8, (n >> 8) as u8, n as u8)
}

struct Round {
    what: &'static str,
    clients: usize,
    lat_ms: Vec<f64>,
    errors: usize,
    secs: f64,
}

impl Round {
    fn pct(&self, p: f64) -> f64 {
        let mut v = self.lat_ms.clone();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v.get(((v.len().max(1) - 1) as f64 * p).round() as usize).copied().unwrap_or(0.0)
    }
    fn rps(&self) -> f64 {
        self.lat_ms.len() as f64 / self.secs
    }
}

fn round(what: &'static str, clients: usize, secs: f64, work: &(dyn Fn(usize) -> bool + Sync)) -> Round {
    let next = AtomicUsize::new(0);
    let lat = Mutex::new(Vec::new());
    let errors = AtomicUsize::new(0);
    let start = Instant::now();
    let deadline = start + Duration::from_secs_f64(secs);
    std::thread::scope(|s| {
        for _ in 0..clients {
            s.spawn(|| {
                while Instant::now() < deadline {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let t = Instant::now();
                    if work(n) {
                        lat.lock().unwrap().push(t.elapsed().as_secs_f64() * 1000.0);
                    } else {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    Round {
        what,
        clients,
        lat_ms: lat.into_inner().unwrap(),
        errors: errors.into_inner(),
        secs: start.elapsed().as_secs_f64(),
    }
}

fn web(app: &TestApp, n: usize) -> bool {
    let (nik, phone) = lapor_bench::citizen(n);
    let body = json!({
        "kind": "pengaduan", "title": "Jalan rusak di depan sekolah",
        "body": "Lubang besar di jalan depan SDN 5 sudah tiga bulan tidak diperbaiki.",
        "category": "infrastruktur", "location": {"region_code": "17.71"},
        "reporter": {"name": "Siti Aminah", "nik": nik, "phone": phone}
    });
    let r = request_from(
        app,
        address(n),
        "POST",
        "/api/v1/reports",
        &[("content-type", "application/json")],
        body.to_string().as_bytes(),
    );
    r.status == 201
}

fn sms(app: &TestApp, n: usize) -> bool {
    let text = "KOTA BENGKULU_jalan berlubang di depan SDN 5 sudah tiga bulan";
    let (body, sig) =
        lapor_bench::signed_sms(AUTH_TOKEN, PUBLIC, &format!("SMbench{n:010}"), &format!("+62813{n:08}"), text);
    let headers = [("content-type", "application/x-www-form-urlencoded"), ("x-twilio-signature", sig.as_str())];
    let r = request_from(app, address(n), "POST", "/webhooks/sms/twilio", &headers, body.as_bytes());
    r.status == 200
}

fn main() {
    let secs: f64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(5.0);
    let spin = std::env::args().nth(2).map(std::path::PathBuf::from).or_else(lapor_e2e::spin_binary);
    let manifest = std::env::args().nth(3).unwrap_or_else(|| "spin.toml".into());
    let twilio = FakeServer::start();
    twilio.set_default(FakeResponse::json(201, &json!({"sid": "SMout", "status": "queued"})));
    let base = twilio.url();
    let mut engines = vec![("devhost", lapor_e2e::EngineKind::Devhost)];
    if let Some(spin) = spin {
        engines.push(("Spin 4.0.2", lapor_e2e::EngineKind::Spin(spin)));
    }
    println!("| engine | what | clients | requests | errors | req/s | p50 ms | p99 ms |");
    println!("|---|---|---|---|---|---|---|---|");
    let offset = AtomicUsize::new(0);
    for (name, kind) in engines {
        let app = lapor_e2e::app_on(
            kind,
            &manifest,
            &[
                ("test_mode", "false"),
                ("twilio_auth_token", AUTH_TOKEN),
                ("twilio_account_sid", "ACbench"),
                ("twilio_api_base", &base),
                ("public_base_url", PUBLIC),
            ],
        );
        // Warm: the first request applies the migrations.
        assert!(web(&app, 9_999_999));
        for clients in [1, 8] {
            for (what, work) in
                [("POST /api/v1/reports", web as fn(&TestApp, usize) -> bool), ("POST /webhooks/sms/twilio", sms)]
            {
                let from = offset.fetch_add(1_000_000, Ordering::Relaxed);
                let r = round(what, clients, secs, &|n| work(&app, from + n));
                println!(
                    "| {name} | {} | {} | {} | {} | {:.0} | {:.2} | {:.2} |",
                    r.what,
                    r.clients,
                    r.lat_ms.len(),
                    r.errors,
                    r.rps(),
                    r.pct(0.5),
                    r.pct(0.99)
                );
            }
        }
    }
    println!("\nacknowledgements the fake Twilio received: {}", twilio.requests().len());
}
