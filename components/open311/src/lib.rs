//! open311: the Open311 GeoReport v2 channel for third-party apps and city dashboards (`/open311/v2/...`),
//! the public statistics (`/api/v1/stats`, the `/stats` page) and the open-data CSV export
//! (`/open-data/reports.csv`, streamed page by page).

mod export;
mod georeport;
mod stats;

use lapor_core::ErrorCode;
use lapor_spin::request::{self, Req};
use lapor_spin::{respond, stream};
use spin_sdk::http::{IncomingRequest, Method, Response, ResponseOutparam};
use spin_sdk::http_component;

/// Largest request body accepted, in bytes (an Open311 POST is a small form).
pub const BODY_LIMIT: usize = 64 * 1024;

#[http_component]
async fn handle(req: IncomingRequest, out: ResponseOutparam) {
    let mut req = match request::read(req, BODY_LIMIT).await {
        Ok(req) => req,
        Err(resp) => return stream::send(out, resp).await,
    };
    // The page (`/stats`) answers HEAD as GET without the body.
    let head = req.path == "/stats" && req.head_as_get();
    if req.method == Method::Get && req.path == "/open-data/reports.csv" {
        return export::reports_csv(out).await;
    }
    stream::send(out, respond::for_head(route(&req), head)).await
}

fn route(req: &Req) -> Response {
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    match (&req.method, segments.as_slice()) {
        (_, ["open311", "v2", rest @ ..]) => georeport::route(req, rest),
        (Method::Get, ["api", "v1", "stats"]) => {
            stats::json(req).unwrap_or_else(lapor_spin::error::ApiError::into_response)
        }
        (Method::Get, ["stats"]) => stats::page(req).unwrap_or_else(|e| e.into_page(req)),
        (_, ["stats"]) => lapor_spin::html::method_not_allowed(req, "GET, HEAD"),
        (_, ["api", "v1", "stats"]) | (_, ["open-data", "reports.csv"]) => {
            respond::error(ErrorCode::MethodNotAllowed, "metode tidak diizinkan / method not allowed")
        }
        _ => respond::error(ErrorCode::NotFound, "tidak ditemukan / not found"),
    }
}
