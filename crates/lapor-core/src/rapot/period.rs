//! The period of a rapot: a month (`2026-11`), a quarter (`2026-Q4`), a year (`2026`) or a date range
//! (`from=2026-11-01&to=2026-11-15`, both days included). A report counts in a period when it was first
//! dispatched to an instansi inside it, midnight to midnight in the rapot's time zone.

use chrono::{Datelike, NaiveDate};

use crate::regions::TimeZone;

/// The longest date range accepted, in days (ten years).
pub const MAX_RANGE_DAYS: i64 = 3660;

/// A rapot period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Month {
        year: i32,
        month: u32,
    },
    Quarter {
        year: i32,
        quarter: u32,
    },
    Year(i32),
    /// Both days included.
    Range {
        from: NaiveDate,
        to: NaiveDate,
    },
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

fn date(s: &str) -> Option<NaiveDate> {
    crate::time::parse_date(s.trim())
}

fn year(s: &str) -> Option<i32> {
    (s.len() == 4).then(|| s.parse().ok()).flatten().filter(|y| (2000..=2100).contains(y))
}

/// The day `now` falls on in `tz`.
pub fn today(now: i64, tz: TimeZone) -> NaiveDate {
    chrono::DateTime::from_timestamp(now + i64::from(tz.utc_offset_hours()) * 3600, 0).unwrap_or_default().date_naive()
}

impl Period {
    /// The period from `?period=` or `?from=&to=` (a range wins when both days are given); the month of
    /// `today` when neither is. The error is bilingual, for people.
    pub fn parse(
        period: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
        today: NaiveDate,
    ) -> Result<Period, String> {
        let (from, to) = (from.filter(|s| !s.trim().is_empty()), to.filter(|s| !s.trim().is_empty()));
        if from.is_some() || to.is_some() {
            let (Some(f), Some(t)) = (from.and_then(date), to.and_then(date)) else {
                return Err(
                    "tanggal awal dan akhir wajib, format YYYY-MM-DD / from and to are required, as YYYY-MM-DD".into(),
                );
            };
            if t < f {
                return Err("tanggal akhir sebelum tanggal awal / to is before from".into());
            }
            if (t - f).num_days() >= MAX_RANGE_DAYS || year(&f.year().to_string()).is_none() {
                return Err("rentang terlalu panjang / range too long".into());
            }
            return Ok(Period::Range { from: f, to: t });
        }
        let p = period.map(str::trim).filter(|s| !s.is_empty());
        let Some(p) = p else { return Ok(Period::Month { year: today.year(), month: today.month() }) };
        let bad = || format!("periode tidak dikenal: {p} (YYYY-MM, YYYY-Q1..Q4, YYYY) / unknown period");
        if let Some(y) = year(p) {
            return Ok(Period::Year(y));
        }
        let (y, rest) = p.split_once('-').ok_or_else(bad)?;
        let y = year(y).ok_or_else(bad)?;
        if let Some(q) = rest.strip_prefix('Q').or_else(|| rest.strip_prefix('q')) {
            let quarter: u32 = q.parse().ok().filter(|q| (1..=4).contains(q)).ok_or_else(bad)?;
            return Ok(Period::Quarter { year: y, quarter });
        }
        let month: u32 =
            (rest.len() == 2).then(|| rest.parse().ok()).flatten().filter(|m| (1..=12).contains(m)).ok_or_else(bad)?;
        Ok(Period::Month { year: y, month })
    }

    /// The month, quarter and year that contain `day`.
    pub fn around(day: NaiveDate) -> [Period; 3] {
        let (year, month) = (day.year(), day.month());
        [Period::Month { year, month }, Period::Quarter { year, quarter: month.div_ceil(3) }, Period::Year(year)]
    }

    /// The first day of the period.
    pub fn first_day(&self) -> NaiveDate {
        let ymd = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default();
        match *self {
            Period::Month { year, month } => ymd(year, month),
            Period::Quarter { year, quarter } => ymd(year, 3 * quarter - 2),
            Period::Year(y) => ymd(y, 1),
            Period::Range { from, .. } => from,
        }
    }

    /// The day after the last day of the period.
    pub fn end_day(&self) -> NaiveDate {
        let ymd = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default();
        let next = |y: i32, m: u32| if m > 12 { ymd(y + 1, m - 12) } else { ymd(y, m) };
        match *self {
            Period::Month { year, month } => next(year, month + 1),
            Period::Quarter { year, quarter } => next(year, 3 * quarter + 1),
            Period::Year(y) => ymd(y + 1, 1),
            Period::Range { to, .. } => to.succ_opt().unwrap_or(to),
        }
    }

    /// `[start, end)` in Unix seconds: midnight of the first day to midnight after the last, in `tz`.
    pub fn bounds(&self, tz: TimeZone) -> (i64, i64) {
        let offset = i64::from(tz.utc_offset_hours()) * 3600;
        let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc().timestamp() - offset;
        (midnight(self.first_day()), midnight(self.end_day()))
    }

    /// The stable key (`2026-11`, `2026-Q4`, `2026`, `2026-11-01..2026-11-15`), stored with issued rapots.
    pub fn key(&self) -> String {
        match *self {
            Period::Month { year, month } => format!("{year}-{month:02}"),
            Period::Quarter { year, quarter } => format!("{year}-Q{quarter}"),
            Period::Year(y) => y.to_string(),
            Period::Range { from, to } => format!("{from}..{to}"),
        }
    }

    /// The query string that selects this period (`period=…` or `from=…&to=…`).
    pub fn query(&self) -> String {
        match *self {
            Period::Range { from, to } => format!("from={from}&to={to}"),
            _ => format!("period={}", self.key()),
        }
    }

    /// The period for people: "November 2026", "Triwulan IV 2026", "Tahun 2026", "1 November 2026 – 15 …".
    pub fn label(&self, english: bool) -> String {
        let months = if english { &MONTHS_EN } else { &MONTHS_ID };
        let day = |d: NaiveDate| format!("{} {} {}", d.day(), months[d.month0() as usize], d.year());
        match *self {
            Period::Month { year, month } => format!("{} {year}", months[(month - 1) as usize]),
            Period::Quarter { year, quarter } => {
                let q = ROMAN[(quarter - 1) as usize];
                if english {
                    format!("Quarter {q} {year}")
                } else {
                    format!("Triwulan {q} {year}")
                }
            }
            Period::Year(y) => format!("{} {y}", if english { "Year" } else { "Tahun" }),
            Period::Range { from, to } => format!("{} – {}", day(from), day(to)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_every_kind() {
        let today = d(2026, 11, 30);
        assert_eq!(Period::parse(None, None, None, today), Ok(Period::Month { year: 2026, month: 11 }));
        assert_eq!(Period::parse(Some("2026-02"), None, None, today), Ok(Period::Month { year: 2026, month: 2 }));
        assert_eq!(Period::parse(Some("2026-Q4"), None, None, today), Ok(Period::Quarter { year: 2026, quarter: 4 }));
        assert_eq!(Period::parse(Some("2025"), None, None, today), Ok(Period::Year(2025)));
        assert_eq!(
            Period::parse(Some("2026"), Some("2026-11-01"), Some("2026-11-15"), today),
            Ok(Period::Range { from: d(2026, 11, 1), to: d(2026, 11, 15) })
        );
        for bad in ["2026-13", "2026-Q5", "26", "2026-1", "abc", "2026-11-01"] {
            assert!(Period::parse(Some(bad), None, None, today).is_err(), "{bad}");
        }
        assert!(Period::parse(None, Some("2026-11-15"), Some("2026-11-01"), today).is_err());
        assert!(Period::parse(None, Some("2026-11-15"), None, today).is_err());
        assert!(Period::parse(None, Some("2000-01-01"), Some("2026-01-01"), today).is_err());
    }

    #[test]
    fn bounds_are_local_midnights() {
        // November 2026 in WIB: 2026-10-31T17:00Z .. 2026-11-30T17:00Z.
        let (s, e) = Period::Month { year: 2026, month: 11 }.bounds(TimeZone::Wib);
        assert_eq!(crate::time::rfc3339(s), "2026-10-31T17:00:00Z");
        assert_eq!(crate::time::rfc3339(e), "2026-11-30T17:00:00Z");
        let (s, e) = Period::Quarter { year: 2026, quarter: 4 }.bounds(TimeZone::Wit);
        assert_eq!(
            (crate::time::rfc3339(s), crate::time::rfc3339(e)),
            ("2026-09-30T15:00:00Z".into(), "2026-12-31T15:00:00Z".into())
        );
        let (s, e) = Period::Month { year: 2026, month: 12 }.bounds(TimeZone::Wib);
        assert_eq!(e - s, 31 * 86_400);
        let (s, e) = Period::Range { from: d(2026, 11, 2), to: d(2026, 11, 2) }.bounds(TimeZone::Wib);
        assert_eq!(e - s, 86_400);
        assert_eq!(
            Period::Year(2024).bounds(TimeZone::Wib).1 - Period::Year(2024).bounds(TimeZone::Wib).0,
            366 * 86_400
        );
    }

    #[test]
    fn keys_labels_and_today() {
        assert_eq!(Period::Quarter { year: 2026, quarter: 4 }.label(false), "Triwulan IV 2026");
        assert_eq!(Period::Month { year: 2026, month: 11 }.label(true), "November 2026");
        assert_eq!(Period::Month { year: 2026, month: 3 }.key(), "2026-03");
        assert_eq!(Period::Range { from: d(2026, 11, 1), to: d(2026, 11, 2) }.query(), "from=2026-11-01&to=2026-11-02");
        // 2026-11-30T18:00Z is already 1 December in WIB.
        assert_eq!(today(1_796_061_600, TimeZone::Wib), d(2026, 12, 1));
        assert_eq!(
            Period::around(d(2026, 11, 30)),
            [Period::Month { year: 2026, month: 11 }, Period::Quarter { year: 2026, quarter: 4 }, Period::Year(2026)]
        );
    }
}
