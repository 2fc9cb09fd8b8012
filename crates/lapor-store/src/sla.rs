//! The sweep that acts on a report's SLA timers ([`crate::timers`]; deadline rules in `lapor_core::sla`, who is
//! warned, breached or escalated in `lapor_core::workflow`, the texts in `lapor_core::messages`). The sweep finds due
//! timers with indexed range scans, claims a batch by clearing them inside one write transaction, and records
//! each action once in the `sla_actions` ledger (unique per report, action and deadline) with its event and
//! its notices. Two sweeps at once, or one run twice, never act twice on the same deadline.

use lapor_core::workflow::{self, Audience, Stage};
use lapor_core::{messages, sla, Status};

use crate::db::{select, transaction, Db, Row, StoreError};
use crate::lifecycle::{self, TransitionError};
use crate::notices::NewNotice;
use crate::reports::{self, NewEvent};
use crate::{notify, params};

/// What one sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SweepSummary {
    pub warnings: u32,
    pub breaches: u32,
    pub escalations: u32,
    pub ombudsman: u32,
    pub auto_completed: u32,
}

/// A claimed report: id, tracking id, status, instansi, OPD, the deadline acted on.
struct Claimed {
    id: i64,
    tracking_id: String,
    status: Status,
    instansi_id: Option<i64>,
    opd_id: Option<i64>,
    due: i64,
}

/// Clears the timer `column` of up to `batch` reports whose timer is due, returning them.
fn claim(db: &dyn Db, column: &str, now: i64, batch: i64) -> Result<Vec<Claimed>, StoreError> {
    select(
        db,
        &format!(
            "UPDATE reports SET {column} = NULL WHERE id IN \
             (SELECT id FROM reports WHERE {column} IS NOT NULL AND {column} <= ? ORDER BY {column} LIMIT ?) \
             RETURNING id, tracking_id, status, instansi_id, opd_id, coalesce(due_at, ?)"
        ),
        params![now, batch, now],
        claimed,
    )
}

fn claimed(r: &Row) -> Claimed {
    Claimed {
        id: r.int(0),
        tracking_id: r.text(1),
        status: r.status(2),
        instansi_id: r.opt_int(3),
        opd_id: r.opt_int(4),
        due: r.int(5),
    }
}

/// Records an action in the ledger; `false` when it was already recorded for this deadline.
fn record(db: &dyn Db, c: &Claimed, action: &str, stage: Option<&str>, now: i64) -> Result<bool, StoreError> {
    let rows = db.execute(
        "INSERT INTO sla_actions (report_id, action, stage, due_at, instansi_id, opd_id, at) VALUES (?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (report_id, action, due_at) DO NOTHING RETURNING id",
        params![c.id, action, stage, c.due, c.instansi_id, c.opd_id, now],
    )?;
    Ok(!rows.rows.is_empty())
}

fn notices(db: &dyn Db, c: &Claimed, to: &[Audience], kind: &str, body: &str, now: i64) -> Result<(), StoreError> {
    for audience in to {
        let n = NewNotice {
            report_id: c.id,
            audience: audience.role(),
            instansi_id: c.instansi_id,
            opd_id: c.opd_id,
            kind,
            body,
        };
        crate::notices::add(db, &n, now)?;
    }
    Ok(())
}

fn event(db: &dyn Db, c: &Claimed, kind: &str, body: &str, public: bool, now: i64) -> Result<i64, StoreError> {
    reports::add_event(
        db,
        &NewEvent {
            report_id: c.id,
            at: now,
            actor: "system",
            role: Some("sla_sweep"),
            channel: None,
            kind,
            from_status: None,
            to_status: None,
            body: Some(body),
            public,
        },
    )
}

/// Warns the liaison and the Inspektorat that the follow-up deadline is near.
fn warn(db: &dyn Db, c: &Claimed, now: i64, s: &mut SweepSummary) -> Result<(), StoreError> {
    if !workflow::warns(c.status) || !record(db, c, "warning", Some(Stage::FollowUp.as_str()), now)? {
        return Ok(());
    }
    let text = messages::sla_warning(&c.tracking_id, c.due);
    event(db, c, "sla_warning", &text, false, now)?;
    notices(db, c, workflow::WARNING_AUDIENCE, "sla_warning", &text, now)?;
    s.warnings += 1;
    Ok(())
}

/// Records a missed deadline and tells whoever supervises the stage.
fn breach(db: &dyn Db, c: &Claimed, now: i64, s: &mut SweepSummary) -> Result<(), StoreError> {
    let Some(stage) = Stage::of(c.status) else { return Ok(()) };
    if !record(db, c, "breach", Some(stage.as_str()), now)? {
        return Ok(());
    }
    let text = messages::sla_breach(&c.tracking_id, stage);
    event(db, c, "sla_breach", &text, true, now)?;
    notices(db, c, stage.breach_audience(), "sla_breach", &text, now)?;
    if stage.breach_escalates() {
        s.escalations += 1;
    }
    s.breaches += 1;
    Ok(())
}

/// Sixty days after reaching the OPD without completion: the Ombudsman mediates.
fn to_ombudsman(db: &dyn Db, c: &Claimed, now: i64, s: &mut SweepSummary) -> Result<(), StoreError> {
    if !workflow::escalates_to_ombudsman(c.status) || !record(db, c, "ombudsman", None, now)? {
        return Ok(());
    }
    let text = messages::escalated_note(&c.tracking_id);
    event(db, c, "escalated", &text, true, now)?;
    notices(db, c, workflow::ESCALATION_AUDIENCE, "escalated", &text, now)?;
    tell_reporter(db, c, "ombudsman", messages::escalated_to_ombudsman(&c.tracking_id), now)?;
    s.ombudsman += 1;
    Ok(())
}

/// The citizen did not reply to the last answer in time: the report is completed on their behalf.
fn auto_complete(db: &dyn Db, c: &Claimed, now: i64, s: &mut SweepSummary) -> Result<(), StoreError> {
    if !workflow::auto_completes(c.status) || !record(db, c, "auto_complete", None, now)? {
        return Ok(());
    }
    let system = reports::Actor { id: "system", role: Some("sla_sweep"), channel: None };
    match lifecycle::transition(db, c.id, Status::Completed, &system, Some(messages::AUTO_COMPLETED_NOTE), true, now) {
        Ok(_) => {}
        Err(TransitionError::Store(e)) => return Err(e),
        Err(_) => return Ok(()),
    }
    tell_reporter(db, c, "auto-complete", messages::auto_completed(&c.tracking_id), now)?;
    s.auto_completed += 1;
    Ok(())
}

/// Tells the reporter of a claimed report `text` on every channel they have, once (`<key>:<report id>`).
fn tell_reporter(db: &dyn Db, c: &Claimed, key: &str, text: String, now: i64) -> Result<bool, StoreError> {
    notify::tell_reporter(db, c.id, |_| text.clone(), &format!("{key}:{}", c.id), now)
}

type Step = fn(&dyn Db, &Claimed, i64, &mut SweepSummary) -> Result<(), StoreError>;

/// One sweep: every due warning, breach, Ombudsman escalation and auto-completion, `batch` reports per
/// transaction, at most `max_items` per kind of timer (the rest waits for the next tick).
pub fn sweep(db: &dyn Db, now: i64, batch: i64, max_items: i64) -> Result<SweepSummary, StoreError> {
    let mut s = SweepSummary::default();
    // The auto-completion timer holds the answer time: due when the answer is older than the cut-off.
    let answered_before = sla::auto_complete_cutoff(now);
    let steps: [(&str, i64, Step); 4] = [
        ("warn_at", now, warn),
        ("breach_at", now, breach),
        ("escalate_at", now, to_ombudsman),
        ("answered_at", answered_before, auto_complete),
    ];
    for (column, until, step) in steps {
        let mut done = 0;
        while done < max_items {
            let n = transaction(db, |db| {
                let claimed = claim(db, column, until, batch)?;
                for c in &claimed {
                    step(db, c, now, &mut s)?;
                }
                Ok::<_, StoreError>(claimed.len() as i64)
            })?;
            done += n;
            if n < batch {
                break;
            }
        }
    }
    Ok(s)
}
