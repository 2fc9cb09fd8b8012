//! The national admin's verification queue and decisions: verify (and dispatch at once when the region
//! maps to an instansi), ask the reporter for more, reject with a reason, or merge into another report.

use lapor_core::roles::{Action, Role};
use lapor_core::verification::RejectReason;
use lapor_core::{regions, Category, ErrorCode, FieldError, Kind};
use lapor_spin::request::Req;
use lapor_spin::{clock, respond, staff, try_resp, try_store};
use lapor_store::workflow::{self, Verification};
use lapor_store::Db;
use serde::Deserialize;
use serde_json::json;
use spin_sdk::http::Response;

/// `GET /api/v1/verification/queue?limit=`: `received` and `needs_info` reports, oldest first, with the
/// verification deadline (national admin).
pub fn queue(req: &Req, db: &dyn Db) -> Response {
    let who = try_resp!(staff::require(req, db));
    if !who.has_role(Role::NationalAdmin) {
        return staff::forbidden();
    }
    let limit = req.query_param("limit").and_then(|l| l.parse().ok()).unwrap_or(100i64).clamp(1, 500);
    let list = try_store!(workflow::verification_queue(db, limit), "verification queue");
    respond::json(200, &lapor_spin::views::Reports::of(&list))
}

/// `GET /api/v1/verification/reports/{tracking_id}`: the report with the reporter's identity and history.
pub fn get(req: &Req, db: &dyn Db, tid: &str) -> Response {
    let who = try_resp!(staff::require(req, db));
    let a = try_resp!(staff::authorize(db, &who, tid, Action::Verify));
    match staff::report_json(db, &who, &a, tid) {
        Ok(v) => respond::json(200, &v),
        Err(e) => e.into_response(),
    }
}

#[derive(Deserialize, Default)]
struct Decision {
    // verify
    kind: Option<String>,
    category: Option<String>,
    region_code: Option<String>,
    instansi_id: Option<i64>,
    // needs_info
    question: Option<String>,
    // reject
    reason: Option<String>,
    note: Option<String>,
    // duplicate
    of: Option<String>,
}

fn unknown(field: &str) -> Response {
    respond::invalid(&[FieldError::new(field, "unknown_value", "nilai tidak dikenal / unknown value")])
}

/// `POST /api/v1/verification/reports/{tracking_id}/{verify|needs_info|reject|duplicate}`.
pub fn act(req: &Req, db: &dyn Db, tid: &str, action: &str) -> Response {
    if !["verify", "needs_info", "reject", "duplicate"].contains(&action) {
        return respond::error(ErrorCode::NotFound, "tidak ditemukan / not found");
    }
    let who = try_resp!(staff::require(req, db));
    let a = try_resp!(staff::authorize(db, &who, tid, Action::Verify));
    let d: Decision = if req.body.is_empty() { Decision::default() } else { try_resp!(staff::body(req)) };
    let now = clock::now();
    let result = match action {
        "verify" => {
            let kind = match d.kind.as_deref() {
                Some(k) => Some(try_resp!(Kind::parse(k).ok_or_else(|| unknown("kind")))),
                None => None,
            };
            let category = match d.category.as_deref() {
                Some(c) => Some(try_resp!(Category::parse(c).ok_or_else(|| unknown("category")))),
                None => None,
            };
            if d.region_code.as_deref().is_some_and(|c| regions::find(c).is_none()) {
                return unknown("region_code");
            }
            let v = Verification { kind, category, region_code: d.region_code, instansi_id: d.instansi_id };
            workflow::verify(db, a.report_id, &a.actor, &v, now).map(|v| {
                json!({ "status": v.status, "color": v.status.color(), "instansi_id": v.instansi_id, "instansi": v.instansi_name })
            })
        }
        "needs_info" => {
            let q = try_resp!(staff::required_text("question", d.question.as_deref(), 1000));
            workflow::needs_info(db, a.report_id, &a.actor, &q, now).map(|_| json!({ "status": "needs_info" }))
        }
        "reject" => {
            let reason = try_resp!(d.reason.as_deref().and_then(RejectReason::parse).ok_or_else(|| unknown("reason")));
            let note = d.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
            workflow::reject(db, a.report_id, &a.actor, reason, note, now).map(|_| json!({ "status": "rejected" }))
        }
        _ => {
            let of = try_resp!(staff::required_text("of", d.of.as_deref(), 20));
            workflow::mark_duplicate(db, a.report_id, &a.actor, &of, now)
                .map(|_| json!({ "status": "duplicate", "duplicate_of": of }))
        }
    };
    match result {
        Ok(mut body) => {
            body["tracking_id"] = json!(tid);
            respond::json(200, &body)
        }
        Err(e) => staff::action_error(e),
    }
}
