//! Account security APIs (issue 15): one-time set-password links, the owner's password change, an admin's
//! reset, deactivation and reactivation, and the staff audit of an admin's scope. Rules:
//! `lapor_core::account` and `lapor_core::roles`; storage: `lapor_store::credentials`.

use lapor_core::roles::{Role, Staff};
use lapor_core::FieldError;
use lapor_core::{account as rules, password, rate_limit, secret, texts, time, totp, ErrorCode};
use lapor_spin::error::{ApiError, ApiResult, PageError};
use lapor_spin::request::Req;
use lapor_spin::{clock, respond, secrets, staff, vars};
use lapor_store::action::ActionError;
use lapor_store::credentials::{self as store, LinkDelivery, LinkPurpose};
use lapor_store::staff::{self as accounts, Account, StaffEvent};
use lapor_store::StoreError;
use lapor_store::{limits, Db};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::auth::{account_json, Throttled};
use crate::path_id;

/// Why an account action was refused, for the API (JSON) and the pages alike.
#[derive(Debug)]
pub enum Refusal {
    /// A broken rule on a field (shown next to the form on a page).
    Field(FieldError),
    /// No such account, or none the caller may administer (the two look the same).
    NotFound,
    Store(StoreError),
    Action(ActionError),
    /// Refused by a limit: too many tries lately, or the app-wide argon2 ceiling is spent.
    Throttled(Throttled),
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        Refusal::Store(e)
    }
}

impl From<ActionError> for Refusal {
    fn from(e: ActionError) -> Self {
        Refusal::Action(e)
    }
}

impl From<Refusal> for ApiError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Field(f) => ApiError::invalid(&[f]),
            Refusal::NotFound => ApiError::new(ErrorCode::NotFound, "akun tidak ditemukan / account not found"),
            Refusal::Store(e) => e.into(),
            Refusal::Action(e) => e.into(),
            Refusal::Throttled(t) => t.json().into(),
        }
    }
}

impl From<Refusal> for PageError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Field(f) => PageError::Action(ActionError::Invalid("form", f.code, f.message)),
            Refusal::NotFound => PageError::NotFound,
            Refusal::Store(e) => PageError::Store(e),
            Refusal::Action(e) => PageError::Action(e),
            // Pages that can be throttled show the text in their own form (console::accounts::change).
            Refusal::Throttled(t) => PageError::Action(ActionError::Conflict(format!("{} / {}", t.text.id, t.text.en))),
        }
    }
}

fn unusable_link() -> Refusal {
    Refusal::Field(FieldError::new("token", "link_unusable", rules::LINK_UNUSABLE))
}

/// A set-password link just made: the token exists only here and in what is handed over (the response to
/// the admin, or the SMS to the account's phone); the store keeps its hash.
pub struct IssuedLink {
    pub token: String,
    pub token_hash: String,
    pub expires_at: i64,
    /// The SMS carrying the link, when the account has a phone (then the admin never sees the token).
    pub sms_body: Option<String>,
}

impl IssuedLink {
    /// A new random link valid for 24 hours; by SMS when `by_sms`.
    pub fn new(by_sms: bool, now: i64) -> IssuedLink {
        let token = secret::token_from_random(secrets::random());
        let token_hash = secret::hash_token(&token);
        let sms_body = by_sms.then(|| rules::link_sms(&link_url(&token)));
        IssuedLink { token, token_hash, expires_at: rules::link_expires_at(now), sms_body }
    }

    /// As the store takes it.
    pub fn delivery(&self, purpose: LinkPurpose, created_by: Option<i64>) -> LinkDelivery<'_> {
        LinkDelivery {
            token_hash: &self.token_hash,
            purpose,
            created_by,
            expires_at: self.expires_at,
            sms_body: self.sms_body.as_deref(),
        }
    }

    /// What the admin learns: the link to hand over, or only that it went by SMS.
    pub fn to_json(&self) -> Value {
        let expires_at = time::rfc3339(self.expires_at);
        if self.sms_body.is_some() {
            json!({ "sent_by_sms": true, "expires_at": expires_at })
        } else {
            json!({ "sent_by_sms": false, "token": self.token, "url": link_url(&self.token), "expires_at": expires_at })
        }
    }
}

/// The full address of the set-password page for a token.
pub fn link_url(token: &str) -> String {
    let base = vars::get("public_base_url").unwrap_or_default();
    format!("{}{}", base.trim_end_matches('/'), rules::link_path(token))
}

#[derive(Deserialize)]
struct SetPassword {
    token: Option<String>,
    password: Option<String>,
}

/// Sets the password behind a link (shared by the API and the page): `Ok(())`, or the field error.
pub fn set_by_link(db: &dyn Db, token: &str, pw: &str) -> Result<(), Refusal> {
    let now = clock::now();
    if !link_usable(db, token)? {
        return Err(unusable_link());
    }
    rules::check_new_password("password", pw).map_err(Refusal::Field)?;
    let stored = password::hash(pw, secrets::random());
    match store::set_password_by_link(db, &secret::hash_token(token), &stored, now)? {
        Some(_) => Ok(()),
        None => Err(unusable_link()),
    }
}

/// Whether a link token is unused, unexpired and for an active account.
pub fn link_usable(db: &dyn Db, token: &str) -> Result<bool, StoreError> {
    Ok(token.len() <= 200 && store::link_account(db, &secret::hash_token(token), clock::now())?.is_some())
}

/// `POST /api/v1/auth/set-password` `{token, password}` (no sign-in: the token is the proof) → 204. The
/// link is used up; every session of the account ends.
pub fn set_password(req: &Req, db: &dyn Db) -> ApiResult {
    let input: SetPassword = staff::body(req)?;
    set_by_link(db, input.token.as_deref().unwrap_or(""), input.password.as_deref().unwrap_or(""))?;
    Ok(respond::with_body(204, "text/plain; charset=utf-8", Vec::new()))
}

#[derive(Deserialize)]
struct ChangePassword {
    old_password: Option<String>,
    new_password: Option<String>,
}

/// Changes the signed-in account's password (shared by the API and the page); the session `token` stays,
/// every other one ends.
///
/// Each try takes a slot of the account's own limit (`rate_limit::PASSWORD_CHANGE_ACCOUNT`, exact, given back on
/// success) and of the app-wide argon2 ceiling before the old password is verified, so a stolen session cannot
/// guess the password behind it.
pub fn change(db: &dyn Db, who: &Staff, token: &str, old: &str, new: &str) -> Result<(), Refusal> {
    let now = clock::now();
    let slot = rate_limit::PASSWORD_CHANGE_ACCOUNT.slot("password-change", &who.account_id.to_string(), now);
    if !limits::take_within(db, &slot)? {
        return Err(Refusal::Throttled(Throttled::limited(texts::console::TOO_MANY_PASSWORD_TRIES)));
    }
    if !crate::auth::argon2_allows(db, now)? {
        return Err(Refusal::Throttled(Throttled::BUSY));
    }
    let stored = store::password_hash(db, who.account_id)?.unwrap_or_default();
    let matches = !stored.is_empty() && password::verify(old, &stored);
    rules::check_change(matches, old, new).map_err(Refusal::Field)?;
    limits::give_back(db, &[&slot])?;
    let hash = password::hash(new, secrets::random());
    store::change_password(db, who.account_id, &secret::hash_token(token), &hash, now)?;
    Ok(())
}

/// `POST /api/v1/auth/password` `{old_password, new_password}` → 204.
pub fn change_password(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require_enrolling(req, db)?.staff;
    let input: ChangePassword = staff::body(req)?;
    let token = req.bearer().unwrap_or_default();
    change(db, &who, token, input.old_password.as_deref().unwrap_or(""), input.new_password.as_deref().unwrap_or(""))?;
    Ok(respond::with_body(204, "text/plain; charset=utf-8", Vec::new()))
}

/// Whether `who` may give account `id` a role or move one to it: their own account (which the store refuses,
/// separation of duties), or one they administer (`Staff::may_administer_account`: the same rule as switching it
/// off and on, so the admin who reactivates a role-less liaison also gives it a role again).
pub fn may_receive(db: &dyn Db, who: &Staff, id: i64) -> Result<bool, StoreError> {
    Ok(id == who.account_id || who.may_administer_account(id, &store::recent_roles(db, id)?))
}

/// An account `who` may deactivate, reactivate or reset (`Staff::may_administer_account`), or 404 exactly as
/// for a missing one.
pub fn administered(db: &dyn Db, who: &Staff, id: i64) -> Result<Account, Refusal> {
    let account = accounts::get_account(db, id)?.ok_or(Refusal::NotFound)?;
    if !who.may_administer_account(id, &store::recent_roles(db, id)?) {
        return Err(Refusal::NotFound);
    }
    Ok(account)
}

fn actor(who: &Staff) -> String {
    format!("staff:{}", who.account_id)
}

/// Resets an account's password (shared by the API and the page): the link made (by SMS when the account
/// has a phone).
pub fn reset(db: &dyn Db, who: &Staff, id: i64) -> Result<IssuedLink, Refusal> {
    administered(db, who, id)?;
    let now = clock::now();
    let link = IssuedLink::new(store::phone_of(db, id)?.is_some(), now);
    store::reset_password(db, &actor(who), id, &link.delivery(LinkPurpose::Reset, Some(who.account_id)), now)?;
    Ok(link)
}

/// `POST /api/v1/admin/accounts/{id}/reset-password` → 200 `{set_password}`: the old password stops
/// working, every session ends, a new one-time link is made.
pub fn reset_password(req: &Req, db: &dyn Db, id: &str) -> ApiResult {
    let who = staff::require(req, db)?;
    let link = reset(db, &who, path_id(id)?)?;
    Ok(respond::json(200, &json!({ "set_password": link.to_json() })))
}

/// `POST /api/v1/admin/accounts/{id}/deactivate` → 200 (the account, inactive): it cannot sign in, its
/// sessions end at once, its assignments end; its history stays.
pub fn deactivate(req: &Req, db: &dyn Db, id: &str) -> ApiResult {
    let who = staff::require(req, db)?;
    let id = path_id(id)?;
    switch(db, &who, id, false)?;
    account_response(db, id)
}

/// `POST /api/v1/admin/accounts/{id}/reactivate` → 200 (the account, active, without roles).
pub fn reactivate(req: &Req, db: &dyn Db, id: &str) -> ApiResult {
    let who = staff::require(req, db)?;
    let id = path_id(id)?;
    switch(db, &who, id, true)?;
    account_response(db, id)
}

/// Deactivates (`on` false) or reactivates an account `who` administers (shared by the API and the page).
pub fn switch(db: &dyn Db, who: &Staff, id: i64, on: bool) -> Result<(), Refusal> {
    administered(db, who, id)?;
    if on {
        store::reactivate(db, &actor(who), id, clock::now())?;
    } else {
        store::deactivate(db, &actor(who), id, clock::now())?;
    }
    Ok(())
}

fn account_response(db: &dyn Db, id: i64) -> ApiResult {
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

/// The newest staff events `who` may read (shared by the API and the page): all (national admin), or those
/// about the accounts whose look-up they may read (`Staff::may_see_account`: their own, and the accounts of
/// their instansi by active roles or, with none, the last ones — an account that moved to another instansi
/// leaves their audit with its whole trail); `None` for anyone else.
pub fn events_for(db: &dyn Db, who: &Staff, limit: i64) -> Result<Option<Vec<StaffEvent>>, StoreError> {
    Ok(match visible_accounts(db, who)? {
        None => None,
        Some(ids) => Some(store::events(db, ids.as_deref(), limit)?),
    })
}

/// The accounts whose look-up `who` may read (`Staff::may_see_account`), for the account list and the audit:
/// `Some(None)` every account (national admin); `Some(Some(ids))` an instansi admin's own and those of their
/// instansi (candidates: the accounts that hold or held a role there, judged by their active or last roles);
/// `None` for anyone else.
pub fn visible_accounts(db: &dyn Db, who: &Staff) -> Result<Option<Option<Vec<i64>>>, StoreError> {
    if who.has_role(Role::NationalAdmin) {
        return Ok(Some(None));
    }
    let instansi = who.admin_of_instansi();
    if instansi.is_empty() {
        return Ok(None);
    }
    let mut ids = vec![who.account_id];
    for i in instansi {
        for (account, roles) in store::recent_roles_ever_in(db, i)? {
            if who.may_see_account(account, &roles) && !ids.contains(&account) {
                ids.push(account);
            }
        }
    }
    Ok(Some(Some(ids)))
}

/// `GET /api/v1/admin/events?limit=` (admins) → `{events: [...]}`, newest first.
pub fn events(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require(req, db)?;
    let limit = req.query_param("limit").and_then(|l| l.parse().ok()).unwrap_or(100i64).clamp(1, 500);
    let list = events_for(db, &who, limit)?.ok_or_else(staff::forbidden)?;
    let views: Vec<EventView> = list.iter().map(EventView::from).collect();
    Ok(respond::json(200, &json!({ "events": views })))
}

/// Whether a sign-in of `account_id` passes the second step: always for an account without two-step
/// sign-in ([`TwoStepCheck::Off`]); else with a TOTP code not used before, or an unused recovery code (used up
/// here).
///
/// Every try takes a slot of the account's own limit (`rate_limit::TWO_STEP_ACCOUNT`, counted exactly in the
/// database, from any client) before the code is checked, and a right code gives it back: past the limit the
/// answer is [`TwoStepCheck::Limited`], so a known password and many addresses cannot try the million codes.
pub fn two_step_passes(db: &dyn Db, account_id: i64, code: Option<&str>, now: i64) -> Result<TwoStepCheck, StoreError> {
    let state = store::two_step(db, account_id)?;
    if !state.enabled {
        return Ok(TwoStepCheck::Off);
    }
    let slot = rate_limit::TWO_STEP_ACCOUNT.slot("two-step-account", &account_id.to_string(), now);
    if !limits::take_within(db, &slot)? {
        return Ok(TwoStepCheck::Limited);
    }
    let (Some(code), Some(secret)) = (code.map(str::trim).filter(|c| !c.is_empty() && c.len() <= 40), state.secret)
    else {
        return Ok(TwoStepCheck::Failed);
    };
    let Some(key) = totp::base32_decode(&secret) else { return Ok(TwoStepCheck::Failed) };
    let passed = match totp::verify(&key, code, now, state.last_step) {
        Some(step) => store::use_two_step_code(db, account_id, step)?,
        None => store::use_recovery_code(db, account_id, &secret::hash_token(&totp::recovery_key(code)), now)?,
    };
    if passed {
        limits::give_back(db, &[&slot])?;
    }
    Ok(if passed { TwoStepCheck::Passed } else { TwoStepCheck::Failed })
}

/// What the two-step check of a sign-in found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TwoStepCheck {
    /// The account has no two-step sign-in: the password is enough.
    Off,
    /// Two-step sign-in is on and the code (or a recovery code) is right.
    Passed,
    /// Two-step sign-in is on and the code is missing or wrong.
    Failed,
    /// Too many wrong codes on this account lately: not checked.
    Limited,
}

/// A pending enrolment: the secret for the authenticator app.
#[derive(Serialize)]
pub struct Enrolment {
    pub secret: String,
    pub otpauth_uri: String,
}

/// Starts (or restarts) the enrolment of the signed-in account: a new random secret, pending until a first
/// code confirms it. Refused (409) when two-step sign-in is already on.
pub fn begin(db: &dyn Db, who: &Staff) -> Result<Enrolment, Refusal> {
    let secret = totp::base32(&secrets::random::<20>());
    if !store::begin_two_step(db, who.account_id, &secret)? {
        return Err(Refusal::Action(ActionError::Conflict(
            "masuk dua langkah sudah aktif / two-step sign-in is already on".into(),
        )));
    }
    let email = accounts::get_account(db, who.account_id)?.map(|a| a.email).unwrap_or_default();
    Ok(Enrolment { otpauth_uri: totp::otpauth_uri(&email, &secret), secret })
}

/// Confirms the enrolment with a first code: two-step sign-in is on, and the recovery codes (shown once) are
/// returned.
pub fn confirm(db: &dyn Db, who: &Staff, code: &str) -> Result<Vec<String>, Refusal> {
    let state = store::two_step(db, who.account_id)?;
    let wrong = || Refusal::Field(FieldError::new("code", "wrong_code", rules::WRONG_TWO_STEP_CODE));
    if state.enabled {
        return Err(Refusal::Action(ActionError::Conflict(
            "masuk dua langkah sudah aktif / two-step sign-in is already on".into(),
        )));
    }
    let key = state.secret.as_deref().and_then(totp::base32_decode).ok_or_else(wrong)?;
    let step = totp::verify(&key, code, clock::now(), None).ok_or_else(wrong)?;
    let codes: Vec<String> = (0..totp::RECOVERY_CODES).map(|_| totp::recovery_code(secrets::random::<10>())).collect();
    let hashes: Vec<String> = codes.iter().map(|c| secret::hash_token(&totp::recovery_key(c))).collect();
    if !store::enable_two_step(db, who.account_id, step, &hashes, clock::now())? {
        return Err(wrong());
    }
    Ok(codes)
}

/// `POST /api/v1/auth/two-step/enrol` → 200 `{secret, otpauth_uri}`.
pub fn enrol(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require_enrolling(req, db)?.staff;
    let e = begin(db, &who)?;
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
    let codes = confirm(db, &who, input.code.as_deref().unwrap_or(""))?;
    Ok(respond::json(200, &json!({ "recovery_codes": codes })))
}
