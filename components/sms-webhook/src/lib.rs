//! sms-webhook: SMS to 1708 through a Twilio-compatible provider. `POST /webhooks/sms/twilio` takes inbound
//! messages (reports, thread replies), `POST /webhooks/sms/twilio/status` takes delivery receipts. Both are
//! signed with `X-Twilio-Signature`; the replies go out through the outbox, drained right after each request.

mod inbound;
mod signed;

use lapor_core::ErrorCode;
use lapor_spin::error::ApiError;
use lapor_spin::request::{self, Req};
use lapor_spin::respond;
use spin_sdk::http::{IncomingRequest, Method, Response};
use spin_sdk::http_component;

/// Largest request body accepted, in bytes (a provider's form post is far smaller).
pub const BODY_LIMIT: usize = 16 * 1024;

#[http_component]
async fn handle(req: IncomingRequest) -> Response {
    match request::read(req, BODY_LIMIT).await {
        Ok(req) => route(&req).await,
        Err(resp) => resp,
    }
}

async fn route(req: &Req) -> Response {
    match (&req.method, req.path.trim_end_matches('/')) {
        (Method::Post, "/webhooks/sms/twilio") => inbound::message(req).await.unwrap_or_else(ApiError::into_response),
        (Method::Post, "/webhooks/sms/twilio/status") => {
            inbound::receipt(req).await.unwrap_or_else(ApiError::into_response)
        }
        (_, "/webhooks/sms/twilio") | (_, "/webhooks/sms/twilio/status") => {
            respond::error(ErrorCode::MethodNotAllowed, "metode tidak diizinkan / method not allowed")
        }
        _ => respond::error(ErrorCode::NotFound, "tidak ditemukan / not found"),
    }
}
