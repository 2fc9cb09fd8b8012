//! The Inspektorat's work: the overdue and near-due reports of an instansi, reprimands ("teguran") of an OPD
//! or over one report, and the decisions on liaisons' extension requests (with the instansi admin). Who may
//! do what is decided by `lapor_core::roles`; deadlines by `lapor_core::sla`. Each action is one transaction:
//! its rows, its events and its notices.

use lapor_core::roles::Role;
use lapor_core::sla::{self, ExtensionRefusal};
use lapor_core::{messages, time, Status};

use crate::action::ActionError;
use crate::db::{transaction, Db, Row, StoreError};
use crate::notices::{self, NewNotice};
use crate::params;
use crate::reports;
use crate::reports::StaffActor;

/// A report on the overdue page.
#[derive(Debug, Clone, PartialEq)]
pub struct OverdueLine {
    pub tracking_id: String,
    pub title: String,
    pub status: Status,
    pub opd_id: Option<i64>,
    pub opd_name: Option<String>,
    pub due_at: i64,
    /// A pending extension request: (request id, reason).
    pub pending_extension: Option<(i64, String)>,
}

/// The instansi's open reports whose stage deadline passed or falls before `horizon`
/// (`lapor_core::sla::watch_horizon`), grouped by OPD (reports not yet at an OPD first), oldest deadline first.
pub fn overdue(db: &dyn Db, instansi_id: i64, horizon: i64, limit: i64) -> Result<Vec<OverdueLine>, StoreError> {
    let rows = db.execute(
        "SELECT r.tracking_id, r.title, r.status, r.opd_id, o.name, r.due_at, e.id, e.reason FROM reports r \
         LEFT JOIN opds o ON o.id = r.opd_id \
         LEFT JOIN extension_requests e ON e.report_id = r.id AND e.decision IS NULL \
         WHERE r.instansi_id = ? AND r.status IN ('dispatched', 'assigned') AND r.due_at IS NOT NULL AND r.due_at <= ? \
         ORDER BY r.opd_id IS NOT NULL, o.name, r.opd_id, r.due_at, r.id LIMIT ?",
        params![instansi_id, horizon, limit],
    )?;
    Ok(rows
        .rows
        .iter()
        .map(|r| OverdueLine {
            tracking_id: r.text(0),
            title: r.text(1),
            status: r.status(2),
            opd_id: r.opt_int(3),
            opd_name: r.opt_text(4),
            due_at: r.int(5),
            pending_extension: r.opt_int(6).map(|id| (id, r.text(7))),
        })
        .collect())
}

/// An undecided extension request.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingExtension {
    pub id: i64,
    pub tracking_id: String,
    pub title: String,
    pub opd_name: Option<String>,
    pub reason: String,
    pub requested_at: i64,
    pub due_at: Option<i64>,
}

/// The instansi's undecided extension requests, oldest first.
pub fn pending_extensions(db: &dyn Db, instansi_id: i64, limit: i64) -> Result<Vec<PendingExtension>, StoreError> {
    let rows = db.execute(
        "SELECT e.id, r.tracking_id, r.title, o.name, e.reason, e.requested_at, r.due_at FROM extension_requests e \
         JOIN reports r ON r.id = e.report_id LEFT JOIN opds o ON o.id = r.opd_id \
         WHERE e.decision IS NULL AND r.instansi_id = ? ORDER BY e.requested_at, e.id LIMIT ?",
        params![instansi_id, limit],
    )?;
    Ok(rows
        .rows
        .iter()
        .map(|r| PendingExtension {
            id: r.int(0),
            tracking_id: r.text(1),
            title: r.text(2),
            opd_name: r.opt_text(3),
            reason: r.text(4),
            requested_at: r.int(5),
            due_at: r.opt_int(6),
        })
        .collect())
}

fn notice_all(
    db: &dyn Db,
    report_id: i64,
    audiences: &[Role],
    scope: (Option<i64>, Option<i64>),
    kind: &str,
    body: &str,
    now: i64,
) -> Result<(), StoreError> {
    for &audience in audiences {
        let n = NewNotice { report_id, audience, instansi_id: scope.0, opd_id: scope.1, kind, body };
        notices::add(db, &n, now)?;
    }
    Ok(())
}

/// The report's (instansi, OPD, tracking id, status, due, reached the OPD at).
type Facts = (Option<i64>, Option<i64>, String, Status, Option<i64>, Option<i64>);

fn facts(db: &dyn Db, report_id: i64) -> Result<Facts, ActionError> {
    let r = db
        .query_row(
            "SELECT instansi_id, opd_id, tracking_id, status, due_at, assigned_at FROM reports WHERE id = ?",
            params![report_id],
        )?
        .ok_or(ActionError::NotFound("report"))?;
    Ok((r.opt_int(0), r.opt_int(1), r.text(2), r.status(3), r.opt_int(4), r.opt_int(5)))
}

/// The liaison asks for more time, with a reason. The request waits for the instansi admin or the
/// Inspektorat; until it is decided the deadline does not move. One undecided request per report.
pub fn request_extension(
    db: &dyn Db,
    report_id: i64,
    who: &StaffActor,
    reason: &str,
    now: i64,
) -> Result<i64, ActionError> {
    transaction(db, |db| {
        let (instansi, opd, tid, status, due, _) = facts(db, report_id)?;
        lapor_core::workflow::extension(status, due)?;
        let inserted = db.execute(
            "INSERT INTO extension_requests (report_id, reason, requested_by, requested_at) VALUES (?, ?, ?, ?) \
             ON CONFLICT DO NOTHING RETURNING id",
            params![report_id, reason, who.account_id, now],
        )?;
        let Some(id) = inserted.first().map(|r| r.int(0)) else {
            return Err(ActionError::Conflict(messages::EXTENSION_PENDING.into()));
        };
        reports::staff_event(db, report_id, who, "extension_requested", reason, false, now)?;
        let text = messages::notice_extension_requested(&tid, reason);
        notice_all(
            db,
            report_id,
            &[Role::InstansiAdmin, Role::Inspektorat],
            (instansi, opd),
            "extension_requested",
            &text,
            now,
        )?;
        Ok(id)
    })
}

/// What a decision did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decided {
    pub approved: bool,
    /// The follow-up deadline after the decision.
    pub due_at: Option<i64>,
}

/// The instansi admin or the Inspektorat decides the report's pending extension request: approved, the
/// deadline moves by `sla::EXTENSION_WORKING_DAYS` working days, never past 60 days after the report reached
/// the OPD (`sla::approved_due`); refused, it stands. The liaison, the instansi admin and the Inspektorat
/// are told.
pub fn decide_extension(
    db: &dyn Db,
    report_id: i64,
    who: &StaffActor,
    approve: bool,
    note: Option<&str>,
    now: i64,
) -> Result<Decided, ActionError> {
    transaction(db, |db| {
        let (instansi, opd, tid, status, due, assigned) = facts(db, report_id)?;
        let request = db
            .query_row(
                "SELECT id FROM extension_requests WHERE report_id = ? AND decision IS NULL",
                params![report_id],
            )?
            .ok_or_else(|| ActionError::Conflict(messages::NO_PENDING_EXTENSION.into()))?
            .int(0);
        let (decision, new_due, text) = if approve {
            let due = lapor_core::workflow::extension(status, due)?;
            let cal = reports::calendar(db)?;
            let tz = crate::timers::report_zone(db, report_id)?;
            let new_due = sla::approved_due(&cal, due, assigned.unwrap_or(now), tz, now).map_err(|e| match e {
                ExtensionRefusal::AtLimit => ActionError::Conflict(messages::EXTENSION_AT_LIMIT.into()),
            })?;
            crate::timers::set_follow_up_due(db, report_id, new_due, now)?;
            let text = messages::notice_extension_approved(&tid, &time::rfc3339(new_due));
            reports::staff_event(db, report_id, who, "extension_granted", &text, true, now)?;
            ("approved", Some(new_due), text)
        } else {
            let text = messages::notice_extension_refused(&tid, note);
            reports::staff_event(db, report_id, who, "extension_refused", &text, false, now)?;
            ("refused", due, text)
        };
        db.execute(
            "UPDATE extension_requests SET decision = ?, decided_by = ?, decided_role = ?, decided_at = ?, new_due_at = ? \
             WHERE id = ?",
            params![decision, who.account_id, who.role.as_str(), now, new_due.filter(|_| approve), request],
        )?;
        let kind = if approve { "extension_approved" } else { "extension_refused" };
        notice_all(
            db,
            report_id,
            &[Role::OpdLiaison, Role::InstansiAdmin, Role::Inspektorat],
            (instansi, opd),
            kind,
            &text,
            now,
        )?;
        Ok(Decided { approved: approve, due_at: new_due })
    })
}

/// What a reprimand is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// One report (at an OPD).
    Report(i64),
    /// An OPD of the instansi: its overdue reports are concerned.
    Opd(i64),
}

/// A recorded reprimand.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Reprimand {
    pub id: i64,
    pub opd_id: i64,
    pub opd_name: String,
    /// The report, for a reprimand over one report.
    pub tracking_id: Option<String>,
    pub reports_concerned: i64,
    pub reason: String,
    pub at: i64,
}

/// The Inspektorat of `instansi_id` reprimands: an event on each report concerned (one report, or the OPD's
/// overdue reports at `now`) and a notice to the OPD's liaison and the instansi admin. `NotFound` for an OPD
/// outside the instansi; `Conflict` for a report not at an OPD or an OPD with no overdue report.
pub fn reprimand(
    db: &dyn Db,
    instansi_id: i64,
    who: &StaffActor,
    target: Target,
    reason: &str,
    now: i64,
) -> Result<Reprimand, ActionError> {
    transaction(db, |db| {
        let (opd_id, report_id, concerned): (i64, Option<i64>, Vec<(i64, String)>) = match target {
            Target::Report(id) => {
                let (instansi, opd, tid, _, _, _) = facts(db, id)?;
                if instansi != Some(instansi_id) {
                    return Err(ActionError::NotFound("report"));
                }
                let opd = opd.ok_or_else(|| ActionError::Conflict(messages::NOT_WITH_AN_OPD.into()))?;
                (opd, Some(id), vec![(id, tid)])
            }
            Target::Opd(opd) => {
                let known =
                    db.query_row("SELECT 1 FROM opds WHERE id = ? AND instansi_id = ?", params![opd, instansi_id])?;
                if known.is_none() {
                    return Err(ActionError::NotFound("opd"));
                }
                let rows = db.execute(
                    "SELECT id, tracking_id FROM reports WHERE opd_id = ? AND instansi_id = ? AND status = 'assigned' \
                     AND due_at IS NOT NULL AND due_at < ? ORDER BY due_at, id",
                    params![opd, instansi_id, now],
                )?;
                let list: Vec<(i64, String)> = rows.rows.iter().map(|r: &Row| (r.int(0), r.text(1))).collect();
                if list.is_empty() {
                    return Err(ActionError::Conflict(messages::NO_OVERDUE_REPORT.into()));
                }
                (opd, None, list)
            }
        };
        let opd_name = db
            .query_row("SELECT name FROM opds WHERE id = ?", params![opd_id])?
            .map_or_else(String::new, |r| r.text(0));
        let row = db.execute(
            "INSERT INTO reprimands (instansi_id, opd_id, report_id, reports_concerned, reason, by_account, at) \
             VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            params![instansi_id, opd_id, report_id, concerned.len() as i64, reason, who.account_id, now],
        )?;
        let id = row.first().map_or(0, |r| r.int(0));
        let text = messages::notice_reprimand(&opd_name, concerned.len(), reason);
        for (rid, _) in &concerned {
            reports::staff_event(db, *rid, who, "reprimand", &text, false, now)?;
        }
        // One notice per audience, linked to the (oldest) report concerned.
        notice_all(
            db,
            concerned[0].0,
            &[Role::OpdLiaison, Role::InstansiAdmin],
            (Some(instansi_id), Some(opd_id)),
            "reprimand",
            &text,
            now,
        )?;
        Ok(Reprimand {
            id,
            opd_id,
            opd_name,
            tracking_id: report_id.map(|_| concerned[0].1.clone()),
            reports_concerned: concerned.len() as i64,
            reason: reason.to_string(),
            at: now,
        })
    })
}

/// The instansi's reprimands (of one OPD with `opd_id`), newest first.
pub fn reprimands(
    db: &dyn Db,
    instansi_id: i64,
    opd_id: Option<i64>,
    limit: i64,
) -> Result<Vec<Reprimand>, StoreError> {
    let rows = db.execute(
        "SELECT p.id, p.opd_id, o.name, r.tracking_id, p.reports_concerned, p.reason, p.at FROM reprimands p \
         JOIN opds o ON o.id = p.opd_id LEFT JOIN reports r ON r.id = p.report_id \
         WHERE p.instansi_id = ? AND (? IS NULL OR p.opd_id = ?) ORDER BY p.at DESC, p.id DESC LIMIT ?",
        params![instansi_id, opd_id, opd_id, limit],
    )?;
    Ok(rows
        .rows
        .iter()
        .map(|r| Reprimand {
            id: r.int(0),
            opd_id: r.int(1),
            opd_name: r.text(2),
            tracking_id: r.opt_text(3),
            reports_concerned: r.int(4),
            reason: r.text(5),
            at: r.int(6),
        })
        .collect())
}

/// Reprimands per OPD of the instansi given in `[from, to)` (for the rapot): (OPD id, count).
pub fn reprimand_counts(
    db: &dyn Db,
    instansi_id: i64,
    from: i64,
    to: i64,
) -> Result<std::collections::HashMap<i64, i64>, StoreError> {
    let rows = db.execute(
        "SELECT opd_id, count(*) FROM reprimands WHERE instansi_id = ? AND at >= ? AND at < ? GROUP BY opd_id",
        params![instansi_id, from, to],
    )?;
    Ok(rows.rows.iter().map(|r| (r.int(0), r.int(1))).collect())
}
