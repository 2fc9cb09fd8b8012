//! The verification queue (national admin). Each line links to the report page, where the actions are. (The
//! dispatch board and the OPD inbox are dispatch's pages.)

use lapor_core::roles::Role;
use lapor_spin::console::{forbidden, work_page};
use lapor_spin::error::PageResult;
use lapor_spin::request::Req;
use lapor_store::workflow;
use lapor_store::Db;

use super::Ctx;

/// `GET /staff/verifikasi`: `received` and `needs_info` reports, oldest first, with the verification deadline.
pub fn queue(req: &Req, db: &dyn Db, c: &Ctx) -> PageResult {
    if !c.staff.has_role(Role::NationalAdmin) {
        return Ok(forbidden(req, c));
    }
    let l = c.lang;
    let list = workflow::verification_queue(db, 200)?;
    let unrouted = workflow::unrouted(db, 200)?;
    let sections = [
        (None, &list[..], l.t("Batas verifikasi", "Verify by")),
        (Some(l.t("Belum ada instansi tujuan", "No instansi found")), &unrouted[..], l.t("Batas", "Due")),
    ];
    Ok(work_page(
        req,
        c,
        l.t("Antrean verifikasi", "Verification queue"),
        Some(l.t(
            "Terlama dulu. Verifikasi paling lambat 3 hari kerja setelah diterima.",
            "Oldest first. Verify within 3 working days of receipt.",
        )),
        &sections,
    ))
}
