//! Staff passwords: argon2id (memory-hard) in PHC string form, e.g. `$argon2id$v=19$m=19456,t=2,p=1$…`.
//!
//! Parameters are OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane): a login costs well under a
//! second inside a wasm component, yet each guess costs an attacker the same memory. Stored hashes carry
//! their own parameters, so raising them later needs no migration (old hashes still verify).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::FieldError;

/// Memory cost in KiB.
pub const M_COST_KIB: u32 = 19_456;
/// Passes over memory.
pub const T_COST: u32 = 2;
/// Lanes.
pub const P_COST: u32 = 1;
/// Shortest password accepted, in characters.
pub const MIN_LEN: usize = 10;
/// Longest password accepted, in characters (hashing cost must not depend on attacker-sized input).
pub const MAX_LEN: usize = 200;

fn hasher() -> Argon2<'static> {
    let params = Params::new(M_COST_KIB, T_COST, P_COST, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Checks a new password against the policy (length only: long passphrases beat composition rules).
pub fn validate(field: &str, password: &str) -> Result<(), FieldError> {
    let n = password.chars().count();
    if n < MIN_LEN {
        Err(FieldError::new(field, "too_short", format!("minimal {MIN_LEN} karakter / at least {MIN_LEN} characters")))
    } else if n > MAX_LEN {
        Err(FieldError::new(field, "too_long", format!("maksimal {MAX_LEN} karakter / at most {MAX_LEN} characters")))
    } else {
        Ok(())
    }
}

/// Hashes a password with argon2id and the given random salt; returns the PHC string to store.
pub fn hash(password: &str, salt: [u8; 16]) -> String {
    let salt = SaltString::encode_b64(&salt).expect("16 bytes is a valid salt");
    hasher().hash_password(password.as_bytes(), &salt).expect("argon2 hashing with valid parameters").to_string()
}

/// Whether `password` matches the stored PHC string (constant-time comparison inside argon2).
/// A malformed stored hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    if password.chars().count() > MAX_LEN {
        return false;
    }
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// A valid hash of no one's password, verified against when the e-mail is unknown so that a login takes
/// the same time whether or not the account exists.
pub const DECOY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$9m5g3Zq1p0n3a6r6o0v8mB0bJ0pYy4N3kz7c8m3m1y8";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_carry_argon2id_parameters() {
        let h = hash("kata sandi yang panjang", [3; 16]);
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("kata sandi yang panjang", &h));
        assert!(!verify("kata sandi yang salah!", &h));
        assert_ne!(h, hash("kata sandi yang panjang", [4; 16]), "salt matters");
    }

    #[test]
    fn malformed_hashes_never_match() {
        assert!(!verify("anything at all", ""));
        assert!(!verify("anything at all", "plain-text"));
        assert!(!verify("anything at all", DECOY_HASH));
        assert!(PasswordHash::new(DECOY_HASH).is_ok(), "the decoy must cost a real verification");
    }

    #[test]
    fn policy() {
        assert!(validate("password", "short").is_err());
        assert!(validate("password", "cukup panjang").is_ok());
        assert!(validate("password", &"x".repeat(MAX_LEN + 1)).is_err());
    }
}
