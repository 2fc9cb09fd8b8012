//! sms-webhook: SMS to 1708 through a Twilio-compatible provider. `POST /webhooks/sms/twilio` takes inbound
//! messages (reports, thread replies), `POST /webhooks/sms/twilio/status` takes delivery receipts. Both are
//! signed with `X-Twilio-Signature`; the reply to a message is written to the outbox and given in the TwiML answer.

mod inbound;
mod signed;

use lapor_spin::request::{self, Req};
use lapor_spin::router::{Reply, Table};
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

/// The component's endpoints.
enum Hook {
    Message,
    Receipt,
}

async fn route(req: &Req) -> Response {
    let table = Table::new().at(Method::Post, "/webhooks/sms/twilio", Hook::Message).at(
        Method::Post,
        "/webhooks/sms/twilio/status",
        Hook::Receipt,
    );
    match table.find(&req.method, &req.path) {
        Ok((Hook::Message, _)) => inbound::message(req).await.reply(req),
        Ok((Hook::Receipt, _)) => inbound::receipt(req).await.reply(req),
        Err(miss) => miss.answer(req),
    }
}
