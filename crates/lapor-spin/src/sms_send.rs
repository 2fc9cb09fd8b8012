//! SMS delivery through a Twilio-compatible Messages API (`POST {base}/2010-04-01/Accounts/{sid}/Messages.json`,
//! form fields `To`, `From`, `Body`, basic auth), and draining the outbox: claim due messages, send each,
//! record the provider's message id, or schedule a retry / give up by the policy in `lapor_core::delivery`.
//! Used by the SMS webhook (right after an inbound message) and by the sweep.

use base64::Engine;
use lapor_core::delivery::{self, Next, Outcome};
use lapor_core::phone;
use lapor_store::outbox::{self, OutChannel};
use lapor_store::Db;
use spin_sdk::http::{Method, Request, Response};

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
            api_base: vars::get("twilio_api_base")
                .unwrap_or_else(|| "https://api.twilio.com".into())
                .trim_end_matches('/')
                .to_string(),
            sender: vars::get("sms_sender").unwrap_or_else(|| "1708".into()),
            status_callback: vars::get("public_base_url")
                .map(|b| format!("{}/webhooks/sms/twilio/status", b.trim_end_matches('/'))),
        })
    }
}

/// One attempt's result: the HTTP status (`None` when the provider never answered), the provider's message
/// id when accepted, and an error text safe for logs and the outbox (no phone number).
#[derive(Debug, Clone)]
pub struct Attempt {
    pub status: Option<u16>,
    pub provider_id: Option<String>,
    pub error: String,
}

/// Sends one SMS.
pub async fn send(cfg: &Twilio, to: &str, body: &str) -> Attempt {
    let url = format!("{}/2010-04-01/Accounts/{}/Messages.json", cfg.api_base, cfg.account_sid);
    let mut form = form_urlencoded::Serializer::new(String::new());
    form.append_pair("To", to).append_pair("From", &cfg.sender).append_pair("Body", body);
    if let Some(cb) = &cfg.status_callback {
        form.append_pair("StatusCallback", cb);
    }
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", cfg.account_sid, cfg.auth_token));
    let req = Request::builder()
        .method(Method::Post)
        .uri(url)
        .header("authorization", format!("Basic {auth}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body(form.finish())
        .build();
    match spin_sdk::http::send::<_, Response>(req).await {
        Ok(resp) => {
            let status = *resp.status();
            let provider_id = serde_json::from_slice::<serde_json::Value>(resp.body())
                .ok()
                .and_then(|v| v.get("sid").and_then(|s| s.as_str()).map(str::to_string));
            Attempt { status: Some(status), provider_id, error: format!("HTTP {status}") }
        }
        Err(e) => Attempt { status: None, provider_id: None, error: format!("no answer: {e}") },
    }
}

/// What a drain did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Drained {
    pub sent: usize,
    pub retrying: usize,
    pub failed: usize,
}

/// Sends up to `limit` due SMS messages from the outbox. Store errors end the drain early (the claimed
/// messages are retried when their lease expires).
pub async fn drain(db: &dyn Db, cfg: &Twilio, now: i64, limit: i64) -> Drained {
    let mut done = Drained::default();
    let claimed = match outbox::claim_due(db, OutChannel::Sms, now, delivery::LEASE_SECS, delivery::MAX_ATTEMPTS, limit)
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: claim outbox: {e}");
            return done;
        }
    };
    for m in claimed {
        let attempt = send(cfg, &m.recipient, &m.body).await;
        let outcome = delivery::classify(attempt.status);
        let result = match outcome {
            Outcome::Accepted => {
                done.sent += 1;
                outbox::mark_sent(db, m.id, attempt.provider_id.as_deref().unwrap_or(""), now)
            }
            _ => match delivery::after_failure(m.attempts, outcome, now) {
                Next::RetryAt(at) => {
                    done.retrying += 1;
                    outbox::retry_at(db, m.id, at, &attempt.error, now)
                }
                Next::GiveUp => {
                    done.failed += 1;
                    eprintln!("sms {} to {} failed for good: {}", m.id, phone::mask(&m.recipient), attempt.error);
                    outbox::mark_failed(db, m.id, &attempt.error, now)
                }
            },
        };
        if let Err(e) = result {
            eprintln!("error: settle outbox message {}: {e}", m.id);
            break;
        }
    }
    done
}
