//! Time formatting shared by every view.

use chrono::{DateTime, SecondsFormat};

/// Unix seconds as RFC 3339 in UTC, e.g. `2026-11-29T19:15:21Z`.
pub fn rfc3339(ts: i64) -> String {
    DateTime::from_timestamp(ts, 0).unwrap_or_default().to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_utc() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(1_796_000_000), "2026-11-30T00:53:20Z");
    }
}
