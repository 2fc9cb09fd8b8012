//! dispatch's staff pages: the instansi admin's dispatch board and the OPD liaison's inbox (the console frame
//! is `lapor_spin::console`; each line links to the report page, where the actions are).

use lapor_core::Status;
use lapor_spin::console::{forbidden, frame, work_list, Ctx};
use lapor_spin::error::PageResult;
use lapor_spin::request::Req;
use lapor_store::workflow;
use lapor_store::Db;
use maud::html;

/// `GET /staff/disposisi`: the reports of the instansi the caller administers.
pub fn board(req: &Req, db: &dyn Db, c: &Ctx) -> PageResult {
    let instansi = c.staff.admin_of_instansi();
    if instansi.is_empty() {
        return Ok(forbidden(req, c));
    }
    let l = c.lang;
    let waiting = workflow::by_instansi(db, &instansi, Some(Status::Dispatched), 200)?;
    let all = workflow::by_instansi(db, &instansi, None, 200)?;
    let title = l.t("Papan disposisi", "Dispatch board");
    Ok(frame(
        req,
        c,
        200,
        title,
        html! {
            h1 { (title) }
            h2 { (l.t("Menunggu diteruskan ke OPD", "Waiting for an OPD")) }
            (work_list(l, &waiting, l.t("Batas disposisi", "Dispatch by")))
            h2 { (l.t("Semua laporan instansi", "All reports of the instansi")) }
            (work_list(l, &all, l.t("Batas tahap ini", "Due")))
        },
    ))
}

/// `GET /staff/kotak-masuk`: the reports of the caller's OPDs, waiting ones first.
pub fn inbox(req: &Req, db: &dyn Db, c: &Ctx) -> PageResult {
    let opds = c.staff.liaison_of_opds();
    if opds.is_empty() {
        return Ok(forbidden(req, c));
    }
    let l = c.lang;
    let list = workflow::by_opd(db, &opds, 200)?;
    let title = l.t("Kotak masuk OPD", "OPD inbox");
    Ok(frame(
        req,
        c,
        200,
        title,
        html! {
            h1 { (title) }
            p { (l.t("Jawab dalam 5 hari kerja sejak laporan sampai.", "Answer within 5 working days of receipt.")) }
            (work_list(l, &list, l.t("Batas jawaban", "Answer by")))
        },
    ))
}
