//! The SLA sweep end to end with the test clock: warning → breach → extension → warning → Ombudsman, exactly
//! one action, event and set of notices per step; repeated and overlapping sweeps add nothing; the cron
//! export runs the same sweep (auto-completion after the citizen's silence).

use crate::staff_support;

use lapor_e2e::TestApp;
use lapor_store::native::NativeDb;
use lapor_store::Db;
use serde_json::Value;
use staff_support::*;

const SWEEP: &str = "sweep-secret";

fn sla_app() -> TestApp {
    app_plus(&[("sweep_token", SWEEP)])
}

fn sweep(app: &TestApp) -> Value {
    let r = app.request("POST", "/internal/sweep", &[("authorization", &format!("Bearer {SWEEP}"))], b"");
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

fn count(app: &TestApp, sql: &str) -> i64 {
    NativeDb::open(&app.state_dir().join("sqlite_db.db")).unwrap().query_row(sql, &[]).unwrap().unwrap().int(0)
}

#[test]
fn warning_breach_extension_and_ombudsman_each_happen_once() {
    let mut app = sla_app();
    let org = organisation(&app);
    let tid = assigned_report(&app, &org);
    let events = |app: &TestApp, kind: &str| count(app, &format!("SELECT count(*) FROM events WHERE kind = '{kind}'"));

    // Reached the OPD Monday 30 Nov 09:00 WIB: the answer is due end of Monday 7 Dec, warned end of Friday 4 Dec.
    app.set_variable("now", "2026-12-03T03:00:00Z");
    assert_eq!(sweep(&app)["warnings"], 0);

    app.set_variable("now", "2026-12-04T18:00:00Z");
    let s = sweep(&app);
    assert_eq!((s["warnings"].as_i64(), s["breaches"].as_i64()), (Some(1), Some(0)), "{s}");
    assert_eq!(events(&app, "sla_warning"), 1);
    assert_eq!(
        count(&app, "SELECT count(*) FROM staff_notices WHERE kind = 'sla_warning'"),
        3,
        "liaison, instansi admin and Inspektorat"
    );
    assert_eq!(sweep(&app)["warnings"], 0, "a repeated sweep warns nobody twice");

    app.set_variable("now", "2026-12-08T02:00:00Z");
    let s = sweep(&app);
    assert_eq!(s["breaches"], 1, "{s}");
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count(*) FROM sla_actions WHERE action = 'breach' AND stage = 'follow_up' AND opd_id = {}",
                org.dinkes
            )
        ),
        1,
        "the breach is recorded against the OPD"
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM staff_notices WHERE kind = 'sla_breach' AND audience = 'inspektorat'"),
        1
    );
    assert_eq!(sweep(&app)["breaches"], 0);

    // The OPD asks for more time (signing in again: a week has passed); the instansi admin approves: ten more
    // working days, to Tuesday 22 Dec.
    let liaison = login_as(&app, LIAISON_EMAIL);
    let r = request_extension(&app, &liaison, &tid, "Menunggu anggaran perbaikan");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(events(&app, "extension_granted"), 0, "requested, not yet decided");
    let admin = login_as(&app, IADMIN_EMAIL);
    let r = decide_extension(&app, &admin, &tid, "approve");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(events(&app, "extension_granted"), 1);
    app.restart(); // timers live in the database, not in the host
    app.set_variable("now", "2026-12-22T02:00:00Z");
    let s = sweep(&app);
    assert_eq!(
        (s["warnings"].as_i64(), s["breaches"].as_i64()),
        (Some(1), Some(0)),
        "warned before the new deadline: {s}"
    );

    // Sixty days after reaching the OPD (29 Jan 2027) without completion: the Ombudsman mediates.
    app.set_variable("now", "2027-01-30T02:00:00Z");
    let s = sweep(&app);
    assert_eq!((s["ombudsman"].as_i64(), s["breaches"].as_i64()), (Some(1), Some(1)), "{s}");
    assert_eq!(events(&app, "escalated"), 1);
    assert_eq!(count(&app, "SELECT count(*) FROM staff_notices WHERE audience = 'ombudsman'"), 1);
    let again = sweep(&app);
    assert_eq!(
        (again["ombudsman"].as_i64(), again["breaches"].as_i64(), again["warnings"].as_i64()),
        (Some(0), Some(0), Some(0))
    );
    assert_eq!((events(&app, "sla_warning"), events(&app, "sla_breach")), (2, 2), "one event per step");
    assert!(s["elapsed_ms"].is_u64());
}

#[test]
fn overlapping_sweeps_act_once_per_deadline() {
    let app = sla_app();
    let org = organisation(&app);
    for _ in 0..6 {
        assigned_report(&app, &org);
    }
    let mut app = app;
    app.set_variable("now", "2026-12-08T02:00:00Z");
    let url = app.url("/internal/sweep");
    let runs: Vec<_> = (0..3)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || {
                let r = lapor_e2e::request("POST", &url, &[("authorization", &format!("Bearer {SWEEP}"))], b"");
                assert_eq!(r.status, 200, "{}", r.text());
                r.json()
            })
        })
        .collect();
    let results: Vec<Value> = runs.into_iter().map(|h| h.join().unwrap()).collect();
    let breaches: i64 = results.iter().map(|r| r["breaches"].as_i64().unwrap()).sum();
    let warnings: i64 = results.iter().map(|r| r["warnings"].as_i64().unwrap()).sum();
    assert_eq!((breaches, warnings), (6, 6), "{results:?}");
    assert_eq!(count(&app, "SELECT count(*) FROM sla_actions"), 12);
    assert_eq!(count(&app, "SELECT count(*) FROM events WHERE kind IN ('sla_breach', 'sla_warning')"), 12);
    assert_eq!(count(&app, "SELECT count(*) FROM staff_notices"), 36, "liaison, instansi admin, Inspektorat");
}

#[test]
fn the_cron_export_completes_an_answer_the_citizen_left_unanswered() {
    let mut app = sla_app();
    let org = organisation(&app);
    let tid = assigned_report(&app, &org);
    let r = answer(&app, &org.liaison, &tid, "Puskesmas sudah buka kembali.");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(public_color(&app, &tid), "yellow");
    app.set_variable("now", "2026-12-05T02:00:00Z");
    app.fire_cron("sla-sweep").unwrap();
    assert_eq!(public_color(&app, &tid), "yellow", "too early");
    app.set_variable("now", "2026-12-11T02:00:00Z");
    app.fire_cron("sla-sweep").unwrap();
    assert_eq!(public_color(&app, &tid), "green");
    app.fire_cron("sla-sweep").unwrap();
    assert_eq!(count(&app, "SELECT count(*) FROM sla_actions WHERE action = 'auto_complete'"), 1);
}

#[test]
fn the_sweep_endpoint_needs_its_token() {
    let app = sla_app();
    assert_eq!(app.request("POST", "/internal/sweep", &[], b"").status, 401);
    assert_eq!(app.request("POST", "/internal/sweep", &[("authorization", "Bearer wrong")], b"").status, 401);
    assert_eq!(app.get("/internal/sweep").status, 405);
}
