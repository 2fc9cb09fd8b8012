//! A report's SLA timers: rows of `report_timers` (report, part, kind, due_at, deadline; migration 0025,
//! `docs/adr/0008-timers-as-rows.md`). `lapor_core::timers` decides which timers an action arms
//! or clears; [`write`] stores those changes; the SLA sweep ([`crate::sla`]) acts on the due ones.
//! `reports.due_at` stays the report's current deadline as people see it (views, queues, dashboards, rapot).

use lapor_core::regions::TimeZone;
use lapor_core::sla;
use lapor_core::timers::{self as rules, TimerChange, WHOLE};
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

/// Writes timer changes for a report.
pub fn write(db: &dyn Db, report_id: i64, changes: &[TimerChange]) -> Result<(), StoreError> {
    for change in changes {
        match *change {
            TimerChange::Set(t) | TimerChange::SetIfUnset(t) => db.execute(
                "INSERT INTO report_timers (report_id, part, kind, due_at, deadline) VALUES (?, ?, ?, ?, ?) \
                 ON CONFLICT (report_id, part, kind) DO UPDATE SET due_at = excluded.due_at, deadline = excluded.deadline \
                 WHERE ?",
                params![report_id, t.part, t.kind.as_str(), t.due_at, t.deadline, matches!(change, TimerChange::Set(_))],
            )?,
            TimerChange::Clear(_, part) | TimerChange::ClearAll(part) => db.execute(
                "DELETE FROM report_timers WHERE report_id = ? AND part = ? AND kind = coalesce(?, kind)",
                params![report_id, part, if let TimerChange::Clear(kind, _) = change { Some(kind.as_str()) } else { None }],
            )?,
        };
    }
    Ok(())
}

/// Sets the report's timers for its new status (`lapor_core::timers::for_status`). Called by
/// `lifecycle::transition` after the workflow has set the stage's `due_at`. The first time a report reaches an
/// OPD is recorded (`assigned_at`: extensions are capped 60 days after it).
pub fn apply(db: &dyn Db, report_id: i64, timers: Timers, now: i64) -> Result<(), StoreError> {
    let due = db.query_row("SELECT due_at FROM reports WHERE id = ?", params![report_id])?.and_then(|r| r.opt_int(0));
    let warn_at = match due {
        Some(d) if rules::needs_warning_time(timers) => {
            Some(sla::warning_before(&reports::calendar(db)?, d, report_zone(db, report_id)?))
        }
        _ => None,
    };
    if timers == Timers::FollowUp {
        db.execute("UPDATE reports SET assigned_at = coalesce(assigned_at, ?) WHERE id = ?", params![now, report_id])?;
    }
    write(db, report_id, &rules::for_status(timers, due, warn_at, now))
}

/// The OPD answered: the auto-completion clock starts (again) from now.
pub fn answered(db: &dyn Db, report_id: i64, now: i64) -> Result<(), StoreError> {
    write(db, report_id, &rules::answered(now))
}

/// The citizen replied: the report waits for the OPD again, not for the citizen.
pub fn citizen_replied(db: &dyn Db, report_id: i64) -> Result<(), StoreError> {
    write(db, report_id, &rules::citizen_replied())
}

/// An approved extension: the follow-up deadline becomes `new_due` (computed by `lapor_core::sla::approved_due`),
/// with its warning and breach timers.
pub fn set_follow_up_due(db: &dyn Db, report_id: i64, new_due: i64, now: i64) -> Result<(), StoreError> {
    let warn = sla::warning_before(&reports::calendar(db)?, new_due, report_zone(db, report_id)?);
    db.execute("UPDATE reports SET due_at = ? WHERE id = ?", params![new_due, report_id])?;
    write(db, report_id, &rules::extended(new_due, warn, now))
}

/// The report's armed timers of the whole report, as (kind, due_at), soonest first (for tests and tools).
pub fn armed(db: &dyn Db, report_id: i64) -> Result<Vec<(String, i64)>, StoreError> {
    crate::db::select(
        db,
        "SELECT kind, due_at FROM report_timers WHERE report_id = ? AND part = ? ORDER BY due_at, kind",
        params![report_id, WHOLE],
        |r| (r.text(0), r.int(1)),
    )
}
