//! Draining the outbox, whatever the channel: claim due messages in small batches, send each, record the
//! provider's id, or schedule a retry / give up by the policy in `lapor_core::delivery`. A message is sent
//! once: each claim has its own token and only its holder records the outcome; the lease is checked again
//! right before each send (a drain slowed by the provider stops rather than send what another drain may hold
//! now); and a message whose earlier attempt had no known outcome (the sender died, or no answer came) is
//! looked up at the provider before it is sent again.

use std::future::Future;

use lapor_core::delivery::{self, Next, Outcome};
use lapor_store::outbox::{self, Claimed, Medium};
use lapor_store::{Db, StoreError};

use crate::{clock, secrets};

/// One attempt's result: the HTTP status (`None` when the provider never answered), the provider's message
/// id when accepted, and an error text safe for logs and the outbox (no phone number). `already_sent`: the
/// provider refused it as a duplicate of what it already has (X's duplicate-content refusal).
#[derive(Debug, Clone, Default)]
pub struct Attempt {
    pub status: Option<u16>,
    pub provider_id: Option<String>,
    pub error: String,
    pub already_sent: bool,
}

/// What the provider says about a message whose earlier attempt had no known outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// It went out, with this provider id: mark it sent, do not send again.
    Sent(String),
    /// Not there: send it.
    NotSent,
    /// The provider could not be asked (error text for the outbox): try again later, do not send blind.
    Unknown(String),
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
            let already_sent = lapor_core::x::is_duplicate_refusal(status, resp.body());
            Attempt { status: Some(status), provider_id, error: format!("HTTP {status}"), already_sent }
        }
        Err(e) => Attempt { error: format!("no answer: {e}"), ..Attempt::default() },
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

/// A fresh claim token.
fn claim_token() -> String {
    lapor_core::secret::hex(&secrets::random::<16>())
}

/// Sends up to `limit` due messages of `channel` with `send`, claimed [`delivery::CLAIM_BATCH`] at a time;
/// a message in doubt is first looked up with `lookup(message, since)`. Store errors and a lost lease end the
/// drain early (what is still claimed is taken up again when its lease expires).
pub async fn drain<F, Fut, L, LFut>(db: &dyn Db, channel: Medium, now: i64, limit: i64, send: F, lookup: L) -> Drained
where
    F: Fn(Claimed) -> Fut,
    Fut: Future<Output = Attempt>,
    L: Fn(Claimed, i64) -> LFut,
    LFut: Future<Output = Lookup>,
{
    let mut done = Drained::default();
    let mut left = limit;
    let mut claim_at = now;
    while left > 0 {
        let token = claim_token();
        let batch = delivery::CLAIM_BATCH.min(left);
        let claimed =
            match outbox::claim_due(db, channel, claim_at, delivery::LEASE_SECS, delivery::MAX_ATTEMPTS, batch, &token)
            {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("error: claim outbox: {e}");
                    return done;
                }
            };
        if claimed.is_empty() {
            break;
        }
        left -= claimed.len() as i64;
        for m in claimed {
            match deliver_one(db, channel, m, &send, &lookup, &mut done).await {
                Ok(true) => {}
                Ok(false) => return done,
                Err(e) => {
                    eprintln!("error: settle {} outbox message: {e}", channel.as_str());
                    return done;
                }
            }
        }
        claim_at = clock::now();
    }
    done
}

/// Delivers one claimed message. `Ok(false)`: the claim was lost (the lease ran out), stop draining.
async fn deliver_one<F, Fut, L, LFut>(
    db: &dyn Db,
    channel: Medium,
    m: Claimed,
    send: &F,
    lookup: &L,
    done: &mut Drained,
) -> Result<bool, StoreError>
where
    F: Fn(Claimed) -> Fut,
    Fut: Future<Output = Attempt>,
    L: Fn(Claimed, i64) -> LFut,
    LFut: Future<Output = Lookup>,
{
    let (id, attempts, token) = (m.id, m.attempts, m.token.clone());
    if let Some(since) = m.in_doubt_since {
        match lookup(m.clone(), since).await {
            Lookup::Sent(provider_id) => {
                done.sent += 1;
                outbox::mark_sent(db, id, &token, &provider_id, clock::now())?;
                return Ok(true);
            }
            Lookup::NotSent => {}
            Lookup::Unknown(error) => {
                let now = clock::now();
                match delivery::after_failure(attempts, Outcome::Temporary, now) {
                    Next::RetryAt(at) => {
                        done.retrying += 1;
                        outbox::retry_at(db, id, &token, at, &error, false, now)?;
                    }
                    Next::GiveUp => {
                        done.failed += 1;
                        outbox::mark_failed(db, id, &token, &error, now)?;
                    }
                }
                return Ok(true);
            }
        }
    }
    if !outbox::begin_attempt(db, id, &token, clock::now())? {
        return Ok(false);
    }
    let attempt = send(m).await;
    let now = clock::now();
    let outcome = delivery::classify(attempt.status);
    if outcome == Outcome::Accepted || attempt.already_sent {
        done.sent += 1;
        outbox::mark_sent(db, id, &token, attempt.provider_id.as_deref().unwrap_or(""), now)?;
        return Ok(true);
    }
    match delivery::after_failure(attempts, outcome, now) {
        Next::RetryAt(at) => {
            done.retrying += 1;
            outbox::retry_at(db, id, &token, at, &attempt.error, attempt.status.is_some(), now)?;
        }
        Next::GiveUp => {
            done.failed += 1;
            eprintln!("{} message {id} failed for good: {}", channel.as_str(), attempt.error);
            outbox::mark_failed(db, id, &token, &attempt.error, now)?;
        }
    }
    Ok(true)
}

/// Runs a provider's message search `req` and reads its JSON answer with `find` (the provider id of our message,
/// if the answer lists it): sent, not sent, or unknown when the search itself fails. `what` names the search in
/// the reason.
pub async fn lookup_json(
    req: spin_sdk::http::Request,
    what: &str,
    find: impl FnOnce(&serde_json::Value) -> Option<String>,
) -> Lookup {
    match spin_sdk::http::send::<_, spin_sdk::http::Response>(req).await {
        Ok(resp) if (200..300).contains(resp.status()) => {
            match serde_json::from_slice::<serde_json::Value>(resp.body()) {
                Ok(answer) => find(&answer).map_or(Lookup::NotSent, Lookup::Sent),
                Err(_) => Lookup::Unknown(format!("{what} unreadable")),
            }
        }
        Ok(resp) => Lookup::Unknown(format!("{what}: HTTP {}", resp.status())),
        Err(e) => Lookup::Unknown(format!("{what}: no answer: {e}")),
    }
}
