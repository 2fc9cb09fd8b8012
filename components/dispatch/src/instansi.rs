//! Routing to an instansi (national admin, for reports no region maps to) and the instansi admin's board:
//! assign a report to one of the instansi's OPDs, or send it back as wrongly routed.

use lapor_core::roles::{Action, Role};
use lapor_core::{organisation as org_rules, Category, ErrorCode, FieldError, Status};
use lapor_spin::error::{ApiError, ApiResult};
use lapor_spin::forwarding;
use lapor_spin::request::Req;
use lapor_spin::{clock, respond, staff};
use lapor_store::action::ActionError;
use lapor_store::{organisation, workflow, Db};
use serde::Deserialize;
use serde_json::json;

/// `GET /api/v1/dispatch/unrouted`: verified reports without an instansi (national admin).
pub fn unrouted(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require(req, db)?;
    if !who.has_role(Role::NationalAdmin) {
        return Err(staff::forbidden().into());
    }
    let list = workflow::unrouted(db, 200)?;
    Ok(respond::json(200, &lapor_spin::views::Reports::of(list)))
}

/// `GET /api/v1/dispatch/board?status=`: the reports of the instansi the caller administers.
pub fn board(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require(req, db)?;
    let instansi = who.admin_of_instansi();
    if instansi.is_empty() {
        return Err(staff::forbidden().into());
    }
    let status = match req.query_param("status").filter(|s| !s.is_empty()) {
        Some(s) => match Status::parse(&s) {
            Some(st) => Some(st),
            None => {
                return Err(respond::invalid(&[FieldError::new(
                    "status",
                    "unknown_value",
                    "status tidak dikenal / unknown status",
                )])
                .into())
            }
        },
        None => None,
    };
    let list = workflow::by_instansi(db, &instansi, status, 200)?;
    Ok(respond::json(200, &lapor_spin::views::Reports::of(list)))
}

/// `GET /api/v1/dispatch/reports/{tracking_id}`: the report for whoever may view it; for the instansi
/// admin, with the suggested OPD for its category.
pub fn get(req: &Req, db: &dyn Db, tid: &str) -> ApiResult {
    let (who, a) = staff::require_for(req, db, tid, Action::View)?;
    let report = staff::report_json(db, &who, &a, tid)?;
    let category = Category::parse(&report.core.category);
    let mut body = serde_json::to_value(report).unwrap_or_default();
    if let (Some(instansi), Some(category)) = (a.scope.instansi_id, category) {
        if let Some(code) = org_rules::suggested_opd_code(category) {
            if let Some(o) = organisation::find_opd_by_code(db, instansi, code)? {
                body["suggested_opd"] = json!({ "id": o.id, "code": o.code, "name": o.name });
            }
        }
    }
    Ok(respond::json(200, &body))
}

#[derive(Deserialize, Default)]
struct Input {
    instansi_id: Option<i64>,
    opd_id: Option<i64>,
    reason: Option<String>,
}

/// `POST /api/v1/dispatch/reports/{tracking_id}/{route|assign|send_back}`.
pub fn act(req: &Req, db: &dyn Db, tid: &str, action: &str) -> ApiResult {
    let needed = match action {
        "route" => Action::Route,
        "assign" | "send_back" => Action::Assign,
        _ => return Err(respond::error(ErrorCode::NotFound, "tidak ditemukan / not found").into()),
    };
    let (_, a) = staff::require_for(req, db, tid, needed)?;
    let input: Input = staff::body_or_default(req)?;
    let required = |f: &str| respond::invalid(&[FieldError::new(f, "required", "wajib diisi / required")]);
    let now = clock::now();
    let result = match action {
        "route" => {
            let Some(i) = input.instansi_id else { return Err(required("instansi_id").into()) };
            workflow::route(db, a.report_id, &a.actor, i, now)
                .map(|name| json!({ "status": "dispatched", "instansi": name }))
        }
        "assign" => {
            let Some(o) = input.opd_id else { return Err(required("opd_id").into()) };
            workflow::assign(db, a.report_id, &a.actor, o, now).map(|name| json!({ "status": "assigned", "opd": name }))
        }
        _ => {
            let reason = staff::required_text("reason", input.reason.as_deref(), 1000)?;
            workflow::send_back_to_national(db, a.report_id, &a.actor, &reason, now)
                .map(|_| json!({ "status": "verified" }))
        }
    };
    match result {
        Ok(mut body) => {
            body["tracking_id"] = json!(tid);
            body["color"] = json!(Status::parse(body["status"].as_str().unwrap_or("")).map(|s| s.color()));
            Ok(respond::json(200, &body))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
struct ForwardInput {
    instansi_id: Option<i64>,
    reason: Option<String>,
}

/// `POST /api/v1/dispatch/reports/{tracking_id}/forward` `{instansi_id, reason}`: "no wrong door", the report goes
/// directly to another instansi (the report's instansi admin, or the national admin for any report, from the
/// verification queue too). Rules: `lapor_core::forward::decide`.
pub fn forward(req: &Req, db: &dyn Db, tid: &str) -> ApiResult {
    let (who, a) = staff::require_for(req, db, tid, Action::Forward)?;
    let input: ForwardInput = staff::body(req)?;
    let instansi_id =
        input.instansi_id.ok_or_else(|| ApiError::field("instansi_id", "required", "wajib diisi / required"))?;
    let reason = input.reason.unwrap_or_default();
    let name = forwarding::forward(
        db,
        &who,
        &forwarding::Subject { report_id: a.report_id, scope: &a.scope, tracking_id: tid },
        instansi_id,
        &reason,
        clock::now(),
    )
    .map_err(ActionError::from)?;
    Ok(respond::json(
        200,
        &serde_json::to_value(Forwarded {
            tracking_id: tid.to_string(),
            status: Status::Dispatched,
            color: Status::Dispatched.color(),
            instansi_id,
            instansi: name,
        })
        .unwrap_or_default(),
    ))
}

/// The answer to a forward.
#[derive(serde::Serialize)]
struct Forwarded {
    tracking_id: String,
    status: Status,
    color: lapor_core::Color,
    instansi_id: i64,
    instansi: String,
}
