//! The Ombudsman's mediation of reports escalated after 60 days: the inbox across every instansi, and the
//! steps (take up, ask the instansi for information, record the outcome, close). Which step fits which stage
//! is `lapor_core::status::MediationStep::apply`; who may mediate is `lapor_core::roles` (`Action::Mediate`).
//! Each step is one transaction: the mediation row, a public event, notices, and the message to the reporter.

use lapor_core::roles::Role;
use lapor_core::status::{Mediation, MediationOutcome, MediationStep};
use lapor_core::{messages, Status};

use crate::action::ActionError;
use crate::db::{transaction, Db, StoreError};
use crate::notices::{self, NewNotice};
use crate::notify;
use crate::params;
use crate::reports;
use crate::workflow::StaffActor;

/// A line of the Ombudsman's inbox.
#[derive(Debug, Clone, PartialEq)]
pub struct InboxLine {
    pub tracking_id: String,
    pub title: String,
    pub status: Status,
    pub instansi_name: Option<String>,
    pub opd_name: Option<String>,
    pub escalated_at: i64,
    pub stage: Option<Mediation>,
    pub outcome: Option<MediationOutcome>,
}

/// Escalated reports across every instansi, oldest escalation first; closed mediations only with
/// `include_closed`.
pub fn inbox(db: &dyn Db, include_closed: bool, limit: i64) -> Result<Vec<InboxLine>, StoreError> {
    let rows = db.execute(
        "SELECT r.tracking_id, r.title, r.status, i.name, o.name, e.at, m.stage, m.outcome FROM events e \
         JOIN reports r ON r.id = e.report_id LEFT JOIN instansi i ON i.id = r.instansi_id \
         LEFT JOIN opds o ON o.id = r.opd_id LEFT JOIN mediations m ON m.report_id = r.id \
         WHERE e.kind = 'escalated' AND (? OR m.stage IS NULL OR m.stage != 'closed') \
         ORDER BY e.at, e.report_id LIMIT ?",
        params![include_closed, limit],
    )?;
    Ok(rows
        .rows
        .iter()
        .map(|r| InboxLine {
            tracking_id: r.text(0),
            title: r.text(1),
            status: r.status(2),
            instansi_name: r.opt_text(3),
            opd_name: r.opt_text(4),
            escalated_at: r.int(5),
            stage: r.opt_text(6).and_then(|s| Mediation::parse(&s)),
            outcome: r.opt_text(7).and_then(|s| MediationOutcome::parse(&s)),
        })
        .collect())
}

/// Where a report's mediation is, for staff and the tracking page.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub stage: Mediation,
    pub outcome: Option<MediationOutcome>,
    pub recommendation: Option<String>,
}

/// The report's mediation, if the Ombudsman took it up.
pub fn state(db: &dyn Db, report_id: i64) -> Result<Option<State>, StoreError> {
    let row =
        db.query_row("SELECT stage, outcome, recommendation FROM mediations WHERE report_id = ?", params![report_id])?;
    Ok(row.and_then(|r| {
        Some(State {
            stage: Mediation::parse(&r.text(0))?,
            outcome: r.opt_text(1).and_then(|s| MediationOutcome::parse(&s)),
            recommendation: r.opt_text(2),
        })
    }))
}

/// What a step needs besides the report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Input<'a> {
    TakeUp,
    /// The question to the instansi.
    RequestInfo(&'a str),
    /// The outcome, with the recommendation's text for `Recommendation`.
    Outcome(MediationOutcome, Option<&'a str>),
    Close,
}

impl Input<'_> {
    fn step(&self) -> MediationStep {
        match self {
            Input::TakeUp => MediationStep::TakeUp,
            Input::RequestInfo(_) => MediationStep::RequestInfo,
            Input::Outcome(..) => MediationStep::RecordOutcome,
            Input::Close => MediationStep::Close,
        }
    }
}

/// One step of the Ombudsman on an escalated report (the caller checked `Action::Mediate`). Returns the stage
/// after it; `Conflict` when the step does not fit the current stage.
pub fn step(db: &dyn Db, report_id: i64, who: &StaffActor, input: Input, now: i64) -> Result<Mediation, ActionError> {
    transaction(db, |db| {
        let r = db
            .query_row("SELECT tracking_id, instansi_id, opd_id FROM reports WHERE id = ?", params![report_id])?
            .ok_or(ActionError::NotFound("report"))?;
        let (tid, instansi, opd) = (r.text(0), r.opt_int(1), r.opt_int(2));
        let current = state(db, report_id)?.map(|s| s.stage);
        let next = input.step().apply(current).map_err(|m| ActionError::Conflict(m.to_string()))?;
        let event =
            |db: &dyn Db, kind: &str, body: &str| reports::staff_event(db, report_id, who, kind, body, true, now);
        let key = |what: &str| format!("mediation:{what}:{report_id}");
        match input {
            Input::TakeUp => {
                db.execute(
                    "INSERT INTO mediations (report_id, stage, taken_up_by, taken_up_at) VALUES (?, ?, ?, ?)",
                    params![report_id, next.as_str(), who.account_id, now],
                )?;
                event(db, "mediation_taken_up", Mediation::Mediating.labels().0)?;
                notify::tell_reporter(db, report_id, |_| messages::mediation_taken_up(&tid), &key("take_up"), now)?;
            }
            Input::RequestInfo(question) => {
                let id = event(db, "mediation_info_requested", &messages::mediation_info_event())?;
                let text = messages::notice_mediation_info(&tid, question);
                for audience in [Role::InstansiAdmin, Role::Inspektorat] {
                    let n = NewNotice {
                        report_id,
                        audience,
                        instansi_id: instansi,
                        opd_id: opd,
                        kind: "mediation_info",
                        body: &text,
                    };
                    notices::add(db, &n, now)?;
                }
                let k = format!("mediation:info:{report_id}:{id}");
                notify::tell_reporter(db, report_id, |_| messages::mediation_info_requested(&tid), &k, now)?;
            }
            Input::Outcome(outcome, text) => {
                db.execute(
                    "UPDATE mediations SET stage = ?, outcome = ?, recommendation = ?, outcome_at = ? WHERE report_id = ?",
                    params![next.as_str(), outcome.as_str(), text, now, report_id],
                )?;
                event(db, "mediation_outcome", &messages::mediation_outcome_event(outcome, text))?;
                notify::tell_reporter(
                    db,
                    report_id,
                    |m| messages::mediation_outcome(&tid, outcome, text, m.max()),
                    &key("outcome"),
                    now,
                )?;
            }
            Input::Close => {
                db.execute(
                    "UPDATE mediations SET stage = ?, closed_at = ? WHERE report_id = ?",
                    params![next.as_str(), now, report_id],
                )?;
                event(db, "mediation_closed", Mediation::Closed.labels().0)?;
                notify::tell_reporter(db, report_id, |_| messages::mediation_closed(&tid), &key("close"), now)?;
            }
        }
        Ok(next)
    })
}
