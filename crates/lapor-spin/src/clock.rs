//! The time. In production the system clock; in tests (`test_mode = "true"`) the `now` variable may set it,
//! so deadline tests can move time forward.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use crate::vars;

/// Current time as Unix seconds.
pub fn now() -> i64 {
    if vars::get("test_mode").as_deref() == Some("true") {
        if let Some(t) = vars::get("now").and_then(|s| DateTime::parse_from_rfc3339(&s).ok()) {
            return t.timestamp();
        }
    }
    Utc::now().timestamp()
}

/// Today's date in Western Indonesia (WIB, UTC+7), the national default.
pub fn today_wib() -> NaiveDate {
    let wib = FixedOffset::east_opt(7 * 3600).expect("valid offset");
    DateTime::from_timestamp(now(), 0).unwrap_or_default().with_timezone(&wib).date_naive()
}

/// This year in WIB.
pub fn this_year_wib() -> i32 {
    chrono::Datelike::year(&today_wib())
}

/// Waits `ms` milliseconds without computing (the host suspends this request; no thread sleeps).
pub fn wait_ms(ms: u64) {
    wasi::clocks::monotonic_clock::subscribe_duration(ms * 1_000_000).block();
}
