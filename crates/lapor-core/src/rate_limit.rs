//! Rate limits: a counter per subject and fixed time window, so one sender cannot flood the system.
//!
//! A counter lives under one key per subject ([`RateLimit::key`]: a hash, never the raw phone number, e-mail
//! or address) and its value carries the window it counts ([`Counter`]), so a counter of an old window is
//! simply overwritten: nothing accumulates in the store.

use crate::blind_index::BlindIndex;
use crate::secret;

/// At most `max` events per `window_secs` for one subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub window_secs: i64,
    pub max: u64,
}

/// Inbound SMS: ten messages an hour per phone number.
pub const SMS: RateLimit = RateLimit { window_secs: 3600, max: 10 };

/// Staff sign-in: ten failed attempts per quarter hour on one account from one client address.
pub const LOGIN_ACCOUNT_CLIENT: RateLimit = RateLimit { window_secs: 900, max: 10 };

/// Staff sign-in: thirty failed attempts per quarter hour from one client address, whatever the account
/// (password spraying).
pub const LOGIN_CLIENT: RateLimit = RateLimit { window_secs: 900, max: 30 };

/// Filing on the web (form and JSON API): thirty reports an hour per client address, so one client cannot bury
/// the verification queue and the outbox under junk (issue 28, finding 2). Generous, because a mobile carrier's
/// CGNAT puts many citizens behind one address; offline intake (staff) and the channels with their own limits
/// (SMS per phone) are not counted here.
pub const FILING_CLIENT: RateLimit = RateLimit { window_secs: 3600, max: 30 };

/// Filing through the web, the app or Open311: ten reports a day for one NIK, one phone number or one e-mail
/// address, whatever the client (issue 28, finding 2: a flood of reports naming one person). Counted under the
/// blind index of the value ([`RateLimit::personal_slot`]), never the value itself.
pub const FILING_CONTACT: RateLimit = RateLimit { window_secs: 86_400, max: 10 };

/// Acknowledgements of new reports to a phone number or e-mail address that has not proven itself (never wrote to
/// LAPOR from it): three a day. Past them a report is still filed (within [`FILING_CONTACT`]) and its tracking ID
/// shown, but no more SMS or e-mail goes to that contact that day, so nobody can make LAPOR spam someone else.
pub const ACK_UNPROVEN: RateLimit = RateLimit { window_secs: 86_400, max: 3 };

/// Open311 filing: six hundred reports an hour per registered app (`api_key`): an app files for many citizens
/// from one server, so its limit is per key, not per address.
pub const FILING_APP: RateLimit = RateLimit { window_secs: 3600, max: 600 };

/// Tracking look-ups: 120 look-ups of tracking IDs that match no report (misses) per client an hour; past it every
/// look-up from that client is refused until the hour ends, so tracking IDs cannot be enumerated (at 367 a second
/// every ID took ~28 days; now one client finds about one report an hour). Generous, because a mobile carrier's
/// CGNAT puts many citizens behind one address.
pub const TRACKING_MISSES: RateLimit = RateLimit { window_secs: 3600, max: 120 };

/// Evidence uploads: files per client address per day (against filling the database from one place).
pub const EVIDENCE_CLIENT: RateLimit = RateLimit { window_secs: 86_400, max: 30 };

/// Evidence uploads: files per NIK per day.
pub const EVIDENCE_NIK: RateLimit = RateLimit { window_secs: 86_400, max: 12 };

/// Staff sign-in: ten wrong two-step codes per quarter hour on one account, from any client (a known password
/// and many addresses still cannot try the million codes: ~350 days for an even chance).
pub const TWO_STEP_ACCOUNT: RateLimit = RateLimit { window_secs: 900, max: 10 };

/// Password change by a signed-in account: five wrong old passwords per quarter hour (a stolen session cannot
/// guess the password behind it).
pub const PASSWORD_CHANGE_ACCOUNT: RateLimit = RateLimit { window_secs: 900, max: 5 };

/// Default ceiling on password verifications (argon2, ~19 MiB each) per minute for the whole app.
pub const ARGON2_PER_MINUTE: u64 = 600;

/// The global ceiling on verifications of real accounts' passwords per minute. Past it only a *clean* client
/// (no failure in its current window) is still verified, so a flood from many addresses against a known
/// account cannot keep its owner out.
pub fn argon2_ceiling(per_minute: u64) -> RateLimit {
    RateLimit { window_secs: 60, max: per_minute }
}

/// The ceiling on decoy verifications per minute (sign-ins for e-mails with no account, which verify against
/// a decoy hash so that an answer's timing does not tell whether an account exists): half the real ceiling,
/// counted apart, so a flood of unknown e-mails never spends the real accounts' budget. Past it a decoy waits
/// [`DECOY_WAIT_MS`] instead of computing.
pub fn decoy_ceiling(per_minute: u64) -> RateLimit {
    RateLimit { window_secs: 60, max: per_minute / 2 }
}

/// How long a decoy waits, without computing, once the decoy ceiling is spent: about one verification.
pub const DECOY_WAIT_MS: u64 = 100;

impl RateLimit {
    /// Start (Unix seconds) of the window that contains `now`.
    pub fn window_start(&self, now: i64) -> i64 {
        now - now.rem_euclid(self.window_secs)
    }

    /// Key of the counter of `subject` under `scope` (e.g. `sms`): the subject only as a SHA-256.
    pub fn key(&self, scope: &str, subject: &str) -> String {
        format!("rl:{scope}:{}", secret::sha256_hex(format!("{scope}\n{subject}").as_bytes()))
    }

    /// Whether the `count`-th event of a window (counting from 1) is allowed.
    pub fn allows(&self, count: u64) -> bool {
        count <= self.max
    }

    /// Whether a counter stored as `stored` still has room at `now` (its window may be over: then it has).
    pub fn has_room(&self, stored: Option<&[u8]>, now: i64) -> bool {
        self.has_room_for(stored, now, 1)
    }

    /// Whether a counter stored as `stored` has room for `n` more events at `now`.
    pub fn has_room_for(&self, stored: Option<&[u8]>, now: i64, n: u64) -> bool {
        self.allows(Counter::current(stored, self.window_start(now)) + n)
    }

    /// The counter after one more event at `now`, from what is stored (an old window starts again at 1).
    pub fn bump(&self, stored: Option<&[u8]>, now: i64) -> Counter {
        self.add(stored, now, 1)
    }

    /// The counter after `n` more events at `now` (an old window starts again at `n`).
    pub fn add(&self, stored: Option<&[u8]>, now: i64, n: u64) -> Counter {
        let window_start = self.window_start(now);
        Counter { window_start, count: Counter::current(stored, window_start) + n }
    }
}

/// A counter value as stored: the window it counts and the count, `"<window_start>:<count>"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    pub window_start: i64,
    pub count: u64,
}

impl Counter {
    /// Parses a stored value.
    pub fn parse(stored: &[u8]) -> Option<Counter> {
        let (w, c) = std::str::from_utf8(stored).ok()?.split_once(':')?;
        Some(Counter { window_start: w.parse().ok()?, count: c.parse().ok()? })
    }

    /// The count of the window starting at `window_start` (0 when the stored counter is of another window,
    /// missing or unreadable).
    pub fn current(stored: Option<&[u8]>, window_start: i64) -> u64 {
        stored.and_then(Counter::parse).filter(|c| c.window_start == window_start).map_or(0, |c| c.count)
    }

    /// The value to store.
    pub fn encode(&self) -> Vec<u8> {
        format!("{}:{}", self.window_start, self.count).into_bytes()
    }
}

/// One counter of a limit kept in the database, where counting is exact under concurrency
/// (`lapor_store::limits`): an attempt *takes* a slot before the work it guards and is refused when its slot
/// is past the limit; a success may give the slot back, so that only failures count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// The counter's key ([`RateLimit::key`]: a hash, never the subject).
    pub key: String,
    /// Start of the window that holds `now`.
    pub window_start: i64,
    /// When the window ends: the counter may be removed after that.
    pub expires_at: i64,
    /// The limit.
    pub max: u64,
}

impl Slot {
    /// Whether the `count`-th taken slot of this window is within the limit.
    pub fn allows(&self, count: u64) -> bool {
        count <= self.max
    }
}

impl RateLimit {
    /// Key of the counter of a personal `subject` (NIK, phone, e-mail) under `scope`: its blind index, so the
    /// counter cannot be traced back to the value without the deployment's key.
    pub fn personal_key(&self, index: &BlindIndex, scope: &str, subject: &str) -> String {
        format!("rl:{scope}:{}", index.of(scope, subject))
    }

    /// [`RateLimit::slot`] for a personal subject ([`RateLimit::personal_key`]).
    pub fn personal_slot(&self, index: &BlindIndex, scope: &str, subject: &str, now: i64) -> Slot {
        Slot { key: self.personal_key(index, scope, subject), ..self.slot(scope, "", now) }
    }

    /// The slot of `subject` under `scope` at `now`, for a counter kept in the database.
    pub fn slot(&self, scope: &str, subject: &str, now: i64) -> Slot {
        let window_start = self.window_start(now);
        Slot { key: self.key(scope, subject), window_start, expires_at: window_start + self.window_secs, max: self.max }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_fixed_hours() {
        let t = 1_800_000_000; // a multiple of 3600
        assert_eq!(SMS.window_start(t), t);
        assert_eq!(SMS.window_start(t + 3599), t);
        assert_eq!(SMS.window_start(t + 3600), t + 3600);
    }

    #[test]
    fn keys_are_hashes_without_the_subject_or_the_window() {
        let k = SMS.key("sms", "+6281234567890");
        assert!(!k.contains("6281234567890"), "{k}");
        assert_eq!(k.len(), "rl:sms:".len() + 64);
        assert_ne!(k, SMS.key("sms", "+6281234567891"));
        assert_ne!(k, SMS.key("login", "+6281234567890"), "scopes never share a counter");
    }

    #[test]
    fn a_counter_of_an_old_window_starts_again() {
        let t = 1_800_000_000;
        let c = SMS.bump(None, t);
        assert_eq!(c, Counter { window_start: t, count: 1 });
        let c2 = SMS.bump(Some(&c.encode()), t + 10);
        assert_eq!(c2.count, 2);
        let later = SMS.bump(Some(&c2.encode()), t + 3600);
        assert_eq!(later, Counter { window_start: t + 3600, count: 1 });
        assert_eq!(SMS.bump(Some(b"garbage"), t).count, 1);
    }

    #[test]
    fn room_is_checked_before_the_event() {
        let t = 1_800_000_000;
        let full = Counter { window_start: LOGIN_CLIENT.window_start(t), count: LOGIN_CLIENT.max };
        assert!(!LOGIN_CLIENT.has_room(Some(&full.encode()), t));
        assert!(LOGIN_CLIENT.has_room(Some(&full.encode()), t + 900), "the next window has room");
        let almost = Counter { count: LOGIN_CLIENT.max - 1, ..full };
        assert!(LOGIN_CLIENT.has_room(Some(&almost.encode()), t));
    }

    #[test]
    fn the_limit_is_inclusive() {
        assert!(SMS.allows(1));
        assert!(SMS.allows(SMS.max));
        assert!(!SMS.allows(SMS.max + 1));
    }
}
