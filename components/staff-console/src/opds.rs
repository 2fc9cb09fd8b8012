//! The OPDs of an instansi (`/staff/instansi/{id}/opd`): the list, and importing more from CSV (pasted
//! `code,name` lines). A bad row is named with its line and nothing is stored.

use std::collections::HashMap;

use lapor_core::texts;
use lapor_spin::error::PageResult;
use lapor_spin::request::Req;
use lapor_store::action::ActionError;
use lapor_store::{organisation, Db};
use maud::html;

use lapor_spin::console::{action_error_page, frame, redirect, Ctx};
use lapor_spin::opd_import::{self, Refused};

fn page(req: &Req, db: &dyn Db, c: &Ctx, id: i64, status: u16, csv: &str, errors: &[String]) -> PageResult {
    let l = c.lang;
    let Some(instansi) = organisation::get_instansi(db, id)?.filter(|_| c.staff.may_edit_opds_of(id)) else {
        return Ok(action_error_page(req, c, ActionError::NotFound("instansi")));
    };
    let opds = organisation::list_opds(db, id)?;
    let title = l.fill(texts::console::OPDS_OF, &[("instansi", &instansi.name)]);
    let done = req.query_param("ok");
    let content = html! {
        h1 { (title) }
        @if let Some(n) = done { p.notice role="status" { (l.fill(texts::console::OPDS_ADDED, &[("n", &n)])) } }
        table #opds {
            thead { tr { th { (l.t(texts::console::CODE)) } th { (l.t(texts::common::NAME)) } th { (l.t(texts::console::ACTIVE)) } } }
            tbody { @for o in &opds { tr { td { (o.code) } td { (o.name) } td { (if o.active { "✓" } else { "—" }) } } } }
        }
        h2 { (l.t(texts::console::IMPORT_OPDS_FROM_CSV)) }
        p { (l.t(texts::console::ONE_OPD_PER_LINE_CODE)) }
        @if !errors.is_empty() {
            div.errors role="alert" {
                p { (l.t(texts::console::NOTHING_WAS_STORED_FIX_THESE)) }
                ul { @for e in errors { li { (e) } } }
            }
        }
        form.stack method="post" action={ "/staff/instansi/" (id) "/opd/impor" } {
            (c.csrf_field())
            label for="csv" { "CSV" }
            textarea #csv name="csv" rows="10" placeholder="diskominfo,Dinas Komunikasi dan Informatika" { (csv) }
            button type="submit" { (l.t(texts::console::IMPORT)) }
        }
    };
    Ok(frame(req, c, status, &title, content))
}

/// `GET /staff/instansi/{id}/opd`.
pub fn show(req: &Req, db: &dyn Db, c: &Ctx, id: &str) -> PageResult {
    let Ok(id) = id.parse::<i64>() else { return Ok(action_error_page(req, c, ActionError::NotFound("instansi"))) };
    page(req, db, c, id, 200, "", &[])
}

/// `POST /staff/instansi/{id}/opd/impor` (form: csrf, csv).
pub fn import(req: &Req, db: &dyn Db, c: &Ctx, id: &str, form: &HashMap<String, String>) -> PageResult {
    let Ok(id) = id.parse::<i64>() else { return Ok(action_error_page(req, c, ActionError::NotFound("instansi"))) };
    let csv = form.get("csv").cloned().unwrap_or_default();
    match opd_import::import(db, &c.staff, id, &csv) {
        Ok(list) => Ok(redirect(req, &format!("/staff/instansi/{id}/opd?ok={}", list.len()))),
        Err(Refused::NotFound | Refused::Forbidden) => Ok(action_error_page(req, c, ActionError::NotFound("instansi"))),
        Err(Refused::Rows(fields)) => {
            let errors: Vec<String> = fields.iter().map(|f| f.message.clone()).collect();
            page(req, db, c, id, 422, &csv, &errors)
        }
        Err(Refused::Action(e)) => Ok(action_error_page(req, c, e)),
    }
}
