//! staff-console: the staff console (`/staff/...`), server-rendered pages over the same sessions, rules and
//! use-case functions as the staff JSON API (verification). Sign-in sets an HttpOnly, SameSite=Strict session
//! cookie; every form POST carries the session's anti-forgery value; every action calls the same function as the
//! API (`lapor_spin::{sign_in, passwords, two_step, accounts, opd_import, forwarding}`, `lapor_store::workflow`),
//! which makes the permission check. Reporter data is shown only as far as the role may see it. The dispatch
//! board, the OPD inbox, the answer form, notices, oversight and mediation pages are dispatch's; the offline
//! complaint form is web-intake's (their more specific routes in spin.toml beat `/staff/...`).

mod accounts;
mod liaisons;
mod lists;
mod opds;
mod report;

use lapor_core::roles::Role;
use lapor_core::secret;
use lapor_core::texts;
use lapor_spin::console::{form_fields, frame, notice, redirect, with_ctx, with_form, Ctx};
use lapor_spin::error::PageError;
use lapor_spin::html::{app_cookie, layout_with_nav, page, set_app_cookie, Lang};
use lapor_spin::request;
use lapor_spin::request::Req;
use lapor_spin::router::{self, Router};
use lapor_spin::sign_in::{self as signing, SignIn, SignedIn};
use lapor_spin::{secrets, staff};
use lapor_store::Db;
use maud::html;
use spin_sdk::http::{IncomingRequest, Response};
use spin_sdk::http_component;

/// Largest request body accepted, in bytes (the forms; files go to dispatch's and web-intake's forms).
pub const BODY_LIMIT: usize = 64 * 1024;

#[http_component]
async fn handle(req: IncomingRequest) -> Response {
    request::serve(req, BODY_LIMIT, |req| router::with_db(req, |db| routes(db))).await
}

/// Every route of the component: `/staff/...`.
fn routes(db: &dyn Db) -> Router<'_> {
    Router::new()
        .get("/staff/masuk", |req, _| sign_in_page(req, 200, None))
        .post("/staff/masuk", |req, _| sign_in(req, db))
        .post("/staff/keluar", |req, _| sign_out(req, db))
        .get("/staff", |req, _| with_ctx(req, db, |c| home(req, c)))
        .get("/staff/sandi", |req, _| with_ctx(req, db, |c| accounts::change_form(req, c, 200, None)))
        .post("/staff/sandi", |req, _| with_form(req, db, |c, f| accounts::change(req, db, c, f)))
        .get("/staff/atur-sandi/{token}", |req, p| accounts::set_page(req, db, &p["token"]))
        .post("/staff/atur-sandi/{token}", |req, p| accounts::set(req, db, &p["token"]))
        .get("/staff/akun", |req, _| with_ctx(req, db, |c| accounts::list(req, db, c)))
        .post("/staff/akun/{id}/nonaktifkan", |req, p| {
            with_form(req, db, |c, _| accounts::switch(req, db, c, &p["id"], false))
        })
        .post("/staff/akun/{id}/aktifkan", |req, p| {
            with_form(req, db, |c, _| accounts::switch(req, db, c, &p["id"], true))
        })
        .post("/staff/akun/{id}/reset-sandi", |req, p| with_form(req, db, |c, _| accounts::reset(req, db, c, &p["id"])))
        .get("/staff/dua-langkah", |req, _| with_ctx(req, db, |c| accounts::two_step(req, db, c)))
        .post("/staff/dua-langkah/mulai", |req, _| with_form(req, db, |c, _| accounts::two_step_start(req, db, c)))
        .post("/staff/dua-langkah/konfirmasi", |req, _| {
            with_form(req, db, |c, f| accounts::two_step_confirm(req, db, c, f))
        })
        .get("/staff/audit", |req, _| with_ctx(req, db, |c| accounts::audit(req, db, c)))
        .get("/staff/verifikasi", |req, _| with_ctx(req, db, |c| lists::queue(req, db, c)))
        .post("/staff/verifikasi/kelompok/{fp}/tolak", |req, p| {
            with_form(req, db, |c, f| lists::reject_group(req, db, c, &p["fp"], f))
        })
        .get("/staff/penghubung", |req, _| with_ctx(req, db, |c| liaisons::show(req, db, c)))
        .post("/staff/penghubung/{id}/pindah", |req, p| {
            with_form(req, db, |c, f| liaisons::move_to(req, db, c, &p["id"], f))
        })
        .post("/staff/penghubung/{id}/pengganti", |req, p| {
            with_form(req, db, |c, f| liaisons::hand_over_to_new(req, db, c, &p["id"], f))
        })
        .get("/staff/instansi/{id}/opd", |req, p| with_ctx(req, db, |c| opds::show(req, db, c, &p["id"])))
        .post("/staff/instansi/{id}/opd/impor", |req, p| {
            with_form(req, db, |c, f| opds::import(req, db, c, &p["id"], f))
        })
        .get("/staff/laporan/{tid}", |req, p| with_ctx(req, db, |c| report::show(req, db, c, &p["tid"])))
        .get("/staff/laporan/{tid}/berkas/{n}", |req, p| with_ctx(req, db, |c| report::file(db, c, &p["tid"], &p["n"])))
        .post("/staff/laporan/{tid}/{action}", |req, p| {
            with_form(req, db, |c, f| report::act(req, db, c, &p["tid"], &p["action"], f))
        })
}

/// `GET /staff/masuk`: the sign-in form, with a fresh anti-forgery token in a cookie and a hidden field.
fn sign_in_page(req: &Req, status: u16, error: Option<&str>) -> Response {
    let l = Lang::of(req);
    let csrf = secret::token_from_random(secrets::random());
    let title = l.t(texts::console::STAFF_SIGN);
    let content = html! {
        h1 { (title) }
        @if let Some(e) = error { div.errors role="alert" { p { (e) } } }
        form.stack method="post" action="/staff/masuk" {
            input type="hidden" name="csrf" value=(csrf);
            label for="email" { "E-mail" }
            input #email type="email" name="email" autocomplete="username" required;
            label for="password" { (l.t(texts::console::PASSWORD)) }
            input #password type="password" name="password" autocomplete="current-password" required;
            label for="code" { (l.t(texts::console::TWO_STEP_CODE_IF_ACCOUNT)) }
            input #code type="text" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="24";
            button type="submit" { (l.t(texts::console::SIGN)) }
        }
    };
    let mut resp = page(req, status, layout_with_nav(l, "/staff/masuk", title, html! {}, content));
    resp.set_header("set-cookie", set_app_cookie(req, "staff_login_csrf", &csrf, None));
    resp
}

/// `POST /staff/masuk`: signs in as the API does (`lapor_spin::sign_in`) and sets the session cookie.
fn sign_in(req: &Req, db: &dyn Db) -> Response {
    let l = Lang::of(req);
    let form = form_fields(req);
    let expected = app_cookie(req, "staff_login_csrf").unwrap_or_default();
    let given = form.get("csrf").cloned().unwrap_or_default();
    if expected.is_empty() || !secret::constant_time_eq(expected.as_bytes(), given.as_bytes()) {
        return sign_in_page(req, 403, Some(l.t(texts::console::FORM_EXPIRED_TRY_AGAIN)));
    }
    let email = form.get("email").map(|e| e.trim().to_lowercase()).unwrap_or_default();
    let pw = form.get("password").cloned().unwrap_or_default();
    let code = form.get("code").map(String::as_str).filter(|c| !c.trim().is_empty());
    let outcome = match signing::sign_in(db, &req.client_subject(), &email, &pw, code) {
        Ok(outcome) => outcome,
        Err(e) => return PageError::from(e).into_page(req),
    };
    match outcome {
        SignIn::In(SignedIn { token, .. }) => {
            let mut resp = redirect(req, "/staff");
            resp.set_header(
                "set-cookie",
                set_app_cookie(req, staff::SESSION_COOKIE, &token, Some(lapor_core::session::TTL_SECS)),
            );
            resp
        }
        SignIn::NeedsCode => sign_in_page(req, 401, Some(l.t(texts::console::ACCOUNT_USES_TWO_STEP_SIGN))),
        SignIn::Wrong => sign_in_page(req, 401, Some(l.t(texts::console::WRONG_E_MAIL_PASSWORD))),
        SignIn::Throttled(t) => {
            let mut resp = sign_in_page(req, t.status, Some(l.t(t.text)));
            resp.set_header("retry-after", t.retry_after);
            resp
        }
    }
}

/// `POST /staff/keluar`: ends the session and clears the cookie.
fn sign_out(req: &Req, db: &dyn Db) -> Response {
    with_form(req, db, |c, _| {
        if let Err(e) = lapor_store::staff::revoke_session(db, &c.token, lapor_spin::clock::now()) {
            return lapor_spin::internal("logout", &e);
        }
        let mut resp = redirect(req, "/staff/masuk");
        resp.set_header("set-cookie", set_app_cookie(req, staff::SESSION_COOKIE, "", Some(0)));
        resp
    })
}

/// `GET /staff`: what the caller's roles let them do.
fn home(req: &Req, c: &Ctx) -> Response {
    let l = c.lang;
    let s = &c.staff;
    let title = l.t(texts::common::STAFF_HOME);
    let content = html! {
        h1 { (title) }
        @if let Some(d) = notice(req, l) { p.notice role="status" { (d) } }
        @if s.assignments.is_empty() {
            p { (l.t(texts::console::YOUR_ACCOUNT_HAS_NO_ROLE)) }
        }
        ul.kinds {
            @if s.has_role(Role::NationalAdmin) {
                li { a href="/staff/verifikasi" { (l.t(texts::console::VERIFICATION_QUEUE)) }
                     p.small { (l.t(texts::console::NEW_REPORTS_OLDEST_FIRST_DUE)) } }
            }
            @if s.has_role(Role::InstansiAdmin) {
                li { a href="/staff/disposisi" { (l.t(texts::common::DISPATCH_BOARD)) }
                     p.small { (l.t(texts::console::FORWARD_REPORTS_OPDS)) } }
                li { a href="/staff/penghubung" { (l.t(texts::console::OPD_LIAISONS)) }
                     p.small { (l.t(texts::console::MOVE_LIAISON_S_ASSIGNMENT_TRANSFER)) } }
                @for i in s.admin_of_instansi() {
                    li { a href={ "/staff/instansi/" (i) "/opd" } { (l.t(texts::console::INSTANSI_S_OPDS)) }
                         p.small { (l.t(texts::console::OPD_LIST_IMPORT_FROM_CSV)) } }
                }
            }
            @if s.has_role(Role::NationalAdmin) || s.has_role(Role::InstansiAdmin) {
                li { a href="/staff/luring" { (l.t(texts::common::ENTER_OFFLINE_COMPLAINT)) }
                     p.small { (l.t(texts::console::LETTER_DESK_PHONE_ENTERED_CITIZEN)) } }
            }
            @if s.has_role(Role::OpdLiaison) {
                li { a href="/staff/kotak-masuk" { (l.t(texts::common::OPD_INBOX)) }
                     p.small { (l.t(texts::console::ANSWER_ASK_EXTENSION_SEND_BACK)) } }
            }
            @if !s.overseen_instansi().is_empty() {
                li { a href="/staff/pengawasan" { (l.t(texts::common::FOLLOW_UP_OVERSIGHT)) }
                     p.small { (l.t(texts::console::OVERDUE_REPORTS_OPD_REPRIMANDS_EXTENSION)) } }
            }
            @if s.has_role(Role::Ombudsman) {
                li { a href="/staff/ombudsman" { (l.t(texts::common::OMBUDSMAN_MEDIATION)) }
                     p.small { (l.t(texts::console::REPORTS_ESCALATED_AFTER_60_DAYS)) } }
            }
            li { a href="/staff/pemberitahuan" { (l.t(texts::common::NOTICES)) " (" (c.unread) ")" }
                 p.small { (l.t(texts::console::DEADLINE_WARNINGS_REPRIMANDS_EXTENSION_DECISIONS)) } }
            @if s.has_role(Role::Leader) || s.has_role(Role::NationalAdmin) || s.has_role(Role::Inspektorat) {
                li { a href="/dashboard" { (l.t(texts::common::OPD_REPORT_CARD)) }
                     p.small { (l.t(texts::console::FOLLOW_UP_PERFORMANCE_PER_OPD)) } }
            }
        }
    };
    frame(req, c, 200, title, content)
}
