//! Evidence attached to a report: images or PDF, size-limited, with the type decided by the content's
//! first bytes, never by the file name or the declared type.

/// Largest attachment, in bytes.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// Most attachments on one report.
pub const MAX_FILES: usize = 3;

/// An accepted evidence type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceType {
    Jpeg,
    Png,
    Webp,
    Pdf,
}

impl EvidenceType {
    /// The media type served back.
    pub fn mime(self) -> &'static str {
        match self {
            EvidenceType::Jpeg => "image/jpeg",
            EvidenceType::Png => "image/png",
            EvidenceType::Webp => "image/webp",
            EvidenceType::Pdf => "application/pdf",
        }
    }

    /// Parses a stored media type.
    pub fn from_mime(m: &str) -> Option<Self> {
        [EvidenceType::Jpeg, EvidenceType::Png, EvidenceType::Webp, EvidenceType::Pdf]
            .into_iter()
            .find(|t| t.mime() == m)
    }
}

/// Why a file is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceError {
    Empty,
    TooLarge,
    /// Not a JPEG, PNG, WebP or PDF by its content.
    UnsupportedType,
}

impl EvidenceError {
    /// Stable code for errors.
    pub fn code(self) -> &'static str {
        match self {
            EvidenceError::Empty => "evidence_empty",
            EvidenceError::TooLarge => "evidence_too_large",
            EvidenceError::UnsupportedType => "evidence_unsupported_type",
        }
    }

    /// Explanation for people.
    pub fn message(self) -> &'static str {
        match self {
            EvidenceError::Empty => "berkas kosong / the file is empty",
            EvidenceError::TooLarge => "berkas lebih dari 2 MB / the file is larger than 2 MB",
            EvidenceError::UnsupportedType => {
                "hanya gambar JPEG, PNG, WebP atau PDF / only JPEG, PNG, WebP images or PDF"
            }
        }
    }
}

/// Checks a file's size and sniffs its type from its first bytes.
pub fn check(bytes: &[u8]) -> Result<EvidenceType, EvidenceError> {
    if bytes.is_empty() {
        return Err(EvidenceError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(EvidenceError::TooLarge);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok(EvidenceType::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok(EvidenceType::Png)
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Ok(EvidenceType::Webp)
    } else if bytes.starts_with(b"%PDF-") {
        Ok(EvidenceType::Pdf)
    } else {
        Err(EvidenceError::UnsupportedType)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(check(b"\x89PNG\r\n\x1a\n....").unwrap(), EvidenceType::Png);
        assert_eq!(check(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]).unwrap(), EvidenceType::Jpeg);
        assert_eq!(check(b"RIFF\x00\x00\x00\x00WEBPVP8 ").unwrap(), EvidenceType::Webp);
        assert_eq!(check(b"%PDF-1.7\n").unwrap(), EvidenceType::Pdf);
    }

    #[test]
    fn refuses_html_disguised_and_oversized_and_empty() {
        assert_eq!(check(b"<script>alert(1)</script>"), Err(EvidenceError::UnsupportedType));
        assert_eq!(check(b"GIF89a"), Err(EvidenceError::UnsupportedType));
        assert_eq!(check(b""), Err(EvidenceError::Empty));
        let mut big = b"%PDF-".to_vec();
        big.resize(MAX_BYTES + 1, b' ');
        assert_eq!(check(&big), Err(EvidenceError::TooLarge));
    }
}
