//! dispatch's staff pages: the instansi admin's dispatch board and the OPD liaison's inbox (the console frame
//! is `lapor_spin::console`; each line links to the report page, where the actions are).

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
        (
            Some(l.t("Menunggu diteruskan ke OPD", "Waiting for an OPD")),
            &waiting[..],
            l.t("Batas disposisi", "Dispatch by"),
        ),
        (Some(l.t("Semua laporan instansi", "All reports of the instansi")), &all[..], l.t("Batas tahap ini", "Due")),
    ];
    Ok(work_page(req, c, l.t("Papan disposisi", "Dispatch board"), None, &sections))
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
        l.t("Kotak masuk OPD", "OPD inbox"),
        Some(l.t("Jawab dalam 5 hari kerja sejak laporan sampai.", "Answer within 5 working days of receipt.")),
        &[(None, &list, l.t("Batas jawaban", "Answer by"))],
    ))
}
