//! Liaison assignments of the instansi the caller administers (`/staff/penghubung`): who holds which OPD,
//! and the handover that *moves* an assignment to the successor — another liaison account of the instansi,
//! or the successor's own new account created together with the role (the old holder loses access at once;
//! nothing depends on a shared password).

use std::collections::HashMap;

use lapor_core::roles::Role;
use lapor_core::texts;
use lapor_spin::clock;
use lapor_spin::error::PageResult;
use lapor_spin::request::Req;
use lapor_store::action::ActionError;
use lapor_store::staff as accounts;
use lapor_store::Db;
use maud::html;

use lapor_spin::accounts::{self as account, AccountInput};
use lapor_spin::console::{action_error_page, field, frame, notice, refused, Ctx};
use lapor_spin::passwords::{self, IssuedLink};

/// `GET /staff/penghubung`.
pub fn show(req: &Req, db: &dyn Db, c: &Ctx) -> PageResult {
    let l = c.lang;
    let instansi = c.staff.admin_of_instansi();
    if instansi.is_empty() {
        let t = l.t(texts::common::NOT_ALLOWED);
        return Ok(frame(req, c, 403, t, html! { h1 { (t) } }));
    }
    let mut rows = Vec::new();
    for i in &instansi {
        for a in accounts::list_accounts(db, Some(*i))? {
            for s in accounts::active_assignments(db, a.id)? {
                if s.role == Role::OpdLiaison && s.instansi_id == Some(*i) {
                    rows.push((a.clone(), s));
                }
            }
        }
    }
    let done = notice(req, l);
    let title = l.t(texts::console::OPD_LIAISONS);
    let content = html! {
        h1 { (title) }
        @if let Some(d) = done { p.notice role="status" { (d) } }
        p { (l.t(texts::console::WHEN_LIAISON_TRANSFERRED_MOVE_ASSIGNMENT)) }
        @if rows.is_empty() { p { (l.t(texts::console::NO_LIAISONS_YET)) } }
        @for (a, s) in &rows {
            section.card {
                h2 { (s.opd_name.as_deref().unwrap_or("OPD")) }
                p { (a.name) " · " (a.email) }
                form.stack method="post" action={ "/staff/penghubung/" (s.id) "/pindah" } {
                    (c.csrf_field())
                    label for={ "to-" (s.id) } { (l.t(texts::console::MOVE_ANOTHER_LIAISON_ACCOUNT_INSTANSI)) }
                    input id={ "to-" (s.id) } type="email" name="email" required;
                    button type="submit" { (l.t(texts::console::MOVE_ASSIGNMENT)) }
                }
                form.stack method="post" action={ "/staff/penghubung/" (s.id) "/pengganti" } {
                    (c.csrf_field())
                    p.small { (l.t(texts::console::HAND_OVER_NEW_ACCOUNT_SUCCESSOR)) }
                    label for={ "new-name-" (s.id) } { (l.t(texts::common::NAME)) }
                    input id={ "new-name-" (s.id) } type="text" name="name" maxlength="200" required;
                    label for={ "new-email-" (s.id) } { "E-mail" }
                    input id={ "new-email-" (s.id) } type="email" name="email" required;
                    label for={ "new-phone-" (s.id) } { (l.t(texts::console::MOBILE_NUMBER_OPTIONAL_SET_PASSWORD)) }
                    input id={ "new-phone-" (s.id) } type="tel" name="phone" autocomplete="off";
                    button type="submit" { (l.t(texts::console::HAND_OVER_NEW_ACCOUNT)) }
                }
            }
        }
    };
    Ok(frame(req, c, 200, title, content))
}

/// The active assignment `id` the caller may manage, or the refusal page (the same for a missing one).
fn managed(db: &dyn Db, c: &Ctx, id: &str) -> Result<accounts::AssignmentView, ActionError> {
    let id = id.parse::<i64>().map_err(|_| ActionError::NotFound("assignment"))?;
    let a = accounts::get_assignment(db, id)?.filter(|a| a.active).ok_or(ActionError::NotFound("assignment"))?;
    if !c.staff.may_manage_assignment(a.role, a.instansi_id) {
        return Err(ActionError::NotFound("assignment"));
    }
    Ok(a)
}

/// `POST /staff/penghubung/{assignment_id}/pindah`: the handover to an existing account, which must be one
/// the caller manages (a liaison of their instansi). Any other address — unknown, or someone else's — gets
/// the same "account not found", so the form tells nothing about addresses outside one's scope.
pub fn move_to(req: &Req, db: &dyn Db, c: &Ctx, id: &str, form: &HashMap<String, String>) -> PageResult {
    let a = match managed(db, c, id) {
        Ok(a) => a,
        Err(e) => return Ok(action_error_page(req, c, e)),
    };
    let email = field(form, "email").unwrap_or("");
    let target = accounts::find_by_email(db, email)?.filter(|t| t.active);
    let Some(to) = target else { return Ok(action_error_page(req, c, ActionError::NotFound("account"))) };
    if !account::may_receive(db, &c.staff, to.id)? {
        return Ok(action_error_page(req, c, ActionError::NotFound("account")));
    }
    let by = Some(c.staff.account_id);
    match accounts::move_assignment(
        db,
        &account::actor(&c.staff),
        by,
        a.id,
        accounts::MoveTo::Account(to.id),
        clock::now(),
    ) {
        Ok(_) => handed_over(req, db, c, &a, None),
        Err(ActionError::Invalid(_, "separation_of_duties", m)) => Ok(refused(req, c, 422, &m)),
        Err(e) => Ok(action_error_page(req, c, e)),
    }
}

/// `POST /staff/penghubung/{assignment_id}/pengganti`: the handover to the successor's new account, created
/// together with the moved role in one transaction (there is no account without a role).
pub fn hand_over_to_new(req: &Req, db: &dyn Db, c: &Ctx, id: &str, form: &HashMap<String, String>) -> PageResult {
    let a = match managed(db, c, id) {
        Ok(a) => a,
        Err(e) => return Ok(action_error_page(req, c, e)),
    };
    let input = match AccountInput::parse(field(form, "email"), field(form, "name"), field(form, "phone")) {
        Ok(i) => i,
        Err(f) => return Ok(action_error_page(req, c, ActionError::Invalid("account", "invalid", f.message))),
    };
    let unavailable = || {
        action_error_page(
            req,
            c,
            ActionError::Invalid(
                "email",
                "email_unavailable",
                "alamat ini tidak dapat dipakai untuk akun baru; hubungi admin nasional / this address cannot be used for a new account; ask the national admin".into(),
            ),
        )
    };
    if accounts::find_by_email(db, &input.email)?.is_some() {
        return Ok(unavailable());
    }
    let now = clock::now();
    let link = input.link(now);
    let account = input.as_new(&link, c.staff.account_id);
    let to = accounts::MoveTo::NewAccount { created_by: c.staff.account_id, account: &account };
    match accounts::move_assignment(db, &account::actor(&c.staff), Some(c.staff.account_id), a.id, to, now) {
        Ok(_) => handed_over(req, db, c, &a, Some(&link)),
        Err(ActionError::Invalid(_, "email_taken", _)) => Ok(unavailable()),
        Err(e) => Ok(action_error_page(req, c, e)),
    }
}

/// The page after a handover: the assignment moved, the successor's one-time link (shown once, unless it
/// went by SMS), and the offer to deactivate the old holder's account (`/staff/akun/{id}/nonaktifkan`).
fn handed_over(
    req: &Req,
    db: &dyn Db,
    c: &Ctx,
    moved: &accounts::AssignmentView,
    link: Option<&IssuedLink>,
) -> PageResult {
    let l = c.lang;
    let old = accounts::get_account(db, moved.account_id)?.filter(|a| a.active);
    let still_has_roles = !accounts::active_roles(db, moved.account_id)?.is_empty();
    let title = l.t(texts::console::ASSIGNMENT_MOVED);
    let content = html! {
        h1 { (title) }
        p.notice role="status" {
            (l.fill(texts::console::LIAISON_ASSIGNMENT_MOVED, &[("opd", &moved.opd_name.as_deref().unwrap_or("OPD"))]))
        }
        @if let Some(link) = link {
            section.card {
                h2 { (l.t(texts::console::SET_PASSWORD_LINK_SUCCESSOR)) }
                @if link.sms_body.is_some() {
                    p { (l.t(texts::console::LINK_WAS_SENT_SMS_SUCCESSOR)) }
                } @else {
                    p { (l.t(texts::console::HAND_LINK_SUCCESSOR_PERSON_SHOWN)) }
                    p { code #set-password-link { (passwords::link_url(&link.token)) } }
                }
            }
        }
        @if let Some(old) = old.filter(|_| !still_has_roles) {
            section.card {
                h2 { (l.t(texts::console::DEACTIVATE_OLD_ACCOUNT_QUESTION)) }
                p { (l.fill(texts::console::NO_LONGER_HOLDS_ANY_ASSIGNMENT, &[("name", &old.name)])) }
                form.inline method="post" action={ "/staff/akun/" (old.id) "/nonaktifkan" } {
                    (c.csrf_field())
                    button #deactivate-old type="submit" { (l.t(texts::console::DEACTIVATE_OLD_ACCOUNT_BUTTON)) }
                }
            }
        }
        p { a href="/staff/penghubung" { (l.t(texts::console::BACK_LIAISONS)) } }
    };
    Ok(frame(req, c, 200, title, content))
}
