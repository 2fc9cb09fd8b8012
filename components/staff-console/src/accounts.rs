//! Account pages (issue 15): change one's own password (`/staff/sandi`), set a password from a one-time
//! link (`/staff/atur-sandi/{token}`, no sign-in), the accounts an admin administers with reset, deactivate
//! and reactivate (`/staff/akun`), and the staff audit of the admin's scope (`/staff/audit`). The same rules
//! and use-case functions as the API (`lapor_spin::{passwords, two_step, accounts}`).

use std::collections::HashMap;

use lapor_core::roles::Role;
use lapor_core::texts;
use lapor_core::time;
use lapor_spin::error::{PageError, PageResult};
use lapor_spin::html::{layout_with_nav, page, Lang};
use lapor_spin::request::Req;
use lapor_store::staff as accounts;
use lapor_store::Db;
use maud::{html, Markup};
use spin_sdk::http::Response;

use lapor_spin::accounts::{self as account, Refusal};
use lapor_spin::console::{form_fields, frame, redirect, Ctx};
use lapor_spin::{passwords, two_step};

/// The message of a refused form field, or the page for any other refusal.
fn field_message(r: Refusal) -> Result<String, PageError> {
    match r {
        Refusal::Field(f) => Ok(f.message),
        other => Err(other.into()),
    }
}

fn error_box(error: Option<&str>) -> Markup {
    html! { @if let Some(e) = error { div.errors role="alert" { p { (e) } } } }
}

/// `GET /staff/sandi`: the form to change one's own password.
pub fn change_form(req: &Req, c: &Ctx, status: u16, error: Option<&str>) -> Response {
    let l = c.lang;
    let title = l.t(texts::accounts::CHANGE_PASSWORD);
    let content = html! {
        h1 { (title) }
        @if req.query_param("ok").as_deref() == Some("password") {
            p.notice role="status" { (l.t(texts::accounts::PASSWORD_CHANGED_ACCOUNT_S_OTHER)) }
        }
        (error_box(error))
        form.stack method="post" action="/staff/sandi" {
            (c.csrf_field())
            label for="old_password" { (l.t(texts::accounts::CURRENT_PASSWORD)) }
            input #old_password type="password" name="old_password" autocomplete="current-password" required;
            label for="new_password" { (l.t(texts::accounts::NEW_PASSWORD_LEAST_10_CHARACTERS)) }
            input #new_password type="password" name="new_password" autocomplete="new-password" minlength="10" maxlength="200" required;
            button type="submit" { (l.t(texts::accounts::CHANGE_PASSWORD)) }
        }
    };
    frame(req, c, status, title, content)
}

/// `POST /staff/sandi`.
pub fn change(req: &Req, db: &dyn Db, c: &Ctx, form: &HashMap<String, String>) -> PageResult {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    match passwords::change(db, &c.staff, &c.token, get("old_password"), get("new_password")) {
        Ok(()) => Ok(redirect(req, "/staff/sandi?ok=password")),
        Err(Refusal::Throttled(t)) => {
            let mut resp = change_form(req, c, t.status, Some(Lang::of(req).t(t.text)));
            resp.set_header("retry-after", t.retry_after);
            Ok(resp)
        }
        Err(r) => Ok(change_form(req, c, 422, Some(&field_message(r)?))),
    }
}

fn set_form(req: &Req, token: &str, status: u16, error: Option<&str>) -> Response {
    let l = Lang::of(req);
    let title = l.t(texts::accounts::SET_YOUR_STAFF_ACCOUNT_PASSWORD);
    let content = html! {
        h1 { (title) }
        (error_box(error))
        p { (l.t(texts::accounts::CHOOSE_YOUR_OWN_PASSWORD_NO)) }
        form.stack method="post" action={ "/staff/atur-sandi/" (token) } {
            label for="password" { (l.t(texts::accounts::NEW_PASSWORD_LEAST_10_CHARACTERS)) }
            input #password type="password" name="password" autocomplete="new-password" minlength="10" maxlength="200" required;
            button type="submit" { (l.t(texts::accounts::SAVE_PASSWORD)) }
        }
    };
    let mut resp = page(req, status, layout_with_nav(l, "/staff/atur-sandi", title, html! {}, content));
    resp.set_header("referrer-policy", "no-referrer");
    resp
}

fn link_gone(req: &Req) -> Response {
    let l = Lang::of(req);
    let title = l.t(texts::accounts::LINK_NOT_VALID);
    let content = html! {
        h1 { (title) }
        p role="alert" { (l.t(texts::accounts::LINK_WAS_USED_HAS_EXPIRED)) }
    };
    page(req, 410, layout_with_nav(l, "/staff/atur-sandi", title, html! {}, content))
}

/// `GET /staff/atur-sandi/{token}`: the form, or "link not valid" (410).
pub fn set_page(req: &Req, db: &dyn Db, token: &str) -> PageResult {
    if !passwords::link_usable(db, token)? {
        return Ok(link_gone(req));
    }
    Ok(set_form(req, token, 200, None))
}

/// `POST /staff/atur-sandi/{token}`: sets the password and sends the owner to sign in.
pub fn set(req: &Req, db: &dyn Db, token: &str) -> PageResult {
    let form = form_fields(req);
    let pw = form.get("password").map(String::as_str).unwrap_or("");
    match passwords::set_by_link(db, token, pw) {
        Ok(()) => Ok(redirect(req, "/staff/masuk")),
        Err(Refusal::Field(f)) if f.code == "link_unusable" => Ok(link_gone(req)),
        Err(r) => Ok(set_form(req, token, 422, Some(&field_message(r)?))),
    }
}

/// `GET /staff/akun`: the accounts the admin administers, with reset, deactivate and reactivate.
pub fn list(req: &Req, db: &dyn Db, c: &Ctx) -> PageResult {
    let l = c.lang;
    let s = &c.staff;
    let list = if s.has_role(Role::NationalAdmin) {
        accounts::list_accounts(db, None)?
    } else if !s.admin_of_instansi().is_empty() {
        let mut all = Vec::new();
        for i in s.admin_of_instansi() {
            all.extend(lapor_store::credentials::accounts_ever_in(db, i)?);
        }
        all.dedup_by_key(|a| a.id);
        all
    } else {
        return Err(PageError::NotFound);
    };
    let mut rows = Vec::new();
    for a in list {
        if s.may_administer_account(a.id, &lapor_store::credentials::recent_roles(db, a.id)?) {
            let roles = accounts::active_assignments(db, a.id)?;
            rows.push((a, roles));
        }
    }
    let title = l.t(texts::accounts::STAFF_ACCOUNTS);
    let notice = match req.query_param("ok").as_deref() {
        Some("deactivated") => Some(l.t(texts::accounts::ACCOUNT_DEACTIVATED_ALL_SESSIONS_ENDED)),
        Some("reactivated") => Some(l.t(texts::accounts::ACCOUNT_REACTIVATED_WITHOUT_ROLES)),
        _ => None,
    };
    let content = html! {
        h1 { (title) }
        @if let Some(n) = notice { p.notice role="status" { (n) } }
        table {
            thead { tr { th { (l.t(texts::common::NAME)) } th { "E-mail" } th { (l.t(texts::accounts::ROLES)) } th { (l.t(texts::common::STATUS)) } th { } } }
            tbody {
                @for (a, roles) in &rows {
                    tr {
                        td { (a.name) }
                        td { (a.email) }
                        td { @for r in roles { (role_label(l, r.role)) " " (r.opd_name.as_deref().or(r.instansi_name.as_deref()).unwrap_or("")) br; } }
                        td { @if a.active { (l.t(texts::accounts::ACTIVE)) } @else { (l.t(texts::accounts::DEACTIVATED)) } }
                        td {
                            @if a.active {
                                form.inline method="post" action={ "/staff/akun/" (a.id) "/reset-sandi" } {
                                    (c.csrf_field()) button.secondary type="submit" { (l.t(texts::accounts::RESET_PASSWORD)) }
                                }
                                form.inline method="post" action={ "/staff/akun/" (a.id) "/nonaktifkan" } {
                                    (c.csrf_field()) button.secondary type="submit" { (l.t(texts::accounts::DEACTIVATE)) }
                                }
                            } @else {
                                form.inline method="post" action={ "/staff/akun/" (a.id) "/aktifkan" } {
                                    (c.csrf_field()) button.secondary type="submit" { (l.t(texts::accounts::REACTIVATE)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(frame(req, c, 200, title, content))
}

/// A role as people read it.
pub fn role_label(l: Lang, r: Role) -> &'static str {
    match r {
        Role::NationalAdmin => l.t(texts::accounts::NATIONAL_ADMIN),
        Role::InstansiAdmin => l.t(texts::accounts::INSTANSI_ADMIN),
        Role::OpdLiaison => l.t(texts::accounts::OPD_LIAISON),
        Role::Inspektorat => l.t(texts::accounts::INSPECTORATE),
        Role::Ombudsman => l.t(texts::common::OMBUDSMAN),
        Role::Leader => l.t(texts::accounts::REGIONAL_LEADER),
    }
}

/// `POST /staff/akun/{id}/nonaktifkan` or `/aktifkan`.
pub fn switch(req: &Req, db: &dyn Db, c: &Ctx, id: &str, on: bool) -> PageResult {
    let id = id.parse().map_err(|_| PageError::NotFound)?;
    account::switch(db, &c.staff, id, on)?;
    Ok(redirect(req, if on { "/staff/akun?ok=reactivated" } else { "/staff/akun?ok=deactivated" }))
}

/// `POST /staff/akun/{id}/reset-sandi`: the old password stops working; the new link is shown once (or sent
/// by SMS to the account's phone).
pub fn reset(req: &Req, db: &dyn Db, c: &Ctx, id: &str) -> PageResult {
    let l = c.lang;
    let id = id.parse().map_err(|_| PageError::NotFound)?;
    let link = passwords::reset(db, &c.staff, id)?;
    let title = l.t(texts::accounts::PASSWORD_RESET);
    let content = html! {
        h1 { (title) }
        p.notice role="status" { (l.t(texts::accounts::OLD_PASSWORD_NO_LONGER_WORKS)) }
        @if link.sms_body.is_some() {
            p { (l.t(texts::accounts::SET_PASSWORD_LINK_WAS_SENT)) }
        } @else {
            p { (l.t(texts::accounts::HAND_LINK_ACCOUNT_S_OWNER)) }
            p { code #set-password-link { (passwords::link_url(&link.token)) } }
        }
        p { a href="/staff/akun" { (l.t(texts::accounts::BACK_ACCOUNTS)) } }
    };
    Ok(frame(req, c, 200, title, content))
}

/// What an audit event means, in words.
fn event_label(l: Lang, kind: &str) -> &'static str {
    match kind {
        "account_created" => l.t(texts::accounts::ACCOUNT_CREATED),
        "assigned" => l.t(texts::accounts::ROLE_GIVEN),
        "unassigned" => l.t(texts::accounts::ROLE_ENDED),
        "moved_away" => l.t(texts::accounts::ASSIGNMENT_MOVED_SOMEONE_ELSE),
        "moved_in" => l.t(texts::accounts::RECEIVED_MOVED_ASSIGNMENT),
        "login" => l.t(texts::accounts::SIGNED),
        "logout" => l.t(texts::accounts::SIGNED_OUT),
        "password_set" => l.t(texts::accounts::PASSWORD_SET_THROUGH_LINK),
        "password_changed" => l.t(texts::accounts::PASSWORD_CHANGED_OWNER),
        "password_reset" => l.t(texts::accounts::PASSWORD_RESET_ADMIN),
        "deactivated" => l.t(texts::accounts::ACCOUNT_DEACTIVATED),
        "reactivated" => l.t(texts::accounts::ACCOUNT_REACTIVATED),
        _ => l.t(texts::accounts::OTHER_CHANGE),
    }
}

/// `GET /staff/audit`: who created, moved, reset, deactivated whom, when (the admin's scope).
pub fn audit(req: &Req, db: &dyn Db, c: &Ctx) -> PageResult {
    let l = c.lang;
    let events = account::events_for(db, &c.staff, 200)?.ok_or(PageError::NotFound)?;
    let mut names: HashMap<i64, String> = HashMap::new();
    let mut name_of = |id: i64| -> Result<String, PageError> {
        if let Some(n) = names.get(&id) {
            return Ok(n.clone());
        }
        let n = accounts::get_account(db, id)?.map(|a| a.name).unwrap_or_else(|| format!("#{id}"));
        names.insert(id, n.clone());
        Ok(n)
    };
    let mut rows = Vec::new();
    for e in &events {
        let actor = match e.actor.strip_prefix("staff:").and_then(|i| i.parse().ok()) {
            Some(id) => name_of(id)?,
            None => l.t(texts::accounts::SYSTEM).to_string(),
        };
        let subject = match e.account_id {
            Some(id) => name_of(id)?,
            None => String::new(),
        };
        rows.push((time::rfc3339(e.at), actor, event_label(l, &e.kind), subject));
    }
    let title = l.t(texts::accounts::ACCOUNT_AUDIT_TRAIL);
    let content = html! {
        h1 { (title) }
        p { (l.t(texts::accounts::WHO_CREATED_MOVED_RESET_DEACTIVATED)) }
        table #audit {
            thead { tr { th { (l.t(texts::accounts::TIME_UTC)) } th { (l.t(texts::common::BY)) } th { (l.t(texts::accounts::EVENT)) } th { (l.t(texts::accounts::ACCOUNT)) } } }
            tbody { @for (at, actor, what, subject) in &rows { tr { td { (at) } td { (actor) } td { (what) } td { (subject) } } } }
        }
    };
    Ok(frame(req, c, 200, title, content))
}

/// `GET /staff/dua-langkah`: whether two-step sign-in is on, and the button to turn it on.
pub fn two_step(req: &Req, db: &dyn Db, c: &Ctx) -> PageResult {
    let l = c.lang;
    let on = lapor_store::credentials::two_step(db, c.staff.account_id)?.enabled;
    let title = l.t(texts::accounts::TWO_STEP_SIGN);
    let content = html! {
        h1 { (title) }
        @if on {
            p.notice role="status" { (l.t(texts::accounts::TWO_STEP_SIGN_ACCOUNT)) }
        } @else {
            @if lapor_core::account::must_enrol(&c.staff, on) {
                p.notice #two-step-required role="alert" { (l.t(texts::accounts::ADMINS_MUST_USE_TWO_STEP)) }
            }
            p { (l.t(texts::accounts::AFTER_PASSWORD_SIGNING_ALSO_ASKS)) }
            form.inline method="post" action="/staff/dua-langkah/mulai" {
                (c.csrf_field())
                button #two-step-start type="submit" { (l.t(texts::accounts::TURN_TWO_STEP_SIGN)) }
            }
        }
    };
    Ok(frame(req, c, 200, title, content))
}

fn confirm_form(c: &Ctx, error: Option<&str>) -> Markup {
    let l = c.lang;
    html! {
        (error_box(error))
        form.stack method="post" action="/staff/dua-langkah/konfirmasi" {
            (c.csrf_field())
            label for="code" { (l.t(texts::accounts::N6_DIGIT_CODE_FROM_APP)) }
            input #code type="text" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required;
            button type="submit" { (l.t(texts::accounts::CONFIRM)) }
        }
    }
}

/// `POST /staff/dua-langkah/mulai`: a new secret for the authenticator app, and the form for its first code.
pub fn two_step_start(req: &Req, db: &dyn Db, c: &Ctx) -> PageResult {
    let l = c.lang;
    let e = two_step::begin(db, &c.staff)?;
    let title = l.t(texts::accounts::TWO_STEP_SIGN);
    let content = html! {
        h1 { (title) }
        p { (l.t(texts::accounts::ADD_ACCOUNT_AUTHENTICATOR_APP_KEY)) }
        p { code #two-step-secret { (e.secret) } }
        p.small { code { (e.otpauth_uri) } }
        (confirm_form(c, None))
    };
    Ok(frame(req, c, 200, title, content))
}

/// `POST /staff/dua-langkah/konfirmasi`: turns two-step sign-in on and shows the recovery codes once.
pub fn two_step_confirm(req: &Req, db: &dyn Db, c: &Ctx, form: &HashMap<String, String>) -> PageResult {
    let l = c.lang;
    let title = l.t(texts::accounts::TWO_STEP_SIGN);
    let code = form.get("code").map(String::as_str).unwrap_or("");
    let codes = match two_step::confirm(db, &c.staff, code) {
        Ok(codes) => codes,
        Err(r) => {
            let m = field_message(r)?;
            return Ok(frame(req, c, 422, title, html! { h1 { (title) } (confirm_form(c, Some(&m))) }));
        }
    };
    let content = html! {
        h1 { (title) }
        p.notice role="status" { (l.t(texts::accounts::TWO_STEP_ON)) }
        p { (l.t(texts::accounts::RECOVERY_CODES_EACH_WORKS_ONCE)) }
        ul #recovery-codes { @for code in &codes { li { code { (code) } } } }
    };
    Ok(frame(req, c, 200, title, content))
}
