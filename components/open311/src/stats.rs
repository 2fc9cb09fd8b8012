//! Public statistics: `GET /api/v1/stats` (JSON; `group_by` one of region, province, year, month, category,
//! channel, color, or all of them when absent; filters `year` and `region`) and the `/stats` page
//! (server-rendered on the shared page frame, no JavaScript). Definitions are in `lapor_core::stats`.

use lapor_core::stats::{self, Group, GroupBy, StatsFilter};
use lapor_core::texts;
use lapor_core::{ErrorCode, FieldError};
use lapor_spin::error::{ApiResult, PageResult};
use lapor_spin::html::{self, Lang};
use lapor_spin::request::{url_decode_pairs, Req};
use lapor_spin::{clock, kv, respond};
use lapor_store::Db;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use spin_sdk::http::Response;

/// Everything the statistics show for one filter.
struct Stats {
    filter: StatsFilter,
    total: i64,
    answered: usize,
    median_first_answer_seconds: Option<i64>,
    groups: Vec<(GroupBy, Vec<Group>)>,
}

fn compute(db: &dyn Db, filter: StatsFilter, dims: &[GroupBy]) -> Result<Stats, lapor_store::StoreError> {
    let total = lapor_store::stats::total(db, &filter)?;
    let secs = lapor_store::stats::first_answer_seconds(db, &filter)?;
    let answered = secs.len();
    let mut groups = Vec::new();
    for by in dims {
        groups.push((*by, stats::fold(*by, lapor_store::stats::counts(db, *by, &filter)?)));
    }
    Ok(Stats { filter, total, answered, median_first_answer_seconds: stats::median(secs), groups })
}

/// How long computed statistics are served from the key-value store before they are computed again: the
/// queries read every matching report, so a flood of requests costs at most one computation a minute for
/// each filter.
const FRESH_SECS: i64 = 60;

/// Statistics as kept in the key-value store.
#[derive(Serialize, Deserialize)]
struct Cached {
    built_at: i64,
    total: i64,
    answered: usize,
    median: Option<i64>,
    groups: Vec<(String, Vec<Group>)>,
}

fn cache_key(filter: &StatsFilter, dims: &[GroupBy]) -> String {
    let dims: Vec<&str> = dims.iter().map(|d| d.as_str()).collect();
    let canonical = json!({ "filter": filter, "dims": dims }).to_string();
    format!("cache:stats:{}", lapor_core::secret::sha256_hex(canonical.as_bytes()))
}

/// The statistics for the filter: from the key-value store when computed less than a minute ago, else
/// computed now and stored.
fn cached(filter: StatsFilter, dims: &[GroupBy]) -> Result<Stats, Response> {
    let key = cache_key(&filter, dims);
    let now = clock::now();
    let fresh = kv::get(&key)
        .unwrap_or_else(|e| {
            eprintln!("error: statistics cache: {e}");
            None
        })
        .and_then(|v| serde_json::from_slice::<Cached>(&v).ok())
        .filter(|c| (0..FRESH_SECS).contains(&(now - c.built_at)));
    if let Some(c) = fresh {
        let groups = c.groups.into_iter().filter_map(|(by, g)| Some((GroupBy::parse(&by)?, g))).collect();
        return Ok(Stats {
            filter,
            total: c.total,
            answered: c.answered,
            median_first_answer_seconds: c.median,
            groups,
        });
    }
    let db = lapor_spin::db()?;
    let s = compute(&db, filter, dims).map_err(|e| lapor_spin::internal("statistics", &e))?;
    let c = Cached {
        built_at: now,
        total: s.total,
        answered: s.answered,
        median: s.median_first_answer_seconds,
        groups: s.groups.iter().map(|(by, g)| (by.as_str().to_string(), g.clone())).collect(),
    };
    if let Err(e) = kv::set(&key, json!(c).to_string().as_bytes()) {
        eprintln!("error: statistics cache: {e}");
    }
    Ok(s)
}

/// Reads the filters and the dimensions asked for, then computes (or reads the minute-old result).
fn load(req: &Req) -> Result<Stats, Response> {
    let pairs = url_decode_pairs(&req.query);
    let filter = StatsFilter::parse(&pairs, clock::this_year_wib()).map_err(|f| respond::invalid(&f))?;
    let dims: Vec<GroupBy> = match pairs.iter().find(|(k, _)| k == "group_by").map(|(_, v)| v.trim()) {
        None | Some("") => GroupBy::ALL.to_vec(),
        Some(v) => vec![GroupBy::parse(v).ok_or_else(|| {
            let allowed: Vec<&str> = GroupBy::ALL.iter().map(|g| g.as_str()).collect();
            respond::invalid(&[FieldError::new(
                "group_by",
                "unknown_value",
                format!("nilai tidak dikenal / unknown value; one of: {}", allowed.join(", ")),
            )])
        })?],
    };
    cached(filter, &dims)
}

/// `GET /api/v1/stats`.
pub fn json(req: &Req) -> ApiResult {
    let s = load(req)?;
    let mut groups = Map::new();
    for (by, g) in &s.groups {
        groups.insert(by.as_str().to_string(), json!(g));
    }
    let mut resp = respond::json(
        200,
        &json!({
            "filters": s.filter,
            "total": s.total,
            "first_answer": {
                "answered": s.answered,
                "median_seconds": s.median_first_answer_seconds,
            },
            "groups": Value::Object(groups),
        }),
    );
    resp.set_header("access-control-allow-origin", "*");
    Ok(resp)
}

/// A duration for people: days, hours and minutes.
fn duration(l: Lang, secs: i64) -> String {
    let (d, h, m) = (secs / 86_400, secs % 86_400 / 3600, secs % 3600 / 60);
    match (d, h) {
        (0, 0) => l.fill(texts::stats::MINUTES, &[("m", &m)]),
        (0, _) => l.fill(texts::stats::HOURS_MINUTES, &[("h", &h), ("m", &m)]),
        _ => l.fill(texts::stats::DAYS_HOURS, &[("d", &d), ("h", &h)]),
    }
}

fn title(l: Lang, by: GroupBy) -> &'static str {
    match by {
        GroupBy::Region => l.t(texts::stats::REGENCY_CITY),
        GroupBy::Province => l.t(texts::stats::PROVINCE),
        GroupBy::Year => l.t(texts::stats::YEAR),
        GroupBy::Month => l.t(texts::stats::MONTH),
        GroupBy::Category => l.t(texts::common::CATEGORY),
        GroupBy::Channel => l.t(texts::common::CHANNEL),
        GroupBy::Color => l.t(texts::common::COLOUR),
    }
}

/// `GET /stats`: the same numbers as a page, on the shared page frame (CSP, no script, escaped by maud).
pub fn page(req: &Req) -> PageResult {
    let l = Lang::of(req);
    let s = match load(req) {
        Ok(s) => s,
        Err(resp) if resp.status() == &ErrorCode::ValidationFailed.http_status() => {
            return Ok(html::error_page(
                req,
                400,
                texts::common::INVALID_FILTER,
                l.t(texts::stats::UNKNOWN_YEAR_REGION_CODE),
            ));
        }
        Err(resp) => return Err(resp.into()),
    };
    let year = s.filter.year.map(|y| y.to_string()).unwrap_or_default();
    let region = s.filter.region.clone().unwrap_or_default();
    let median = s.median_first_answer_seconds.map_or("—".to_string(), |m| duration(l, m));
    let heading = l.t(texts::stats::LAPOR_STATISTICS);
    let content = maud::html! {
        h1 { (heading) }
        form method="get" action="/stats" {
            label { (l.t(texts::stats::YEAR)) " " input name="year" inputmode="numeric" value=(year); }
            " "
            label { (l.t(texts::stats::REGION_CODE)) " " input name="region" value=(region) placeholder="17 / 17.71"; }
            " "
            button type="submit" { (l.t(texts::common::SHOW)) }
        }
        p { (l.t(texts::stats::REPORTS)) ": " strong { (s.total) } }
        p {
            (l.t(texts::stats::MEDIAN_TIME_WORK_UNIT_S)) ": "
            strong { (median) } " (" (s.answered) " " (l.t(texts::stats::REPORTS_ANSWERED)) ")"
        }
        @for (by, groups) in &s.groups {
            section {
                h2 { (title(l, *by)) }
                table {
                    (html::table_head(&[title(l, *by), l.t(texts::stats::COUNT)]))
                    tbody {
                        @for g in groups {
                            tr { td { (g.label) } td { (g.count) } }
                        }
                    }
                }
            }
        }
        p {
            a href="/open-data/reports.csv" { (l.t(texts::stats::DOWNLOAD_OPEN_DATA_CSV)) }
            " · " a href="/api/v1/stats" { "JSON" } " · " a href="/open311/v2/discovery.json" { "Open311" }
        }
    };
    Ok(html::page(req, 200, html::layout(l, "/stats", heading, content)))
}
