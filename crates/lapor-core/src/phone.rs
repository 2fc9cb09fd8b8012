//! Phone numbers: normalised to E.164 (`+62…`) and masked whenever one must be mentioned in a log.

/// Normalises a phone number to E.164. Indonesian forms `08…`, `8…`, `62…` and `+62…` become `+62…`;
/// another country's `+…` number is kept. Spaces, dashes, dots and brackets are ignored.
/// Returns `None` when the result is not 8 to 15 digits after the `+`.
pub fn normalize(input: &str) -> Option<String> {
    let trimmed = input.trim();
    let plus = trimmed.starts_with('+');
    let mut digits = String::with_capacity(trimmed.len());
    for (i, c) in trimmed.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' => {}
            '+' if i == 0 => {}
            _ => return None,
        }
    }
    let e164 = if plus {
        digits
    } else if let Some(rest) = digits.strip_prefix("62") {
        format!("62{rest}")
    } else if let Some(rest) = digits.strip_prefix('0') {
        format!("62{rest}")
    } else if digits.starts_with('8') {
        format!("62{digits}")
    } else {
        return None;
    };
    ((8..=15).contains(&e164.len()) && !e164.starts_with('0')).then(|| format!("+{e164}"))
}

/// A form of the number safe for logs: country code, the first three digits and the last two.
pub fn mask(e164: &str) -> String {
    let chars: Vec<char> = e164.chars().collect();
    if chars.len() <= 7 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_forms_become_e164() {
        for raw in
            ["081234567890", "+6281234567890", "6281234567890", "0812-3456-7890", "(0812) 3456 7890", "81234567890"]
        {
            assert_eq!(normalize(raw).as_deref(), Some("+6281234567890"), "{raw}");
        }
    }

    #[test]
    fn foreign_numbers_are_kept() {
        assert_eq!(normalize("+44 20 7946 0958").as_deref(), Some("+442079460958"));
    }

    #[test]
    fn junk_is_refused() {
        for raw in ["", "abc", "12", "0812345678901234567", "+0812345", "0812x4567890", "1708"] {
            assert_eq!(normalize(raw), None, "{raw}");
        }
    }

    #[test]
    fn masking_hides_the_middle() {
        assert_eq!(mask("+6281234567890"), "+62812******90");
        assert!(!mask("+6281234567890").contains("345678"));
    }
}
