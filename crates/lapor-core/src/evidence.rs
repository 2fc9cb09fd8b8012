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

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            EvidenceType::Jpeg => "jpg",
            EvidenceType::Png => "png",
            EvidenceType::Webp => "webp",
            EvidenceType::Pdf => "pdf",
        }
    }

    /// Parses a stored media type.
    pub fn from_mime(m: &str) -> Option<Self> {
        [EvidenceType::Jpeg, EvidenceType::Png, EvidenceType::Webp, EvidenceType::Pdf]
            .into_iter()
            .find(|t| t.mime() == m)
    }
}

/// The headers a stored file is served with: its type from the sniffed kind of its bytes (never the upload's
/// declared type), shown in place only when [`serve_as`] says so (a validated image), and a file name made of the
/// tracking ID and the file's number only (nothing of the upload's name, so nothing to escape). Callers add
/// `X-Content-Type-Options: nosniff`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub content_type: &'static str,
    pub content_disposition: String,
}

/// How to serve file `n` (from 1) of report `tracking_id`.
pub fn delivery(bytes: &[u8], tracking_id: &str, n: usize) -> Delivery {
    let safe_tid: String = tracking_id.chars().filter(char::is_ascii_alphanumeric).take(20).collect();
    let kind = check(bytes).ok();
    let (_, disposition) = serve_as(bytes);
    Delivery {
        content_type: kind.map_or("application/octet-stream", EvidenceType::mime),
        content_disposition: format!(
            "{disposition}; filename=\"lapor-{safe_tid}-{n}.{}\"",
            kind.map_or("bin", EvidenceType::extension)
        ),
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

/// Whether `bytes` is a whole, well-formed image of the type its first bytes claim, not just one that starts
/// like one: a PNG is its chunks from the signature to `IEND` and nothing after; a JPEG ends with its
/// end-of-image marker; a WebP's RIFF size is the file's. A PDF is never an image.
pub fn is_validated_image(bytes: &[u8]) -> bool {
    match check(bytes) {
        Ok(EvidenceType::Png) => png_well_formed(bytes),
        Ok(EvidenceType::Jpeg) => bytes.len() >= 4 && bytes.ends_with(&[0xFF, 0xD9]),
        Ok(EvidenceType::Webp) => {
            let size = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
            size.checked_add(8) == Some(bytes.len())
        }
        _ => false,
    }
}

fn png_well_formed(bytes: &[u8]) -> bool {
    let mut at = 8;
    loop {
        let Some(head) = bytes.get(at..at + 8) else { return false };
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let Some(end) = at.checked_add(12).and_then(|a| a.checked_add(len)) else { return false };
        if end > bytes.len() {
            return false;
        }
        if &head[4..8] == b"IEND" {
            return end == bytes.len();
        }
        at = end;
    }
}

/// How evidence is served back: its stored media type `inline` only when the bytes are a validated image
/// ([`is_validated_image`]); anything else (a PDF, or an image header followed by HTML) as
/// `application/octet-stream` with `Content-Disposition: attachment`, so a browser never renders it.
pub fn serve_as(bytes: &[u8]) -> (&'static str, &'static str) {
    match check(bytes) {
        Ok(t) if is_validated_image(bytes) => (t.mime(), "inline"),
        _ => ("application/octet-stream", "attachment"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn delivery_is_typed_by_the_sniffed_kind_with_a_safe_name() {
        let d = delivery(&png(b""), "1234567890", 2);
        assert_eq!(d.content_type, "image/png");
        assert_eq!(d.content_disposition, "inline; filename=\"lapor-1234567890-2.png\"");
        let d = delivery(b"%PDF-1.7\n", "12\"3;\r\n", 1);
        assert_eq!(d.content_type, "application/pdf");
        assert_eq!(d.content_disposition, "attachment; filename=\"lapor-123-1.pdf\"");
        let d = delivery(b"\x89PNG\r\n\x1a\n<html>", "1", 1);
        assert_eq!(d.content_type, "image/png");
        assert!(d.content_disposition.starts_with("attachment;"), "an image header followed by HTML is downloaded");
        let d = delivery(b"<html>", "1", 1);
        assert_eq!(
            (d.content_type, d.content_disposition.as_str()),
            ("application/octet-stream", "attachment; filename=\"lapor-1-1.bin\"")
        );
    }

    use super::*;

    fn png(extra: &[u8]) -> Vec<u8> {
        let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
        v.extend_from_slice(&[0, 0, 0, 1]);
        v.extend_from_slice(b"IHDR");
        v.push(0);
        v.extend_from_slice(&[0, 0, 0, 0]);
        v.extend_from_slice(&[0, 0, 0, 0]);
        v.extend_from_slice(b"IEND");
        v.extend_from_slice(&[0xAE, 0x42, 0x60, 0x82]);
        v.extend_from_slice(extra);
        v
    }

    #[test]
    fn only_validated_images_are_served_inline() {
        assert_eq!(serve_as(&png(b"")), ("image/png", "inline"));
        // A PNG header followed by HTML passes the type check but is not an image: attachment.
        let polyglot = png(b"<html><script>alert(1)</script></html>");
        assert_eq!(check(&polyglot), Ok(EvidenceType::Png));
        assert_eq!(serve_as(&polyglot), ("application/octet-stream", "attachment"));
        assert_eq!(serve_as(b"\x89PNG\r\n\x1a\n<html>"), ("application/octet-stream", "attachment"));
        assert_eq!(serve_as(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0xFF, 0xD9]), ("image/jpeg", "inline"));
        assert_eq!(serve_as(&[0xFF, 0xD8, 0xFF, b'<', b'h', b'>']), ("application/octet-stream", "attachment"));
        assert_eq!(serve_as(b"RIFF\x04\x00\x00\x00WEBP"), ("image/webp", "inline"));
        assert_eq!(serve_as(b"RIFF\x04\x00\x00\x00WEBP<html>"), ("application/octet-stream", "attachment"));
        assert_eq!(serve_as(b"%PDF-1.7\n"), ("application/octet-stream", "attachment"));
    }

    proptest::proptest! {
        #[test]
        fn serving_rules_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
            let _ = serve_as(&bytes);
            let mut p = png(b"");
            p.extend_from_slice(&bytes);
            proptest::prop_assert_eq!(serve_as(&p).1 == "inline", bytes.is_empty());
        }
    }

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
