//! The staff console's frame, shared by the components that serve staff pages (staff-console: sign-in,
//! accounts, the verification queue, the report page; dispatch: the board, the inbox, the rapot): the signed-in
//! staff member from the session cookie, the anti-forgery check of every form POST, the page frame with the
//! navigation of the caller's roles, redirects, and refused actions as pages.

use std::collections::HashMap;

use lapor_core::roles::{Role, Staff};
use lapor_core::texts;
use lapor_store::action::ActionError;
use lapor_store::workflow::Summary;
use lapor_store::Db;
use maud::{html, Markup};
use spin_sdk::http::Response;

use crate::error::PageError;
use crate::html::{badge, error_page, layout_with_nav, page, table_head, when, Lang};
use crate::request::{url_decode_pairs, Req};
use crate::router::Reply;
use crate::staff::{self, PageSession};

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

/// The page every console page sends an admin to until two-step sign-in is on.
pub const ENROL_PAGE: &str = "/staff/dua-langkah";

/// The signed-in staff member of a console page and the session token; else the redirect to send: to the
/// sign-in page, or (an admin who must enrol, [`lapor_core::account::must_enrol`]) to [`ENROL_PAGE`], which
/// alone they may use until two-step sign-in is on.
pub fn session(req: &Req, db: &dyn Db) -> Result<(Staff, String), PageError> {
    match staff::page_session(req, db)? {
        PageSession::In(s, token) => Ok((s, token)),
        PageSession::MustEnrol(s, token) if req.path.starts_with(ENROL_PAGE) => Ok((s, token)),
        PageSession::MustEnrol(..) => Err(redirect(req, ENROL_PAGE).into()),
        PageSession::Out => Err(redirect(req, "/staff/masuk").into()),
    }
}

/// Runs `f` for a signed-in staff member (its `Response`, `ApiResult` or `PageResult` becomes the answer), or
/// sends the browser where [`session`] says.
pub fn with_ctx<R: Reply>(req: &Req, db: &dyn Db, f: impl FnOnce(&Ctx) -> R) -> Response {
    let ctx = session(req, db).and_then(|(s, token)| {
        let unread = lapor_store::notices::unread_count(db, &s)?;
        Ok(Ctx { staff: s, token, lang: Lang::of(req), unread })
    });
    match ctx {
        Ok(c) => f(&c).reply(req),
        Err(e) => e.into_page(req),
    }
}

/// Runs `f` for a form POST of a signed-in staff member whose anti-forgery value matches (403 otherwise).
pub fn with_form<R: Reply>(req: &Req, db: &dyn Db, f: impl FnOnce(&Ctx, &HashMap<String, String>) -> R) -> Response {
    with_ctx(req, db, |c| {
        let form = form_fields(req);
        let given = form.get("csrf").map(String::as_str).unwrap_or("");
        if !staff::csrf_ok(&c.token, given) {
            return error_page(req, 403, texts::common::FORM_EXPIRED, c.lang.t(texts::common::RELOAD_PAGE_SEND_AGAIN));
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
        a href="/staff" { (l.t(texts::common::STAFF_HOME)) }
        a href="/staff/pemberitahuan" { (l.t(texts::common::NOTICES)) " (" (c.unread) ")" }
        @if s.has_role(Role::NationalAdmin) { a href="/staff/verifikasi" { (l.t(texts::common::VERIFICATION)) } }
        @if s.has_role(Role::InstansiAdmin) {
            a href="/staff/disposisi" { (l.t(texts::console::DISPATCH)) }
            a href="/staff/penghubung" { (l.t(texts::console::LIAISONS)) }
        }
        @if s.has_role(Role::OpdLiaison) { a href="/staff/kotak-masuk" { (l.t(texts::console::INBOX)) } }
        @if s.has_role(Role::NationalAdmin) || s.has_role(Role::InstansiAdmin) {
            a href="/staff/akun" { (l.t(texts::console::ACCOUNTS)) }
            a href="/staff/audit" { (l.t(texts::console::AUDIT)) }
        }
        a href="/staff/sandi" { (l.t(texts::console::PASSWORD)) }
        a href="/staff/dua-langkah" { (l.t(texts::console::TWO_STEP)) }
        @if s.has_role(Role::Leader) || s.has_role(Role::NationalAdmin) || s.has_role(Role::Inspektorat) {
            a href="/dashboard" { (l.t(texts::common::OPD_REPORT_CARD)) }
        }
        @if !s.overseen_instansi().is_empty() { a href="/staff/pengawasan" { (l.t(texts::console::OVERSIGHT)) } }
        @if s.has_role(Role::Ombudsman) { a href="/staff/ombudsman" { (l.t(texts::common::MEDIATION)) } }
    };
    let content = html! {
        (content)
        form.inline method="post" action="/staff/keluar" {
            (c.csrf_field())
            button.secondary type="submit" { (l.t(texts::common::SIGN_OUT)) }
        }
    };
    page(req, status, layout_with_nav(l, &req.path, title, nav, content))
}

/// The notice after a staff action, from the `?ok=` code the action redirected with. Only these fixed
/// texts are ever shown: an unknown code (anything put in a URL) shows nothing.
pub fn notice(req: &Req, l: Lang) -> Option<&'static str> {
    let text = match req.query_param("ok")?.as_str() {
        "verify" => l.t(texts::console::REPORT_VERIFIED),
        "needs_info" => l.t(texts::console::QUESTION_SENT_REPORTER),
        "reject" => l.t(texts::console::REPORT_REJECTED),
        "duplicate" => l.t(texts::console::REPORT_MERGED_DUPLICATE),
        "route" => l.t(texts::console::REPORT_ROUTED_GOVERNMENT_BODY),
        "forward" => l.t(texts::console::REPORT_FORWARDED_ANOTHER_GOVERNMENT_BODY),
        "assign" => l.t(texts::console::REPORT_ASSIGNED_WORK_UNIT),
        "answer" => l.t(texts::console::ANSWER_SENT),
        "extension" => l.t(texts::console::EXTENSION_REQUESTED_AWAITING_DECISION),
        "send_back" | "send_back_national" => l.t(texts::console::REPORT_SENT_BACK),
        "account" => l.t(texts::console::ACCOUNT_CREATED),
        "moved" => l.t(texts::console::ASSIGNMENT_MOVED_NOTICE),
        _ => return None,
    };
    Some(text)
}

/// A refused action as a page.
pub fn action_error_page(req: &Req, c: &Ctx, e: ActionError) -> Response {
    let l = c.lang;
    let (status, detail) = match e {
        ActionError::NotFound(what) => (404, l.fill(texts::console::NOT_FOUND, &[("what", &what)])),
        ActionError::Conflict(m) => (409, m),
        ActionError::Invalid(field, _, m) => (422, format!("{field}: {m}")),
        ActionError::Store(e) => return crate::internal("page action", &e),
    };
    refused(req, c, status, &detail)
}

/// A refused action or input as a page with `status` (nothing was stored): the reason and a way back.
pub fn refused(req: &Req, c: &Ctx, status: u16, detail: &str) -> Response {
    let l = c.lang;
    let title = l.t(texts::common::ACTION_REFUSED);
    frame(
        req,
        c,
        status,
        title,
        html! {
            h1 { (title) }
            p role="alert" { (detail) }
            p { a href="/staff" { (l.t(texts::common::BACK)) } }
        },
    )
}

/// 403 as a page: the caller's roles do not allow it.
pub fn forbidden(req: &Req, c: &Ctx) -> Response {
    let l = c.lang;
    let title = l.t(texts::common::NOT_ALLOWED);
    frame(req, c, 403, title, html! { h1 { (title) } p { (l.t(texts::console::YOUR_ROLE_DOES_NOT_ALLOW)) } })
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
            p { (l.t(texts::common::NO_REPORTS)) }
        } @else {
            table {
                (table_head(&[
                    l.t(texts::common::NUMBER),
                    l.t(texts::common::TITLE),
                    l.t(texts::common::STATUS),
                    due_label,
                ]))
                tbody {
                    @for s in list {
                        tr {
                            td { a href={ "/staff/laporan/" (s.tracking_id) } { (s.tracking_id) } }
                            td {
                                (s.title) @if let Some(o) = &s.opd_name { br; span.small { (o) } }
                                @if let Some(f) = &s.forwarded_from { br; span.small { (l.fill(texts::console::FORWARDED_FROM, &[("instansi", f)])) } }
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
    l.t(s.labels().into())
}
