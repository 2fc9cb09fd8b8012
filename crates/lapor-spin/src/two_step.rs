//! Two-step sign-in (TOTP), shared by the API (`/api/v1/auth/two-step/...`, verification) and the pages
//! (`/staff/dua-langkah`, staff-console): the check a sign-in makes ([`passes`]), and the enrolment ([`begin`],
//! [`confirm`]). Storage: `lapor_store::credentials`.

use lapor_core::roles::Staff;
use lapor_core::{account as rules, rate_limit, secret, totp, FieldError};
use lapor_store::action::ActionError;
use lapor_store::credentials as store;
use lapor_store::staff as accounts;
use lapor_store::{limits, Db, StoreError};
use serde::Serialize;

use crate::accounts::Refusal;
use crate::{clock, secrets};

/// Whether a sign-in of `account_id` passes the second step: always for an account without two-step
/// sign-in ([`Check::Off`]); else with a TOTP code not used before, or an unused recovery code (used up here).
///
/// Every try takes a slot of the account's own limit (`rate_limit::TWO_STEP_ACCOUNT`, counted exactly in the
/// database, from any client) before the code is checked, and a right code gives it back: past the limit the
/// answer is [`Check::Limited`], so a known password and many addresses cannot try the million codes.
pub fn passes(db: &dyn Db, account_id: i64, code: Option<&str>, now: i64) -> Result<Check, StoreError> {
    let state = store::two_step(db, account_id)?;
    if !state.enabled {
        return Ok(Check::Off);
    }
    let slot = rate_limit::TWO_STEP_ACCOUNT.slot("two-step-account", &account_id.to_string(), now);
    if !limits::take_within(db, &slot)? {
        return Ok(Check::Limited);
    }
    let (Some(code), Some(secret)) = (code.map(str::trim).filter(|c| !c.is_empty() && c.len() <= 40), state.secret)
    else {
        return Ok(Check::Failed);
    };
    let Some(key) = totp::base32_decode(&secret) else { return Ok(Check::Failed) };
    let passed = match totp::verify(&key, code, now, state.last_step) {
        Some(step) => store::use_two_step_code(db, account_id, step)?,
        None => store::use_recovery_code(db, account_id, &secret::hash_token(&totp::recovery_key(code)), now)?,
    };
    if passed {
        limits::give_back(db, &[&slot])?;
    }
    Ok(if passed { Check::Passed } else { Check::Failed })
}

/// What the two-step check of a sign-in found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
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

fn already_on() -> Refusal {
    Refusal::Action(ActionError::Conflict("masuk dua langkah sudah aktif / two-step sign-in is already on".into()))
}

/// Starts (or restarts) the enrolment of the signed-in account: a new random secret, pending until a first
/// code confirms it. Refused (409) when two-step sign-in is already on.
pub fn begin(db: &dyn Db, who: &Staff) -> Result<Enrolment, Refusal> {
    let secret = totp::base32(&secrets::random::<20>());
    if !store::begin_two_step(db, who.account_id, &secret)? {
        return Err(already_on());
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
        return Err(already_on());
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
