//! Liaison assignments of the instansi the caller administers (`/staff/penghubung`): who holds which OPD,
//! a form to create the successor's own account, and the handover that *moves* an assignment to it (the
//! old holder loses access at once; nothing depends on a shared password).

use std::collections::HashMap;

use lapor_core::roles::Role;
use lapor_core::{password, FieldError};
use lapor_spin::request::Req;
use lapor_spin::{clock, secrets, try_store};
use lapor_store::action::ActionError;
use lapor_store::staff as accounts;
use lapor_store::Db;
use maud::html;
use spin_sdk::http::Response;

use super::{action_error_page, field, frame, redirect, Ctx};

fn actor(c: &Ctx) -> String {
    format!("staff:{}", c.staff.account_id)
}

/// `GET /staff/penghubung`.
pub fn show(req: &Req, db: &dyn Db, c: &Ctx) -> Response {
    let l = c.lang;
    let instansi = c.staff.admin_of_instansi();
    if instansi.is_empty() {
        let t = l.t("Tidak diizinkan", "Not allowed");
        return frame(req, c, 403, t, html! { h1 { (t) } });
    }
    let mut rows = Vec::new();
    for i in &instansi {
        for a in try_store!(accounts::list_accounts(db, Some(*i)), "accounts") {
            for s in try_store!(accounts::active_assignments(db, a.id), "assignments") {
                if s.role == Role::OpdLiaison && s.instansi_id == Some(*i) {
                    rows.push((a.clone(), s));
                }
            }
        }
    }
    let done = super::notice(req, l);
    let title = l.t("Penghubung OPD", "OPD liaisons");
    let content = html! {
        h1 { (title) }
        @if let Some(d) = done { p.notice role="status" { (d) } }
        p { (l.t("Saat penghubung dimutasi, pindahkan tugasnya ke akun penggantinya sendiri. Jangan berbagi kata sandi.",
                 "When a liaison is transferred, move the assignment to the successor's own account. Never share passwords.")) }
        @if rows.is_empty() { p { (l.t("Belum ada penghubung.", "No liaisons yet.")) } }
        @for (a, s) in &rows {
            section.card {
                h2 { (s.opd_name.as_deref().unwrap_or("OPD")) }
                p { (a.name) " · " (a.email) }
                form.stack method="post" action={ "/staff/penghubung/" (s.id) "/pindah" } {
                    (c.csrf_field())
                    label for={ "to-" (s.id) } { (l.t("Pindahkan ke akun (e-mail pengganti)", "Move to account (successor's e-mail)")) }
                    input id={ "to-" (s.id) } type="email" name="email" required;
                    button type="submit" { (l.t("Pindahkan tugas", "Move assignment")) }
                }
            }
        }
        h2 { (l.t("Akun baru untuk pengganti", "New account for a successor")) }
        form.stack method="post" action="/staff/penghubung/akun" {
            (c.csrf_field())
            label for="new-name" { (l.t("Nama", "Name")) }
            input #new-name type="text" name="name" maxlength="200" required;
            label for="new-email" { "E-mail" }
            input #new-email type="email" name="email" required;
            label for="new-password" { (l.t("Kata sandi awal (min. 12 karakter)", "Initial password (at least 12 characters)")) }
            input #new-password type="password" name="password" autocomplete="new-password" required;
            button type="submit" { (l.t("Buat akun", "Create account")) }
        }
    };
    frame(req, c, 200, title, content)
}

/// `POST /staff/penghubung/akun`: a new account without a role (the handover then moves one to it).
pub fn create(req: &Req, db: &dyn Db, c: &Ctx, form: &HashMap<String, String>) -> Response {
    if !c.staff.may_create_accounts() {
        let t = c.lang.t("Tidak diizinkan", "Not allowed");
        return frame(req, c, 403, t, html! { h1 { (t) } });
    }
    let email = field(form, "email").unwrap_or("").to_lowercase();
    let invalid = |f: FieldError| action_error_page(req, c, ActionError::Invalid("account", "invalid", f.message));
    if !lapor_core::report::is_email(&email) {
        return invalid(FieldError::new(
            "email",
            "invalid_email",
            "alamat e-mail tidak valid / invalid e-mail address",
        ));
    }
    let Some(name) = field(form, "name").filter(|n| n.chars().count() <= 200) else {
        return invalid(FieldError::new("name", "required", "nama wajib diisi / name required"));
    };
    let pw = form.get("password").cloned().unwrap_or_default();
    if let Err(f) = password::validate("password", &pw) {
        return invalid(f);
    }
    let hash = password::hash(&pw, secrets::random());
    match accounts::create_account(db, &actor(c), &email, name, &hash, clock::now()) {
        Ok(_) => redirect(req, "/staff/penghubung?ok=account"),
        Err(e) => action_error_page(req, c, e),
    }
}

/// `POST /staff/penghubung/{assignment_id}/pindah`: the handover.
pub fn move_to(req: &Req, db: &dyn Db, c: &Ctx, id: &str, form: &HashMap<String, String>) -> Response {
    let Ok(id) = id.parse::<i64>() else { return action_error_page(req, c, ActionError::NotFound("assignment")) };
    let Some(a) = try_store!(accounts::get_assignment(db, id), "assignment").filter(|a| a.active) else {
        return action_error_page(req, c, ActionError::NotFound("assignment"));
    };
    if !c.staff.may_manage_assignment(a.role, a.instansi_id) {
        return action_error_page(req, c, ActionError::NotFound("assignment"));
    }
    let email = field(form, "email").unwrap_or("").to_lowercase();
    let Some((to, _)) = try_store!(accounts::find_for_login(db, &email), "find account") else {
        return action_error_page(req, c, ActionError::NotFound("account"));
    };
    match accounts::move_assignment(db, &actor(c), a.id, to.id, clock::now()) {
        Ok(_) => redirect(req, "/staff/penghubung?ok=moved"),
        Err(e) => action_error_page(req, c, e),
    }
}
