//! Loading a report for a citizen-facing view, with the visibility rule applied once for the API and
//! the pages: a confidential report exists only for the holder of its reporter token.

use lapor_core::{secret, TrackingId, Visibility};
use lapor_store::reports::{self, ReportView, ThreadEntry};
use lapor_store::{Db, StoreError};

/// A report as a citizen may see it.
pub struct Loaded {
    pub report: ReportView,
    pub thread: Vec<ThreadEntry>,
    /// Whether the caller holds the reporter token.
    pub own: bool,
}

/// Loads the report with tracking ID `id` for a caller holding `token` (if any). `Ok(None)` when the
/// ID is malformed, unknown, or the report is confidential and the token does not match.
pub fn load(db: &dyn Db, id: &str, token: Option<&str>) -> Result<Option<Loaded>, StoreError> {
    let Some(id) = TrackingId::parse(id) else { return Ok(None) };
    let report = reports::find_by_tracking_id(db, id.as_str())?;
    visible(db, report, token)
}

/// [`load`] for a report already found (`None`: not found): applies the visibility rule and reads the thread —
/// none for a reader who may see only the status ([`Loaded::withheld`]).
pub fn visible(db: &dyn Db, report: Option<ReportView>, token: Option<&str>) -> Result<Option<Loaded>, StoreError> {
    let Some(report) = report else { return Ok(None) };
    let own = match (token, &report.reporter_token_hash) {
        (Some(t), Some(hash)) => secret::token_matches(t, hash),
        _ => false,
    };
    if report.visibility == Visibility::Confidential && !own {
        return Ok(None);
    }
    let mut loaded = Loaded { report, thread: Vec::new(), own };
    if !loaded.withheld() {
        loaded.thread = reports::public_thread(db, loaded.report.id)?;
    }
    Ok(Some(loaded))
}

impl Loaded {
    /// Whether this reader sees only the report's status (`Status::content_is_public`): not the reporter, and the
    /// report was rejected.
    pub fn withheld(&self) -> bool {
        !self.own && !self.report.status.content_is_public()
    }
}
