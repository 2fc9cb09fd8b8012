//! Account security APIs (issue 15): one-time set-password links, the owner's password change, an admin's
//! reset, deactivation and reactivation, two-step enrolment, and the staff audit of an admin's scope. Each
//! handler decodes, calls the use-case function the console calls too (`lapor_spin::{passwords, two_step,
//! accounts}`, where the permission check is made) and encodes.

use lapor_core::time;
use lapor_spin::accounts as account;
use lapor_spin::error::{ApiError, ApiResult};
use lapor_spin::passwords::{self, link_url, IssuedLink};
use lapor_spin::request::Req;
use lapor_spin::{respond, staff, two_step};
use lapor_store::staff::{self as accounts, StaffEvent};
use lapor_store::Db;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::auth::account_json;
use crate::path_id;

/// What the admin learns of a new set-password link: the link to hand over, or only that it went by SMS.
pub fn link_json(link: &IssuedLink) -> Value {
    let expires_at = time::rfc3339(link.expires_at);
    if link.sms_body.is_some() {
        json!({ "sent_by_sms": true, "expires_at": expires_at })
    } else {
        json!({ "sent_by_sms": false, "token": link.token, "url": link_url(&link.token), "expires_at": expires_at })
    }
}

#[derive(Deserialize)]
struct SetPassword {
    token: Option<String>,
    password: Option<String>,
}

/// `POST /api/v1/auth/set-password` `{token, password}` (no sign-in: the token is the proof) → 204. The
/// link is used up; every session of the account ends.
pub fn set_password(req: &Req, db: &dyn Db) -> ApiResult {
    let input: SetPassword = staff::body(req)?;
    passwords::set_by_link(db, input.token.as_deref().unwrap_or(""), input.password.as_deref().unwrap_or(""))?;
    Ok(respond::with_body(204, "text/plain; charset=utf-8", Vec::new()))
}

#[derive(Deserialize)]
struct ChangePassword {
    old_password: Option<String>,
    new_password: Option<String>,
}

/// `POST /api/v1/auth/password` `{old_password, new_password}` → 204.
pub fn change_password(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require_enrolling(req, db)?.staff;
    let input: ChangePassword = staff::body(req)?;
    let token = req.bearer().unwrap_or_default();
    let (old, new) = (input.old_password.as_deref().unwrap_or(""), input.new_password.as_deref().unwrap_or(""));
    passwords::change(db, &who, token, old, new)?;
    Ok(respond::with_body(204, "text/plain; charset=utf-8", Vec::new()))
}

/// `POST /api/v1/admin/accounts/{id}/reset-password` → 200 `{set_password}`: the old password stops
/// working, every session ends, a new one-time link is made.
pub fn reset_password(req: &Req, db: &dyn Db, id: &str) -> ApiResult {
    let who = staff::require(req, db)?;
    let link = passwords::reset(db, &who, path_id(id)?)?;
    Ok(respond::json(200, &json!({ "set_password": link_json(&link) })))
}

/// `POST /api/v1/admin/accounts/{id}/deactivate` → 200 (the account, inactive): it cannot sign in, its
/// sessions end at once, its assignments end; its history stays.
pub fn deactivate(req: &Req, db: &dyn Db, id: &str) -> ApiResult {
    switch(req, db, id, false)
}

/// `POST /api/v1/admin/accounts/{id}/reactivate` → 200 (the account, active, without roles).
pub fn reactivate(req: &Req, db: &dyn Db, id: &str) -> ApiResult {
    switch(req, db, id, true)
}

fn switch(req: &Req, db: &dyn Db, id: &str, on: bool) -> ApiResult {
    let who = staff::require(req, db)?;
    let id = path_id(id)?;
    account::switch(db, &who, id, on)?;
    let account = accounts::get_account(db, id)?.ok_or_else(ApiError::not_found)?;
    Ok(respond::json(200, &account_json(&account, &accounts::active_assignments(db, id)?)))
}

/// One line of the staff audit.
#[derive(Serialize)]
pub struct EventView {
    pub at: String,
    pub actor: String,
    pub kind: String,
    pub account_id: Option<i64>,
    pub assignment_id: Option<i64>,
    pub detail: Option<Value>,
}

impl From<&StaffEvent> for EventView {
    fn from(e: &StaffEvent) -> Self {
        EventView {
            at: time::rfc3339(e.at),
            actor: e.actor.clone(),
            kind: e.kind.clone(),
            account_id: e.account_id,
            assignment_id: e.assignment_id,
            detail: e.detail.as_deref().and_then(|d| serde_json::from_str(d).ok()),
        }
    }
}

/// `GET /api/v1/admin/events?limit=` (admins) → `{events: [...]}`, newest first.
pub fn events(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require(req, db)?;
    let limit = req.query_param("limit").and_then(|l| l.parse().ok()).unwrap_or(100i64).clamp(1, 500);
    let list = account::events_for(db, &who, limit)?.ok_or_else(staff::forbidden)?;
    let views: Vec<EventView> = list.iter().map(EventView::from).collect();
    Ok(respond::json(200, &json!({ "events": views })))
}

/// `POST /api/v1/auth/two-step/enrol` → 200 `{secret, otpauth_uri}`.
pub fn enrol(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require_enrolling(req, db)?.staff;
    let e = two_step::begin(db, &who)?;
    Ok(respond::json(200, &serde_json::to_value(&e).unwrap_or_default()))
}

#[derive(Deserialize)]
struct Confirm {
    code: Option<String>,
}

/// `POST /api/v1/auth/two-step/confirm` `{code}` → 200 `{recovery_codes}` (shown this once).
pub fn confirm_enrolment(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require_enrolling(req, db)?.staff;
    let input: Confirm = staff::body(req)?;
    let codes = two_step::confirm(db, &who, input.code.as_deref().unwrap_or(""))?;
    Ok(respond::json(200, &json!({ "recovery_codes": codes })))
}
