//! Two-step sign-in codes: TOTP (RFC 6238 over RFC 4226 HOTP, HMAC-SHA1, 30-second steps, 6 digits, as
//! authenticator apps expect), the base32 secret form of `otpauth://` URIs, and one-time recovery codes.

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Seconds per step.
pub const STEP_SECS: i64 = 30;
/// Digits per code.
pub const DIGITS: u32 = 6;
/// How many recovery codes an enrolment gives.
pub const RECOVERY_CODES: usize = 10;

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding.
pub fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buf, mut bits) = (0u32, 0u32);
    for b in bytes {
        buf = (buf << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buf >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buf << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// Decodes RFC 4648 base32 (case-insensitive, padding and spaces ignored); `None` for another character.
pub fn base32_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buf, mut bits) = (0u32, 0u32);
    for c in s.chars().filter(|c| *c != '=' && !c.is_whitespace()) {
        let v = ALPHABET.iter().position(|a| *a as char == c.to_ascii_uppercase())? as u32;
        buf = (buf << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
        }
    }
    Some(out)
}

/// The step a time falls in.
pub fn step_of(unix: i64) -> i64 {
    unix.div_euclid(STEP_SECS)
}

/// The HOTP value of a step (RFC 4226 dynamic truncation), `DIGITS` digits.
pub fn code_at_step(secret: &[u8], step: i64) -> u32 {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(&step.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let offset = (h[19] & 0x0f) as usize;
    let bin = u32::from_be_bytes([h[offset] & 0x7f, h[offset + 1], h[offset + 2], h[offset + 3]]);
    bin % 10u32.pow(DIGITS)
}

/// The code an authenticator shows at `unix`, as six digits.
pub fn code(secret: &[u8], unix: i64) -> String {
    format!("{:06}", code_at_step(secret, step_of(unix)))
}

/// The step a typed code matches (now, or one step either side for clock drift) that is later than
/// `last_used_step` (a code is never accepted twice); `None` otherwise.
pub fn verify(secret: &[u8], typed: &str, now: i64, last_used_step: Option<i64>) -> Option<i64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != DIGITS as usize || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = typed.parse().ok()?;
    let now_step = step_of(now);
    (now_step - 1..=now_step + 1)
        .filter(|s| last_used_step.is_none_or(|last| *s > last))
        .find(|s| crate::secret::constant_time_eq(&code_at_step(secret, *s).to_be_bytes(), &n.to_be_bytes()))
}

/// The `otpauth://` URI an authenticator app reads (as a QR code or typed).
pub fn otpauth_uri(account_email: &str, secret_b32: &str) -> String {
    let label: String = account_email
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"@.-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("otpauth://totp/LAPOR:{label}?secret={secret_b32}&issuer=LAPOR&algorithm=SHA1&digits=6&period=30")
}

/// A recovery code from 10 random bytes: 16 base32 characters in groups of four.
pub fn recovery_code(random: [u8; 10]) -> String {
    let s = base32(&random);
    s.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap_or("")).collect::<Vec<_>>().join("-")
}

/// The form a recovery code is stored and compared in (its hash is of this): upper case, no dashes or spaces.
pub fn recovery_key(typed: &str) -> String {
    typed.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn rfc_6238_sha1_vectors() {
        // RFC 6238 appendix B (8 digits) → the last six.
        assert_eq!(code(RFC_SECRET, 59), "287082");
        assert_eq!(code(RFC_SECRET, 1_111_111_109), "081804");
        assert_eq!(code(RFC_SECRET, 1_234_567_890), "005924");
        assert_eq!(code(RFC_SECRET, 2_000_000_000), "279037");
    }

    #[test]
    fn base32_round_trips() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32_decode("mzxw 6ytb oi======").unwrap(), b"foobar");
        let r = [7u8; 20];
        assert_eq!(base32_decode(&base32(&r)).unwrap(), r);
        assert!(base32_decode("not base32!").is_none());
    }

    #[test]
    fn a_code_is_accepted_once_and_only_near_its_time() {
        let now = 1_800_000_000;
        let c = code(RFC_SECRET, now);
        let step = verify(RFC_SECRET, &c, now, None).unwrap();
        assert_eq!(verify(RFC_SECRET, &c, now, Some(step)), None, "replay");
        assert!(verify(RFC_SECRET, &c, now + 30, None).is_some(), "one step of drift");
        assert_eq!(verify(RFC_SECRET, &c, now + 90, None), None);
        assert_eq!(verify(RFC_SECRET, "12345", now, None), None);
        assert_eq!(verify(RFC_SECRET, "abcdef", now, None), None);
    }

    #[test]
    fn recovery_codes_and_uris() {
        let c = recovery_code([1; 10]);
        assert_eq!(c.len(), 19);
        assert_eq!(recovery_key(&c.to_lowercase()), c.replace('-', ""));
        let uri = otpauth_uri("a b@x.id", "ABC");
        assert!(uri.starts_with("otpauth://totp/LAPOR:a%20b@x.id?secret=ABC&issuer=LAPOR"), "{uri}");
    }
}
