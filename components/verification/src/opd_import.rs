//! Importing a list of OPDs for an instansi from CSV (`code,name` per line) over the JSON API
//! (`POST /api/v1/admin/instansi/{id}/opds/import`, `text/csv`): the import itself, all rows or none, is
//! `lapor_spin::opd_import`, shared with the console form.

use lapor_spin::error::{ApiError, ApiResult};
use lapor_spin::opd_import::{import, Refused};
use lapor_spin::request::Req;
use lapor_spin::{respond, staff};
use lapor_store::Db;
use serde_json::json;

/// `POST /api/v1/admin/instansi/{id}/opds/import` (`text/csv`) → 201 `{created, opds}`, or 422 with one
/// field error per bad row (`rows[<line>]`) and nothing stored.
pub fn api(req: &Req, db: &dyn Db, id: &str) -> ApiResult {
    use lapor_core::ErrorCode;
    let who = staff::require(req, db)?;
    let id = crate::path_id(id)?;
    if req.content_type() != "text/csv" {
        return Err(ApiError::new(ErrorCode::UnsupportedMediaType, "kirim text/csv / send text/csv"));
    }
    let text = std::str::from_utf8(&req.body)
        .map_err(|_| ApiError::new(ErrorCode::MalformedBody, "CSV harus UTF-8 / CSV must be UTF-8"))?;
    let list = import(db, &who, id, text).map_err(|r| match r {
        Refused::NotFound => ApiError::new(ErrorCode::NotFound, "instansi tidak ditemukan / instansi not found"),
        Refused::Forbidden => staff::forbidden().into(),
        Refused::Rows(fields) => ApiError::invalid(&fields),
        Refused::Action(e) => e.into(),
    })?;
    Ok(respond::json(
        201,
        &json!({ "created": list.len(), "opds": list.iter().map(crate::admin::opd_json).collect::<Vec<_>>() }),
    ))
}
