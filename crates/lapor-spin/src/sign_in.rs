//! Staff sign-in, shared by the API (`POST /api/v1/auth/login`, verification) and the sign-in page
//! (`POST /staff/masuk`, staff-console), which only decode the form and encode the [`SignIn`]. The first
//! national admin comes from the `bootstrap_admin_email` and `bootstrap_admin_password` variables, created once
//! in the life of the app on a sign-in attempt with that e-mail.

use lapor_core::{password, rate_limit, secret, texts, ErrorCode};
use lapor_store::action::ActionError;
use lapor_store::staff::{self as accounts, Account};
use lapor_store::{limits, Db, StoreError};
use spin_sdk::http::Response;

use crate::two_step::{self, Check};
use crate::{clock, respond, secrets, vars};

/// Creates the first national admin from the bootstrap variables, once in the life of the app, on a sign-in
/// attempt with the bootstrap e-mail. After that (recorded in the database) the variables no longer matter,
/// even when no national admin is left.
fn bootstrap(db: &dyn Db, attempted_email: &str, now: i64) -> Result<(), ActionError> {
    let (Some(email), Some(pw)) = (vars::get("bootstrap_admin_email"), vars::get("bootstrap_admin_password")) else {
        return Ok(());
    };
    let Ok(email) = lapor_core::email::normalize(&email) else {
        eprintln!("error: bootstrap_admin_email is not a usable e-mail address; no bootstrap");
        return Ok(());
    };
    if email != lapor_core::email::lookup_key(attempted_email) {
        return Ok(());
    }
    if accounts::bootstrap_done(db)? {
        return Ok(());
    }
    let hash = password::hash(&pw, secrets::random());
    accounts::bootstrap_national_admin(db, &email, &hash, now).map(|_| ())
}

/// The app-wide ceiling on password verifications per minute (variable `login_argon2_per_minute`).
fn argon2_per_minute() -> u64 {
    vars::get("login_argon2_per_minute").and_then(|v| v.trim().parse().ok()).unwrap_or(rate_limit::ARGON2_PER_MINUTE)
}

/// Takes a slot of an app-wide ceiling (`scope` names it); whether it was within.
fn ceiling_allows(db: &dyn Db, ceiling: rate_limit::RateLimit, scope: &str, now: i64) -> Result<bool, StoreError> {
    limits::take_within(db, &ceiling.slot(scope, "all", now))
}

/// Takes a slot of the real accounts' argon2 ceiling: whether a verification may run now. Used by sign-in and
/// by the password change ([`crate::passwords::change`]).
pub fn argon2_allows(db: &dyn Db, now: i64) -> Result<bool, StoreError> {
    ceiling_allows(db, rate_limit::argon2_ceiling(argon2_per_minute()), "argon2", now)
}

/// Checks an e-mail and password (creating the bootstrap admin first if due) and opens a session. The same
/// work is done, as far as timing shows, whether or not the account exists.
///
/// Limits, counted exactly in the database (`lapor_store::limits`), each attempt taking its slot *before* any
/// password is verified, and a success giving its slots back (so only failures count):
/// - per client (`client`, from the address Spin set: `Req::client_subject`) and per account from that client:
///   a client over either is throttled ([`SignIn::Throttled`]), while the right password from any other client
///   still gets in, so no one can lock an account out;
/// - the app-wide ceiling on verifications of real accounts' passwords per minute: past it only a client with
///   no failure in its window is verified ([`Throttled::BUSY`] for the others), so a flood cannot keep a staff
///   member who types the right password out;
/// - sign-ins for e-mails with no account verify a decoy under a ceiling of their own and, past it, wait
///   instead: they never spend the real accounts' ceiling;
/// - two-step codes per account, from any client ([`two_step::passes`]).
pub fn sign_in(
    db: &dyn Db,
    client: &str,
    email: &str,
    pw: &str,
    two_step_code: Option<&str>,
) -> Result<SignIn, ActionError> {
    let now = clock::now();
    let key = lapor_core::email::lookup_key(email);
    let per_client = rate_limit::LOGIN_CLIENT.slot("login-client", client, now);
    let per_account = rate_limit::LOGIN_ACCOUNT_CLIENT.slot("login-account-client", &format!("{key}\n{client}"), now);
    let counts = limits::take(db, &[&per_client, &per_account])?;
    if !per_client.allows(counts[0]) || !per_account.allows(counts[1]) {
        return Ok(SignIn::Throttled(Throttled::limited(texts::console::TOO_MANY_SIGN_IN_ATTEMPTS)));
    }
    let clean = counts[0] == 1;
    bootstrap(db, email, now)?;
    let found = accounts::find_for_login(db, email)?;
    let ok = match &found {
        Some((_, hash)) if !hash.is_empty() => {
            if !argon2_allows(db, now)? && !clean {
                return Ok(SignIn::Throttled(Throttled::BUSY));
            }
            password::verify(pw, hash)
        }
        // No such account, or one whose owner has not set a password yet (""): a decoy verification.
        _ => {
            let decoys = rate_limit::decoy_ceiling(argon2_per_minute());
            if ceiling_allows(db, decoys, "argon2-decoy", now)? {
                password::verify(pw, password::DECOY_HASH);
            } else {
                clock::wait_ms(rate_limit::DECOY_WAIT_MS);
            }
            false
        }
    };
    let Some((account, _)) = found.filter(|_| ok) else {
        return Ok(SignIn::Wrong);
    };
    // With two-step sign-in on, the password alone is not enough: a code (or a recovery code) is needed, and a
    // wrong one counts as a failure like a wrong password.
    let two_step_on = match two_step::passes(db, account.id, two_step_code, now)? {
        Check::Off => false,
        Check::Passed => true,
        Check::Failed => return Ok(SignIn::NeedsCode),
        Check::Limited => return Ok(SignIn::Throttled(Throttled::limited(texts::console::TOO_MANY_TWO_STEP_CODES))),
    };
    limits::give_back(db, &[&per_client, &per_account])?;
    let token = secret::token_from_random(secrets::random());
    let expires_at = accounts::create_session(db, account.id, &token, now)?;
    Ok(SignIn::In(SignedIn { account, token, expires_at, two_step_on }))
}

/// The outcome of a sign-in attempt.
pub enum SignIn {
    /// Signed in.
    In(SignedIn),
    /// Wrong e-mail or password.
    Wrong,
    /// The password is right but the account has two-step sign-in and the code is missing or wrong.
    NeedsCode,
    /// Refused by a limit: this client's sign-in limits, the account's two-step limit, or the app-wide argon2
    /// ceiling.
    Throttled(Throttled),
}

/// An attempt (a sign-in, a password change) refused by a limit: its status, `Retry-After` and the text to show.
/// The API answers it as JSON ([`Throttled::json`]); the pages show the text in their own form.
#[derive(Debug, Clone, Copy)]
pub struct Throttled {
    pub status: u16,
    pub retry_after: &'static str,
    pub text: texts::Text,
}

impl Throttled {
    /// Over a quarter-hour limit (429): `text` says which.
    pub const fn limited(text: texts::Text) -> Self {
        Throttled { status: 429, retry_after: "900", text }
    }

    /// Past the app-wide ceiling on password verifications (503, try again in a minute).
    pub const BUSY: Throttled = Throttled { status: 503, retry_after: "60", text: texts::console::SIGN_IN_BUSY };

    /// The JSON error, with `Retry-After`.
    pub fn json(&self) -> Response {
        let code = if self.status == 429 { ErrorCode::RateLimited } else { ErrorCode::Unavailable };
        let mut resp = respond::error(code, &format!("{} / {}", self.text.id, self.text.en));
        resp.set_header("retry-after", self.retry_after);
        resp
    }
}

/// A new session: the account, the session token, when it expires, and whether the account has two-step
/// sign-in on.
pub struct SignedIn {
    pub account: Account,
    pub token: String,
    pub expires_at: i64,
    pub two_step_on: bool,
}
