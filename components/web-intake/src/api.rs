//! The report JSON API.

use lapor_core::report::NewReport;
use lapor_core::{multipart, time, ErrorCode, TrackingId};
use lapor_spin::error::{ApiError, ApiResult};
use lapor_spin::request::Req;
use lapor_spin::{admission, clock, respond};
use lapor_store::reports::{self, Evidence};

use crate::filing::Refused;

use crate::view::{self, Loaded};
use serde_json::json;
use spin_sdk::http::Response;

/// Reads the report's JSON.
fn parse_report(json: &[u8]) -> Result<NewReport, Response> {
    serde_json::from_slice(json).map_err(|e| {
        if e.is_data() {
            respond::error(ErrorCode::ValidationFailed, &format!("jenis data salah / wrong type: {e}"))
        } else {
            respond::error(ErrorCode::MalformedBody, "JSON tidak valid / malformed JSON")
        }
    })
}

/// A mobile app's multipart body (issue 16): the part `report` (the same JSON as the plain body) and up to three
/// files (parts with a file name, e.g. `evidence`), checked like the web form's: typed by their content (JPEG,
/// PNG, WebP, PDF), at most 2 MB each. Returns the report and the checked files, or the errors.
fn parse_multipart(req: &Req, boundary: &str) -> Result<(NewReport, Vec<Evidence>), Response> {
    let malformed = || respond::error(ErrorCode::MalformedBody, "multipart tidak valid / malformed multipart body");
    let parts = multipart::parse(&req.body, boundary).ok_or_else(malformed)?;
    let json = parts.iter().find(|p| p.filename.is_none() && p.name == "report").ok_or_else(|| {
        respond::error(ErrorCode::MalformedBody, "bagian `report` (JSON) tidak ada / the `report` JSON part is missing")
    })?;
    let input = parse_report(json.data)?;
    let files: Vec<&[u8]> =
        parts.iter().filter(|p| p.filename.is_some() && !p.data.is_empty()).map(|p| p.data).collect();
    let mut errors = match input.validate_web(clock::today_wib()) {
        Ok(_) => Vec::new(),
        Err(e) => e,
    };
    let checked = crate::files::checked(&files, "evidence", |_| "evidence".into(), &mut errors);
    if !errors.is_empty() {
        return Err(respond::invalid(&errors));
    }
    Ok((input, checked))
}

/// `POST /api/v1/reports`: validates, stores the report with its reporter and `received` event (and, from a
/// multipart body, its evidence files) in one transaction, and answers 201 with the tracking ID and the secret
/// reporter token (shown only once).
pub fn create(req: &Req) -> ApiResult {
    let ct = req.header("content-type").unwrap_or("");
    let (input, files) = if let Some(boundary) = multipart::boundary(ct) {
        parse_multipart(req, &boundary)?
    } else if req.content_type() == "application/json" {
        match parse_report(&req.body) {
            Ok(v) => (v, Vec::new()),
            Err(resp) => return Ok(resp),
        }
    } else {
        return Err(respond::error(
            ErrorCode::UnsupportedMediaType,
            "kirim application/json atau multipart/form-data / send application/json or multipart/form-data",
        )
        .into());
    };
    let report = match input.validate_web(clock::today_wib()) {
        Ok(r) => r,
        Err(fields) => return Err(respond::invalid(&fields).into()),
    };
    let now = clock::now();
    let filed =
        match crate::filing::file(&req.client_subject(), &report, &files, now)? {
            Ok(f) => f,
            Err(Refused::Client) => return Err(ApiError::new(ErrorCode::RateLimited, crate::filing::REFUSED)),
            Err(Refused::Evidence) => return Err(ApiError::new(
                ErrorCode::RateLimited,
                "batas unggah bukti hari ini tercapai; kirim tanpa lampiran atau coba besok / today's evidence upload \
                 limit is reached; send without files or try tomorrow",
            )),
            Err(Refused::Limit(over)) => {
                return Err(ApiError::new(ErrorCode::RateLimited, &admission::refusal(over).both()))
            }
        };
    let (created, token) = (&filed.created, &filed.token);
    let status = lapor_core::Status::Received;
    let mut resp = respond::json(
        201,
        &json!({
            "tracking_id": created.tracking_id.as_str(),
            "status": status,
            "color": status.color(),
            "reporter_token": token,
            "evidence": files.len(),
            "acknowledgement_withheld": filed.withheld,
            "created_at": time::rfc3339(now),
            "links": { "self": format!("/api/v1/reports/{}", created.tracking_id) },
        }),
    );
    resp.set_header("location", format!("/api/v1/reports/{}", created.tracking_id));
    Ok(resp)
}

/// The reporter token from `Authorization: Bearer …` or `X-Reporter-Token`.
fn reporter_token(req: &Req) -> Option<&str> {
    req.bearer().or_else(|| req.header("x-reporter-token"))
}

/// The refusal of a client over the tracking look-up limit (`crate::lookups`).
const TOO_MANY_LOOKUPS: &str =
    "terlalu banyak nomor laporan yang tidak ditemukan; coba lagi dalam satu jam / too many tracking numbers that \
     match no report; try again in an hour";

/// `GET /api/v1/reports/{tracking_id}`: the public view (no NIK, phone or e-mail; no name when anonymous).
/// A confidential report is shown only to its reporter; to anyone else it does not exist. A rejected report shows
/// anyone else its status only (`Status::content_is_public`), and the reporter's name is public only once the report
/// is verified (`Status::reporter_name_is_public`). Look-ups are throttled per client (`crate::lookups`).
pub fn get(req: &Req, id: &str) -> ApiResult {
    let not_found = || respond::error(ErrorCode::NotFound, "laporan tidak ditemukan / report not found");
    let Some(id) = TrackingId::parse(id) else { return Err(not_found().into()) };
    let lookups = crate::lookups::key(&req.client_subject());
    if !crate::lookups::allowed(&lookups) {
        return Err(ApiError::new(ErrorCode::RateLimited, TOO_MANY_LOOKUPS));
    }
    // The schema check rides on the report read: with the thread, two statements.
    let (db, found) = lapor_spin::db_then(|db| reports::find_checked(db, id.as_str()))?;
    let loaded = match view::visible(&db, found, reporter_token(req)) {
        Ok(Some(l)) => l,
        Ok(None) => {
            crate::lookups::missed(&lookups);
            return Err(not_found().into());
        }
        Err(e) => return Err(lapor_spin::internal("read report", &e).into()),
    };
    if loaded.withheld() {
        return Ok(respond::json(200, &lapor_spin::views::public_status(&loaded.report)));
    }
    let Loaded { report, thread, own } = loaded;
    Ok(respond::json(200, &lapor_spin::views::public_report(&report, &thread, own)))
}
