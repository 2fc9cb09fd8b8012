//! The open-data export, read page by page with keyset paging on the row id, so a large export is streamed
//! and never held in memory whole. Unverified and confidential reports are never read; no reporter column is selected.

use lapor_core::opendata::ExportRow;

use crate::db::{Db, StoreError};
use crate::params;
use crate::reports::PUBLISHED;

/// Up to `limit` published reports ([`PUBLISHED`]: verified, not confidential) with an id above `after_id`, in id order.
pub fn page(db: &dyn Db, after_id: i64, limit: u32) -> Result<Vec<ExportRow>, StoreError> {
    let rows = db.execute(
        &format!(
            "SELECT r.id, r.tracking_id, r.created_at, r.kind, r.category, r.region_code, g.name, r.channel, \
         r.visibility, r.status, i.name, o.name, r.title, r.body \
         FROM reports r LEFT JOIN regions g ON g.code = r.region_code LEFT JOIN instansi i ON i.id = r.instansi_id \
         LEFT JOIN opds o ON o.id = r.opd_id \
         WHERE r.id > ? AND {PUBLISHED} ORDER BY r.id LIMIT ?"
        ),
        params![after_id, i64::from(limit)],
    )?;
    Ok(rows
        .rows
        .iter()
        .map(|r| ExportRow {
            id: r.int(0),
            tracking_id: r.text(1),
            created_at: r.int(2),
            kind: r.text(3),
            category: r.text(4),
            region_code: r.opt_text(5),
            region_name: r.opt_text(6),
            channel: r.text(7),
            visibility: r.visibility(8),
            status: r.status(9),
            instansi: r.opt_text(10),
            opd: r.opt_text(11),
            title: r.text(12),
            body: r.text(13),
        })
        .collect())
}
