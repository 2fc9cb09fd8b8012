//! Sign-in, sign-out and "who am I". The first national admin comes from the `bootstrap_admin_email` and
//! `bootstrap_admin_password` variables, created once in the life of the app on a sign-in attempt with
//! that e-mail.

use crate::credentials::TwoStepCheck;
use lapor_core::roles::Staff;
use lapor_core::{password, rate_limit, secret, texts, time, ErrorCode};
use lapor_spin::error::ApiResult;
use lapor_spin::request::Req;
use lapor_spin::{clock, respond, secrets, staff, vars};
use lapor_store::action::ActionError;
use lapor_store::staff::{self as accounts, Account, AssignmentView};
use lapor_store::{limits, Db, StoreError};
use serde::Deserialize;
use serde_json::{json, Value};
use spin_sdk::http::Response;

#[derive(Deserialize)]
struct Login {
    email: Option<String>,
    password: Option<String>,
    /// The two-step code (or a recovery code) of an account that has two-step sign-in.
    code: Option<String>,
}

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

/// An account with its active assignments, as returned by sign-in and `me`.
pub fn account_json(a: &Account, assignments: &[AssignmentView]) -> Value {
    json!({
        "account": {
            "id": a.id, "email": a.email, "name": a.name, "active": a.active,
            "created_at": time::rfc3339(a.created_at), "created_by": a.created_by,
        },
        "assignments": assignments.iter().map(assignment_json).collect::<Vec<_>>(),
    })
}

/// One assignment.
pub fn assignment_json(s: &AssignmentView) -> Value {
    json!({
        "id": s.id,
        "account_id": s.account_id,
        "role": s.role,
        "instansi_id": s.instansi_id,
        "instansi_name": s.instansi_name,
        "opd_id": s.opd_id,
        "opd_name": s.opd_name,
        "active": s.active,
        "created_at": time::rfc3339(s.created_at),
        "ended_at": s.ended_at.map(time::rfc3339),
    })
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
/// by the password change.
pub fn argon2_allows(db: &dyn Db, now: i64) -> Result<bool, StoreError> {
    ceiling_allows(db, rate_limit::argon2_ceiling(argon2_per_minute()), "argon2", now)
}

/// Checks an e-mail and password (creating the bootstrap admin first if due) and opens a session. The same
/// work is done, as far as timing shows, whether or not the account exists. Used by the API and the sign-in
/// page, which only encode the [`SignIn`].
///
/// Limits, counted exactly in the database (`lapor_store::limits`), each attempt taking its slot *before* any
/// password is verified, and a success giving its slots back (so only failures count):
/// - per client (`client`, from the address Spin set: `Req::client_subject`) and per account from that client:
///   a client over either is throttled ([`SignIn::Throttled`]), while the right password from any other client still gets
///   in, so no one can lock an account out;
/// - the app-wide ceiling on verifications of real accounts' passwords per minute: past it only a client with
///   no failure in its window is verified ([`Throttled::BUSY`] for the others), so a flood cannot keep a staff
///   member who types the right password out;
/// - sign-ins for e-mails with no account verify a decoy under a ceiling of their own and, past it, wait
///   instead: they never spend the real accounts' ceiling;
/// - two-step codes per account, from any client (`credentials::two_step_passes`).
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
    let two_step_on = match crate::credentials::two_step_passes(db, account.id, two_step_code, now)? {
        TwoStepCheck::Off => false,
        TwoStepCheck::Passed => true,
        TwoStepCheck::Failed => return Ok(SignIn::NeedsCode),
        TwoStepCheck::Limited => {
            return Ok(SignIn::Throttled(Throttled::limited(texts::console::TOO_MANY_TWO_STEP_CODES)))
        }
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

/// `POST /api/v1/auth/login` `{email, password}` → 200 `{token, expires_at, account, assignments}`, or 401.
pub fn login(req: &Req, db: &dyn Db) -> ApiResult {
    let input: Login = staff::body(req)?;
    let (email, pw) = (input.email.unwrap_or_default(), input.password.unwrap_or_default());
    let signed = match sign_in(db, &req.client_subject(), &email, &pw, input.code.as_deref())? {
        SignIn::In(signed) => signed,
        SignIn::Wrong => {
            return Err(respond::error(
                ErrorCode::Unauthorized,
                "e-mail atau kata sandi salah / wrong e-mail or password",
            )
            .into())
        }
        SignIn::NeedsCode => {
            return Ok(respond::json(
                401,
                &json!({ "error": {
                        "code": "two_step_required",
                        "message": "kode dua langkah salah atau belum diisi / two-step code missing or wrong",
                    } }),
            ))
        }
        SignIn::Throttled(t) => return Ok(t.json()),
    };
    let assignments = match accounts::active_assignments(db, signed.account.id) {
        Ok(a) => a,
        Err(e) => return Err(lapor_spin::internal("assignments", &e).into()),
    };
    let mut body = account_json(&signed.account, &assignments);
    body["token"] = json!(signed.token);
    body["expires_at"] = json!(time::rfc3339(signed.expires_at));
    // Decided from what was just read (no second read of the new session).
    let staff = Staff { account_id: signed.account.id, assignments: assignments.iter().map(|a| a.rule()).collect() };
    body["two_step_enrolment_required"] = json!(lapor_core::account::must_enrol(&staff, signed.two_step_on));
    Ok(respond::json(200, &body))
}

/// `POST /api/v1/auth/logout`: ends the session of the bearer token (204; 401 when it was not live).
pub fn logout(req: &Req, db: &dyn Db) -> ApiResult {
    if let Err(resp) = staff::require_enrolling(req, db) {
        return Ok(resp);
    }
    match accounts::revoke_session(db, req.bearer().unwrap_or_default(), clock::now()) {
        Ok(_) => Ok(respond::with_body(204, "text/plain; charset=utf-8", Vec::new())),
        Err(e) => Err(lapor_spin::internal("logout", &e).into()),
    }
}

/// `GET /api/v1/auth/me`: the signed-in account and its active assignments.
pub fn me(req: &Req, db: &dyn Db) -> ApiResult {
    let session = staff::require_enrolling(req, db)?;
    let who = &session.staff;
    match (accounts::get_account(db, who.account_id), accounts::active_assignments(db, who.account_id)) {
        (Ok(Some(a)), Ok(list)) => {
            let mut body = account_json(&a, &list);
            body["two_step_enrolment_required"] = json!(lapor_core::account::must_enrol(who, session.two_step_on));
            Ok(respond::json(200, &body))
        }
        (Ok(None), _) => Err(staff::forbidden().into()),
        (Err(e), _) | (_, Err(e)) => Err(lapor_spin::internal("me", &e).into()),
    }
}
