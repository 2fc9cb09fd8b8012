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
