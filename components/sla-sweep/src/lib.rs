//! sla-sweep: the scheduled sweep. Exported for the Spin cron trigger (`fermyon:spin-cron`) and as
//! `POST /internal/sweep` (bearer `sweep_token`) for platforms that schedule over HTTP. Each run applies the
//! deadline rules (warnings, breaches, escalations, Ombudsman, auto-completion; `lapor_store::sla::sweep`)
//! and delivers pending SMS, X and e-mail messages from the outbox, removes rate counters whose window is over,
//! then logs and returns a summary.

mod cron;

use lapor_core::ErrorCode;
use lapor_spin::deliver::Drained;
use lapor_spin::error::{ApiError, ApiResult};
use lapor_spin::request::{self, Req};
use lapor_spin::router::Table;
use lapor_spin::{clock, email_send, respond, sms_send, vars, x_send};
use serde_json::json;
use spin_sdk::http::{IncomingRequest, Method, Response};
use spin_sdk::http_component;

/// Due timers per transaction.
const BATCH: i64 = 500;
/// Most due timers in one run; the rest waits for the next tick.
const MAX_ITEMS: i64 = 50_000;
/// Most outbox messages per channel in one run.
const DELIVER: i64 = 200;

#[http_component]
async fn handle(req: IncomingRequest) -> Response {
    serve(req).await.unwrap_or_else(ApiError::into_response)
}

/// `POST /internal/sweep` with the bearer `sweep_token`: one sweep and delivery run, its summary as JSON.
async fn serve(req: IncomingRequest) -> ApiResult {
    let req: Req = request::read(req, 1024).await?;
    Table::new().at(Method::Post, "/internal/sweep", ()).find(&req.method, &req.path).map_err(|m| m.answer(&req))?;
    if !req.bearer_is(&vars::get("sweep_token").unwrap_or_default()) {
        return Err(ApiError::new(ErrorCode::Unauthorized, "bearer token required"));
    }
    match run().await {
        Ok(summary) => Ok(respond::json(200, &summary)),
        Err(e) => Err(lapor_spin::internal("sweep", &e).into()),
    }
}

/// One sweep and one round of deliveries; the summary is logged and returned.
pub async fn run() -> Result<serde_json::Value, String> {
    let started = std::time::Instant::now();
    let now = clock::now();
    let db = lapor_spin::db().map_err(|_| "database unavailable".to_string())?;
    let s = lapor_store::sla::sweep(&db, now, BATCH, MAX_ITEMS).map_err(|e| e.to_string())?;
    // Rate counters whose window is over (`lapor_store::limits`): rows never pile up.
    let counters_removed = lapor_store::limits::purge(&db, now, MAX_ITEMS).map_err(|e| e.to_string())?;
    let mut sms = Drained::default();
    if let Some(cfg) = sms_send::Twilio::from_vars() {
        sms = sms_send::drain(&db, &cfg, now, DELIVER).await;
    }
    let mut x = Drained::default();
    if let Some(cfg) = x_send::XApi::from_vars() {
        x = x_send::drain(&db, &cfg, now, DELIVER).await;
    }
    let mut email = Drained::default();
    if let Some(cfg) = email_send::EmailApi::from_vars() {
        email = email_send::drain(&db, &cfg, now, DELIVER).await;
    }
    let summary = json!({
        "warnings": s.warnings,
        "breaches": s.breaches,
        "escalations": s.escalations,
        "ombudsman": s.ombudsman,
        "auto_completed": s.auto_completed,
        "rate_counters_removed": counters_removed,
        "sms": { "sent": sms.sent, "retrying": sms.retrying, "failed": sms.failed },
        "x": { "sent": x.sent, "retrying": x.retrying, "failed": x.failed },
        "email": { "sent": email.sent, "retrying": email.retrying, "failed": email.failed },
        "elapsed_ms": started.elapsed().as_millis() as u64,
    });
    eprintln!("sweep: {summary}");
    Ok(summary)
}
