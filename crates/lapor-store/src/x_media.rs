//! Media of X posts (issue 16): the URL and type of every photo or video on a post that became a report or joined
//! one, recorded with the report; the photos fetched (when `x_media_fetch` is on) are stored as its attachments.

use lapor_core::x::Media;

use crate::db::{transaction, Db, StoreError, Value};
use crate::params;

/// Records the media of post `post_id` for `report_id` (once per post and URL).
pub fn record(db: &dyn Db, report_id: i64, post_id: &str, media: &[Media], now: i64) -> Result<(), StoreError> {
    if media.is_empty() {
        return Ok(());
    }
    let mut sql = String::from("INSERT INTO x_media (report_id, post_id, kind, url, created_at) VALUES ");
    let mut args: Vec<Value> = Vec::new();
    for (i, m) in media.iter().enumerate() {
        sql.push_str(if i == 0 { "(?, ?, ?, ?, ?)" } else { ", (?, ?, ?, ?, ?)" });
        args.extend_from_slice(params![report_id, post_id, m.kind.as_str(), m.url.as_str(), now]);
    }
    sql.push_str(" ON CONFLICT (post_id, url) DO NOTHING");
    db.execute(&sql, &args)?;
    Ok(())
}

/// A photo still to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToFetch {
    pub id: i64,
    pub report_id: i64,
    pub url: String,
}

/// Up to `limit` photos not fetched yet (and not given up on), oldest first.
pub fn to_fetch(db: &dyn Db, limit: i64) -> Result<Vec<ToFetch>, StoreError> {
    let rows = db.execute(
        "SELECT id, report_id, url FROM x_media WHERE attachment_id IS NULL AND fetch_error IS NULL AND kind = 'photo' \
         ORDER BY id LIMIT ?",
        params![limit],
    )?;
    Ok(rows.rows.iter().map(|r| ToFetch { id: r.int(0), report_id: r.int(1), url: r.text(2) }).collect())
}

/// Stores the fetched image as an attachment of the report and links it, in one transaction.
pub fn attach(db: &dyn Db, m: &ToFetch, public_id: &str, mime: &str, data: &[u8], now: i64) -> Result<(), StoreError> {
    let sha = lapor_core::secret::sha256_hex(data);
    transaction(db, |db| {
        let file = crate::attachments::NewAttachment {
            report_id: m.report_id,
            event_id: None,
            public_id,
            mime,
            data,
            sha256: &sha,
        };
        crate::attachments::insert(db, &file, now)?;
        db.execute(
            "UPDATE x_media SET attachment_id = (SELECT id FROM attachments WHERE public_id = ?) WHERE id = ?",
            params![public_id, m.id],
        )?;
        Ok(())
    })
}

/// The photo could not be used (not an image, too large, the host refused): kept as a link, not tried again.
pub fn give_up(db: &dyn Db, id: i64, error: &str) -> Result<(), StoreError> {
    db.execute("UPDATE x_media SET fetch_error = ? WHERE id = ?", params![error, id])?;
    Ok(())
}

/// The media of a report: (kind, url, attachment public id if fetched).
pub fn of_report(db: &dyn Db, report_id: i64) -> Result<Vec<(String, String, Option<String>)>, StoreError> {
    let rows = db.execute(
        "SELECT m.kind, m.url, a.public_id FROM x_media m LEFT JOIN attachments a ON a.id = m.attachment_id \
         WHERE m.report_id = ? ORDER BY m.id",
        params![report_id],
    )?;
    Ok(rows.rows.iter().map(|r| (r.text(0), r.text(1), r.opt_text(2))).collect())
}
