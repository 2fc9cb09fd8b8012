//! dispatch: the instansi admin's board (`/api/v1/dispatch/...`), the OPD liaison's inbox
//! (`/api/v1/opd/...`) and the citizen's follow-up with the reporter token (`/api/v1/citizen/...`).
//! Thin: parse → lapor-core rules → lapor-store → respond.

mod citizen;
mod dashboard;
mod instansi;
mod opd;

use lapor_core::ErrorCode;
use lapor_spin::request::{self, Req};
use lapor_spin::respond;
use spin_sdk::http::{IncomingRequest, Method, Response};
use spin_sdk::http_component;

/// Largest request body accepted, in bytes: an answer may carry one 2 MB evidence file in base64.
pub const BODY_LIMIT: usize = 3 * 1024 * 1024;

#[http_component]
async fn handle(req: IncomingRequest) -> Response {
    match request::read(req, BODY_LIMIT).await {
        Ok(mut req) => {
            let head = req.head_as_get();
            respond::for_head(route(&req), head)
        }
        Err(resp) => resp,
    }
}

fn route(req: &Req) -> Response {
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    let db = match lapor_spin::db() {
        Ok(db) => db,
        Err(resp) => return resp,
    };
    use Method::*;
    match (&req.method, segments.as_slice()) {
        (Get, ["api", "v1", "dispatch", "unrouted"]) => instansi::unrouted(req, &db),
        (Get, ["api", "v1", "dispatch", "board"]) => instansi::board(req, &db),
        (Get, ["api", "v1", "dispatch", "reports", tid]) => instansi::get(req, &db, tid),
        (Post, ["api", "v1", "dispatch", "reports", tid, action]) => instansi::act(req, &db, tid, action),

        (Get, ["api", "v1", "opd", "inbox"]) => opd::inbox(req, &db),
        (Get, ["api", "v1", "opd", "reports", tid]) => opd::get(req, &db, tid),
        (Post, ["api", "v1", "opd", "reports", tid, action]) => opd::act(req, &db, tid, action),

        (Get, ["dashboard"]) => dashboard::show(req, &db),
        (_, ["dashboard"]) => lapor_spin::html::method_not_allowed(req, "GET, HEAD"),
        (Post, ["api", "v1", "citizen", "reports", tid, action]) => citizen::act(req, &db, tid, action),
        _ => respond::error(ErrorCode::NotFound, "tidak ditemukan / not found"),
    }
}
