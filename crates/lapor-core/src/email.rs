//! Staff e-mail addresses: one spelling per address, and no look-alikes. An address is normalised (Unicode
//! NFKC, lower case, trimmed) before it is stored or looked up, so `ＡＤＭＩＮ@lapor.go.id` is
//! `admin@lapor.go.id`; an address with an invisible character (zero-width space, joiner, bidi control,
//! soft hyphen, …) or letters of more than one script (a Cyrillic `а` among Latin letters) is refused, so no
//! one can register an address that looks like another person's.

use unicode_normalization::UnicodeNormalization;
use unicode_security::MixedScript;

use crate::error::FieldError;

/// Why an address was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Not an e-mail address at all.
    Invalid,
    /// Holds a character one cannot see (zero-width, bidi control, …).
    Invisible,
    /// Mixes scripts (e.g. Latin and Cyrillic), the way look-alikes of other addresses are made.
    MixedScript,
}

impl Refused {
    /// The field error for `field`.
    pub fn field_error(self, field: &str) -> FieldError {
        match self {
            Refused::Invalid => {
                FieldError::new(field, "invalid_email", "alamat e-mail tidak valid / invalid e-mail address")
            }
            Refused::Invisible => FieldError::new(
                field,
                "invisible_characters",
                "alamat e-mail berisi karakter tak terlihat / the address holds invisible characters",
            ),
            Refused::MixedScript => FieldError::new(
                field,
                "mixed_script",
                "alamat e-mail mencampur jenis huruf (mis. Latin dan Kiril) / the address mixes scripts (e.g. Latin and Cyrillic)",
            ),
        }
    }
}

/// Whether `c` is invisible or formatting-only (Unicode's Default_Ignorable_Code_Point and the bidi controls):
/// a character that changes an address without changing how it looks.
fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0
        | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
        || c.is_control()
        || c.is_whitespace()
}

/// The one spelling of an address (NFKC, lower case, trimmed), or why it is refused.
pub fn normalize(raw: &str) -> Result<String, Refused> {
    let trimmed = raw.trim();
    if trimmed.chars().any(is_invisible) {
        return Err(Refused::Invisible);
    }
    let email: String = trimmed.nfkc().collect::<String>().to_lowercase();
    if email.chars().any(is_invisible) {
        return Err(Refused::Invisible);
    }
    if !crate::report::is_email(&email) {
        return Err(Refused::Invalid);
    }
    if !email.is_single_script() {
        return Err(Refused::MixedScript);
    }
    Ok(email)
}

/// The spelling to look an address up by (sign-in, handover): the normalised address, or the trimmed
/// lower-case input when it is refused (then it matches no account, since none is stored that way).
pub fn lookup_key(raw: &str) -> String {
    normalize(raw).unwrap_or_else(|_| raw.trim().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_spelling_per_address() {
        assert_eq!(normalize("  Admin@Lapor.GO.id ").unwrap(), "admin@lapor.go.id");
        assert_eq!(normalize("ＡＤＭＩＮ@lapor.go.id").unwrap(), "admin@lapor.go.id", "full-width letters");
        assert_eq!(
            normalize("penghubung.dinkes@bangkatengahkab.go.id").unwrap(),
            "penghubung.dinkes@bangkatengahkab.go.id"
        );
    }

    #[test]
    fn invisible_characters_are_refused() {
        for s in [
            "ad\u{200B}min@lapor.go.id",
            "admin\u{200D}@lapor.go.id",
            "\u{FEFF}admin@lapor.go.id",
            "ad\u{00AD}min@lapor.go.id",
            "admin@lapor\u{202E}.go.id",
        ] {
            assert_eq!(normalize(s), Err(Refused::Invisible), "{s:?}");
        }
    }

    #[test]
    fn mixed_scripts_are_refused_but_one_script_is_fine() {
        assert_eq!(normalize("\u{0430}dmin@lapor.go.id"), Err(Refused::MixedScript), "Cyrillic а");
        assert_eq!(normalize("admin@l\u{03BF}por.go.id"), Err(Refused::MixedScript), "Greek ο");
        assert_eq!(
            normalize(
                "\u{0430}\u{0434}\u{043C}\u{0438}\u{043D}@\u{043F}\u{043E}\u{0447}\u{0442}\u{0430}.\u{0440}\u{0444}"
            ),
            Ok("админ@почта.рф".into())
        );
    }

    #[test]
    fn not_an_address() {
        assert_eq!(normalize("admin"), Err(Refused::Invalid));
        assert_eq!(normalize("admin@localhost"), Err(Refused::Invalid));
        assert_eq!(lookup_key("ad\u{200B}min@lapor.go.id"), "ad\u{200B}min@lapor.go.id");
    }
}
