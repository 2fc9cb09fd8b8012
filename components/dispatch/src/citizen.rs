//! The citizen's follow-up on the web, with the secret reporter token (`Authorization: Bearer <token>` or
//! `X-Reporter-Token`): reply, accept the answer (→ green), or reopen (not resolved → yellow). The SMS
//! channel calls the same `lapor_store::workflow` functions with the reporter's phone as proof.

use lapor_core::{secret, Channel, ErrorCode, Status, TrackingId};
use lapor_spin::error::{ApiError, ApiResult};
use lapor_spin::request::Req;
use lapor_spin::{clock, respond, staff};
use lapor_store::action::ActionError;
use lapor_store::{reports, workflow, Db};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize, Default)]
struct Input {
    message: Option<String>,
}

/// `POST /api/v1/citizen/reports/{tracking_id}/{reply|accept|reopen}`. Without the right token the report
/// does not exist (404).
pub fn act(req: &Req, db: &dyn Db, tid: &str, action: &str) -> ApiResult {
    let not_found = || ApiError::new(ErrorCode::NotFound, "laporan tidak ditemukan / report not found");
    if !["reply", "accept", "reopen"].contains(&action) {
        return Err(not_found());
    }
    let tid = TrackingId::parse(tid).ok_or_else(not_found)?;
    let report = reports::find_by_tracking_id(db, tid.as_str())?.ok_or_else(not_found)?;
    let token = req.bearer().or_else(|| req.header("x-reporter-token"));
    let own = matches!((token, &report.reporter_token_hash), (Some(t), Some(h)) if secret::token_matches(t, h));
    if !own {
        return Err(not_found());
    }
    let input: Input = staff::body_or_default(req)?;
    let now = clock::now();
    let result = match action {
        "accept" => workflow::citizen_accept(db, report.id, Channel::Web, now).map(|_| Status::Completed),
        _ => {
            let message = staff::required_text("message", input.message.as_deref(), 5000)?;
            if action == "reopen" {
                lapor_core::workflow::citizen_reopen(report.status).map_err(ActionError::from)?;
            }
            workflow::citizen_reply(db, report.id, Channel::Web, &message, now).map(|o| o.to)
        }
    };
    let status = result?;
    Ok(respond::json(200, &json!({ "tracking_id": tid.as_str(), "status": status, "color": status.color() })))
}
