//! Deadlines (SLA). Working days are Monday–Friday minus the national holidays (and cuti bersama) kept in
//! the database, counted in the instansi's time zone. A deadline is the end (23:59:59 local) of the n-th
//! working day after the day the clock started, so it is never on a weekend or holiday and adding n then m
//! working days equals adding n + m.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone as _, Weekday};

use crate::regions::TimeZone;

/// Working days the national admin has to verify a report.
pub const VERIFY_DAYS: u32 = 3;
/// Default working days the instansi admin has to forward a report to an OPD.
pub const DISPATCH_DAYS_DEFAULT: u32 = 1;
/// Working days the OPD has to answer after the report reaches it.
pub const FOLLOW_UP_DAYS: u32 = 5;
/// Calendar days the follow-up may run in all, extensions included; after that the Ombudsman mediates.
pub const MAX_FOLLOW_UP_DAYS: i64 = 60;
/// Working days before the follow-up deadline at which the liaison and the Inspektorat are warned.
pub const WARN_DAYS_BEFORE: u32 = 1;
/// Working days one extension request adds to the follow-up deadline (never past the 60-day limit).
pub const EXTENSION_WORKING_DAYS: u32 = 10;
/// Calendar days after the OPD's last answer without a reply from the citizen before the report is
/// completed on their behalf.
pub const AUTO_COMPLETE_DAYS: i64 = 10;

/// Calendar days ahead within which an open deadline counts as near on the Inspektorat's overdue page.
pub const NEAR_DUE_DAYS: i64 = 2;

/// Deadlines up to this instant are shown on the overdue page at `now` (overdue, or due within
/// [`NEAR_DUE_DAYS`]).
pub fn watch_horizon(now: i64) -> i64 {
    now + Duration::days(NEAR_DUE_DAYS).num_seconds()
}

/// Whole days a deadline is overdue at `now` (0 on the day it passed or when not yet due; see
/// [`is_overdue`]).
pub fn days_overdue(due: i64, now: i64) -> i64 {
    if now <= due {
        0
    } else {
        (now - due) / 86_400
    }
}

/// Whether the deadline has passed at `now`.
pub fn is_overdue(due: i64, now: i64) -> bool {
    now > due
}

/// Why an extension cannot be approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtensionRefusal {
    /// The follow-up deadline already stands at the 60-day limit.
    AtLimit,
}

/// The follow-up deadline after an approved extension: [`EXTENSION_WORKING_DAYS`] working days from the
/// current deadline (or from `now`, when it has passed), capped at 60 days after the report reached the OPD.
pub fn approved_due(
    cal: &Calendar,
    current_due: i64,
    assigned_at: i64,
    tz: TimeZone,
    now: i64,
) -> Result<i64, ExtensionRefusal> {
    let new_due = extended_due(cal, current_due.max(now), assigned_at, tz, EXTENSION_WORKING_DAYS);
    if new_due <= current_due {
        return Err(ExtensionRefusal::AtLimit);
    }
    Ok(new_due)
}

/// The end of the working day before `due`, in zone `tz`: when to warn that `due` is near.
pub fn warning_before(cal: &Calendar, due: i64, tz: TimeZone) -> i64 {
    let mut day = local_date(due, tz);
    let mut left = WARN_DAYS_BEFORE;
    while left > 0 {
        day = day.pred_opt().expect("date in range");
        if cal.is_working_day(day) {
            left -= 1;
        }
    }
    end_of_day(day, offset(tz))
}

/// When a report answered at `answered_at` is completed if the citizen has not replied by then.
pub fn auto_complete_due(answered_at: i64) -> i64 {
    answered_at + Duration::days(AUTO_COMPLETE_DAYS).num_seconds()
}

/// The national holidays and cuti bersama: the days off besides weekends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    holidays: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// A calendar with these days off.
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Self {
        Calendar { holidays: holidays.into_iter().collect() }
    }

    /// Whether `d` is a working day.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&d)
    }

    /// The n-th working day after `d` (n = 0 gives `d` itself, working day or not).
    pub fn add_working_days_to_date(&self, d: NaiveDate, n: u32) -> NaiveDate {
        let mut day = d;
        let mut left = n;
        while left > 0 {
            day = day.succ_opt().expect("date in range");
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// The deadline `n` working days after the instant `from` (Unix seconds), in zone `tz`:
    /// 23:59:59 local time of the n-th working day after `from`'s local date. Returns Unix seconds.
    pub fn add_working_days(&self, from: i64, tz: TimeZone, n: u32) -> i64 {
        let offset = offset(tz);
        let local = local_date(from, tz);
        let due = self.add_working_days_to_date(local, n);
        end_of_day(due, offset)
    }

    /// Working days from the local date of `from` to the local date of `to` (0 if `to` is not later).
    pub fn working_days_between(&self, from: i64, to: i64, tz: TimeZone) -> u32 {
        let (mut d, end) = (local_date(from, tz), local_date(to, tz));
        let mut n = 0;
        while d < end {
            d = d.succ_opt().expect("date in range");
            if self.is_working_day(d) {
                n += 1;
            }
        }
        n
    }
}

fn offset(tz: TimeZone) -> FixedOffset {
    FixedOffset::east_opt(tz.utc_offset_hours() * 3600).expect("valid offset")
}

/// The local date of an instant in zone `tz`.
pub fn local_date(ts: i64, tz: TimeZone) -> NaiveDate {
    DateTime::from_timestamp(ts, 0).unwrap_or_default().with_timezone(&offset(tz)).date_naive()
}

fn end_of_day(d: NaiveDate, offset: FixedOffset) -> i64 {
    offset
        .from_local_datetime(&d.and_hms_opt(23, 59, 59).expect("valid time"))
        .single()
        .expect("fixed offset")
        .timestamp()
}

/// When verification is due for a report received at `received_at` (national admin, WIB).
pub fn verification_due(cal: &Calendar, received_at: i64) -> i64 {
    cal.add_working_days(received_at, TimeZone::Wib, VERIFY_DAYS)
}

/// When the instansi admin must have forwarded a report dispatched at `dispatched_at`.
pub fn dispatch_due(cal: &Calendar, dispatched_at: i64, tz: TimeZone, days: u32) -> i64 {
    cal.add_working_days(dispatched_at, tz, days)
}

/// When the OPD's answer is due for a report that reached it at `assigned_at`.
pub fn follow_up_due(cal: &Calendar, assigned_at: i64, tz: TimeZone) -> i64 {
    cal.add_working_days(assigned_at, tz, FOLLOW_UP_DAYS)
}

/// When to warn the liaison and the Inspektorat: the end of the working day before the follow-up deadline.
pub fn follow_up_warning(cal: &Calendar, assigned_at: i64, tz: TimeZone) -> i64 {
    cal.add_working_days(assigned_at, tz, FOLLOW_UP_DAYS - WARN_DAYS_BEFORE)
}

/// The last moment the follow-up may run to, extensions included (60 days after reaching the OPD).
pub fn follow_up_limit(assigned_at: i64) -> i64 {
    assigned_at + Duration::days(MAX_FOLLOW_UP_DAYS).num_seconds()
}

/// The deadline after an extension of `extra_working_days` from the current deadline, capped at the
/// 60-day limit.
pub fn extended_due(cal: &Calendar, current_due: i64, assigned_at: i64, tz: TimeZone, extra_working_days: u32) -> i64 {
    cal.add_working_days(current_due, tz, extra_working_days).min(follow_up_limit(assigned_at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// 2026 national holidays and cuti bersama around Idul Fitri 1447 H, and the year end.
    fn cal() -> Calendar {
        Calendar::new([
            d(2026, 3, 18),
            d(2026, 3, 19),
            d(2026, 3, 20),
            d(2026, 3, 21),
            d(2026, 3, 22),
            d(2026, 3, 23),
            d(2026, 3, 24),
            d(2026, 12, 24),
            d(2026, 12, 25),
            d(2027, 1, 1),
        ])
    }

    fn wib(y: i32, m: u32, day: u32, h: u32) -> i64 {
        offset(TimeZone::Wib).with_ymd_and_hms(y, m, day, h, 0, 0).unwrap().timestamp()
    }

    #[test]
    fn three_working_days_skip_the_weekend() {
        // Thursday 26 Nov 2026 10:00 WIB -> Fri, Mon, Tue -> Tuesday 1 Dec 23:59:59 WIB.
        let due = verification_due(&cal(), wib(2026, 11, 26, 10));
        assert_eq!(due, offset(TimeZone::Wib).with_ymd_and_hms(2026, 12, 1, 23, 59, 59).unwrap().timestamp());
    }

    #[test]
    fn idul_fitri_cuti_bersama_run_is_skipped() {
        // Tuesday 17 March 2026: the next working days are 25, 26, 27 March.
        assert_eq!(cal().add_working_days_to_date(d(2026, 3, 17), 3), d(2026, 3, 27));
    }

    #[test]
    fn crossing_the_year_end() {
        // Wednesday 23 Dec 2026 + 3: 24, 25 off; 28, 29, 30.
        assert_eq!(cal().add_working_days_to_date(d(2026, 12, 23), 3), d(2026, 12, 30));
        // Thursday 31 Dec + 1: 1 Jan off, 2-3 weekend -> Monday 4 Jan 2027.
        assert_eq!(cal().add_working_days_to_date(d(2026, 12, 31), 1), d(2027, 1, 4));
    }

    #[test]
    fn time_zones_move_the_local_date() {
        // Friday 22:30 WIB is already Saturday 00:30 WIT: counting starts from Saturday there.
        let t = wib(2026, 11, 27, 22) + 30 * 60;
        assert_eq!(local_date(t, TimeZone::Wib), d(2026, 11, 27));
        assert_eq!(local_date(t, TimeZone::Wit), d(2026, 11, 28));
        let due_wit = cal().add_working_days(t, TimeZone::Wit, 1);
        assert_eq!(local_date(due_wit, TimeZone::Wit), d(2026, 11, 30));
        let due_wib = cal().add_working_days(t, TimeZone::Wib, 1);
        assert_eq!(local_date(due_wib, TimeZone::Wib), d(2026, 11, 30));
    }

    #[test]
    fn warning_comes_a_working_day_before_the_deadline_and_extensions_are_capped() {
        let assigned = wib(2026, 11, 30, 9);
        let warn = follow_up_warning(&cal(), assigned, TimeZone::Wib);
        let due = follow_up_due(&cal(), assigned, TimeZone::Wib);
        assert!(warn < due);
        assert_eq!(cal().working_days_between(warn, due, TimeZone::Wib), 1);
        let huge = extended_due(&cal(), due, assigned, TimeZone::Wib, 200);
        assert_eq!(huge, follow_up_limit(assigned));
        let small = extended_due(&cal(), due, assigned, TimeZone::Wib, 5);
        assert!(small > due && small < follow_up_limit(assigned));
    }

    #[test]
    fn the_warning_falls_on_the_working_day_before_any_deadline() {
        let assigned = wib(2026, 11, 30, 9);
        let due = follow_up_due(&cal(), assigned, TimeZone::Wib);
        assert_eq!(warning_before(&cal(), due, TimeZone::Wib), follow_up_warning(&cal(), assigned, TimeZone::Wib));
        // A deadline on Monday 28 Dec 2026 is warned on Wednesday 23 Dec (24 and 25 are off, then a weekend).
        let monday = offset(TimeZone::Wib).with_ymd_and_hms(2026, 12, 28, 23, 59, 59).unwrap().timestamp();
        assert_eq!(local_date(warning_before(&cal(), monday, TimeZone::Wib), TimeZone::Wib), d(2026, 12, 23));
    }

    #[test]
    fn approved_extensions_move_the_deadline_up_to_the_limit() {
        let assigned = wib(2026, 11, 30, 9);
        let due = follow_up_due(&cal(), assigned, TimeZone::Wib);
        let new_due = approved_due(&cal(), due, assigned, TimeZone::Wib, assigned).unwrap();
        assert_eq!(cal().working_days_between(due, new_due, TimeZone::Wib), EXTENSION_WORKING_DAYS);
        let limit = follow_up_limit(assigned);
        assert_eq!(approved_due(&cal(), limit - 3600, assigned, TimeZone::Wib, assigned), Ok(limit));
        assert_eq!(approved_due(&cal(), limit, assigned, TimeZone::Wib, assigned), Err(ExtensionRefusal::AtLimit));
        // Decided after the deadline passed: counted from the decision.
        let late = due + 3 * 86_400;
        let from_late = approved_due(&cal(), due, assigned, TimeZone::Wib, late).unwrap();
        assert!(from_late > late);
    }

    #[test]
    fn days_overdue_count_whole_days_after_the_deadline() {
        assert_eq!(days_overdue(1000, 500), 0);
        assert_eq!(days_overdue(1000, 1000 + 3600), 0);
        assert!(is_overdue(1000, 1001) && !is_overdue(1000, 1000));
        assert_eq!(days_overdue(1000, 1000 + 2 * 86_400 + 5), 2);
        assert_eq!(watch_horizon(0), 2 * 86_400);
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0i64..3 * 365).prop_map(|n| d(2025, 12, 1) + Duration::days(n))
    }

    proptest! {
        #[test]
        fn a_deadline_is_never_on_a_weekend_or_holiday(start in any_date(), n in 1u32..80) {
            let due = cal().add_working_days_to_date(start, n);
            prop_assert!(cal().is_working_day(due));
        }

        #[test]
        fn adding_n_then_m_equals_adding_n_plus_m(start in any_date(), n in 0u32..40, m in 0u32..40) {
            let c = cal();
            prop_assert_eq!(c.add_working_days_to_date(c.add_working_days_to_date(start, n), m),
                            c.add_working_days_to_date(start, n + m));
        }

        #[test]
        fn instants_agree_with_dates(h in 0u32..24, start in any_date(), n in 1u32..30) {
            let c = cal();
            let t = offset(TimeZone::Wita).from_local_datetime(&start.and_hms_opt(h, 0, 0).unwrap()).unwrap().timestamp();
            let due = c.add_working_days(t, TimeZone::Wita, n);
            prop_assert_eq!(local_date(due, TimeZone::Wita), c.add_working_days_to_date(start, n));
            prop_assert_eq!(c.working_days_between(t, due, TimeZone::Wita), n);
        }
    }
}
