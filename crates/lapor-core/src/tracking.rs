//! Tracking IDs: ten digits a person can read out over the phone. Nine random digits (the first never 0)
//! and a Damm check digit, which catches every single-digit typo and every swap of two adjacent digits.
//! IDs are random, not sequential, so one ID tells nothing about the next.

use std::fmt;

/// Number of digits in a tracking ID.
pub const LEN: usize = 10;

/// A well-formed tracking ID.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TrackingId(String);

const DAMM: [[u8; 10]; 10] = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
    [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
    [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
    [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
    [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
    [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
    [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

fn damm(digits: &str) -> u8 {
    digits.bytes().fold(0u8, |interim, b| DAMM[interim as usize][(b - b'0') as usize])
}

impl TrackingId {
    /// Makes an ID from 8 random bytes (from the platform's secure random source).
    pub fn from_random(random: [u8; 8]) -> Self {
        let n = 100_000_000 + u64::from_le_bytes(random) % 900_000_000;
        let body = n.to_string();
        let check = damm(&body);
        TrackingId(format!("{body}{check}"))
    }

    /// Parses an ID as typed by a person: surrounding spaces and a leading `#` are ignored.
    /// Returns `None` unless it is ten digits with a valid check digit.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let s = s.strip_prefix('#').unwrap_or(s);
        let ok = s.len() == LEN && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0') && damm(s) == 0;
        ok.then(|| TrackingId(s.to_string()))
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TrackingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn generated_ids_are_ten_digits_and_parse_back() {
        let id = TrackingId::from_random([1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(id.as_str().len(), LEN);
        assert_eq!(TrackingId::parse(id.as_str()), Some(id.clone()));
        assert_eq!(TrackingId::parse(&format!(" #{id} ")), Some(id));
    }

    #[test]
    fn distinct_random_draws_give_distinct_ids() {
        // Random bytes in production come from the platform's secure source; here from a simple mixer.
        let mut seen = std::collections::HashSet::new();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..10_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            seen.insert(TrackingId::from_random(x.to_le_bytes()));
        }
        assert!(seen.len() > 9_990, "only {} distinct", seen.len());
    }

    #[test]
    fn rejects_wrong_length_letters_and_leading_zero() {
        assert_eq!(TrackingId::parse("123456789"), None);
        assert_eq!(TrackingId::parse("12345678901"), None);
        assert_eq!(TrackingId::parse("12345a7890"), None);
        assert_eq!(TrackingId::parse(""), None);
        let zero_led = format!("012345678{}", damm("012345678"));
        assert_eq!(TrackingId::parse(&zero_led), None);
    }

    proptest! {
        #[test]
        fn any_single_digit_typo_is_caught(r in any::<[u8; 8]>(), pos in 0usize..LEN, delta in 1u8..10) {
            let id = TrackingId::from_random(r);
            let mut bytes = id.as_str().as_bytes().to_vec();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
            let typo = String::from_utf8(bytes).unwrap();
            prop_assert_eq!(TrackingId::parse(&typo), None);
        }

        #[test]
        fn any_adjacent_swap_is_caught(r in any::<[u8; 8]>(), pos in 0usize..LEN - 1) {
            let id = TrackingId::from_random(r);
            let mut bytes = id.as_str().as_bytes().to_vec();
            prop_assume!(bytes[pos] != bytes[pos + 1]);
            bytes.swap(pos, pos + 1);
            let swapped = String::from_utf8(bytes).unwrap();
            prop_assert_eq!(TrackingId::parse(&swapped), None);
        }
    }
}
