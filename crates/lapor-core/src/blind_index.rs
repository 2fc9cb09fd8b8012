//! The blind index: a keyed hash (HMAC-SHA256) of a personal value (NIK, phone number, e-mail address), so that
//! equal values can be found and counted without the value itself being kept. Unlike a plain SHA-256, which anyone
//! can reverse for a phone number or a NIK by trying every one, it cannot be reversed without the key (the
//! `blind_index_key` variable, kept outside the database).

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The keyed hash of one deployment.
#[derive(Clone)]
pub struct BlindIndex {
    mac: Hmac<Sha256>,
}

impl std::fmt::Debug for BlindIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BlindIndex(..)")
    }
}

impl BlindIndex {
    /// The index keyed with `key` (any length; at least 32 random bytes in production).
    pub fn new(key: &[u8]) -> BlindIndex {
        BlindIndex { mac: Hmac::new_from_slice(key).expect("HMAC takes any key length") }
    }

    /// Hex HMAC of `value` (trimmed, lower-cased) under `kind` (`nik`, `phone`, `email`, or a limit's scope):
    /// the same value under two kinds gives two unrelated hashes.
    pub fn of(&self, kind: &str, value: &str) -> String {
        let mut mac = self.mac.clone();
        mac.update(b"lapor-blind-index\0");
        mac.update(kind.as_bytes());
        mac.update(b"\0");
        mac.update(value.trim().to_lowercase().as_bytes());
        crate::secret::hex(&mac.finalize().into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_match_and_keys_kinds_and_values_separate() {
        let a = BlindIndex::new(b"key one");
        assert_eq!(a.of("email", "Warga@Contoh.id "), a.of("email", "warga@contoh.id"));
        assert_eq!(a.of("nik", "3171234567890123").len(), 64);
        assert_ne!(a.of("nik", "3171234567890123"), a.of("phone", "3171234567890123"));
        assert_ne!(a.of("nik", "3171234567890123"), a.of("nik", "3171234567890124"));
        assert_ne!(a.of("nik", "3171234567890123"), BlindIndex::new(b"key two").of("nik", "3171234567890123"));
    }

    #[test]
    fn the_hash_is_not_the_plain_sha256_of_the_value() {
        let phone = "+6281234567890";
        let plain = crate::secret::sha256_hex(phone.as_bytes());
        let keyed = BlindIndex::new(b"k").of("phone", phone);
        assert_ne!(keyed, plain);
        assert!(!keyed.contains("6281234567890"));
    }
}
