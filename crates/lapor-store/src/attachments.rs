//! Evidence files stored with a report.

use crate::db::{Db, StoreError, Value};
use crate::params;

/// A stored file's description (without its bytes).
#[derive(Debug, Clone, PartialEq)]
pub struct AttachmentInfo {
    pub public_id: String,
    pub mime: String,
    pub size: i64,
    /// The answer or reply it came with (`None`: the report's own evidence).
    pub event_id: Option<i64>,
    pub created_at: i64,
}

/// A file to store, already checked by `lapor_core::evidence::check`.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAttachment<'a> {
    pub report_id: i64,
    /// The answer or reply it belongs to, if any.
    pub event_id: Option<i64>,
    /// Random id used in URLs.
    pub public_id: &'a str,
    pub mime: &'a str,
    pub data: &'a [u8],
    /// Hex SHA-256 of `data`.
    pub sha256: &'a str,
}

/// Stores a file.
pub fn insert(db: &dyn Db, a: &NewAttachment, now: i64) -> Result<(), StoreError> {
    let NewAttachment { report_id, event_id, public_id, mime, data, sha256 } = *a;
    db.execute(
        "INSERT INTO attachments (report_id, event_id, public_id, mime, size, sha256, data, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        &[
            report_id.into(),
            event_id.into(),
            public_id.into(),
            mime.into(),
            (data.len() as i64).into(),
            sha256.into(),
            Value::Blob(data.to_vec()),
            now.into(),
        ],
    )?;
    Ok(())
}

/// The files of a report, oldest first.
pub fn list(db: &dyn Db, report_id: i64) -> Result<Vec<AttachmentInfo>, StoreError> {
    Ok(db
        .execute(
            "SELECT public_id, mime, size, event_id, created_at FROM attachments WHERE report_id = ? ORDER BY id",
            params![report_id],
        )?
        .rows
        .iter()
        .map(|r| AttachmentInfo {
            public_id: r.text(0),
            mime: r.text(1),
            size: r.int(2),
            event_id: r.opt_int(3),
            created_at: r.int(4),
        })
        .collect())
}

fn blob(v: Option<&Value>) -> Vec<u8> {
    match v {
        Some(Value::Blob(b)) => b.clone(),
        _ => Vec::new(),
    }
}

/// The bytes of file `n` (from 1, in the order of [`list`]) of a report.
pub fn nth(db: &dyn Db, report_id: i64, n: i64) -> Result<Option<Vec<u8>>, StoreError> {
    if n < 1 {
        return Ok(None);
    }
    Ok(db
        .query_row(
            "SELECT data FROM attachments WHERE report_id = ? ORDER BY id LIMIT 1 OFFSET ?",
            params![report_id, n - 1],
        )?
        .map(|r| blob(r.0.first())))
}

/// A file that came with a public answer of the report (what its reporter may open), by its public id: its
/// number among the report's files (as in [`list`]) and its bytes. The report's other files are not returned.
pub fn answer_file(db: &dyn Db, report_id: i64, public_id: &str) -> Result<Option<(i64, Vec<u8>)>, StoreError> {
    Ok(db
        .query_row(
            "SELECT a.data, (SELECT count(*) FROM attachments b WHERE b.report_id = a.report_id AND b.id <= a.id) \
             FROM attachments a JOIN events e ON e.id = a.event_id \
             WHERE a.report_id = ? AND a.public_id = ? AND e.public = 1 AND e.kind = 'answer'",
            params![report_id, public_id],
        )?
        .map(|r| (r.int(1), blob(r.0.first()))))
}

/// A file's report id, media type and bytes.
pub fn get(db: &dyn Db, public_id: &str) -> Result<Option<(i64, String, Vec<u8>)>, StoreError> {
    Ok(db.query_row("SELECT report_id, mime, data FROM attachments WHERE public_id = ?", params![public_id])?.map(
        |r| {
            let data = match r.0.get(2) {
                Some(Value::Blob(b)) => b.clone(),
                _ => Vec::new(),
            };
            (r.int(0), r.text(1), data)
        },
    ))
}
