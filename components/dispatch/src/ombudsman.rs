//! The Ombudsman's mediation API (`/api/v1/ombudsman/...`): the inbox of escalated reports across every
//! instansi, one report with its mediation, and the steps (take up, ask for information, record the outcome,
//! close). Rules: `lapor_core::roles` (`Action::Mediate`), `lapor_core::status::MediationStep`.

use lapor_core::roles::{Action, Role};
use lapor_core::status::{Mediation, MediationOutcome, MediationStep};
use lapor_core::{time, Status};
use lapor_spin::error::{ApiError, ApiResult};
use lapor_spin::request::Req;
use lapor_spin::{clock, respond, staff};
use lapor_store::mediation::{self, Input};
use lapor_store::Db;
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Serialize)]
struct InboxItem {
    tracking_id: String,
    title: String,
    status: Status,
    instansi: Option<String>,
    opd: Option<String>,
    escalated_at: String,
    mediation: Option<Mediation>,
    outcome: Option<MediationOutcome>,
}

/// `GET /api/v1/ombudsman/inbox?closed=1`: escalated reports, oldest escalation first (closed mediations only
/// with `closed=1`). The Ombudsman only.
pub fn inbox(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require(req, db)?;
    if !who.has_role(Role::Ombudsman) {
        return Err(staff::forbidden().into());
    }
    let closed = req.query_param("closed").is_some_and(|v| v == "1" || v == "true");
    let items: Vec<InboxItem> = mediation::inbox(db, closed, 500)?
        .into_iter()
        .map(|l| InboxItem {
            tracking_id: l.tracking_id,
            title: l.title,
            status: l.status,
            instansi: l.instansi_name,
            opd: l.opd_name,
            escalated_at: time::rfc3339(l.escalated_at),
            mediation: l.stage,
            outcome: l.outcome,
        })
        .collect();
    Ok(respond::json(200, &json!({ "reports": items })))
}

/// `GET /api/v1/ombudsman/reports/{tracking_id}`: the escalated report (as staff see it) with its mediation.
pub fn get(req: &Req, db: &dyn Db, tid: &str) -> ApiResult {
    let (who, a) = staff::require_for(req, db, tid, Action::Mediate)?;
    let report = staff::report_json(db, &who, &a, tid)?;
    let m = mediation::state(db, a.report_id)?;
    let mediation = MediationView {
        stage: m.as_ref().map(|m| m.stage),
        outcome: m.as_ref().and_then(|m| m.outcome),
        recommendation: m.and_then(|m| m.recommendation),
    };
    Ok(respond::json(200, &WithMediation { report, mediation }))
}

#[derive(Serialize)]
struct MediationView {
    stage: Option<Mediation>,
    outcome: Option<MediationOutcome>,
    recommendation: Option<String>,
}

/// The staff view of the report with its mediation.
#[derive(Serialize)]
struct WithMediation {
    #[serde(flatten)]
    report: lapor_core::views::StaffReport,
    mediation: MediationView,
}

#[derive(Deserialize, Default)]
struct StepInput {
    question: Option<String>,
    outcome: Option<String>,
    recommendation: Option<String>,
}

/// `POST /api/v1/ombudsman/reports/{tracking_id}/{take_up|request_info|outcome|close}`.
pub fn act(req: &Req, db: &dyn Db, tid: &str, action: &str) -> ApiResult {
    let step = MediationStep::parse(action).ok_or_else(ApiError::not_found)?;
    let (_, a) = staff::require_for(req, db, tid, Action::Mediate)?;
    let input: StepInput = staff::body_or_default(req)?;
    let question;
    let recommendation;
    let parsed = match step {
        MediationStep::TakeUp => Input::TakeUp,
        MediationStep::Close => Input::Close,
        MediationStep::RequestInfo => {
            question = staff::required_text("question", input.question.as_deref(), 2000)?;
            Input::RequestInfo(&question)
        }
        MediationStep::RecordOutcome => {
            let outcome = input.outcome.as_deref().and_then(MediationOutcome::parse).ok_or_else(|| {
                ApiError::field(
                    "outcome",
                    "unknown_value",
                    "resolved, recommendation atau not_substantiated / resolved, recommendation or not_substantiated",
                )
            })?;
            if outcome.needs_text() {
                recommendation = staff::required_text("recommendation", input.recommendation.as_deref(), 5000)?;
                Input::Outcome(outcome, Some(&recommendation))
            } else {
                Input::Outcome(outcome, None)
            }
        }
    };
    let stage = mediation::step(db, a.report_id, &a.actor, parsed, clock::now())?;
    Ok(respond::json(200, &json!({ "tracking_id": tid, "mediation": stage })))
}
