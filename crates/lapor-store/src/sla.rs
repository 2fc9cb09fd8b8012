//! The SLA timers of a report and the sweep that acts on them (deadline rules are in `lapor_core::sla`).
//! Every status change goes through [`on_status_change`], which sets the report's timers; the sweep finds due
//! timers with indexed range scans, claims a batch by clearing them inside one write transaction, and records
//! each action once in the `sla_actions` ledger (unique per report, action and deadline) with its event and
//! its notices. Two sweeps at once, or one run twice, never act twice on the same deadline.

use lapor_core::regions::TimeZone;
use lapor_core::sla;
use lapor_core::{messages, Status};

use crate::db::{transaction, Db, Row, StoreError};
use crate::notices::{self, NewNotice};
use crate::reports::{self, NewEvent};
use crate::{notify, params};
use lapor_core::roles::Role;

/// The time zone of the report's instansi (WIB when it has none yet).
pub(crate) fn report_zone(db: &dyn Db, report_id: i64) -> Result<TimeZone, StoreError> {
    Ok(db
        .query_row(
            "SELECT i.time_zone FROM reports r JOIN instansi i ON i.id = r.instansi_id WHERE r.id = ?",
            params![report_id],
        )?
        .map_or(TimeZone::Wib, |r| TimeZone::from_abbreviation(&r.text(0))))
}

/// Sets the report's timers for its new status. Called by `reports::transition` after the workflow has set
/// the stage's `due_at`.
pub fn on_status_change(db: &dyn Db, report_id: i64, to: Status, now: i64) -> Result<(), StoreError> {
    match to {
        Status::Assigned => {
            let due =
                db.query_row("SELECT due_at FROM reports WHERE id = ?", params![report_id])?.and_then(|r| r.opt_int(0));
            let warn = match due {
                Some(d) => Some(sla::warning_before(&reports::calendar(db)?, d, report_zone(db, report_id)?)),
                None => None,
            };
            db.execute(
                "UPDATE reports SET breach_at = due_at, warn_at = ?, answered_at = NULL, \
                 assigned_at = coalesce(assigned_at, ?), escalate_at = coalesce(escalate_at, ?) WHERE id = ?",
                params![warn, now, sla::follow_up_limit(now), report_id],
            )?;
        }
        Status::InProgress => {
            db.execute("UPDATE reports SET breach_at = NULL, warn_at = NULL WHERE id = ?", params![report_id])?;
        }
        Status::Completed | Status::Rejected | Status::Duplicate | Status::Archived => {
            db.execute(
                "UPDATE reports SET breach_at = NULL, warn_at = NULL, escalate_at = NULL, answered_at = NULL \
                 WHERE id = ?",
                params![report_id],
            )?;
        }
        Status::Received | Status::NeedsInfo | Status::Verified | Status::Dispatched => {
            db.execute("UPDATE reports SET breach_at = due_at, warn_at = NULL WHERE id = ?", params![report_id])?;
        }
    }
    Ok(())
}

/// The OPD answered: the auto-completion clock starts (again) from now.
pub fn answered(db: &dyn Db, report_id: i64, now: i64) -> Result<(), StoreError> {
    db.execute("UPDATE reports SET answered_at = ? WHERE id = ?", params![now, report_id])?;
    Ok(())
}

/// The citizen replied: the report waits for the OPD again, not for the citizen.
pub fn citizen_replied(db: &dyn Db, report_id: i64) -> Result<(), StoreError> {
    db.execute("UPDATE reports SET answered_at = NULL WHERE id = ?", params![report_id])?;
    Ok(())
}

/// An approved extension: the follow-up deadline becomes `new_due` (computed by
/// `lapor_core::sla::approved_due`), with its warning and breach timers.
pub fn set_follow_up_due(db: &dyn Db, report_id: i64, new_due: i64, now: i64) -> Result<(), StoreError> {
    let warn = sla::warning_before(&reports::calendar(db)?, new_due, report_zone(db, report_id)?);
    db.execute(
        "UPDATE reports SET due_at = ?, breach_at = ?, warn_at = ? WHERE id = ?",
        params![new_due, new_due, (warn > now).then_some(warn), report_id],
    )?;
    Ok(())
}

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
    let rows = db.execute(
        &format!(
            "UPDATE reports SET {column} = NULL WHERE id IN \
             (SELECT id FROM reports WHERE {column} IS NOT NULL AND {column} <= ? ORDER BY {column} LIMIT ?) \
             RETURNING id, tracking_id, status, instansi_id, opd_id, coalesce(due_at, ?)"
        ),
        params![now, batch, now],
    )?;
    Ok(rows.rows.iter().map(claimed).collect())
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

fn notice(db: &dyn Db, c: &Claimed, audience: Role, kind: &str, body: &str, now: i64) -> Result<(), StoreError> {
    let n = NewNotice { report_id: c.id, audience, instansi_id: c.instansi_id, opd_id: c.opd_id, kind, body };
    notices::add(db, &n, now)?;
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
    if c.status != Status::Assigned || !record(db, c, "warning", Some("follow_up"), now)? {
        return Ok(());
    }
    let text = format!(
        "Batas waktu tindak lanjut laporan #{} segera berakhir ({}).",
        c.tracking_id,
        lapor_core::time::rfc3339(c.due)
    );
    event(db, c, "sla_warning", &text, false, now)?;
    for audience in [Role::OpdLiaison, Role::InstansiAdmin, Role::Inspektorat] {
        notice(db, c, audience, "sla_warning", &text, now)?;
    }
    s.warnings += 1;
    Ok(())
}

/// Records a missed deadline and tells whoever supervises the stage.
fn breach(db: &dyn Db, c: &Claimed, now: i64, s: &mut SweepSummary) -> Result<(), StoreError> {
    let stage = match c.status {
        Status::Received | Status::NeedsInfo => "verification",
        Status::Verified | Status::Dispatched => "dispatch",
        Status::Assigned => "follow_up",
        _ => return Ok(()),
    };
    if !record(db, c, "breach", Some(stage), now)? {
        return Ok(());
    }
    let text = format!("Batas waktu tahap {stage} laporan #{} terlewati.", c.tracking_id);
    event(db, c, "sla_breach", &text, true, now)?;
    match stage {
        // A verification breach goes up to a supervising (national) admin.
        "verification" => {
            notice(db, c, Role::NationalAdmin, "sla_breach", &text, now)?;
            s.escalations += 1;
        }
        "dispatch" => {
            notice(db, c, Role::InstansiAdmin, "sla_breach", &text, now)?;
            notice(db, c, Role::Inspektorat, "sla_breach", &text, now)?;
            notice(db, c, Role::NationalAdmin, "sla_breach", &text, now)?;
            s.escalations += 1;
        }
        _ => {
            for audience in [Role::OpdLiaison, Role::InstansiAdmin, Role::Inspektorat] {
                notice(db, c, audience, "sla_breach", &text, now)?;
            }
        }
    }
    s.breaches += 1;
    Ok(())
}

/// Sixty days after reaching the OPD without completion: the Ombudsman mediates.
fn to_ombudsman(db: &dyn Db, c: &Claimed, now: i64, s: &mut SweepSummary) -> Result<(), StoreError> {
    if !c.status.is_open() || !record(db, c, "ombudsman", None, now)? {
        return Ok(());
    }
    let text =
        format!("Laporan #{} diteruskan ke Ombudsman RI untuk mediasi (60 hari tanpa penyelesaian).", c.tracking_id);
    event(db, c, "escalated", &text, true, now)?;
    // The Ombudsman mediates; the instansi's admin and Inspektorat, and the OPD's liaison, learn it too.
    for audience in [Role::Ombudsman, Role::InstansiAdmin, Role::Inspektorat, Role::OpdLiaison] {
        notice(db, c, audience, "escalated", &text, now)?;
    }
    notify::tell_reporter(
        db,
        c.id,
        |_| messages::escalated_to_ombudsman(&c.tracking_id),
        &format!("ombudsman:{}", c.id),
        now,
    )?;
    s.ombudsman += 1;
    Ok(())
}

/// The citizen did not reply to the last answer in time: the report is completed on their behalf.
fn auto_complete(db: &dyn Db, c: &Claimed, now: i64, s: &mut SweepSummary) -> Result<(), StoreError> {
    if c.status != Status::InProgress || !record(db, c, "auto_complete", None, now)? {
        return Ok(());
    }
    let system = reports::Actor { id: "system", role: Some("sla_sweep"), channel: None };
    let note = "Selesai otomatis: tidak ada tanggapan pelapor atas jawaban terakhir";
    match reports::transition(db, c.id, Status::Completed, &system, Some(note), true, now) {
        Ok(_) => {}
        Err(reports::TransitionError::Store(e)) => return Err(e),
        Err(_) => return Ok(()),
    }
    notify::tell_reporter(
        db,
        c.id,
        |_| messages::auto_completed(&c.tracking_id),
        &format!("auto-complete:{}", c.id),
        now,
    )?;
    s.auto_completed += 1;
    Ok(())
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
