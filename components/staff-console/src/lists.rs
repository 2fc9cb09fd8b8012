//! The verification queue (national admin). Each line links to the report page, where the actions are. (The
//! dispatch board and the OPD inbox are dispatch's pages.)

use lapor_core::roles::Role;
use lapor_core::texts;
use lapor_core::verification::QueueQuery;
use lapor_spin::console::{forbidden, work_page};
use lapor_spin::error::PageResult;
use lapor_spin::request::Req;
use lapor_store::workflow;
use lapor_store::Db;

use lapor_spin::console::Ctx;

/// `GET /staff/verifikasi`: `received` and `needs_info` reports, oldest first, with the verification deadline.
pub fn queue(req: &Req, db: &dyn Db, c: &Ctx) -> PageResult {
    if !c.staff.has_role(Role::NationalAdmin) {
        return Ok(forbidden(req, c));
    }
    let l = c.lang;
    let query = QueueQuery { limit: 200, ..QueueQuery::default() };
    let (list, _) = workflow::verification_queue(db, &query)?;
    let unrouted = workflow::unrouted(db, 200)?;
    let sections = [
        (None, &list[..], l.t(texts::console::VERIFY)),
        (Some(l.t(texts::console::NO_INSTANSI_FOUND)), &unrouted[..], l.t(texts::console::DUE)),
    ];
    Ok(work_page(
        req,
        c,
        l.t(texts::console::VERIFICATION_QUEUE),
        Some(l.t(texts::console::OLDEST_FIRST_VERIFY_WITHIN_3)),
        &sections,
    ))
}
