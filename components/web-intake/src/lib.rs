//! web-intake: the citizen's web channel. The JSON API used by the form and the mobile apps
//! (`POST /api/v1/reports`, `GET /api/v1/reports/{tracking_id}`) and the citizen pages.

mod api;

use lapor_core::ErrorCode;
use lapor_spin::request::{self, Req};
use lapor_spin::respond;
use spin_sdk::http::{IncomingRequest, Method, Response};
use spin_sdk::http_component;

/// Largest request body accepted, in bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

#[http_component]
async fn handle(req: IncomingRequest) -> Response {
    match request::read(req, BODY_LIMIT).await {
        Ok(req) => route(&req),
        Err(resp) => resp,
    }
}

fn route(req: &Req) -> Response {
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    match (&req.method, segments.as_slice()) {
        (Method::Post, ["api", "v1", "reports"]) => api::create(req),
        (Method::Get, ["api", "v1", "reports", id]) => api::get(req, id),
        (_, ["api", "v1", "reports"]) | (_, ["api", "v1", "reports", _]) => {
            respond::error(ErrorCode::MethodNotAllowed, "metode tidak diizinkan / method not allowed")
        }
        _ => respond::error(ErrorCode::NotFound, "tidak ditemukan / not found"),
    }
}
