//! Open311: registered apps (API keys, stored hashed), the attribution of reports to apps, and the public
//! listing of service requests (only verified reports, never a confidential one, never a reporter field).

use lapor_core::open311::{RequestFacts, RequestQuery};

use crate::db::{placeholders, select, Db, Row, StoreError, Value};
use crate::params;
use crate::reports::PUBLISHED;

/// A registered app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct App {
    pub id: i64,
    pub name: String,
}

/// Registers an app under the SHA-256 (hex) of its key.
pub fn create_api_key(db: &dyn Db, app_name: &str, key_hash: &str, now: i64) -> Result<i64, StoreError> {
    db.execute(
        "INSERT INTO api_keys (app_name, key_hash, active, created_at) VALUES (?, ?, 1, ?)",
        params![app_name, key_hash, now],
    )?;
    db.last_insert_rowid()
}

/// The active app whose key hashes to `key_hash`.
pub fn app_for_key(db: &dyn Db, key_hash: &str) -> Result<Option<App>, StoreError> {
    Ok(db
        .query_row("SELECT id, app_name FROM api_keys WHERE key_hash = ? AND active = 1", params![key_hash])?
        .map(|r| App { id: r.int(0), name: r.text(1) }))
}

/// Records which app sent a report (`api_key_id` is `None` for the bootstrap key).
pub fn record_submission(
    db: &dyn Db,
    report_id: i64,
    api_key_id: Option<i64>,
    app_name: &str,
) -> Result<(), StoreError> {
    db.execute(
        "INSERT INTO open311_submissions (report_id, api_key_id, app_name) VALUES (?, ?, ?)",
        params![report_id, api_key_id, app_name],
    )?;
    Ok(())
}

/// Columns of a service request; `status_notes` is the latest public answer (or reason given with a status
/// change), never a citizen's reply.
const SELECT: &str = "SELECT r.tracking_id, r.status, r.category, r.body, o.name, i.name, r.location_text, \
     r.region_code, r.lat, r.lon, \
     (SELECT e.body FROM events e WHERE e.report_id = r.id AND e.public = 1 AND e.body IS NOT NULL \
        AND e.kind IN ('answer', 'status') ORDER BY e.id DESC LIMIT 1), \
     r.due_at, r.created_at, r.updated_at \
     FROM reports r LEFT JOIN instansi i ON i.id = r.instansi_id LEFT JOIN opds o ON o.id = r.opd_id";

fn facts(row: &Row) -> RequestFacts {
    RequestFacts {
        tracking_id: row.text(0),
        status: row.status(1),
        category: row.text(2),
        body: row.text(3),
        opd_name: row.opt_text(4),
        instansi_name: row.opt_text(5),
        location_text: row.opt_text(6),
        region_code: row.opt_text(7),
        lat: row.opt_real(8),
        lon: row.opt_real(9),
        latest_answer: row.opt_text(10),
        due_at: row.opt_int(11),
        created_at: row.int(12),
        updated_at: row.int(13),
    }
}

/// The service requests matching `q`, newest first. With `ids`, exactly those (every other filter
/// ignored, as the spec says).
pub fn search(db: &dyn Db, q: &RequestQuery) -> Result<Vec<RequestFacts>, StoreError> {
    let mut sql = format!("{SELECT} WHERE {PUBLISHED}");
    let mut params: Vec<Value> = Vec::new();
    if let Some(ids) = &q.ids {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        sql.push_str(&format!(" AND r.tracking_id IN ({})", placeholders(ids.len())));
        params.extend(ids.iter().map(Value::from));
    } else {
        sql.push_str(" AND r.created_at >= ? AND r.created_at <= ?");
        params.push(q.start.into());
        params.push(q.end.into());
        if !q.service_codes.is_empty() {
            sql.push_str(&format!(" AND r.category IN ({})", placeholders(q.service_codes.len())));
            params.extend(q.service_codes.iter().map(|c| Value::from(c.as_str())));
        }
        if !q.statuses.is_empty() {
            sql.push_str(&format!(" AND r.status IN ({})", placeholders(q.statuses.len())));
            params.extend(q.statuses.iter().map(|s| Value::from(s.as_str())));
        }
    }
    sql.push_str(" ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?");
    params.push(i64::from(q.limit).into());
    params.push(i64::from(q.offset).into());
    select(db, &sql, &params, facts)
}

/// One published service request ([`PUBLISHED`]) by tracking ID.
pub fn find(db: &dyn Db, tracking_id: &str) -> Result<Option<RequestFacts>, StoreError> {
    Ok(db
        .query_row(&format!("{SELECT} WHERE r.tracking_id = ? AND {PUBLISHED}"), params![tracking_id])?
        .map(|r| facts(&r)))
}
