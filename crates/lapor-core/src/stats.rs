//! Public statistics: what they count and how. Counts cover every report (a count reveals no content);
//! years and months are calendar periods in WIB (UTC+7), the national default; regions are the report's
//! region code (a regency, or a province when only that is known). The median time to first answer runs
//! from the report reaching the OPD (its first move to `assigned`) to the OPD's first answer (an `answer`
//! event or the move to `in_progress`), over the reports answered so far.

use chrono::{NaiveDate, TimeZone};
use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::model::wire_enum;
use crate::model::Category;
use crate::regions;
use crate::status::Status;

/// WIB, in seconds east of UTC.
pub const WIB_OFFSET_SECS: i64 = 7 * 3600;

wire_enum!(
    /// What the counts are grouped by.
    GroupBy {
        /// Regency or city (or the province when the report names only that).
        Region = "region",
        Province = "province",
        /// Calendar year in WIB.
        Year = "year",
        /// Calendar month in WIB, `YYYY-MM`.
        Month = "month",
        Category = "category",
        Channel = "channel",
        /// The colour citizens see (grey, red, yellow, green).
        Color = "color",
    }
);

/// Narrows the statistics.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StatsFilter {
    /// Calendar year in WIB.
    pub year: Option<i32>,
    /// A province (`17`: the province and all its regencies) or a regency (`17.71`).
    pub region: Option<String>,
}

/// The first year statistics can cover: LAPOR! opened in 2011, so no report is older.
pub const FIRST_YEAR: i32 = 2011;

impl StatsFilter {
    /// Reads `year` and `region` from query pairs. A year is one the data can hold, [`FIRST_YEAR`] to
    /// `this_year`: any other is refused, so no request can make the statistics cache keep a row for it (issue 28,
    /// finding 8).
    pub fn parse(pairs: &[(String, String)], this_year: i32) -> Result<Self, Vec<FieldError>> {
        let get = |n: &str| pairs.iter().find(|(k, _)| k == n).map(|(_, v)| v.trim()).filter(|v| !v.is_empty());
        let mut e = Vec::new();
        let year = get("year").and_then(|y| match y.parse::<i32>() {
            Ok(y) if (FIRST_YEAR..=this_year).contains(&y) => Some(y),
            _ => {
                e.push(FieldError::new("year", "invalid_year", "tahun tidak valid / invalid year"));
                None
            }
        });
        let region = get("region").and_then(|r| match regions::known("region", r) {
            Ok(reg) => Some(reg.code.to_string()),
            Err(f) => {
                e.push(f);
                None
            }
        });
        if e.is_empty() {
            Ok(StatsFilter { year, region })
        } else {
            Err(e)
        }
    }

    /// The `created_at` range `[from, to)` of the year, in Unix seconds.
    pub fn created_range(&self) -> Option<(i64, i64)> {
        self.year.map(year_range)
    }

    /// The region codes range `[from, to)` the region covers: a province covers its own code and every
    /// `NN.xx` regency code (`.` sorts just before `/`).
    pub fn region_range(&self) -> Option<(String, String)> {
        let code = self.region.as_deref()?;
        Some(if code.contains('.') {
            (code.to_string(), format!("{code}\u{0}"))
        } else {
            (code.to_string(), format!("{code}/"))
        })
    }
}

/// Unix seconds of the start of `year` and of the next year, in WIB.
pub fn year_range(year: i32) -> (i64, i64) {
    let start = |y: i32| {
        let d = NaiveDate::from_ymd_opt(y, 1, 1).expect("valid year").and_hms_opt(0, 0, 0).expect("midnight");
        chrono::Utc.from_utc_datetime(&d).timestamp() - WIB_OFFSET_SECS
    };
    (start(year), start(year + 1))
}

/// One group of a statistic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// The value grouped on (`null` when the reports do not have one, e.g. no region).
    pub key: Option<String>,
    /// A readable name (Bahasa Indonesia).
    pub label: String,
    pub count: i64,
}

fn label(by: GroupBy, key: Option<&str>) -> String {
    let Some(key) = key else { return "Tidak diketahui".to_string() };
    match by {
        GroupBy::Region | GroupBy::Province => regions::find(key).map_or(key.to_string(), |r| r.name.to_string()),
        GroupBy::Category => Category::parse(key).map_or(key.to_string(), |c| c.label_id().to_string()),
        GroupBy::Color => crate::Color::parse(key).map_or(key, |c| c.label_id()).to_string(),
        GroupBy::Year | GroupBy::Month | GroupBy::Channel => key.to_string(),
    }
}

/// Turns counts as stored (grouped by region code for `province`, by status for `color`) into the groups of
/// `by`, sorted by key (unknown last).
pub fn fold(by: GroupBy, stored: Vec<(Option<String>, i64)>) -> Vec<Group> {
    let mut merged: Vec<(Option<String>, i64)> = Vec::new();
    for (key, count) in stored {
        let key = match by {
            GroupBy::Province => key.map(|k| k.split('.').next().unwrap_or_default().to_string()),
            GroupBy::Color => key.map(|k| Status::parse(&k).map_or(k, |s| s.color().as_str().to_string())),
            _ => key,
        };
        match merged.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 += count,
            None => merged.push((key, count)),
        }
    }
    merged.sort_by(|a, b| match (&a.0, &b.0) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, _) => std::cmp::Ordering::Greater,
        (_, None) => std::cmp::Ordering::Less,
        (Some(x), Some(y)) => x.cmp(y),
    });
    merged.into_iter().map(|(key, count)| Group { label: label(by, key.as_deref()), key, count }).collect()
}

/// The median of `values` (the mean of the two middle values, rounded down, for an even count); `None` for
/// no values.
pub fn median(mut values: Vec<i64>) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]).div_euclid(2) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    #[test]
    fn provinces_fold_their_regencies() {
        let g = fold(GroupBy::Province, vec![(s("17.71"), 2), (s("17"), 1), (None, 4), (s("19.04"), 3)]);
        assert_eq!(
            g.iter().map(|g| (g.key.clone(), g.count)).collect::<Vec<_>>(),
            vec![(s("17"), 3), (s("19"), 3), (None, 4)]
        );
        assert_eq!(g[0].label, "Bengkulu");
    }

    #[test]
    fn colours_fold_statuses() {
        let g =
            fold(GroupBy::Color, vec![(s("received"), 2), (s("rejected"), 1), (s("assigned"), 5), (s("completed"), 1)]);
        let pairs: Vec<_> = g.iter().map(|g| (g.key.clone().unwrap(), g.count)).collect();
        assert_eq!(pairs, vec![("green".into(), 1), ("grey".into(), 3), ("red".into(), 5)]);
        assert_eq!(g[2].label, "Merah: belum ditindaklanjuti");
    }

    #[test]
    fn medians() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5, 1, 3]), Some(3));
        assert_eq!(median(vec![4, 1, 2, 10]), Some(3));
    }

    #[test]
    fn years_are_wib_calendar_years() {
        let (from, to) = year_range(2026);
        assert_eq!(crate::time::rfc3339(from), "2025-12-31T17:00:00Z");
        assert_eq!(crate::time::rfc3339(to), "2026-12-31T17:00:00Z");
    }

    #[test]
    fn filters_parse_and_give_ranges() {
        let p = |k: &str, v: &str| vec![(k.to_string(), v.to_string())];
        let f = StatsFilter::parse(&p("region", "17"), 2026).unwrap();
        let (lo, hi) = f.region_range().unwrap();
        for inside in ["17", "17.71", "17.01"] {
            assert!(lo.as_str() <= inside && inside < hi.as_str(), "{inside}");
        }
        for outside in ["16.71", "18", "18.01", "1"] {
            assert!(!(lo.as_str() <= outside && outside < hi.as_str()), "{outside}");
        }
        let f = StatsFilter::parse(&p("region", "17.71"), 2026).unwrap();
        let (lo, hi) = f.region_range().unwrap();
        assert!(lo.as_str() <= "17.71" && "17.71" < hi.as_str() && "17.72" >= hi.as_str());
        assert_eq!(StatsFilter::parse(&p("region", "99"), 2026).unwrap_err()[0].code, "unknown_region");
        assert_eq!(StatsFilter::parse(&p("year", "20x6"), 2026).unwrap_err()[0].code, "invalid_year");
        assert_eq!(StatsFilter::parse(&p("year", "2026"), 2026).unwrap().created_range(), Some(year_range(2026)));
        assert_eq!(StatsFilter::parse(&p("year", "2011"), 2026).unwrap().year, Some(2011));
        for outside in ["2010", "2027", "2100", "2399", "-1"] {
            assert_eq!(StatsFilter::parse(&p("year", outside), 2026).unwrap_err()[0].code, "invalid_year", "{outside}");
        }
    }
}
