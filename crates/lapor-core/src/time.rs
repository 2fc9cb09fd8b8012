//! Time formatting shared by every view.

//!
//! Dates are read and written here by hand rather than with chrono's format strings: chrono's strftime formatter
//! and parser are ~20 KB of wasm in every component that used them (issue 23: each component ≤ 1 MB).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, SecondsFormat, Timelike};

/// Unix seconds as RFC 3339 in UTC, e.g. `2026-11-29T19:15:21Z`.
pub fn rfc3339(ts: i64) -> String {
    DateTime::from_timestamp(ts, 0).unwrap_or_default().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A calendar date written `YYYY-MM-DD` (what `<input type="date">` sends): up to four digits, then one or two for
/// the month and the day, as chrono's `%Y-%m-%d` reads them.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let mut parts = s.split('-');
    // As chrono's numbers: leading white space skipped, a `+` allowed on the year.
    let (y, m, d) = (parts.next()?.trim_start(), parts.next()?.trim_start(), parts.next()?.trim_start());
    let y = y.strip_prefix('+').unwrap_or(y);
    let digits =
        |p: &str, len: std::ops::RangeInclusive<usize>| len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !digits(y, 1..=4) || !digits(m, 1..=2) || !digits(d, 1..=2) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Unix seconds as the UTC date `YYYY-MM-DD`.
pub fn utc_date(ts: i64) -> String {
    DateTime::from_timestamp(ts, 0).unwrap_or_default().date_naive().to_string()
}

/// Unix seconds as `DD-MM-YYYY HH:MM WIB` (Western Indonesia, UTC+7), for people.
pub fn wib_when(ts: i64) -> String {
    let wib = FixedOffset::east_opt(7 * 3600).expect("offset");
    let t = DateTime::from_timestamp(ts, 0).unwrap_or_default().with_timezone(&wib);
    format!("{:02}-{:02}-{:04} {:02}:{:02} WIB", t.day(), t.month(), t.year(), t.hour(), t.minute())
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_read_as_chrono_read_them() {
        use chrono::NaiveDate;
        for s in [
            "2026-11-30",
            "2026-1-5",
            "2026-02-29",
            "2024-02-29",
            "2026-13-01",
            "26-11-30",
            "2026-11-30x",
            "2026/11/30",
            "",
            "2026-11",
            "2026-011-01",
            "+2026-11-30",
            "2026-11-30-1",
            " 2026-11-30",
            "2026-00-10",
            "20261-01-01",
        ] {
            assert_eq!(super::parse_date(s), NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(), "{s:?}");
        }
    }

    #[test]
    fn dates_are_written_as_chrono_wrote_them() {
        for ts in [0, 1_796_000_000, 1_796_000_000 + 17 * 3600, 4_102_444_799] {
            let t = chrono::DateTime::from_timestamp(ts, 0).unwrap();
            assert_eq!(super::utc_date(ts), t.format("%Y-%m-%d").to_string());
            let wib = t.with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).unwrap());
            assert_eq!(super::wib_when(ts), wib.format("%d-%m-%Y %H:%M WIB").to_string());
        }
    }

    #[test]
    fn formats_utc() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(1_796_000_000), "2026-11-30T00:53:20Z");
    }
}
