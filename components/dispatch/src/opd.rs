//! The OPD liaison's inbox: read the OPD's reports, answer (with an optional evidence file), ask for an
//! extension, or send a report back to the instansi admin as not the OPD's.

use base64::Engine;
use lapor_core::roles::Action;
use lapor_core::Status;
use lapor_spin::error::{ApiError, ApiResult};
use lapor_spin::request::Req;
use lapor_spin::{answering, clock, respond, staff};
use lapor_store::workflow;
use lapor_store::Db;
use serde::Deserialize;
use serde_json::json;

/// `GET /api/v1/opd/inbox`: the reports of the caller's OPDs, waiting ones first.
pub fn inbox(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require(req, db)?;
    let opds = who.liaison_of_opds();
    if opds.is_empty() {
        return Err(staff::forbidden().into());
    }
    let list = workflow::by_opd(db, &opds, 200)?;
    Ok(respond::json(200, &lapor_spin::views::Reports::of(list)))
}

/// `GET /api/v1/opd/reports/{tracking_id}`: one of the OPD's reports (never an anonymous reporter's
/// identity; never NIK, phone or e-mail).
pub fn get(req: &Req, db: &dyn Db, tid: &str) -> ApiResult {
    let (who, a) = staff::require_for(req, db, tid, Action::Answer)?;
    Ok(respond::json(200, &staff::report_json(db, &who, &a, tid)?))
}

#[derive(Deserialize)]
struct Attachment {
    /// The file, base64 (standard alphabet); its type is sniffed from the content.
    data_base64: Option<String>,
}

#[derive(Deserialize, Default)]
struct Input {
    body: Option<String>,
    reason: Option<String>,
    attachment: Option<Attachment>,
}

/// An answer refused, as the API says it.
fn refused(r: answering::Refusal) -> ApiError {
    match r {
        answering::Refusal::NotFound => staff::report_not_found().into(),
        answering::Refusal::Forbidden => staff::forbidden().into(),
        answering::Refusal::Invalid(f) => ApiError::invalid(&[f]),
        answering::Refusal::Action(e) => staff::action_error(e).into(),
    }
}

/// `POST /api/v1/opd/reports/{tracking_id}/answer` `{"body", "attachment": {"data_base64"}}`: the answer use case
/// (`lapor_spin::answering`), as the console's forms.
fn answer(req: &Req, db: &dyn Db, tid: &str) -> ApiResult {
    let who = staff::require(req, db)?;
    let input: Input = staff::body_or_default(req)?;
    let file = match input.attachment.and_then(|f| f.data_base64) {
        Some(b64) => Some(base64::engine::general_purpose::STANDARD.decode(b64.trim()).map_err(|_| {
            ApiError::field("attachment.data_base64", "invalid_base64", "base64 tidak valid / invalid base64")
        })?),
        None => None,
    };
    let done =
        answering::answer(db, &who, tid, input.body.as_deref(), file.as_deref(), clock::now()).map_err(refused)?;
    let mut body = json!({ "status": done.status, "color": done.status.color(), "tracking_id": tid });
    if let Some(id) = done.attachment {
        body["attachment"] = json!(id);
    }
    Ok(respond::json(200, &body))
}

/// `POST /api/v1/opd/reports/{tracking_id}/{answer|extension|send_back}`.
pub fn act(req: &Req, db: &dyn Db, tid: &str, action: &str) -> ApiResult {
    if !["answer", "extension", "send_back"].contains(&action) {
        return Err(ApiError::not_found());
    }
    if action == "answer" {
        return answer(req, db, tid);
    }
    let (_, a) = staff::require_for(req, db, tid, Action::Answer)?;
    let input: Input = staff::body_or_default(req)?;
    let now = clock::now();
    let result = match action {
        "extension" => {
            let reason = staff::required_text("reason", input.reason.as_deref(), 1000)?;
            workflow::request_extension(db, a.report_id, &a.actor, &reason, now)
                .map(|_| json!({ "extension_requested": true, "status": a.scope.status }))
        }
        _ => {
            let reason = staff::required_text("reason", input.reason.as_deref(), 1000)?;
            workflow::send_back_to_instansi(db, a.report_id, &a.actor, &reason, now)
                .map(|_| json!({ "status": Status::Dispatched, "color": Status::Dispatched.color() }))
        }
    };
    let mut body = result?;
    body["tracking_id"] = json!(tid);
    Ok(respond::json(200, &body))
}
