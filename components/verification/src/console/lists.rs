//! The work lists: the verification queue (national admin), the dispatch board (instansi admin) and the
//! OPD inbox (liaison). Each line links to the report page, where the actions are.

use lapor_core::roles::Role;
use lapor_spin::html::{badge, when, Lang};
use lapor_spin::request::Req;
use lapor_spin::try_store;
use lapor_store::workflow::{self, Summary};
use lapor_store::Db;
use maud::{html, Markup};
use spin_sdk::http::Response;

use super::{frame, Ctx};

fn forbidden(req: &Req, c: &Ctx) -> Response {
    let l = c.lang;
    let title = l.t("Tidak diizinkan", "Not allowed");
    frame(
        req,
        c,
        403,
        title,
        html! { h1 { (title) } p { (l.t("Peran Anda tidak mengizinkan halaman ini.", "Your role does not allow this page.")) } },
    )
}

/// A table of reports; `due_label` names the deadline column.
pub fn table(l: Lang, list: &[Summary], due_label: &str) -> Markup {
    html! {
        @if list.is_empty() {
            p { (l.t("Tidak ada laporan.", "No reports.")) }
        } @else {
            table {
                thead { tr {
                    th scope="col" { (l.t("Nomor", "Number")) }
                    th scope="col" { (l.t("Judul", "Title")) }
                    th scope="col" { (l.t("Status", "Status")) }
                    th scope="col" { (due_label) }
                } }
                tbody {
                    @for s in list {
                        tr {
                            td { a href={ "/staff/laporan/" (s.tracking_id) } { (s.tracking_id) } }
                            td {
                                (s.title) @if let Some(o) = &s.opd_name { br; span.small { (o) } }
                                @if let Some(f) = &s.forwarded_from { br; span.small { (l.t("Dialihkan dari ", "Forwarded from ")) (f) } }
                            }
                            td { (badge(l, s.status.color())) br; span.small { (l.t(s.status.labels().0, s.status.labels().1)) } }
                            td { (s.due_at.map(when).unwrap_or_else(|| "—".into())) }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /staff/verifikasi`: `received` and `needs_info` reports, oldest first, with the verification deadline.
pub fn queue(req: &Req, db: &dyn Db, c: &Ctx) -> Response {
    if !c.staff.has_role(Role::NationalAdmin) {
        return forbidden(req, c);
    }
    let l = c.lang;
    let list = try_store!(workflow::verification_queue(db, 200), "verification queue");
    let unrouted = try_store!(workflow::unrouted(db, 200), "unrouted");
    let title = l.t("Antrean verifikasi", "Verification queue");
    frame(
        req,
        c,
        200,
        title,
        html! {
            h1 { (title) }
            p { (l.t("Terlama dulu. Verifikasi paling lambat 3 hari kerja setelah diterima.", "Oldest first. Verify within 3 working days of receipt.")) }
            (table(l, &list, l.t("Batas verifikasi", "Verify by")))
            h2 { (l.t("Belum ada instansi tujuan", "No instansi found")) }
            (table(l, &unrouted, l.t("Batas", "Due")))
        },
    )
}

/// `GET /staff/disposisi`: the reports of the instansi the caller administers.
pub fn board(req: &Req, db: &dyn Db, c: &Ctx) -> Response {
    let instansi = c.staff.admin_of_instansi();
    if instansi.is_empty() {
        return forbidden(req, c);
    }
    let l = c.lang;
    let waiting = try_store!(workflow::by_instansi(db, &instansi, Some(lapor_core::Status::Dispatched), 200), "board");
    let all = try_store!(workflow::by_instansi(db, &instansi, None, 200), "board");
    let title = l.t("Papan disposisi", "Dispatch board");
    frame(
        req,
        c,
        200,
        title,
        html! {
            h1 { (title) }
            h2 { (l.t("Menunggu diteruskan ke OPD", "Waiting for an OPD")) }
            (table(l, &waiting, l.t("Batas disposisi", "Dispatch by")))
            h2 { (l.t("Semua laporan instansi", "All reports of the instansi")) }
            (table(l, &all, l.t("Batas tahap ini", "Due")))
        },
    )
}

/// `GET /staff/kotak-masuk`: the reports of the caller's OPDs, waiting ones first.
pub fn inbox(req: &Req, db: &dyn Db, c: &Ctx) -> Response {
    let opds = c.staff.liaison_of_opds();
    if opds.is_empty() {
        return forbidden(req, c);
    }
    let l = c.lang;
    let list = try_store!(workflow::by_opd(db, &opds, 200), "inbox");
    let title = l.t("Kotak masuk OPD", "OPD inbox");
    frame(
        req,
        c,
        200,
        title,
        html! {
            h1 { (title) }
            p { (l.t("Jawab dalam 5 hari kerja sejak laporan sampai.", "Answer within 5 working days of receipt.")) }
            (table(l, &list, l.t("Batas jawaban", "Answer by")))
        },
    )
}
