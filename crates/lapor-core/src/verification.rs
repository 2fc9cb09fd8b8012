//! The national admin's decisions on a new report: reasons to reject, and the verification deadline.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Weekday};

use crate::model::wire_enum;

wire_enum!(
    /// Why a report is rejected.
    RejectReason {
        /// The facts cannot be checked.
        NotVerifiable = "not_verifiable",
        /// False or misleading.
        Hoax = "hoax",
        /// Not about a public service.
        NotPublicService = "not_public_service",
        /// Still incomplete after a request for more.
        Incomplete = "incomplete",
    }
);

impl RejectReason {
    /// Words for the citizen, in Bahasa Indonesia.
    pub fn label_id(self) -> &'static str {
        match self {
            RejectReason::NotVerifiable => "tidak dapat diverifikasi",
            RejectReason::Hoax => "informasi tidak benar (hoaks)",
            RejectReason::NotPublicService => "bukan pelayanan publik",
            RejectReason::Incomplete => "tidak lengkap setelah diminta informasi tambahan",
        }
    }
}

/// Working days the national admin has to verify a report.
pub const VERIFY_WORKING_DAYS: u32 = 3;

/// Whether `d` is a working day: Monday–Friday and not one of `holidays`.
pub fn is_working_day(d: NaiveDate, holidays: &[NaiveDate]) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(&d)
}

/// The end (midnight, local time at `utc_offset_hours`) of the `n`th working day after the day of `from`.
pub fn working_days_after(from: i64, n: u32, utc_offset_hours: i32, holidays: &[NaiveDate]) -> i64 {
    let tz = FixedOffset::east_opt(utc_offset_hours * 3600).expect("valid offset");
    let mut day = DateTime::from_timestamp(from, 0).unwrap_or_default().with_timezone(&tz).date_naive();
    let mut left = n;
    while left > 0 {
        day += Duration::days(1);
        if is_working_day(day, holidays) {
            left -= 1;
        }
    }
    let end = (day + Duration::days(1)).and_hms_opt(0, 0, 0).expect("midnight");
    end.and_local_timezone(tz).single().map_or(from, |t| t.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> i64 {
        DateTime::parse_from_rfc3339(s).unwrap().timestamp()
    }

    #[test]
    fn three_working_days_skip_the_weekend_and_holidays() {
        // Thursday 2026-11-26 10:00 WIB: Fri, Mon, Tue → end of Tuesday 2026-12-01.
        let due = working_days_after(ts("2026-11-26T10:00:00+07:00"), 3, 7, &[]);
        assert_eq!(due, ts("2026-12-02T00:00:00+07:00"));
        let holiday = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let due = working_days_after(ts("2026-11-26T10:00:00+07:00"), 3, 7, &[holiday]);
        assert_eq!(due, ts("2026-12-03T00:00:00+07:00"));
    }

    #[test]
    fn reasons_round_trip() {
        for r in RejectReason::ALL {
            assert_eq!(RejectReason::parse(r.as_str()), Some(*r));
        }
    }
}
