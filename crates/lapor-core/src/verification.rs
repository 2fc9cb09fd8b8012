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

/// The fingerprint of a report's text for grouping near-identical reports (a flood sends one text many times,
/// changing at most its case, spacing, punctuation or numbers): the SHA-256 of the title and body's letters,
/// lower-cased, words separated by one space; its first 16 hex digits.
pub fn fingerprint(title: &str, body: &str) -> String {
    let mut words = String::new();
    for word in format!("{title} {body}").split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        if !words.is_empty() {
            words.push(' ');
        }
        words.extend(word.chars().flat_map(char::to_lowercase));
    }
    crate::secret::sha256_hex(words.as_bytes())[..16].to_string()
}

/// The smallest group of near-identical waiting reports the verifier is shown.
pub const GROUP_MIN: usize = 3;

/// A group of near-identical waiting reports: their fingerprint and the ids of its reports, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub fingerprint: String,
    pub report_ids: Vec<i64>,
}

/// The groups of at least [`GROUP_MIN`] reports among `reports` (id, fingerprint), largest first (then by first
/// appearance).
pub fn groups(reports: &[(i64, String)]) -> Vec<Group> {
    // One pass with an index by fingerprint: thousands of distinct texts cost thousands of look-ups, not millions.
    let mut out: Vec<Group> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (id, fp) in reports {
        match at.get(fp.as_str()) {
            Some(&i) => out[i].report_ids.push(*id),
            None => {
                at.insert(fp, out.len());
                out.push(Group { fingerprint: fp.clone(), report_ids: vec![*id] });
            }
        }
    }
    out.retain(|g| g.report_ids.len() >= GROUP_MIN);
    out.sort_by_key(|g| std::cmp::Reverse(g.report_ids.len()));
    out
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
    fn near_identical_texts_share_a_fingerprint_and_others_do_not() {
        let a = fingerprint("Sampah menumpuk!", "Sampah menumpuk di  Jalan Merdeka 12, tolong.");
        assert_eq!(a, fingerprint("SAMPAH MENUMPUK", "sampah menumpuk di jalan merdeka 99 tolong"));
        assert_ne!(a, fingerprint("Sampah menumpuk", "Sampah menumpuk di Jalan Sudirman, tolong."));
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn groups_take_three_or_more_largest_first() {
        let fp = |s: &str| s.to_string();
        let reports = [
            (1, fp("a")),
            (2, fp("b")),
            (3, fp("a")),
            (4, fp("b")),
            (5, fp("a")),
            (6, fp("b")),
            (7, fp("b")),
            (8, fp("c")),
            (9, fp("c")),
        ];
        let g = groups(&reports);
        assert_eq!(g.len(), 2, "two of 'c' is no flood");
        assert_eq!((g[0].fingerprint.as_str(), g[0].report_ids.clone()), ("b", vec![2, 4, 6, 7]));
        assert_eq!(g[1].report_ids, vec![1, 3, 5]);
    }

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
