//! Tracking: `GET /lacak` (enter a tracking ID), `GET /lacak/{id}` (colour, deadlines, thread) and
//! `POST /lacak/{id}` (the reporter opens their own report with the reporter code).

use lapor_core::{Category, Visibility};
use lapor_spin::request::{url_decode_pairs, Req};
use maud::html;
use spin_sdk::http::Response;

use super::{badge, error_page, layout, page, when, Lang};
use crate::view::{self, Loaded};

/// `GET /lacak[?id=…]`: the lookup form, or a redirect to the report's page.
pub fn lookup(req: &Req) -> Response {
    let l = Lang::of(req);
    if let Some(id) = req.query_param("id").map(|s| s.trim().trim_start_matches('#').to_string()) {
        if !id.is_empty() {
            let mut resp = page(req, 303, html! { a href={ "/lacak/" (id) } { (id) } });
            resp.set_header("location", format!("/lacak/{}", super::list::urlencode(&id)));
            return resp;
        }
    }
    let content = html! {
        h1 { (l.t("Lacak laporan", "Track a report")) }
        form.stack method="get" action="/lacak" {
            label for="id" { (l.t("Nomor lacak (10 digit)", "Tracking number (10 digits)")) }
            input #id type="text" name="id" inputmode="numeric" required;
            button type="submit" { (l.t("Lacak", "Track")) }
        }
    };
    page(req, 200, layout(l, "/lacak", l.t("Lacak laporan", "Track a report"), content))
}

/// `GET /lacak/{id}` (public view) and `POST /lacak/{id}` with `token` (the reporter's view).
pub fn show(req: &Req, id: &str) -> Response {
    let l = Lang::of(req);
    let token = (req.method == spin_sdk::http::Method::Post)
        .then(|| std::str::from_utf8(&req.body).ok().map(url_decode_pairs))
        .flatten()
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "token").map(|(_, v)| v.trim().to_string()));
    let db = match lapor_spin::db() {
        Ok(db) => db,
        Err(resp) => return resp,
    };
    let Loaded { report, thread, own } = match view::load(&db, id, token.as_deref()) {
        Ok(Some(loaded)) => loaded,
        Ok(None) => {
            return error_page(
                req,
                404,
                "Laporan tidak ditemukan",
                "Report not found",
                l.t("Periksa kembali nomor lacak Anda.", "Check your tracking number."),
            )
        }
        Err(e) => return lapor_spin::internal("tracking page", &e),
    };
    let color = report.status.color();
    let category = Category::parse(&report.category).map(|c| c.label_id()).unwrap_or("");
    let path = format!("/lacak/{}", report.tracking_id);
    let content = html! {
        h1 { (report.title) }
        p { "#" (report.tracking_id) " " (badge(l, color)) }
        dl.facts {
            dt { (l.t("Status", "Status")) } dd { (report.status.as_str()) }
            dt { (l.t("Kategori", "Category")) } dd { (category) }
            dt { (l.t("Wilayah", "Region")) } dd { (report.region_name.as_deref().unwrap_or("—")) }
            @if let Some(i) = &report.instansi_name { dt { (l.t("Instansi", "Government body")) } dd { (i) } }
            @if let Some(o) = &report.opd_name { dt { (l.t("Unit kerja (OPD)", "Work unit (OPD)")) } dd { (o) } }
            dt { (l.t("Diterima", "Received")) } dd { (when(report.created_at)) }
            @if let Some(due) = report.due_at { dt { (l.t("Batas waktu tahap ini", "Deadline of this step")) } dd { (when(due)) } }
            @if report.visibility != Visibility::Anonymous {
                @if let Some(n) = &report.reporter_name { dt { (l.t("Pelapor", "Reporter")) } dd { (n) } }
            }
        }
        h2 { (l.t("Isi laporan", "Report")) }
        p { (report.body) }
        h2 { (l.t("Riwayat dan tanggapan", "History and answers")) }
        ol.thread {
            @for e in &thread {
                li {
                    span.who { (when(e.at)) " · " (actor_label(l, &e.actor)) }
                    @if let Some(s) = &e.to_status { " → " strong { (s) } }
                    @if let Some(b) = &e.body { p { (b) } }
                }
            }
        }
        @if own {
            p.notice { (l.t("Anda membuka laporan ini sebagai pelapor.", "You opened this report as its reporter.")) }
        } @else {
            h2 { (l.t("Pelapor?", "Are you the reporter?")) }
            form.stack method="post" action=(path) {
                label for="token" { (l.t("Kode rahasia pelapor", "Secret reporter code")) }
                input #token type="text" name="token" autocomplete="off" required;
                button type="submit" { (l.t("Buka sebagai pelapor", "Open as reporter")) }
            }
        }
    };
    page(req, 200, layout(l, &path, &report.title, content))
}

fn actor_label(l: Lang, actor: &str) -> &'static str {
    match actor {
        "citizen" => l.t("Pelapor", "Reporter"),
        "staff" => l.t("Petugas", "Staff"),
        _ => l.t("Sistem", "System"),
    }
}
