//! A report's SLA timers (`breach_at`, `warn_at`, `escalate_at`, `answered_at`), set as
//! `lapor_core::workflow::Timers` and `lapor_core::sla` decide; the SLA sweep acts on them.

use lapor_core::regions::TimeZone;
use lapor_core::sla;
use lapor_core::workflow::Timers;

use crate::db::{Db, StoreError};
use crate::params;
use crate::reports;

/// The time zone of the report's instansi (WIB when it has none yet).
pub fn report_zone(db: &dyn Db, report_id: i64) -> Result<TimeZone, StoreError> {
    Ok(db
        .query_row(
            "SELECT i.time_zone FROM reports r JOIN instansi i ON i.id = r.instansi_id WHERE r.id = ?",
            params![report_id],
        )?
        .map_or(TimeZone::Wib, |r| TimeZone::from_abbreviation(&r.text(0))))
}

/// Sets the report's timers for its new status. Called by `lifecycle::transition` after the workflow has set
/// the stage's `due_at`.
pub fn apply(db: &dyn Db, report_id: i64, timers: Timers, now: i64) -> Result<(), StoreError> {
    match timers {
        Timers::FollowUp => {
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
        Timers::CitizensTurn => {
            db.execute("UPDATE reports SET breach_at = NULL, warn_at = NULL WHERE id = ?", params![report_id])?;
        }
        Timers::Stopped => {
            db.execute(
                "UPDATE reports SET breach_at = NULL, warn_at = NULL, escalate_at = NULL, answered_at = NULL \
                 WHERE id = ?",
                params![report_id],
            )?;
        }
        Timers::Stage => {
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
