//! A report's files for staff (issue 14 §1): the citizen's evidence and the files of answers, listed and opened by
//! whoever may see the report (`lapor_core::roles::Staff::may_see_evidence`); anyone else gets 404 as for a
//! missing report, the public never gets them. Served with the type sniffed from the bytes, `nosniff`, and a
//! safe `Content-Disposition` (`lapor_core::evidence::delivery`). Routed by the verification and dispatch
//! components under their own API prefixes, and by the console.

use lapor_core::evidence;
use lapor_core::roles::Staff;
use lapor_core::time;
use lapor_store::{attachments, workflow, Db, StoreError};
use serde::Serialize;
use spin_sdk::http::Response;

use crate::error::{ApiError, ApiResult};
use crate::request::Req;
use crate::{respond, staff};

/// One file in the list.
#[derive(Serialize)]
pub struct FileView {
    /// Its number, from 1: `…/attachments/{n}`.
    pub n: usize,
    /// The type sniffed at upload (JPEG, PNG, WebP or PDF).
    pub content_type: String,
    pub size: i64,
    /// `report` (the citizen's evidence) or `answer` (came with an answer or reply in the history).
    pub from: &'static str,
    pub created_at: String,
    /// Where to open it (under the prefix it was listed from).
    pub url: String,
}

/// The list of a report's files.
#[derive(Serialize)]
pub struct FileList {
    pub tracking_id: String,
    pub attachments: Vec<FileView>,
}

/// The report's id if the staff member may see its files; `None` (answer 404) for a missing report or one they
/// may not see.
pub fn visible_report(db: &dyn Db, who: &Staff, tid: &str) -> Result<Option<i64>, StoreError> {
    Ok(workflow::scope(db, tid)?.filter(|(_, scope)| who.may_see_evidence(scope)).map(|(id, _)| id))
}

/// The files of a report, numbered as the URLs under `base` number them.
pub fn list(db: &dyn Db, report_id: i64, tid: &str, base: &str) -> Result<FileList, StoreError> {
    let files = attachments::list(db, report_id)?;
    Ok(FileList {
        tracking_id: tid.to_string(),
        attachments: files
            .into_iter()
            .enumerate()
            .map(|(i, f)| FileView {
                n: i + 1,
                content_type: f.mime,
                size: f.size,
                from: if f.event_id.is_some() { "answer" } else { "report" },
                created_at: time::rfc3339(f.created_at),
                url: format!("{base}/{}", i + 1),
            })
            .collect(),
    })
}

/// The response carrying a stored file.
pub fn file_response(bytes: Vec<u8>, tid: &str, n: usize) -> Response {
    let d = evidence::delivery(&bytes, tid, n);
    let mut resp = respond::with_body(200, d.content_type, bytes);
    resp.set_header("content-disposition", d.content_disposition);
    resp.set_header("content-security-policy", "default-src 'none'; sandbox");
    resp
}

/// `GET {prefix}/reports/{tid}/attachments`: the list (bearer session).
pub fn api_list(req: &Req, db: &dyn Db, prefix: &str, tid: &str) -> ApiResult {
    let who = staff::require(req, db)?;
    let report_id = visible_report(db, &who, tid)?.ok_or_else(|| ApiError::from(staff::report_not_found()))?;
    let base = format!("{prefix}/reports/{tid}/attachments");
    let body = serde_json::to_value(list(db, report_id, tid, &base)?).unwrap_or_default();
    Ok(respond::json(200, &body))
}

/// `GET {prefix}/reports/{tid}/attachments/{n}`: one file (bearer session).
pub fn api_file(req: &Req, db: &dyn Db, tid: &str, n: &str) -> ApiResult {
    let who = staff::require(req, db)?;
    let report_id = visible_report(db, &who, tid)?.ok_or_else(|| ApiError::from(staff::report_not_found()))?;
    let n: usize = n.parse().map_err(|_| ApiError::not_found())?;
    let bytes = attachments::nth(db, report_id, n as i64)?.ok_or_else(ApiError::not_found)?;
    Ok(file_response(bytes, tid, n))
}
