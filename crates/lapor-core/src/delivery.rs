//! Delivery policy for outbound messages: which provider answers are worth retrying, the backoff between
//! attempts, when to give up, and what a delivery receipt means.

/// Attempts before a message is marked failed.
pub const MAX_ATTEMPTS: i64 = 6;
/// How long a claimed message stays reserved for the sender that claimed it, in seconds.
pub const LEASE_SECS: i64 = 120;
/// Messages claimed at once: small, so a slow provider cannot hold many messages past their lease (the lease
/// is checked again before each send).
pub const CLAIM_BATCH: i64 = 5;
/// Wait after the n-th failed attempt (1-based), in seconds.
const BACKOFF: [i64; 5] = [30, 120, 600, 1800, 7200];

/// How an attempt went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The provider accepted the message.
    Accepted,
    /// Try again later: 5xx, 429, timeout or no connection.
    Temporary,
    /// Retrying will not help (4xx: bad number, bad credentials).
    Permanent,
}

/// Classifies a provider's HTTP status; `None` means no answer (timeout, connection refused).
pub fn classify(status: Option<u16>) -> Outcome {
    match status {
        Some(200..=299) => Outcome::Accepted,
        None | Some(429) | Some(500..=599) => Outcome::Temporary,
        Some(_) => Outcome::Permanent,
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Try again at this time (Unix seconds).
    RetryAt(i64),
    /// Mark the message failed.
    GiveUp,
}

/// The next step after the `attempts`-th attempt (1-based) failed with `outcome` at `now`.
pub fn after_failure(attempts: i64, outcome: Outcome, now: i64) -> Next {
    if outcome != Outcome::Temporary || attempts >= MAX_ATTEMPTS {
        return Next::GiveUp;
    }
    let i = (attempts.max(1) - 1) as usize;
    Next::RetryAt(now + BACKOFF[i.min(BACKOFF.len() - 1)])
}

/// A delivery receipt's meaning for the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Receipt {
    Delivered,
    Failed,
}

/// Reads a Twilio `MessageStatus`; intermediate states (`queued`, `sending`, `sent`, …) change nothing.
pub fn receipt(message_status: &str) -> Option<Receipt> {
    match message_status {
        "delivered" | "read" => Some(Receipt::Delivered),
        "failed" | "undelivered" => Some(Receipt::Failed),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        assert_eq!(classify(Some(201)), Outcome::Accepted);
        assert_eq!(classify(Some(500)), Outcome::Temporary);
        assert_eq!(classify(Some(503)), Outcome::Temporary);
        assert_eq!(classify(Some(429)), Outcome::Temporary);
        assert_eq!(classify(None), Outcome::Temporary);
        assert_eq!(classify(Some(400)), Outcome::Permanent);
        assert_eq!(classify(Some(401)), Outcome::Permanent);
    }

    #[test]
    fn backoff_grows_and_is_bounded() {
        let now = 1_000;
        let mut last = 0;
        for attempt in 1..MAX_ATTEMPTS {
            let Next::RetryAt(at) = after_failure(attempt, Outcome::Temporary, now) else { panic!("gave up early") };
            assert!(at - now > last, "attempt {attempt}");
            last = at - now;
        }
        assert_eq!(after_failure(MAX_ATTEMPTS, Outcome::Temporary, now), Next::GiveUp);
        assert_eq!(after_failure(1, Outcome::Permanent, now), Next::GiveUp);
    }

    #[test]
    fn receipts() {
        assert_eq!(receipt("delivered"), Some(Receipt::Delivered));
        assert_eq!(receipt("undelivered"), Some(Receipt::Failed));
        assert_eq!(receipt("failed"), Some(Receipt::Failed));
        assert_eq!(receipt("queued"), None);
        assert_eq!(receipt("sent"), None);
    }
}
