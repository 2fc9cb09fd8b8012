//! Public statistics queries (definitions in `lapor_core::stats`). Every query reads a covering index
//! (`reports_created_stats`, `reports_region_stats`, `events_kind_report`; see migrations/0006).

use lapor_core::stats::{GroupBy, StatsFilter, WIB_OFFSET_SECS};

use crate::db::{Db, StoreError, Value};

/// The grouping column (or expression) as stored: `province` groups by region code and `color` by status,
/// which `lapor_core::stats::fold` then merges.
fn key_sql(by: GroupBy) -> String {
    match by {
        GroupBy::Region | GroupBy::Province => "r.region_code".into(),
        GroupBy::Year => format!("strftime('%Y', r.created_at + {WIB_OFFSET_SECS}, 'unixepoch')"),
        GroupBy::Month => format!("strftime('%Y-%m', r.created_at + {WIB_OFFSET_SECS}, 'unixepoch')"),
        GroupBy::Category => "r.category".into(),
        GroupBy::Channel => "r.channel".into(),
        GroupBy::Color => "r.status".into(),
    }
}

/// `WHERE` conditions and parameters for a filter.
fn conditions(f: &StatsFilter) -> (String, Vec<Value>) {
    let mut sql = String::from("1 = 1");
    let mut params = Vec::new();
    if let Some((from, to)) = f.created_range() {
        sql.push_str(" AND r.created_at >= ? AND r.created_at < ?");
        params.extend([Value::from(from), Value::from(to)]);
    }
    if let Some((from, to)) = f.region_range() {
        sql.push_str(" AND r.region_code >= ? AND r.region_code < ?");
        params.extend([Value::from(from), Value::from(to)]);
    }
    (sql, params)
}

/// Report counts grouped by `by` as stored (see [`key_sql`]).
pub fn counts(db: &dyn Db, by: GroupBy, f: &StatsFilter) -> Result<Vec<(Option<String>, i64)>, StoreError> {
    let (cond, params) = conditions(f);
    let key = key_sql(by);
    let rows = db.execute(&format!("SELECT {key}, count(*) FROM reports r WHERE {cond} GROUP BY 1"), &params)?;
    Ok(rows.rows.iter().map(|r| (r.opt_text(0), r.int(1))).collect())
}

/// How many reports match the filter.
pub fn total(db: &dyn Db, f: &StatsFilter) -> Result<i64, StoreError> {
    let (cond, params) = conditions(f);
    Ok(db.query_row(&format!("SELECT count(*) FROM reports r WHERE {cond}"), &params)?.map_or(0, |r| r.int(0)))
}

/// For each report (matching the filter) that reached an OPD and was answered: seconds from its first move
/// to `assigned` to the first answer after it (an `answer` event or a move to `in_progress`).
pub fn first_answer_seconds(db: &dyn Db, f: &StatsFilter) -> Result<Vec<i64>, StoreError> {
    let (cond, params) = conditions(f);
    let sql = format!(
        "WITH reached AS ( \
           SELECT e.report_id, min(e.at) AS at FROM events e JOIN reports r ON r.id = e.report_id \
           WHERE e.kind = 'status' AND e.to_status = 'assigned' AND {cond} GROUP BY e.report_id), \
         answered AS ( \
           SELECT reached.at AS reached_at, \
             (SELECT min(a.at) FROM events a WHERE a.report_id = reached.report_id AND a.at >= reached.at \
                AND (a.kind = 'answer' OR (a.kind = 'status' AND a.to_status = 'in_progress'))) AS answer_at \
           FROM reached) \
         SELECT answer_at - reached_at FROM answered WHERE answer_at IS NOT NULL"
    );
    Ok(db.execute(&sql, &params)?.rows.iter().map(|r| r.int(0)).collect())
}
