//! The report JSON API.

use lapor_core::report::NewReport;
use lapor_core::{secret, time, ErrorCode, TrackingId};
use lapor_spin::request::Req;
use lapor_spin::{clock, respond, secrets};
use lapor_store::reports;

use crate::view::{self, Loaded};
use serde_json::json;
use spin_sdk::http::Response;

/// `POST /api/v1/reports`: validates, stores the report with its reporter and `received` event in one
/// transaction, and answers 201 with the tracking ID and the secret reporter token (shown only once).
pub fn create(req: &Req) -> Response {
    if req.content_type() != "application/json" {
        return respond::error(ErrorCode::UnsupportedMediaType, "kirim application/json / send application/json");
    }
    let input: NewReport = match serde_json::from_slice(&req.body) {
        Ok(v) => v,
        Err(e) if e.is_data() => {
            return respond::error(ErrorCode::ValidationFailed, &format!("jenis data salah / wrong type: {e}"))
        }
        Err(_) => return respond::error(ErrorCode::MalformedBody, "JSON tidak valid / malformed JSON"),
    };
    let report = match input.validate_web(clock::today_wib()) {
        Ok(r) => r,
        Err(fields) => return respond::invalid(&fields),
    };
    let db = match lapor_spin::db() {
        Ok(db) => db,
        Err(resp) => return resp,
    };
    let token = secret::token_from_random(secrets::random());
    let now = clock::now();
    let mut new_id = || TrackingId::from_random(secrets::random());
    let created = match reports::create(&db, &report, &mut new_id, Some(&secret::hash_token(&token)), None, now) {
        Ok(c) => c,
        Err(e) => return lapor_spin::internal("create report", &e),
    };
    let status = lapor_core::Status::Received;
    let mut resp = respond::json(
        201,
        &json!({
            "tracking_id": created.tracking_id.as_str(),
            "status": status,
            "color": status.color(),
            "reporter_token": token,
            "created_at": time::rfc3339(now),
            "links": { "self": format!("/api/v1/reports/{}", created.tracking_id) },
        }),
    );
    resp.set_header("location", format!("/api/v1/reports/{}", created.tracking_id));
    resp
}

/// The reporter token from `Authorization: Bearer …` or `X-Reporter-Token`.
fn reporter_token(req: &Req) -> Option<&str> {
    req.bearer().or_else(|| req.header("x-reporter-token"))
}

/// `GET /api/v1/reports/{tracking_id}`: the public view (no NIK, phone or e-mail; no name when anonymous).
/// A confidential report is shown only to its reporter; to anyone else it does not exist.
pub fn get(req: &Req, id: &str) -> Response {
    let db = match lapor_spin::db() {
        Ok(db) => db,
        Err(resp) => return resp,
    };
    let Loaded { report, thread, own } = match view::load(&db, id, reporter_token(req)) {
        Ok(Some(l)) => l,
        Ok(None) => return respond::error(ErrorCode::NotFound, "laporan tidak ditemukan / report not found"),
        Err(e) => return lapor_spin::internal("read report", &e),
    };
    respond::json(200, &lapor_spin::views::public_report(&report, &thread, own))
}
