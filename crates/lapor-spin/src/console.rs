//! The staff console's frame, shared by the components that serve staff pages (verification: sign-in,
//! accounts, the verification queue; dispatch: the board, the inbox, the rapot): the signed-in staff member
//! from the session cookie, the anti-forgery check of every form POST, the page frame with the navigation of
//! the caller's roles, redirects, and refused actions as pages.

use std::collections::HashMap;

use lapor_core::roles::{Role, Staff};
use lapor_store::action::ActionError;
use lapor_store::workflow::Summary;
use lapor_store::Db;
use maud::{html, Markup};
use spin_sdk::http::Response;

use crate::html::{badge, error_page, layout_with_nav, page, when, Lang};
use crate::request::{url_decode_pairs, Req};
use crate::router::Reply;
use crate::staff;

/// A signed-in staff member on a page.
pub struct Ctx {
    pub staff: Staff,
    pub token: String,
    pub lang: Lang,
    /// Unread notices, shown in the header.
    pub unread: i64,
}

impl Ctx {
    /// The hidden anti-forgery field of a staff form.
    pub fn csrf_field(&self) -> Markup {
        html! { input type="hidden" name="csrf" value=(staff::csrf_for(&self.token)); }
    }
}

/// Runs `f` for a signed-in staff member (its `Response`, `ApiResult` or `PageResult` becomes the answer), or
/// sends the browser to the sign-in page.
pub fn with_ctx<R: Reply>(req: &Req, db: &dyn Db, f: impl FnOnce(&Ctx) -> R) -> Response {
    match staff::from_cookie(req, db) {
        Ok(Some((s, token))) => match lapor_store::notices::unread_count(db, &s) {
            Ok(unread) => f(&Ctx { staff: s, token, lang: Lang::of(req), unread }).reply(req),
            Err(e) => crate::internal("page notices", &e),
        },
        Ok(None) => redirect(req, "/staff/masuk"),
        Err(e) => crate::internal("page session", &e),
    }
}

/// Runs `f` for a form POST of a signed-in staff member whose anti-forgery value matches (403 otherwise).
pub fn with_form<R: Reply>(req: &Req, db: &dyn Db, f: impl FnOnce(&Ctx, &HashMap<String, String>) -> R) -> Response {
    with_ctx(req, db, |c| {
        let form = form_fields(req);
        let given = form.get("csrf").map(String::as_str).unwrap_or("");
        if !staff::csrf_ok(&c.token, given) {
            return error_page(
                req,
                403,
                "Formulir kedaluwarsa",
                "Form expired",
                c.lang.t("Muat ulang halaman lalu kirim lagi.", "Reload the page and send it again."),
            );
        }
        f(c, &form).reply(req)
    })
}

/// The fields of a url-encoded form body.
pub fn form_fields(req: &Req) -> HashMap<String, String> {
    if req.content_type() != "application/x-www-form-urlencoded" {
        return HashMap::new();
    }
    std::str::from_utf8(&req.body).map(url_decode_pairs).unwrap_or_default().into_iter().collect()
}

/// A trimmed, non-empty form field.
pub fn field<'a>(form: &'a HashMap<String, String>, name: &str) -> Option<&'a str> {
    form.get(name).map(|s| s.trim()).filter(|s| !s.is_empty())
}

/// 303 to `to` (a path of this app), keeping `?lang=en`.
pub fn redirect(req: &Req, to: &str) -> Response {
    let lang = Lang::of(req);
    let to = if lang == Lang::En && !to.contains('?') { format!("{to}?lang=en") } else { to.to_string() };
    let mut resp = page(req, 303, html! { a href=(to) { (to) } });
    resp.set_header("location", to);
    resp
}

/// The staff page frame: the navigation of the caller's roles and a sign-out button.
pub fn frame(req: &Req, c: &Ctx, status: u16, title: &str, content: Markup) -> Response {
    let l = c.lang;
    let s = &c.staff;
    let nav = html! {
        a href="/staff" { (l.t("Beranda petugas", "Staff home")) }
        a href="/staff/pemberitahuan" { (l.t("Pemberitahuan", "Notices")) " (" (c.unread) ")" }
        @if s.has_role(Role::NationalAdmin) { a href="/staff/verifikasi" { (l.t("Verifikasi", "Verification")) } }
        @if s.has_role(Role::InstansiAdmin) {
            a href="/staff/disposisi" { (l.t("Disposisi", "Dispatch")) }
            a href="/staff/penghubung" { (l.t("Penghubung", "Liaisons")) }
        }
        @if s.has_role(Role::OpdLiaison) { a href="/staff/kotak-masuk" { (l.t("Kotak masuk", "Inbox")) } }
        @if s.has_role(Role::NationalAdmin) || s.has_role(Role::InstansiAdmin) {
            a href="/staff/akun" { (l.t("Akun", "Accounts")) }
            a href="/staff/audit" { (l.t("Audit", "Audit")) }
        }
        a href="/staff/sandi" { (l.t("Kata sandi", "Password")) }
        a href="/staff/dua-langkah" { (l.t("Dua langkah", "Two-step")) }
        @if s.has_role(Role::Leader) || s.has_role(Role::NationalAdmin) || s.has_role(Role::Inspektorat) {
            a href="/dashboard" { (l.t("Rapor OPD", "OPD report card")) }
        }
        @if !s.overseen_instansi().is_empty() { a href="/staff/pengawasan" { (l.t("Pengawasan", "Oversight")) } }
        @if s.has_role(Role::Ombudsman) { a href="/staff/ombudsman" { (l.t("Mediasi", "Mediation")) } }
    };
    let content = html! {
        (content)
        form.inline method="post" action="/staff/keluar" {
            (c.csrf_field())
            button.secondary type="submit" { (l.t("Keluar", "Sign out")) }
        }
    };
    page(req, status, layout_with_nav(l, &req.path, title, nav, content))
}

/// The notice after a staff action, from the `?ok=` code the action redirected with. Only these fixed
/// texts are ever shown: an unknown code (anything put in a URL) shows nothing.
pub fn notice(req: &Req, l: Lang) -> Option<&'static str> {
    let text = match req.query_param("ok")?.as_str() {
        "verify" => l.t("Laporan diverifikasi.", "Report verified."),
        "needs_info" => l.t("Pertanyaan dikirim ke pelapor.", "Question sent to the reporter."),
        "reject" => l.t("Laporan ditolak.", "Report rejected."),
        "duplicate" => l.t("Laporan digabung sebagai duplikat.", "Report merged as a duplicate."),
        "route" => l.t("Laporan diteruskan ke instansi.", "Report routed to the government body."),
        "forward" => l.t("Laporan dialihkan ke instansi lain.", "Report forwarded to another government body."),
        "assign" => l.t("Laporan diteruskan ke OPD.", "Report assigned to the work unit."),
        "answer" => l.t("Jawaban terkirim.", "Answer sent."),
        "extension" => {
            l.t("Permintaan perpanjangan dikirim; menunggu keputusan.", "Extension requested; awaiting a decision.")
        }
        "send_back" | "send_back_national" => l.t("Laporan dikembalikan.", "Report sent back."),
        "account" => l.t("Akun dibuat.", "Account created."),
        "moved" => l.t("Tugas dipindahkan.", "Assignment moved."),
        _ => return None,
    };
    Some(text)
}

/// A refused action as a page.
pub fn action_error_page(req: &Req, c: &Ctx, e: ActionError) -> Response {
    let l = c.lang;
    let (status, detail) = match e {
        ActionError::NotFound(what) => (404, format!("{what}: {}", l.t("tidak ditemukan", "not found"))),
        ActionError::Conflict(m) => (409, m),
        ActionError::Invalid(field, _, m) => (422, format!("{field}: {m}")),
        ActionError::Store(e) => return crate::internal("page action", &e),
    };
    refused(req, c, status, &detail)
}

/// A refused action or input as a page with `status` (nothing was stored): the reason and a way back.
pub fn refused(req: &Req, c: &Ctx, status: u16, detail: &str) -> Response {
    let l = c.lang;
    let title = l.t("Tindakan ditolak", "Action refused");
    frame(
        req,
        c,
        status,
        title,
        html! {
            h1 { (title) }
            p role="alert" { (detail) }
            p { a href="/staff" { (l.t("Kembali", "Back")) } }
        },
    )
}

/// 403 as a page: the caller's roles do not allow it.
pub fn forbidden(req: &Req, c: &Ctx) -> Response {
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

/// One list of a work page: its heading (none for the first list under the title), the reports, and the name
/// of the deadline column.
pub type WorkSection<'a> = (Option<&'a str>, &'a [Summary], &'a str);

/// A page of work lists (the verification queue, the dispatch board, the OPD inbox): the title, a line under it
/// when given, then each list with its heading.
pub fn work_page(req: &Req, c: &Ctx, title: &str, intro: Option<&str>, sections: &[WorkSection]) -> Response {
    let l = c.lang;
    let content = html! {
        h1 { (title) }
        @if let Some(intro) = intro { p { (intro) } }
        @for (heading, list, due_label) in sections {
            @if let Some(h) = heading { h2 { (h) } }
            (work_list(l, list, due_label))
        }
    };
    frame(req, c, 200, title, content)
}

/// A work list of reports linking to their pages; `due_label` names the deadline column.
pub fn work_list(l: Lang, list: &[Summary], due_label: &str) -> Markup {
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
                            td { (badge(l, s.status.color())) br; span.small { (status_label(l, s.status)) } }
                            td { (s.due_at.map(when).unwrap_or_else(|| "—".into())) }
                        }
                    }
                }
            }
        }
    }
}

/// A status in words, in the reader's language.
pub fn status_label(l: Lang, s: lapor_core::Status) -> &'static str {
    let (id, en) = s.labels();
    l.t(id, en)
}
