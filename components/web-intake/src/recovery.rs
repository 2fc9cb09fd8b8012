//! A lost reporter code (issue 16): `POST /api/v1/reports/{id}/recovery` sends a 6-digit code by SMS to the phone on
//! the report (rate-limited per report and per client; the answer is the same whether or not the report has a
//! phone, so it reveals nothing), and `POST /api/v1/reports/{id}/recovery/verify` `{"code"}` trades the right code,
//! within 10 minutes and 5 tries, for a new reporter code — the old one stops working.

use lapor_core::recovery::{self, Verdict};
use lapor_core::{messages, rate_limit, secret, ErrorCode, FieldError, TrackingId};
use lapor_spin::error::{ApiError, ApiResult};
use lapor_spin::request::Req;
use lapor_spin::{clock, kv, respond, secrets};
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct Requested {
    message: &'static str,
    expires_in: i64,
}

#[derive(Serialize)]
struct Recovered<'a> {
    tracking_id: &'a str,
    reporter_token: &'a str,
}

#[derive(Deserialize)]
struct Code {
    code: Option<String>,
}

fn tracking_id(id: &str) -> Result<TrackingId, ApiError> {
    TrackingId::parse(id)
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "laporan tidak ditemukan / report not found"))
}

/// Counts one request against a limit; `false` when it is over.
fn allowed(limit: &rate_limit::RateLimit, key: &str, now: i64) -> bool {
    kv::bump(limit, key, now).map(|n| limit.allows(n)).unwrap_or_else(|e| {
        eprintln!("error: recovery rate limit: {e}");
        true
    })
}

/// `POST /api/v1/reports/{id}/recovery`.
pub fn request(req: &Req, id: &str) -> ApiResult {
    let tid = tracking_id(id)?;
    let now = clock::now();
    let per_report = recovery::PER_REPORT.key("recovery-report", tid.as_str());
    let per_client = recovery::PER_CLIENT.key("recovery-client", &req.client_subject());
    if !allowed(&recovery::PER_CLIENT, &per_client, now) || !allowed(&recovery::PER_REPORT, &per_report, now) {
        return Err(ApiError::new(
            ErrorCode::RateLimited,
            "terlalu banyak permintaan kode; coba lagi dalam satu jam / too many code requests; try again in an hour",
        ));
    }
    let db = lapor_spin::db()?;
    let code = recovery::code_from_random(secrets::random());
    let salt = secret::token_from_random(secrets::random());
    lapor_store::recovery::request(
        &db,
        tid.as_str(),
        &salt,
        &code,
        &messages::recovery_code(tid.as_str(), &code),
        now,
    )?;
    Ok(respond::json(
        202,
        &serde_json::to_value(Requested {
            message: "Bila laporan ini memuat nomor telepon, kode 6 angka dikirim lewat SMS ke nomor itu. / If the \
                      report has a phone number, a 6-digit code is sent to it by SMS.",
            expires_in: recovery::CODE_TTL_SECS,
        })
        .unwrap_or_default(),
    ))
}

/// `POST /api/v1/reports/{id}/recovery/verify` `{"code"}`.
pub fn verify(req: &Req, id: &str) -> ApiResult {
    let tid = tracking_id(id)?;
    if req.content_type() != "application/json" {
        return Err(ApiError::new(ErrorCode::UnsupportedMediaType, "kirim application/json / send application/json"));
    }
    let input: Code = serde_json::from_slice(&req.body)
        .map_err(|_| ApiError::new(ErrorCode::MalformedBody, "JSON tidak valid / malformed JSON"))?;
    let code = input.code.unwrap_or_default();
    let db = lapor_spin::db()?;
    let token = secret::token_from_random(secrets::random());
    let verdict = lapor_store::recovery::verify(&db, tid.as_str(), &code, &secret::hash_token(&token), clock::now())?;
    match verdict {
        Verdict::Valid => Ok(respond::json(
            200,
            &serde_json::to_value(Recovered { tracking_id: tid.as_str(), reporter_token: &token }).unwrap_or_default(),
        )),
        Verdict::Wrong { left } => Err(ApiError::invalid(&[FieldError::new(
            "code",
            "wrong_code",
            format!("kode salah; sisa {left} kali / wrong code; {left} tries left"),
        )])),
        Verdict::Dead => Err(ApiError::invalid(&[FieldError::new(
            "code",
            "code_expired",
            "kode tidak berlaku lagi; minta kode baru / the code is no longer valid; ask for a new one",
        )])),
    }
}
