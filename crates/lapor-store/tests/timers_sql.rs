//! SLA timers as rows (`report_timers`, migration 0025): what each step of the workflow arms, what the sweep does
//! with them, and the upgrade of a database whose timers were columns of `reports`.

use chrono::NaiveDate;
use lapor_core::report::NewReport;
use lapor_core::roles::Role;
use lapor_core::{sla, Channel, Status, TrackingId};
use lapor_store::native::NativeDb;
use lapor_store::workflow::{self, StaffActor, Verification};
use lapor_store::{migrate, organisation, params, reports, sla as sweep, timers, Db};

mod common;

use common::db;

const DAY: i64 = 86_400;
const ADMIN: StaffActor = StaffActor { account_id: 1, role: Role::NationalAdmin };
const INSTANSI: StaffActor = StaffActor { account_id: 2, role: Role::InstansiAdmin };
const LIAISON: StaffActor = StaffActor { account_id: 3, role: Role::OpdLiaison };

/// A report from Bangka Tengah filed at `at`.
fn new_report(db: &dyn Db, seed: u64, at: i64) -> i64 {
    let mut r: NewReport = serde_json::from_value(serde_json::json!({
        "kind": "pengaduan", "title": "Puskesmas tutup", "body": "Puskesmas Koba tutup pada jam kerja hari Senin.",
        "category": "kesehatan",
        "reporter": {"name": "Budi", "nik": "1771011708900001", "phone": "081234567890"}
    }))
    .unwrap();
    r.location = Some(lapor_core::report::LocationInput { region_code: Some("19.04".into()), ..Default::default() });
    let v = r.validate_web(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()).unwrap();
    let mut ids = move || TrackingId::from_random(seed.to_le_bytes());
    reports::create(db, &v, &mut ids, None, Some(&format!("src-{seed}")), at).unwrap().id
}

/// Files, verifies (dispatched at once) and assigns a report at `at`; returns its id.
fn assigned(db: &dyn Db, seed: u64, at: i64) -> i64 {
    let id = new_report(db, seed, at);
    let v = workflow::verify(db, id, &ADMIN, &Verification::default(), at).unwrap();
    let dinkes = organisation::find_opd_by_code(db, v.instansi_id.unwrap(), "dinkes").unwrap().unwrap();
    workflow::assign(db, id, &INSTANSI, dinkes.id, at).unwrap();
    id
}

fn due_at(db: &dyn Db, id: i64) -> Option<i64> {
    db.query_row("SELECT due_at FROM reports WHERE id = ?", params![id]).unwrap().unwrap().opt_int(0)
}

fn kinds(db: &dyn Db, id: i64) -> Vec<String> {
    let mut k: Vec<String> = timers::armed(db, id).unwrap().into_iter().map(|(k, _)| k).collect();
    k.sort();
    k
}

fn timer(db: &dyn Db, id: i64, kind: &str) -> Option<i64> {
    timers::armed(db, id).unwrap().into_iter().find(|(k, _)| k == kind).map(|(_, d)| d)
}

fn count(db: &dyn Db, sql: &str) -> i64 {
    db.query_row(sql, &[]).unwrap().unwrap().int(0)
}

/// Monday 30 November 2026, 09:00 WIB.
const MONDAY: i64 = 1_796_004_000;

#[test]
fn each_step_of_the_workflow_arms_its_timers() {
    let db = db();
    let id = new_report(&db, 1, MONDAY);
    assert_eq!(timers::armed(&db, id).unwrap(), vec![("breach".to_string(), due_at(&db, id).unwrap())]);
    assert_eq!(due_at(&db, id), Some(sla::verification_due(&reports::calendar(&db).unwrap(), MONDAY)));

    let v = workflow::verify(&db, id, &ADMIN, &Verification::default(), MONDAY + 60).unwrap();
    assert_eq!(v.status, Status::Dispatched);
    assert_eq!(timers::armed(&db, id).unwrap(), vec![("breach".to_string(), due_at(&db, id).unwrap())]);

    let dinkes = organisation::find_opd_by_code(&db, v.instansi_id.unwrap(), "dinkes").unwrap().unwrap();
    workflow::assign(&db, id, &INSTANSI, dinkes.id, MONDAY + 120).unwrap();
    let due = due_at(&db, id).unwrap();
    assert_eq!(kinds(&db, id), ["breach", "ombudsman", "warning"]);
    assert_eq!(timer(&db, id, "breach"), Some(due));
    assert!(timer(&db, id, "warning").unwrap() < due);
    assert_eq!(timer(&db, id, "ombudsman"), Some(sla::follow_up_limit(MONDAY + 120)));

    // An approved extension moves the breach and its warning; the 60-day clock stays.
    workflow::request_extension(&db, id, &LIAISON, "menunggu anggaran", MONDAY + 200).unwrap();
    lapor_store::oversight::decide_extension(&db, id, &INSTANSI, true, None, MONDAY + 300).unwrap();
    let extended = due_at(&db, id).unwrap();
    assert!(extended > due);
    assert_eq!(timer(&db, id, "breach"), Some(extended));
    assert!(timer(&db, id, "warning").unwrap() > due);
    assert_eq!(timer(&db, id, "ombudsman"), Some(sla::follow_up_limit(MONDAY + 120)));

    // Answered: no deadline runs for the OPD, the citizen's silence is timed.
    workflow::answer(&db, id, &LIAISON, "Puskesmas buka lagi.", None, MONDAY + 400).unwrap();
    assert_eq!(kinds(&db, id), ["auto_complete", "ombudsman"]);
    assert_eq!(timer(&db, id, "auto_complete"), Some(MONDAY + 400 + 10 * DAY));
    workflow::citizen_reply(&db, id, Channel::Web, "belum selesai", MONDAY + 500).unwrap();
    assert_eq!(kinds(&db, id), ["ombudsman"]);
    workflow::answer(&db, id, &LIAISON, "Sudah ditegur.", None, MONDAY + 600).unwrap();
    assert_eq!(timer(&db, id, "auto_complete"), Some(MONDAY + 600 + 10 * DAY));

    // Completed: every timer stops.
    workflow::citizen_accept(&db, id, Channel::Web, MONDAY + 700).unwrap();
    assert!(timers::armed(&db, id).unwrap().is_empty());
}

#[test]
fn the_sweep_acts_once_per_timer_and_leaves_what_is_not_due() {
    let db = db();
    let id = assigned(&db, 1, MONDAY);
    let later = assigned(&db, 2, MONDAY + 3 * DAY);
    let warn = timer(&db, id, "warning").unwrap();
    let due = due_at(&db, id).unwrap();

    let s = sweep::sweep(&db, warn, 500, 50_000).unwrap();
    assert_eq!((s.warnings, s.breaches), (1, 0), "{s:?}");
    assert_eq!(sweep::sweep(&db, warn, 500, 50_000).unwrap(), sweep::SweepSummary::default(), "once");
    assert_eq!(kinds(&db, id), ["breach", "ombudsman"], "the warning is consumed");
    assert_eq!(kinds(&db, later), ["breach", "ombudsman", "warning"], "not due yet");

    let s = sweep::sweep(&db, due + 1, 500, 50_000).unwrap();
    assert_eq!((s.warnings, s.breaches, s.escalations), (0, 1, 0), "a follow-up breach stays at the OPD: {s:?}");
    let ledger = |db: &dyn Db| {
        db.execute("SELECT action, stage, due_at FROM sla_actions WHERE report_id = ? ORDER BY id", params![id])
            .unwrap()
            .rows
            .iter()
            .map(|r| (r.text(0), r.opt_text(1), r.int(2)))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ledger(&db),
        vec![("warning".into(), Some("follow_up".into()), due), ("breach".into(), Some("follow_up".into()), due)]
    );
    assert_eq!(count(&db, "SELECT count(*) FROM staff_notices WHERE kind = 'sla_breach'"), 3);

    // A timer armed again for a deadline already acted on does nothing twice (the ledger holds it).
    timers::write(
        &db,
        id,
        &[lapor_core::timers::TimerChange::Set(lapor_core::timers::Timer::new(
            lapor_core::timers::TimerKind::Breach,
            due,
        ))],
    )
    .unwrap();
    assert_eq!(sweep::sweep(&db, due + 1, 500, 50_000).unwrap().breaches, 0);
    assert_eq!(ledger(&db).len(), 2);

    // Small batches and a cap: the rest waits for the next run.
    let s = sweep::sweep(&db, MONDAY + 30 * DAY, 1, 1).unwrap();
    assert_eq!(s.warnings + s.breaches, 1, "{s:?}");
    let s = sweep::sweep(&db, MONDAY + 30 * DAY, 1, 50_000).unwrap();
    assert_eq!(s.warnings + s.breaches, 1, "{s:?}");
}

#[test]
fn a_report_escalated_and_completed_in_one_sweep_sees_them_in_that_order() {
    let db = db();
    let id = assigned(&db, 1, MONDAY);
    workflow::answer(&db, id, &LIAISON, "Puskesmas buka lagi.", None, MONDAY + DAY).unwrap();
    // Both the 60-day escalation and the auto-completion are due: escalated first, then completed.
    let s = sweep::sweep(&db, MONDAY + 61 * DAY, 500, 50_000).unwrap();
    assert_eq!((s.ombudsman, s.auto_completed), (1, 1), "{s:?}");
    let h = workflow::history(&db, id).unwrap();
    let tail: Vec<&str> = h.iter().rev().take(2).map(|e| e.kind.as_str()).collect();
    assert_eq!(tail, ["status", "escalated"], "{h:?}");
    assert!(timers::armed(&db, id).unwrap().is_empty());
    let out = count(&db, &format!("SELECT count(*) FROM outbox WHERE dedupe_key LIKE 'ombudsman:{id}%'"));
    assert_eq!(out, 1, "the citizen is told of the escalation once");
}

#[test]
fn a_sweep_leaves_kinds_it_does_not_know_to_the_release_that_does() {
    let db = db();
    let id = new_report(&db, 1, MONDAY);
    db.execute(
        "INSERT INTO report_timers (report_id, part, kind, due_at) VALUES (?, 0, 'reminder', ?)",
        params![id, MONDAY + 1],
    )
    .unwrap();
    sweep::sweep(&db, MONDAY + 60 * DAY, 500, 50_000).unwrap();
    assert_eq!(kinds(&db, id), ["reminder"], "the breach is consumed, the unknown kind stays");
}

/// A database as release 0024 left it: the timers are columns of `reports`.
fn before_0025() -> NativeDb {
    let db = NativeDb::memory();
    migrate::migrate_to(&db, 24).unwrap();
    assert_eq!(count(&db, "SELECT count(*) FROM sqlite_master WHERE name = 'report_timers'"), 0);
    db
}

#[test]
fn migration_0025_turns_timer_columns_into_rows() {
    let db = before_0025();
    // Filed through the intake view, as 0021 stored it (the verification deadline in `breach_at`); the other two
    // moved on as an older release's workflow left them.
    let id = new_report(&db, 1, MONDAY);
    let filed_breach = db.query_row("SELECT breach_at FROM reports WHERE id = ?", params![id]).unwrap().unwrap().int(0);
    assert_eq!(Some(filed_breach), due_at(&db, id));
    let answered = new_report(&db, 2, MONDAY);
    let due = MONDAY + 7 * DAY;
    db.execute(
        "UPDATE reports SET status = 'assigned', due_at = ?, warn_at = ?, breach_at = ?, escalate_at = ? WHERE id = ?",
        params![due, due - DAY, due, MONDAY + 60 * DAY, answered],
    )
    .unwrap();
    let other = new_report(&db, 3, MONDAY);
    db.execute(
        "UPDATE reports SET status = 'in_progress', due_at = NULL, breach_at = NULL, answered_at = ? WHERE id = ?",
        params![MONDAY + DAY, other],
    )
    .unwrap();

    migrate(&db).unwrap();
    assert_eq!(timers::armed(&db, id).unwrap(), vec![("breach".to_string(), filed_breach)]);
    assert_eq!(
        timers::armed(&db, answered).unwrap(),
        vec![
            ("warning".to_string(), due - DAY),
            ("breach".to_string(), due),
            ("ombudsman".to_string(), MONDAY + 60 * DAY)
        ]
    );
    assert_eq!(
        db.query_row("SELECT deadline FROM report_timers WHERE report_id = ? AND kind = 'warning'", params![answered])
            .unwrap()
            .unwrap()
            .opt_int(0),
        Some(due),
        "a warning knows the deadline it warns of"
    );
    assert_eq!(timer(&db, other, "auto_complete"), Some(MONDAY + 11 * DAY), "the answer time plus 10 days");
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM reports WHERE warn_at IS NOT NULL OR breach_at IS NOT NULL \
             OR escalate_at IS NOT NULL OR answered_at IS NOT NULL"
        ),
        0,
        "the columns are emptied, so an older sweep cannot act on them a second time"
    );
    // The sweep acts on the moved timers as it did on the columns.
    let s = sweep::sweep(&db, MONDAY + 12 * DAY, 500, 50_000).unwrap();
    assert_eq!((s.warnings, s.breaches, s.auto_completed), (1, 2, 1), "{s:?}");
}

#[test]
fn an_older_replica_s_timer_columns_become_rows_during_a_rolling_upgrade() {
    let db = db();
    let id = assigned(&db, 1, MONDAY);
    let limit = timer(&db, id, "ombudsman").unwrap();
    // An older replica assigns again (its timers::apply): breach, warning, the 60-day clock kept.
    db.execute(
        "UPDATE reports SET breach_at = ?, warn_at = ?, answered_at = NULL, escalate_at = coalesce(escalate_at, ?) \
         WHERE id = ?",
        params![MONDAY + 9 * DAY, MONDAY + 8 * DAY, limit + DAY, id],
    )
    .unwrap();
    assert_eq!(timer(&db, id, "breach"), Some(MONDAY + 9 * DAY));
    assert_eq!(timer(&db, id, "warning"), Some(MONDAY + 8 * DAY));
    assert_eq!(timer(&db, id, "ombudsman"), Some(limit), "the 60-day clock already armed is kept");
    // Its sweep claims the warning column: the row goes with it, the others stay.
    db.execute("UPDATE reports SET warn_at = NULL WHERE id = ?", params![id]).unwrap();
    assert_eq!(kinds(&db, id), ["breach", "ombudsman"]);
    // Its answer starts the auto-completion clock.
    db.execute("UPDATE reports SET answered_at = ? WHERE id = ?", params![MONDAY + DAY, id]).unwrap();
    assert_eq!(timer(&db, id, "auto_complete"), Some(MONDAY + 11 * DAY));
    // An older intake (the view's `breach_at`) arms the verification deadline as a row: the same view serves both.
    let filed = new_report(&db, 2, MONDAY);
    assert_eq!(kinds(&db, filed), ["breach"]);
    assert_eq!(
        count(&db, &format!("SELECT count(*) FROM reports WHERE id = {filed} AND breach_at IS NULL")),
        1,
        "the column is no longer written"
    );
}
