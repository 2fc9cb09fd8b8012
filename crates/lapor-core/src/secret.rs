//! Secrets handed to people (reporter tokens, session tokens): only their SHA-256 is stored, and they are
//! compared in constant time.

use sha2::{Digest, Sha256};

/// Turns 32 random bytes into a token a person can copy: URL-safe base64 without padding.
pub fn token_from_random(random: [u8; 32]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random)
}

/// Lower-case hex SHA-256 of a token, as stored.
pub fn hash_token(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

/// Lower-case hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex of bytes (a digest, a MAC, random bytes).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two byte strings without revealing where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether `token` hashes to `stored_hash`.
pub fn token_matches(token: &str, stored_hash: &str) -> bool {
    constant_time_eq(hash_token(token).as_bytes(), stored_hash.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_hash_and_match() {
        let t = token_from_random([7; 32]);
        assert_eq!(t.len(), 43);
        let h = hash_token(&t);
        assert_eq!(h.len(), 64);
        assert!(token_matches(&t, &h));
        assert!(!token_matches(&token_from_random([8; 32]), &h));
        assert!(!token_matches("", &h));
    }

    #[test]
    fn known_sha256() {
        assert_eq!(hash_token("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
