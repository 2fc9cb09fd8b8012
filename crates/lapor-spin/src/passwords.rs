//! Staff passwords, shared by the API (`/api/v1/auth/...`, `/api/v1/admin/accounts/{id}/reset-password`,
//! verification) and the pages (`/staff/sandi`, `/staff/atur-sandi/{token}`, `/staff/akun`, staff-console):
//! one-time set-password links, the owner's change and an admin's reset. Rules: `lapor_core::account`; storage:
//! `lapor_store::credentials`.

use lapor_core::roles::Staff;
use lapor_core::{account as rules, password, rate_limit, secret, texts, FieldError};
use lapor_store::credentials::{self as store, LinkDelivery, LinkPurpose};
use lapor_store::{limits, Db, StoreError};

use crate::accounts::{actor, administered, Refusal};
use crate::sign_in::{argon2_allows, Throttled};
use crate::{clock, secrets, vars};

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
}

/// The full address of the set-password page for a token.
pub fn link_url(token: &str) -> String {
    let base = vars::get("public_base_url").unwrap_or_default();
    format!("{}{}", base.trim_end_matches('/'), rules::link_path(token))
}

fn unusable_link() -> Refusal {
    Refusal::Field(FieldError::new("token", "link_unusable", rules::LINK_UNUSABLE))
}

/// Sets the password behind a link: `Ok(())`, or the field error. The link is used up; every session of the
/// account ends.
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

/// Changes the signed-in account's password; the session `token` stays, every other one ends.
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
    if !argon2_allows(db, now)? {
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

/// Resets the password of an account `who` administers: the old password stops working, every session ends,
/// and the new link is returned (sent by SMS when the account has a phone).
pub fn reset(db: &dyn Db, who: &Staff, id: i64) -> Result<IssuedLink, Refusal> {
    administered(db, who, id)?;
    let now = clock::now();
    let link = IssuedLink::new(store::phone_of(db, id)?.is_some(), now);
    store::reset_password(db, &actor(who), id, &link.delivery(LinkPurpose::Reset, Some(who.account_id)), now)?;
    Ok(link)
}
