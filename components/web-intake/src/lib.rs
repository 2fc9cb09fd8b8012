//! web-intake: the citizen's web channel. The JSON API used by the mobile apps
//! (`POST /api/v1/reports`, `GET /api/v1/reports/{tracking_id}`) and the citizen pages
//! (home, report form with evidence, tracking, public list).

mod api;
mod mine;
mod offline;
mod pages;
mod quota;
mod recovery;
mod view;

use lapor_core::texts;
use lapor_core::ErrorCode;
use lapor_spin::error::ApiError;
use lapor_spin::request::{self, Req};
use lapor_spin::{html, respond, sms_send};
use spin_sdk::http::{IncomingRequest, Method, Response};
use spin_sdk::http_component;

/// Largest JSON API body, in bytes.
pub const API_BODY_LIMIT: usize = 64 * 1024;
/// Largest form body (three evidence files and the fields), in bytes.
pub const FORM_BODY_LIMIT: usize = 7 * 1024 * 1024;
/// Largest offline complaint through the API: three 2 MB scans in base64 and the fields, in bytes.
pub const OFFLINE_API_BODY_LIMIT: usize = 9 * 1024 * 1024;

const APP_CSS: &str = include_str!("../static/app.css");

#[http_component]
async fn handle(req: IncomingRequest) -> Response {
    // The form, and the API's multipart intake with files (issue 16), take the evidence files' size.
    let multipart = req
        .headers()
        .get("content-type")
        .first()
        .is_some_and(|v| String::from_utf8_lossy(v).to_ascii_lowercase().starts_with("multipart/form-data"));
    let limit = match req.path_with_query() {
        Some(p) if p == "/lapor" || p.starts_with("/lapor?") => FORM_BODY_LIMIT,
        Some(p) if p == "/staff/luring" || p.starts_with("/staff/luring?") => FORM_BODY_LIMIT,
        Some(p) if p == "/api/v1/offline/reports" => OFFLINE_API_BODY_LIMIT,
        Some(p) if multipart && (p == "/api/v1/reports" || p.starts_with("/api/v1/reports?")) => FORM_BODY_LIMIT,
        _ => API_BODY_LIMIT,
    };
    let recovery_code = req.method() == Method::Post
        && req.path_with_query().is_some_and(|p| p.starts_with("/api/v1/reports/") && p.ends_with("/recovery"));
    let resp = request::serve(req, limit, route).await;
    // A recovery code goes out at once (the sweep retries it if the provider fails).
    if recovery_code && *resp.status() == 202 {
        if let (Some(cfg), Ok(db)) = (sms_send::Twilio::from_vars(), lapor_spin::db()) {
            sms_send::drain(&db, &cfg, lapor_spin::clock::now(), 5).await;
        }
    }
    resp
}

fn route(req: &Req) -> Response {
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    match (&req.method, segments.as_slice()) {
        (Method::Post, ["api", "v1", "reports"]) => api::create(req).unwrap_or_else(ApiError::into_response),
        (Method::Post, ["api", "v1", "offline", "reports"]) => {
            offline::api_create(req).unwrap_or_else(lapor_spin::error::ApiError::into_response)
        }
        (Method::Get, ["staff", "luring"]) => offline::show(req).unwrap_or_else(|e| e.into_page(req)),
        (Method::Post, ["staff", "luring"]) => offline::submit(req).unwrap_or_else(|e| e.into_page(req)),
        (_, ["staff", "luring"]) => html::method_not_allowed(req, "GET, HEAD, POST"),
        (Method::Get, ["api", "v1", "reports", id]) => api::get(req, id).unwrap_or_else(ApiError::into_response),
        (Method::Get, ["api", "v1", "me", "reports"]) => mine::list(req).unwrap_or_else(ApiError::into_response),
        (Method::Post, ["api", "v1", "reports", id, "recovery"]) => {
            recovery::request(req, id).unwrap_or_else(ApiError::into_response)
        }
        (Method::Post, ["api", "v1", "reports", id, "recovery", "verify"]) => {
            recovery::verify(req, id).unwrap_or_else(ApiError::into_response)
        }
        (_, ["api", "v1", "reports"]) | (_, ["api", "v1", "reports", _]) | (_, ["api", "v1", "offline", "reports"]) => {
            respond::error(ErrorCode::MethodNotAllowed, "metode tidak diizinkan / method not allowed")
        }
        (_, ["api", ..]) => respond::error(ErrorCode::NotFound, "tidak ditemukan / not found"),
        (Method::Get, [""]) => pages::home::show(req),
        (Method::Get, ["lapor"]) => pages::form::show(req),
        (Method::Post, ["lapor"]) => pages::form::submit(req).unwrap_or_else(|e| e.into_page(req)),
        (Method::Get, ["lacak"]) => pages::track::lookup(req),
        (Method::Get | Method::Post, ["lacak", id]) => pages::track::show(req, id).unwrap_or_else(|e| e.into_page(req)),
        (Method::Post, ["lacak", id, "berkas"]) => pages::track::file(req, id).unwrap_or_else(|e| e.into_page(req)),
        (_, ["lacak", _, "berkas"]) => html::method_not_allowed(req, "POST"),
        (Method::Get, ["laporan"]) => pages::list::show(req).unwrap_or_else(|e| e.into_page(req)),
        (Method::Get, ["static", "app.css"]) => {
            let mut r = respond::with_body(200, "text/css; charset=utf-8", APP_CSS.as_bytes().to_vec());
            r.set_header("cache-control", "public, max-age=3600");
            r
        }
        (_, [""] | ["lacak"] | ["laporan"] | ["static", "app.css"]) => html::method_not_allowed(req, "GET, HEAD"),
        (_, ["lapor"] | ["lacak", _]) => html::method_not_allowed(req, "GET, HEAD, POST"),
        _ => pages::error_page(req, 404, texts::common::PAGE_NOT_FOUND, ""),
    }
}
