//! The SLA sweep. It walks the due timers (`report_timers`, through its one index on `due_at`; armed by
//! [`crate::timers`]) in batches, each batch in one write transaction: it claims the batch by deleting its rows,
//! loads the reports' facts, asks each timer's kind what to do (`lapor_core::timers::TimerKind::decide`) and
//! applies the [`Outcome`]: the action recorded once in the `sla_actions` ledger (unique per report, action and
//! deadline), then the status change, events, notices, the reporter's message and timers it lists. The store
//! decides nothing here. Two sweeps at once, or one run twice, never act twice on the same deadline: a timer is
//! claimed by one transaction only, and the ledger refuses a second entry.

use lapor_core::timers::{Facts, Outcome, Timer, TimerKind};
use lapor_core::Status;

use crate::db::{placeholders, select, transaction, Db, Row, StoreError, Value};
use crate::lifecycle::{self, TransitionError};
use crate::notices::NewNotice;
use crate::reports::{self, NewEvent};
use crate::{notify, params, timers};

/// What one sweep did.
pub use lapor_core::timers::Summary as SweepSummary;

/// A claimed timer of a report.
struct Claimed {
    report_id: i64,
    timer: Timer,
}

/// What the sweep needs to know of a report.
struct Report {
    id: i64,
    tracking_id: String,
    status: Status,
    instansi_id: Option<i64>,
    opd_id: Option<i64>,
}

/// The keys of one batch of due timers: at most `?3`, due at `?1`, of a kind listed in `?2` (`,warning,breach,`…).
const DUE: &str =
    "SELECT report_id, part, kind FROM report_timers WHERE due_at <= ?1 AND instr(?2, ',' || kind || ',') \
     ORDER BY due_at, report_id, part, kind LIMIT ?3";

/// Claims a batch: reads and deletes up to `batch` timers due at `now` (soonest first, through
/// `report_timers_due`) of the kinds this build knows (a newer release's kinds wait for it). They come back kind by
/// kind in `TimerKind::ALL`'s order, then soonest first.
fn claim(db: &dyn Db, now: i64, batch: i64) -> Result<Vec<Claimed>, StoreError> {
    let kinds = TimerKind::ALL.iter().fold(String::from(","), |s, k| s + k.as_str() + ",");
    let args = params![now, kinds, batch];
    let rows = db.execute(
        &format!(
            "SELECT report_id, part, kind, due_at, deadline FROM report_timers WHERE (report_id, part, kind) IN ({DUE}) \
             ORDER BY instr(?2, ',' || kind || ','), due_at, report_id, part"
        ),
        args,
    )?;
    db.execute(&format!("DELETE FROM report_timers WHERE (report_id, part, kind) IN ({DUE})"), args)?;
    let mut claimed = Vec::with_capacity(rows.rows.len());
    for r in &rows.rows {
        if let Some(kind) = TimerKind::parse(&r.text(2)) {
            let timer = Timer { kind, part: r.int(1), due_at: r.int(3), deadline: r.opt_int(4) };
            claimed.push(Claimed { report_id: r.int(0), timer });
        }
    }
    Ok(claimed)
}

/// The facts of the claimed timers' reports, sorted by id.
fn reports_of(db: &dyn Db, claimed: &[Claimed]) -> Result<Vec<Report>, StoreError> {
    let args: Vec<Value> = claimed.iter().map(|c| c.report_id.into()).collect();
    let sql = format!(
        "SELECT id, tracking_id, status, instansi_id, opd_id FROM reports WHERE id IN ({}) ORDER BY id",
        placeholders(args.len())
    );
    select(db, &sql, &args, |r: &Row| Report {
        id: r.int(0),
        tracking_id: r.text(1),
        status: r.status(2),
        instansi_id: r.opt_int(3),
        opd_id: r.opt_int(4),
    })
}

/// Applies one timer's outcome; returns the report's new status when it changed.
fn apply(db: &dyn Db, r: &Report, o: &Outcome, now: i64, s: &mut SweepSummary) -> Result<Option<Status>, StoreError> {
    let report_id = r.id;
    let recorded = db.execute(
        "INSERT INTO sla_actions (report_id, action, stage, due_at, instansi_id, opd_id, at) VALUES (?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (report_id, action, due_at) DO NOTHING RETURNING id",
        params![report_id, o.once.action, o.once.stage.map(|s| s.as_str()), o.once.deadline, r.instansi_id, r.opd_id, now],
    )?;
    if recorded.rows.is_empty() {
        return Ok(None);
    }
    let system = reports::Actor { id: "system", role: Some("sla_sweep"), channel: None };
    let mut moved = None;
    if let Some(change) = o.status {
        match lifecycle::transition(db, report_id, change.to, &system, Some(change.note), change.public, now) {
            Ok(_) => moved = Some(change.to),
            Err(TransitionError::Store(e)) => return Err(e),
            Err(_) => return Ok(None),
        }
    }
    for e in &o.events {
        reports::add_event(
            db,
            &NewEvent {
                report_id,
                at: now,
                actor: system.id,
                role: system.role,
                channel: None,
                kind: e.kind,
                from_status: None,
                to_status: None,
                body: Some(&e.body),
                public: e.public,
            },
        )?;
    }
    for n in &o.notices {
        for audience in n.to {
            let notice = NewNotice {
                report_id,
                audience: audience.role(),
                instansi_id: r.instansi_id,
                opd_id: r.opd_id,
                kind: n.kind,
                body: &n.body,
            };
            crate::notices::add(db, &notice, now)?;
        }
    }
    if let Some(m) = &o.reporter {
        notify::tell_reporter(db, report_id, |_| m.text.clone(), &format!("{}:{report_id}", m.key), now)?;
    }
    timers::write(db, report_id, &o.timers)?;
    s.add(o.counts);
    Ok(moved)
}

/// One sweep: every due timer, `batch` per transaction, at most `max_items` in all (the rest waits for the next
/// tick). Within a batch the timers are taken kind by kind in `TimerKind::ALL`'s order, then soonest first, and
/// each decides on its report as the batch left it (a report completed by one timer is not escalated by another).
pub fn sweep(db: &dyn Db, now: i64, batch: i64, max_items: i64) -> Result<SweepSummary, StoreError> {
    let mut s = SweepSummary::default();
    let mut done = 0;
    while done < max_items {
        let want = batch.min(max_items - done);
        let n = transaction(db, |db| {
            let claimed = claim(db, now, want)?;
            if claimed.is_empty() {
                return Ok::<_, StoreError>(0);
            }
            let mut reports = reports_of(db, &claimed)?;
            for c in &claimed {
                let Ok(i) = reports.binary_search_by_key(&c.report_id, |r| r.id) else { continue };
                let r = &mut reports[i];
                let facts = Facts { tracking_id: &r.tracking_id, status: r.status, timer: c.timer, now };
                let Some(outcome) = c.timer.kind.decide(&facts) else { continue };
                if let Some(to) = apply(db, r, &outcome, now, &mut s)? {
                    r.status = to;
                }
            }
            Ok(claimed.len() as i64)
        })?;
        done += n;
        if n < want {
            break;
        }
    }
    Ok(s)
}
