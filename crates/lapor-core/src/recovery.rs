//! A lost reporter code, recovered through the phone on the report (issue 16): a 6-digit code by SMS, valid 10
//! minutes and for 5 tries; the right code gives a new reporter code and the old one stops working. Requests are
//! limited per report and per client. Only a salted SHA-256 of the code is stored.

use crate::rate_limit::RateLimit;

/// How long a code is valid, in seconds.
pub const CODE_TTL_SECS: i64 = 600;
/// Wrong codes before the code is dead (a new one must be asked for).
pub const MAX_TRIES: i64 = 5;
/// Codes asked for one report in an hour.
pub const PER_REPORT: RateLimit = RateLimit { window_secs: 3600, max: 3 };
/// Codes asked for from one client address in an hour (any reports).
pub const PER_CLIENT: RateLimit = RateLimit { window_secs: 3600, max: 10 };

/// Six digits from random bytes (the bias of `u32 % 10⁶` is under 0.03 %).
pub fn code_from_random(random: [u8; 4]) -> String {
    format!("{:06}", u32::from_le_bytes(random) % 1_000_000)
}

/// What is stored: hex SHA-256 of the salt and the code.
pub fn code_hash(salt: &str, code: &str) -> String {
    crate::secret::sha256_hex(format!("{salt}:{}", code.trim()).as_bytes())
}

/// A stored code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub salt: String,
    pub hash: String,
    pub expires_at: i64,
    pub tries: i64,
}

/// What a try says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The right code in time: issue a new reporter code, forget this one.
    Valid,
    /// Wrong; `left` tries remain.
    Wrong { left: i64 },
    /// Too late, or no tries left, or no code asked for: ask for a new one.
    Dead,
}

/// Judges `given` against the stored code at `now` (a wrong try counts).
pub fn check(stored: Option<&Stored>, given: &str, now: i64) -> Verdict {
    let Some(s) = stored else { return Verdict::Dead };
    if now >= s.expires_at || s.tries >= MAX_TRIES {
        return Verdict::Dead;
    }
    let six = given.trim();
    let well_formed = six.len() == 6 && six.bytes().all(|b| b.is_ascii_digit());
    if well_formed && crate::secret::constant_time_eq(code_hash(&s.salt, six).as_bytes(), s.hash.as_bytes()) {
        Verdict::Valid
    } else if s.tries + 1 >= MAX_TRIES {
        Verdict::Dead
    } else {
        Verdict::Wrong { left: MAX_TRIES - s.tries - 1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(code: &str, tries: i64) -> Stored {
        Stored { salt: "garam".into(), hash: code_hash("garam", code), expires_at: 1_000 + CODE_TTL_SECS, tries }
    }

    #[test]
    fn codes_are_six_digits() {
        assert_eq!(code_from_random([0, 0, 0, 0]), "000000");
        assert_eq!(code_from_random([0xFF; 4]).len(), 6);
        assert_ne!(code_hash("a", "123456"), code_hash("b", "123456"), "salted");
    }

    #[test]
    fn the_right_code_in_time_is_valid_and_nothing_else() {
        let s = stored("123456", 0);
        assert_eq!(check(Some(&s), " 123456 ", 1_000), Verdict::Valid);
        assert_eq!(check(Some(&s), "654321", 1_000), Verdict::Wrong { left: 4 });
        assert_eq!(check(Some(&s), "12345", 1_000), Verdict::Wrong { left: 4 });
        assert_eq!(check(Some(&s), "123456", 1_000 + CODE_TTL_SECS), Verdict::Dead, "expired");
        assert_eq!(check(None, "123456", 1_000), Verdict::Dead);
    }

    #[test]
    fn five_tries_then_the_code_is_dead_even_when_right() {
        assert_eq!(check(Some(&stored("123456", 3)), "000000", 1_000), Verdict::Wrong { left: 1 });
        assert_eq!(check(Some(&stored("123456", 4)), "000000", 1_000), Verdict::Dead);
        assert_eq!(check(Some(&stored("123456", 5)), "123456", 1_000), Verdict::Dead);
    }
}
