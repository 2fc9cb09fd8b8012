//! Evidence files stored with a report.

use crate::db::{Db, StoreError, Value};
use crate::params;

/// A stored file's description (without its bytes).
#[derive(Debug, Clone, PartialEq)]
pub struct AttachmentInfo {
    pub public_id: String,
    pub mime: String,
    pub size: i64,
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
        .execute("SELECT public_id, mime, size FROM attachments WHERE report_id = ? ORDER BY id", params![report_id])?
        .rows
        .iter()
        .map(|r| AttachmentInfo { public_id: r.text(0), mime: r.text(1), size: r.int(2) })
        .collect())
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
