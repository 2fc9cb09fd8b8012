//! Importing a list of OPDs for an instansi from CSV (`code,name` per line), shared by the API
//! (`POST /api/v1/admin/instansi/{id}/opds/import`, verification) and the console form
//! (`/staff/instansi/{id}/opd`, staff-console). Every bad row is reported; nothing is stored unless every row is
//! good.

use lapor_core::organisation::parse_opd_import;
use lapor_core::roles::Staff;
use lapor_core::FieldError;
use lapor_store::action::ActionError;
use lapor_store::organisation::{self, Opd};
use lapor_store::Db;

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

/// Checks and stores the OPDs of `text` for instansi `id`, all or none, if `who` may edit its OPDs; returns the
/// new OPDs.
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
