//! Importing a list of OPDs for an instansi from CSV (`code,name` per line), for the JSON API
//! (`POST /api/v1/admin/instansi/{id}/opds/import`, `text/csv`) and the console form
//! (`/staff/instansi/{id}/opd`). Every bad row is reported; nothing is stored unless every row is good.

use lapor_core::organisation::parse_opd_import;
use lapor_core::roles::Staff;
use lapor_core::FieldError;
use lapor_spin::error::{ApiError, ApiResult};
use lapor_spin::request::Req;
use lapor_spin::{respond, staff};
use lapor_store::action::ActionError;
use lapor_store::organisation::{self, Opd};
use lapor_store::Db;
use serde_json::json;

/// Why an import was refused.
pub enum Refused {
    /// No such instansi.
    NotFound,
    /// The caller may not edit this instansi's OPDs.
    Forbidden,
    /// Bad rows (nothing stored).
    Rows(Vec<FieldError>),
    /// Anything else (already a response-worthy store error).
    Action(ActionError),
}

/// Checks and stores the OPDs of `text` for instansi `id`, all or none; returns the new OPDs.
pub fn import(db: &dyn Db, who: &Staff, id: i64, text: &str) -> Result<Vec<Opd>, Refused> {
    let store = |e: lapor_store::StoreError| Refused::Action(e.into());
    if organisation::get_instansi(db, id).map_err(store)?.is_none() {
        return Err(Refused::NotFound);
    }
    if !who.may_edit_opds_of(id) {
        return Err(Refused::Forbidden);
    }
    let existing = organisation::opd_codes(db, id).map_err(store)?;
    let rows = parse_opd_import(text, &existing).map_err(Refused::Rows)?;
    let ids = organisation::import_opds(db, id, &rows).map_err(|e| match e {
        ActionError::Invalid(field, code, m) => Refused::Rows(vec![FieldError::new(field, code, m)]),
        e => Refused::Action(e),
    })?;
    let mut out = Vec::new();
    for i in ids {
        if let Some(o) = organisation::get_opd(db, i).map_err(store)? {
            out.push(o);
        }
    }
    Ok(out)
}

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
