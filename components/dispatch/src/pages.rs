//! dispatch's staff pages: the instansi admin's dispatch board and the OPD liaison's inbox (the console frame
//! is `lapor_spin::console`; each line links to the report page, where the actions are).

use lapor_core::texts;
use lapor_core::Status;
use lapor_spin::console::{forbidden, work_page, Ctx};
use lapor_spin::error::PageResult;
use lapor_spin::request::Req;
use lapor_store::workflow;
use lapor_store::Db;

/// `GET /staff/disposisi`: the reports of the instansi the caller administers.
pub fn board(req: &Req, db: &dyn Db, c: &Ctx) -> PageResult {
    let instansi = c.staff.admin_of_instansi();
    if instansi.is_empty() {
        return Ok(forbidden(req, c));
    }
    let l = c.lang;
    let waiting = workflow::by_instansi(db, &instansi, Some(Status::Dispatched), 200)?;
    let all = workflow::by_instansi(db, &instansi, None, 200)?;
    let sections = [
        (Some(l.t(texts::dispatch::WAITING_OPD)), &waiting[..], l.t(texts::dispatch::DISPATCH)),
        (Some(l.t(texts::dispatch::ALL_REPORTS_INSTANSI)), &all[..], l.t(texts::common::DUE)),
    ];
    Ok(work_page(req, c, l.t(texts::common::DISPATCH_BOARD), None, &sections))
}

/// `GET /staff/kotak-masuk`: the reports of the caller's OPDs, waiting ones first.
pub fn inbox(req: &Req, db: &dyn Db, c: &Ctx) -> PageResult {
    let opds = c.staff.liaison_of_opds();
    if opds.is_empty() {
        return Ok(forbidden(req, c));
    }
    let l = c.lang;
    let list = workflow::by_opd(db, &opds, 200)?;
    Ok(work_page(
        req,
        c,
        l.t(texts::common::OPD_INBOX),
        Some(l.t(texts::dispatch::ANSWER_WITHIN_5_WORKING_DAYS)),
        &[(None, &list, l.t(texts::dispatch::ANSWER))],
    ))
}
