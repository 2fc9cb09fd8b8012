//! twitter-ingest: @lapor1708 on X. The Account Activity webhook (`GET /webhooks/x?crc_token=` answers the
//! CRC challenge, `POST /webhooks/x` takes signed `tweet_create_events`) and polling of the mentions timeline
//! and of `#lapor` search (`POST /internal/x-poll`, or the cron trigger) with stored cursors. Each post is one
//! report, however often it is seen; the reply with the tracking ID goes through the outbox.

mod config;
mod cron;
mod ingest;
mod media;
mod poll;

use lapor_core::{x, ErrorCode};
use lapor_spin::error::{ApiError, ApiResult};
use lapor_spin::request::{self, Req};
use lapor_spin::router::{Reply, Table};
use lapor_spin::{respond, x_send};
use serde_json::json;
use spin_sdk::http::{IncomingRequest, Method, Response};
use spin_sdk::http_component;

use crate::config::Config;

/// Largest webhook body, in bytes (Account Activity batches are small).
pub const BODY_LIMIT: usize = 256 * 1024;
/// Replies posted right after a batch; the sweep delivers any others.
const REPLY_BATCH: i64 = 10;

#[http_component]
async fn handle(req: IncomingRequest) -> Response {
    match request::read(req, BODY_LIMIT).await {
        Ok(req) => route(req).await,
        Err(resp) => resp,
    }
}

/// The component's endpoints.
enum Hook {
    Crc,
    Webhook,
    Poll,
}

async fn route(req: Req) -> Response {
    let cfg = Config::load();
    let table = Table::new()
        .at(Method::Get, "/webhooks/x", Hook::Crc)
        .at(Method::Post, "/webhooks/x", Hook::Webhook)
        .at(Method::Post, "/internal/x-poll", Hook::Poll);
    match table.find(&req.method, &req.path) {
        Ok((Hook::Crc, _)) => crc(&req, &cfg),
        Ok((Hook::Webhook, _)) => webhook(&req, &cfg).await.reply(&req),
        Ok((Hook::Poll, _)) => poll(&req, &cfg).await.reply(&req),
        Err(miss) => miss.answer(&req),
    }
}

/// `POST /internal/x-poll` with the bearer `sweep_token`: one polling run, its summary as JSON.
async fn poll(req: &Req, cfg: &Config) -> ApiResult {
    if !req.bearer_is(&cfg.sweep_token) {
        return Err(ApiError::new(ErrorCode::Unauthorized, "bearer token required"));
    }
    let summary = poll::run(cfg).await.map_err(|e| lapor_spin::internal("x poll", &e))?;
    if let Ok(db) = lapor_spin::db() {
        after_batch(&db, cfg).await;
    }
    Ok(respond::json(200, &summary.to_json()))
}

/// `GET /webhooks/x?crc_token=T` → `{"response_token":"sha256=…"}`; any other token shape is 400.
fn crc(req: &Req, cfg: &Config) -> Response {
    if cfg.consumer_secret.is_empty() {
        return respond::error(ErrorCode::Forbidden, "X webhook is not configured");
    }
    // Only a token of the shape X sends is signed: the answer is the same HMAC that signs webhook bodies, so
    // signing arbitrary text would forge any body. A refused token is not logged.
    match req.query_param("crc_token").filter(|t| x::crc_token_acceptable(t)) {
        Some(token) => {
            respond::json(200, &json!({ "response_token": x::crc_response_token(&cfg.consumer_secret, &token) }))
        }
        None => respond::error(ErrorCode::MalformedBody, "crc_token required (base64, at most 128 characters)"),
    }
}

/// `POST /webhooks/x`: verify the signature over the raw body, then store each post that counts.
async fn webhook(req: &Req, cfg: &Config) -> ApiResult {
    if !x::signature_valid(&cfg.consumer_secret, &req.body, req.header("x-twitter-webhooks-signature")) {
        return Err(respond::error(ErrorCode::Forbidden, "invalid signature").into());
    }
    let payload: serde_json::Value = match serde_json::from_slice(&req.body) {
        Ok(v) => v,
        Err(_) => return Err(respond::error(ErrorCode::MalformedBody, "malformed JSON").into()),
    };
    let db = lapor_spin::db()?;
    let summary = match ingest::posts(&db, cfg, &x::posts_from_webhook(&payload)) {
        Ok(summary) => summary,
        Err(e) => return Err(lapor_spin::internal("x webhook", &e).into()),
    };
    after_batch(&db, cfg).await;
    Ok(respond::json(200, &summary.to_json()))
}

/// After a committed batch: the queued replies, then the photos to keep as evidence.
async fn after_batch(db: &dyn lapor_store::Db, cfg: &Config) {
    deliver_replies(db).await;
    media::fetch(db, cfg).await;
}

/// Posts the queued replies now, so the citizen sees the tracking ID quickly; the sweep retries the rest.
async fn deliver_replies(db: &dyn lapor_store::Db) {
    if let Some(api) = x_send::XApi::from_vars() {
        let d = x_send::drain(db, &api, lapor_spin::clock::now(), REPLY_BATCH).await;
        if d != lapor_spin::deliver::Drained::default() {
            eprintln!("x replies: {} sent, {} retrying, {} failed", d.sent, d.retrying, d.failed);
        }
    }
}
