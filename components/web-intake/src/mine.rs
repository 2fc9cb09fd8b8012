//! `GET /api/v1/me/reports` (issue 16): a device that filed several reports sends all its reporter codes at once
//! (`X-Reporter-Tokens: <code>, <code>`, at most 20) and gets each report's status, colour and last activity.
//! Unknown codes match nothing (and are not told apart). The answer carries an `ETag`; `If-None-Match` with it
//! answers 304 without a body, so a polling app costs little.

use lapor_core::{secret, time, ErrorCode, Status};
use lapor_spin::error::{ApiError, ApiResult};
use lapor_spin::request::Req;
use lapor_spin::respond;
use serde::Serialize;

/// Most reporter codes in one request.
pub const MAX_TOKENS: usize = 20;

#[derive(Serialize)]
struct Item {
    tracking_id: String,
    title: String,
    status: Status,
    color: lapor_core::Color,
    color_label: Label,
    created_at: String,
    last_activity: String,
}

#[derive(Serialize)]
struct Label {
    id: &'static str,
    en: &'static str,
}

#[derive(Serialize)]
struct Mine {
    reports: Vec<Item>,
}

/// `GET /api/v1/me/reports`.
pub fn list(req: &Req) -> ApiResult {
    let raw = req.header("x-reporter-tokens").unwrap_or("");
    let tokens: Vec<&str> = raw.split(',').map(str::trim).filter(|t| !t.is_empty()).collect();
    if tokens.is_empty() {
        return Err(ApiError::new(
            ErrorCode::Unauthorized,
            "kirim kode pelapor di X-Reporter-Tokens / send the reporter codes in X-Reporter-Tokens",
        ));
    }
    if tokens.len() > MAX_TOKENS {
        return Err(ApiError::field("X-Reporter-Tokens", "too_many", "paling banyak 20 kode / at most 20 codes"));
    }
    let mut hashes: Vec<String> = tokens.iter().map(|t| secret::hash_token(t)).collect();
    hashes.sort();
    hashes.dedup();
    let db = lapor_spin::db()?;
    let items = lapor_store::reports::by_token_hashes(&db, &hashes)?;
    let body = Mine {
        reports: items
            .into_iter()
            .map(|m| {
                let color = m.status.color();
                Item {
                    tracking_id: m.tracking_id,
                    title: m.title,
                    status: m.status,
                    color,
                    color_label: Label { id: color.label_id(), en: color.label_en() },
                    created_at: time::rfc3339(m.created_at),
                    last_activity: time::rfc3339(m.last_activity),
                }
            })
            .collect(),
    };
    let json = serde_json::to_vec(&body).unwrap_or_default();
    let etag = format!("\"{}\"", &secret::sha256_hex(&json)[..32]);
    let matches = req
        .header("if-none-match")
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == format!("W/{etag}")));
    let mut resp = if matches {
        respond::with_body(304, "application/json", Vec::new())
    } else {
        respond::with_body(200, "application/json", json)
    };
    resp.set_header("etag", etag);
    resp.set_header("cache-control", "private, no-cache");
    resp.set_header("vary", "X-Reporter-Tokens");
    Ok(resp)
}
