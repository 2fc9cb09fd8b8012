//! The SLA sweep. It walks the due timers (`report_timers`, through its one index on `due_at`; armed by
//! [`crate::timers`]) in batches, each batch in one write transaction: it claims the batch by deleting its rows,
//! loads the reports' facts, asks each timer's kind what to do (`lapor_core::timers::TimerKind::decide`) and
//! applies the [`Outcome`]: the action recorded once in the `sla_actions` ledger (unique per report, action and
//! deadline), then the status change, events, notices, the reporter's message and timers it lists. The store
//! decides nothing here. Two sweeps at once, or one run twice, never act twice on the same deadline: a timer is
//! claimed by one transaction only, and the ledger refuses a second entry.

use std::collections::HashMap;

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
    tracking_id: String,
    status: Status,
    instansi_id: Option<i64>,
    opd_id: Option<i64>,
}

/// Deletes up to `batch` due timers of the kinds this build knows (a newer release's kinds wait for it),
/// soonest first, returning them.
fn claim(db: &dyn Db, now: i64, batch: i64) -> Result<Vec<Claimed>, StoreError> {
    let mut args: Vec<Value> = vec![now.into()];
    args.extend(TimerKind::ALL.iter().map(|k| Value::from(k.as_str())));
    args.push(batch.into());
    let rows = db.execute(
        &format!(
            "DELETE FROM report_timers WHERE (report_id, part, kind) IN \
             (SELECT report_id, part, kind FROM report_timers WHERE due_at <= ? AND kind IN ({}) \
              ORDER BY due_at LIMIT ?) \
             RETURNING report_id, part, kind, due_at, deadline",
            placeholders(TimerKind::ALL.len())
        ),
        &args,
    )?;
    Ok(rows
        .rows
        .iter()
        .filter_map(|r| {
            let kind = TimerKind::parse(&r.text(2))?;
            Some(Claimed {
                report_id: r.int(0),
                timer: Timer { kind, part: r.int(1), due_at: r.int(3), deadline: r.opt_int(4) },
            })
        })
        .collect())
}

/// The facts of the claimed timers' reports, by id.
fn reports_of(db: &dyn Db, claimed: &[Claimed]) -> Result<HashMap<i64, Report>, StoreError> {
    let mut ids: Vec<i64> = claimed.iter().map(|c| c.report_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let args: Vec<Value> = ids.iter().map(|&id| id.into()).collect();
    let sql = format!(
        "SELECT id, tracking_id, status, instansi_id, opd_id FROM reports WHERE id IN ({})",
        placeholders(ids.len())
    );
    let rows: Vec<(i64, Report)> = select(db, &sql, &args, |r: &Row| {
        (
            r.int(0),
            Report { tracking_id: r.text(1), status: r.status(2), instansi_id: r.opt_int(3), opd_id: r.opt_int(4) },
        )
    })?;
    Ok(rows.into_iter().collect())
}

/// Applies one timer's outcome; returns the report's new status when it changed.
fn apply(
    db: &dyn Db,
    report_id: i64,
    r: &Report,
    o: &Outcome,
    now: i64,
    s: &mut SweepSummary,
) -> Result<Option<Status>, StoreError> {
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
            let mut claimed = claim(db, now, want)?;
            if claimed.is_empty() {
                return Ok::<_, StoreError>(0);
            }
            claimed.sort_by_key(|c| (c.timer.kind.rank(), c.timer.due_at, c.report_id, c.timer.part));
            let mut reports = reports_of(db, &claimed)?;
            for c in &claimed {
                let Some(r) = reports.get_mut(&c.report_id) else { continue };
                let facts = Facts { tracking_id: &r.tracking_id, status: r.status, timer: c.timer, now };
                let Some(outcome) = c.timer.kind.decide(&facts) else { continue };
                if let Some(to) = apply(db, c.report_id, r, &outcome, now, &mut s)? {
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
