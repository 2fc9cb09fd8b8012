//! web-intake: the citizen's web channel. The JSON API used by the mobile apps
//! (`POST /api/v1/reports`, `GET /api/v1/reports/{tracking_id}`) and the citizen pages
//! (home, report form with evidence, tracking, public list).

mod api;
mod files;
mod filing;
mod lookups;
mod mine;
mod offline;
mod pages;
mod quota;
mod recovery;
mod view;

use lapor_spin::request::{self, Req};
use lapor_spin::router::Router;
use lapor_spin::{respond, sms_send};
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
    Router::new()
        .post("/api/v1/reports", |r, _| api::create(r))
        .post("/api/v1/offline/reports", |r, _| offline::api_create(r))
        .get("/api/v1/reports/{id}", |r, p| api::get(r, &p["id"]))
        .get("/api/v1/me/reports", |r, _| mine::list(r))
        .post("/api/v1/reports/{id}/recovery", |r, p| recovery::request(r, &p["id"]))
        .post("/api/v1/reports/{id}/recovery/verify", |r, p| recovery::verify(r, &p["id"]))
        .get("/staff/luring", |r, _| offline::show(r))
        .post("/staff/luring", |r, _| offline::submit(r))
        .get("/", |r, _| pages::home::show(r))
        .get("/lapor", |r, _| pages::form::show(r))
        .post("/lapor", |r, _| pages::form::submit(r))
        .get("/lacak", |r, _| pages::track::lookup(r))
        .get("/lacak/{id}", |r, p| pages::track::show(r, &p["id"]))
        .post("/lacak/{id}", |r, p| pages::track::show(r, &p["id"]))
        .post("/lacak/{id}/berkas", |r, p| pages::track::file(r, &p["id"]))
        .get("/laporan", |r, _| pages::list::show(r))
        .get("/static/app.css", |_, _| {
            let mut r = respond::with_body(200, "text/css; charset=utf-8", APP_CSS.as_bytes().to_vec());
            r.set_header("cache-control", "public, max-age=3600");
            r
        })
        .serve(req)
}
