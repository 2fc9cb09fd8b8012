//! The national admin's verification queue and decisions: verify (and dispatch at once when the region
//! maps to an instansi), ask the reporter for more, reject with a reason, or merge into another report.

use lapor_core::roles::{Action, Role};
use lapor_core::verification::{QueueQuery, RejectReason};
use lapor_core::{regions, time, Category, Kind};
use lapor_spin::error::{ApiError, ApiResult};
use lapor_spin::request::{url_decode_pairs, Req};
use lapor_spin::{clock, report_groups, respond, staff};
use lapor_store::workflow::{self, Verification};
use lapor_store::Db;
use serde::Deserialize;
use serde_json::json;

/// `GET /api/v1/verification/queue?sort=&channel=&kind=&region=&page=&limit=`: `received` and `needs_info`
/// reports (oldest first unless `sort=newest`), with the verification deadline, one page at a time; the header
/// `X-Total-Count` says how many match (national admin).
pub fn queue(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require(req, db)?;
    if !who.has_role(Role::NationalAdmin) {
        return Err(staff::forbidden().into());
    }
    let q = QueueQuery::parse(&url_decode_pairs(&req.query)).map_err(|f| ApiError::invalid(&f))?;
    let (list, total) = workflow::verification_queue(db, &q)?;
    let mut resp = respond::json(200, &lapor_spin::views::Reports::of(list));
    resp.set_header("x-total-count", total.to_string());
    Ok(resp)
}

/// `GET /api/v1/verification/reports/{tracking_id}`: the report with the reporter's identity and history.
pub fn get(req: &Req, db: &dyn Db, tid: &str) -> ApiResult {
    let (who, a) = staff::require_for(req, db, tid, Action::Verify)?;
    Ok(respond::json(200, &staff::report_json(db, &who, &a, tid)?))
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

fn unknown(field: &str) -> ApiError {
    ApiError::field(field, "unknown_value", "nilai tidak dikenal / unknown value")
}

/// `POST /api/v1/verification/reports/{tracking_id}/{verify|needs_info|reject|duplicate}`.
pub fn act(req: &Req, db: &dyn Db, tid: &str, action: &str) -> ApiResult {
    if !["verify", "needs_info", "reject", "duplicate"].contains(&action) {
        return Err(ApiError::not_found());
    }
    let (_, a) = staff::require_for(req, db, tid, Action::Verify)?;
    let d: Decision = staff::body_or_default(req)?;
    let now = clock::now();
    let result = match action {
        "verify" => {
            let kind = d.kind.as_deref().map(|k| Kind::parse(k).ok_or_else(|| unknown("kind"))).transpose()?;
            let category =
                d.category.as_deref().map(|c| Category::parse(c).ok_or_else(|| unknown("category"))).transpose()?;
            if d.region_code.as_deref().is_some_and(|c| regions::find(c).is_none()) {
                return Err(unknown("region_code"));
            }
            let v = Verification { kind, category, region_code: d.region_code, instansi_id: d.instansi_id };
            workflow::verify(db, a.report_id, &a.actor, &v, now).map(|v| {
                json!({ "status": v.status, "color": v.status.color(), "instansi_id": v.instansi_id, "instansi": v.instansi_name })
            })
        }
        "needs_info" => {
            let q = staff::required_text("question", d.question.as_deref(), 1000)?;
            workflow::needs_info(db, a.report_id, &a.actor, &q, now).map(|_| json!({ "status": "needs_info" }))
        }
        "reject" => {
            let reason = d.reason.as_deref().and_then(RejectReason::parse).ok_or_else(|| unknown("reason"))?;
            let note = d.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
            workflow::reject(db, a.report_id, &a.actor, reason, note, now).map(|_| json!({ "status": "rejected" }))
        }
        _ => {
            let of = staff::required_text("of", d.of.as_deref(), 20)?;
            workflow::mark_duplicate(db, a.report_id, &a.actor, &of, now)
                .map(|_| json!({ "status": "duplicate", "duplicate_of": of }))
        }
    };
    let mut body = result?;
    body["tracking_id"] = json!(tid);
    Ok(respond::json(200, &body))
}

/// A refused group action as the API answers it.
fn refused(r: report_groups::Refusal) -> ApiError {
    match r {
        report_groups::Refusal::Forbidden => staff::forbidden().into(),
        report_groups::Refusal::Action(e) => staff::action_error(e).into(),
    }
}

/// `GET /api/v1/verification/groups`: groups of at least three near-identical waiting reports (a flood), largest
/// first, each with its key, size, first title, first and last arrival and tracking IDs (national admin).
pub fn groups(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require(req, db)?;
    let groups = report_groups::list(db, &who).map_err(refused)?;
    let groups: Vec<_> = groups
        .iter()
        .map(|g| {
            json!({
                "fingerprint": g.fingerprint, "count": g.count, "title": g.title,
                "first_at": time::rfc3339(g.first_at), "last_at": time::rfc3339(g.last_at),
                "tracking_ids": g.tracking_ids,
            })
        })
        .collect();
    Ok(respond::json(200, &json!({ "groups": groups })))
}

/// `POST /api/v1/verification/groups/{fingerprint}/reject` `{"reason", "note"}`: rejects every report of the group
/// in one action (each reporter is told, as for one rejection).
pub fn reject_group(req: &Req, db: &dyn Db, fingerprint: &str) -> ApiResult {
    let who = staff::require(req, db)?;
    let d: Decision = staff::body_or_default(req)?;
    let reason = d.reason.as_deref().and_then(RejectReason::parse).ok_or_else(|| unknown("reason"))?;
    let note = d.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let ids = report_groups::reject(db, &who, fingerprint, reason, note, clock::now()).map_err(refused)?;
    Ok(respond::json(200, &json!({ "status": "rejected", "count": ids.len(), "tracking_ids": ids })))
}
