//! Draining the outbox, whatever the channel: claim due messages, send each, record the provider's id, or
//! schedule a retry / give up by the policy in `lapor_core::delivery`. A message is sent at most once: it is
//! claimed under a lease, and only a message never recorded as sent can be claimed again.

use std::future::Future;

use lapor_core::delivery::{self, Next, Outcome};
use lapor_store::outbox::{self, Claimed, OutChannel};
use lapor_store::Db;

/// One attempt's result: the HTTP status (`None` when the provider never answered), the provider's message
/// id when accepted, and an error text safe for logs and the outbox (no phone number).
#[derive(Debug, Clone)]
pub struct Attempt {
    pub status: Option<u16>,
    pub provider_id: Option<String>,
    pub error: String,
}

/// Sends one provider request and reads the outcome: the status, and the provider's message id at the JSON
/// pointer `id_at` of an answer (`/sid` for Twilio, `/data/id` for X). No answer at all is `status: None`.
pub async fn attempt(req: spin_sdk::http::Request, id_at: &str) -> Attempt {
    match spin_sdk::http::send::<_, spin_sdk::http::Response>(req).await {
        Ok(resp) => {
            let status = *resp.status();
            let provider_id = serde_json::from_slice::<serde_json::Value>(resp.body())
                .ok()
                .and_then(|v| v.pointer(id_at).and_then(|s| s.as_str()).map(str::to_string));
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

impl Drained {
    /// Adds another drain's counts.
    pub fn add(&mut self, o: Drained) {
        self.sent += o.sent;
        self.retrying += o.retrying;
        self.failed += o.failed;
    }
}

/// Sends up to `limit` due messages of `channel` with `send`. Store errors end the drain early (the
/// claimed messages are retried when their lease expires).
pub async fn drain<F, Fut>(db: &dyn Db, channel: OutChannel, now: i64, limit: i64, send: F) -> Drained
where
    F: Fn(Claimed) -> Fut,
    Fut: Future<Output = Attempt>,
{
    let mut done = Drained::default();
    let claimed = match outbox::claim_due(db, channel, now, delivery::LEASE_SECS, delivery::MAX_ATTEMPTS, limit) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: claim outbox: {e}");
            return done;
        }
    };
    for m in claimed {
        let (id, attempts) = (m.id, m.attempts);
        let attempt = send(m).await;
        let outcome = delivery::classify(attempt.status);
        let result = match outcome {
            Outcome::Accepted => {
                done.sent += 1;
                outbox::mark_sent(db, id, attempt.provider_id.as_deref().unwrap_or(""), now)
            }
            _ => match delivery::after_failure(attempts, outcome, now) {
                Next::RetryAt(at) => {
                    done.retrying += 1;
                    outbox::retry_at(db, id, at, &attempt.error, now)
                }
                Next::GiveUp => {
                    done.failed += 1;
                    eprintln!("{} message {id} failed for good: {}", channel.as_str(), attempt.error);
                    outbox::mark_failed(db, id, &attempt.error, now)
                }
            },
        };
        if let Err(e) = result {
            eprintln!("error: settle outbox message {id}: {e}");
            break;
        }
    }
    done
}
