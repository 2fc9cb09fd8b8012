//! The national admin's decisions on a new report: the reasons to reject one, and how the verification queue is
//! read (sort, filters, paging; issue 28, finding 2: a flood must not hide a real report).

use crate::model::wire_enum;
use crate::{regions, Channel, FieldError, Kind};

/// Lines per page of the verification queue, by default and at most.
pub const QUEUE_PAGE: i64 = 100;
pub const QUEUE_PAGE_MAX: i64 = 500;

/// How the verification queue is read: `sort` (`oldest`, the default, or `newest`), `channel`, `kind`, `region`
/// (a province or a regency code), `page` (from 1) and `limit` (lines per page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueQuery {
    pub newest_first: bool,
    pub channel: Option<Channel>,
    pub kind: Option<Kind>,
    /// A province (`19`) or regency (`19.04`) code; a province also takes its regencies.
    pub region: Option<String>,
    pub page: i64,
    pub limit: i64,
}

impl Default for QueueQuery {
    fn default() -> Self {
        QueueQuery { newest_first: false, channel: None, kind: None, region: None, page: 1, limit: QUEUE_PAGE }
    }
}

impl QueueQuery {
    /// Reads the query pairs; an unknown value is a field error (nothing is guessed).
    pub fn parse(pairs: &[(String, String)]) -> Result<Self, Vec<FieldError>> {
        let get = |n: &str| pairs.iter().find(|(k, _)| k == n).map(|(_, v)| v.trim()).filter(|v| !v.is_empty());
        let mut e = Vec::new();
        let mut q = QueueQuery::default();
        let unknown =
            |field: &'static str| FieldError::new(field, "unknown_value", "nilai tidak dikenal / unknown value");
        match get("sort") {
            None | Some("oldest") => {}
            Some("newest") => q.newest_first = true,
            Some(_) => e.push(unknown("sort")),
        }
        if let Some(c) = get("channel") {
            q.channel = Channel::parse(c).or_else(|| {
                e.push(unknown("channel"));
                None
            });
        }
        if let Some(k) = get("kind") {
            q.kind = Kind::parse(k).or_else(|| {
                e.push(unknown("kind"));
                None
            });
        }
        if let Some(r) = get("region") {
            q.region = match regions::known("region", r) {
                Ok(reg) => Some(reg.code.to_string()),
                Err(f) => {
                    e.push(f);
                    None
                }
            };
        }
        let number = |n: &str, field: &'static str, max: i64, e: &mut Vec<FieldError>| match get(n) {
            None => None,
            Some(v) => match v.parse::<i64>() {
                Ok(v) if (1..=max).contains(&v) => Some(v),
                _ => {
                    e.push(FieldError::new(field, "out_of_range", format!("1 … {max}")));
                    None
                }
            },
        };
        if let Some(p) = number("page", "page", 10_000, &mut e) {
            q.page = p;
        }
        if let Some(l) = number("limit", "limit", QUEUE_PAGE_MAX, &mut e) {
            q.limit = l;
        }
        if e.is_empty() {
            Ok(q)
        } else {
            Err(e)
        }
    }

    /// Lines to skip before this page.
    pub fn offset(&self) -> i64 {
        (self.page - 1) * self.limit
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queue_query_reads_sort_filters_and_paging() {
        let p = |pairs: &[(&str, &str)]| {
            QueueQuery::parse(&pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>())
        };
        assert_eq!(p(&[]).unwrap(), QueueQuery::default());
        let q = p(&[
            ("sort", "newest"),
            ("channel", "sms"),
            ("kind", "aspirasi"),
            ("region", "19"),
            ("page", "3"),
            ("limit", "50"),
        ])
        .unwrap();
        assert!(q.newest_first && q.channel == Some(Channel::Sms) && q.kind == Some(Kind::Aspirasi));
        assert_eq!((q.region.as_deref(), q.offset()), (Some("19"), 100));
        let errors = p(&[("sort", "random"), ("channel", "fax"), ("region", "99"), ("page", "0"), ("limit", "501")])
            .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["sort", "channel", "region", "page", "limit"]);
    }

    #[test]
    fn reasons_round_trip() {
        for r in RejectReason::ALL {
            assert_eq!(RejectReason::parse(r.as_str()), Some(*r));
        }
    }
}
