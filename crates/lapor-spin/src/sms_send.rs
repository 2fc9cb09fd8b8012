//! SMS delivery through a Twilio-compatible Messages API (`POST {base}/2010-04-01/Accounts/{sid}/Messages.json`,
//! form fields `To`, `From`, `Body`, basic auth), and draining the SMS outbox with [`crate::deliver`]. Used by
//! the SMS webhook (right after an inbound message) and by the sweep.

use base64::Engine;
use lapor_store::outbox::Medium;
use lapor_store::Db;
use spin_sdk::http::{Method, Request};

use crate::deliver::{self, Attempt, Drained, Lookup};
use crate::vars;

/// Where and as whom to send.
#[derive(Debug, Clone)]
pub struct Twilio {
    pub account_sid: String,
    pub auth_token: String,
    /// E.g. `https://api.twilio.com`, without a trailing slash.
    pub api_base: String,
    /// The short code or number messages come from (`1708`).
    pub sender: String,
    /// Where the provider posts delivery receipts, if the public URL is known.
    pub status_callback: Option<String>,
}

impl Twilio {
    /// From the Spin variables; `None` when the account or token is not configured (nothing is sent).
    pub fn from_vars() -> Option<Self> {
        Some(Twilio {
            account_sid: vars::get("twilio_account_sid")?,
            auth_token: vars::get("twilio_auth_token")?,
            api_base: vars::base_url("twilio_api_base", "https://api.twilio.com"),
            sender: vars::get("sms_sender").unwrap_or_else(|| "1708".into()),
            status_callback: vars::get("public_base_url")
                .map(|b| format!("{}/webhooks/sms/twilio/status", b.trim_end_matches('/'))),
        })
    }
}

/// Sends one SMS.
pub async fn send(cfg: &Twilio, to: &str, body: &str) -> Attempt {
    let url = format!("{}/2010-04-01/Accounts/{}/Messages.json", cfg.api_base, cfg.account_sid);
    let mut form = form_urlencoded::Serializer::new(String::new());
    form.append_pair("To", to).append_pair("From", &cfg.sender).append_pair("Body", body);
    if let Some(cb) = &cfg.status_callback {
        form.append_pair("StatusCallback", cb);
    }
    let req = Request::builder()
        .method(Method::Post)
        .uri(url)
        .header("authorization", basic_auth(cfg))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body(form.finish())
        .build();
    deliver::attempt(req, "/sid").await
}

fn basic_auth(cfg: &Twilio) -> String {
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", cfg.account_sid, cfg.auth_token));
    format!("Basic {auth}")
}

/// Asks the provider whether an SMS to `to` with `body` went out since `since`: lists the Messages to that
/// number sent since that day (`GET …/Messages.json?To=…&DateSent>=YYYY-MM-DD`) and looks for it.
pub async fn lookup(cfg: &Twilio, to: &str, body: &str, since: i64) -> Lookup {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("To", to)
        .append_pair("DateSent>", &lapor_core::twilio::date_sent_filter(since))
        .append_pair("PageSize", "100")
        .finish();
    let url = format!("{}/2010-04-01/Accounts/{}/Messages.json?{query}", cfg.api_base, cfg.account_sid);
    let req = Request::builder()
        .method(Method::Get)
        .uri(url)
        .header("authorization", basic_auth(cfg))
        .header("accept", "application/json")
        .body(Vec::new())
        .build();
    deliver::lookup_json(req, "message list", |list| lapor_core::twilio::sent_since(list, to, body, since)).await
}

/// Sends up to `limit` due SMS messages from the outbox; one in doubt is first looked up with [`lookup`].
pub async fn drain(db: &dyn Db, cfg: &Twilio, now: i64, limit: i64) -> Drained {
    deliver::drain(
        db,
        Medium::Sms,
        now,
        limit,
        |m| async move { send(cfg, &m.recipient, &m.body).await },
        |m, since| async move { lookup(cfg, &m.recipient, &m.body, since).await },
    )
    .await
}
