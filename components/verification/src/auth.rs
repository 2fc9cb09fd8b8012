//! Sign-in, sign-out and "who am I". The first national admin comes from the `bootstrap_admin_email` and
//! `bootstrap_admin_password` variables, created once in the life of the app on a sign-in attempt with
//! that e-mail.

use crate::credentials::TwoStepCheck;
use lapor_core::roles::Staff;
use lapor_core::{password, rate_limit, secret, time, ErrorCode};
use lapor_spin::error::ApiResult;
use lapor_spin::request::Req;
use lapor_spin::{clock, kv, respond, secrets, staff, vars};
use lapor_store::staff::{self as accounts, Account, AssignmentView};
use lapor_store::Db;
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
fn bootstrap(db: &dyn Db, attempted_email: &str, now: i64) -> Result<(), Response> {
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
    match accounts::bootstrap_done(db) {
        Ok(true) => return Ok(()),
        Ok(false) => {}
        Err(e) => return Err(lapor_spin::internal("bootstrap check", &e)),
    }
    let hash = password::hash(&pw, secrets::random());
    accounts::bootstrap_national_admin(db, &email, &hash, now).map(|_| ()).map_err(staff::action_error)
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

/// The sign-in counters of one attempt: per client address, per account from that client, and the global
/// ceiling on password verifications. Keys are hashes (never the e-mail or the address).
struct Limits {
    client: String,
    account_client: String,
}

impl Limits {
    fn of(client_addr: Option<&str>, email: &str) -> Limits {
        let client = rate_limit::client_subject(client_addr);
        Limits {
            account_client: rate_limit::LOGIN_ACCOUNT_CLIENT.key("login-account-client", &format!("{email}\n{client}")),
            client: rate_limit::LOGIN_CLIENT.key("login-client", &client),
        }
    }

    /// Whether this client may try again (it is not over its own limits). A store failure lets it try.
    fn client_may_try(&self, now: i64) -> bool {
        let room = |limit, key: &str| {
            kv::has_room(limit, key, now).unwrap_or_else(|e| {
                eprintln!("error: login rate-limit counter: {e}");
                true
            })
        };
        room(&rate_limit::LOGIN_CLIENT, &self.client) && room(&rate_limit::LOGIN_ACCOUNT_CLIENT, &self.account_client)
    }

    /// Counts a failed attempt against the client.
    fn failed(&self, now: i64) {
        for (limit, key) in
            [(&rate_limit::LOGIN_CLIENT, &self.client), (&rate_limit::LOGIN_ACCOUNT_CLIENT, &self.account_client)]
        {
            if let Err(e) = kv::bump(limit, key, now) {
                eprintln!("error: login rate-limit counter: {e}");
            }
        }
    }
}

/// Counts one password verification against the app-wide ceiling per minute; false once it is spent.
fn argon2_budget(now: i64) -> bool {
    let per_minute = vars::get("login_argon2_per_minute")
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(rate_limit::ARGON2_PER_MINUTE);
    let ceiling = rate_limit::argon2_ceiling(per_minute);
    match kv::bump(&ceiling, &ceiling.key("argon2", "all"), now) {
        Ok(n) => ceiling.allows(n),
        Err(e) => {
            eprintln!("error: argon2 ceiling counter: {e}");
            true
        }
    }
}

/// Checks an e-mail and password (creating the bootstrap admin first if due) and opens a session:
/// `Ok(Some((account, token, expires_at)))`, `Ok(None)` for a wrong e-mail or password. The same work is
/// done whether or not the account exists. Used by the API and the sign-in page.
///
/// Against guessing, only failures count, and only against the client that made them (`client_addr`, Spin's
/// `spin-client-addr`): a client over its own limit gets 429, while the right password from any other client
/// still gets in, so no one can lock an account out. Past the app-wide ceiling on password verifications per
/// minute, every attempt gets 503 until the next minute.
pub fn sign_in(
    db: &dyn Db,
    client_addr: Option<&str>,
    email: &str,
    pw: &str,
    two_step_code: Option<&str>,
) -> Result<SignIn, Response> {
    let now = clock::now();
    let limits = Limits::of(client_addr, &lapor_core::email::lookup_key(email));
    if !limits.client_may_try(now) {
        let mut resp = respond::error(
            ErrorCode::RateLimited,
            "terlalu banyak percobaan masuk; coba lagi 15 menit lagi / too many sign-in attempts; try again in 15 minutes",
        );
        resp.set_header("retry-after", "900");
        return Err(resp);
    }
    if !argon2_budget(now) {
        let mut resp = respond::error(
            ErrorCode::Unavailable,
            "layanan masuk sedang sibuk; coba lagi sebentar lagi / sign-in is busy; try again in a minute",
        );
        resp.set_header("retry-after", "60");
        return Err(resp);
    }
    bootstrap(db, email, now)?;
    let found = accounts::find_for_login(db, email).map_err(|e| lapor_spin::internal("login lookup", &e))?;
    let ok = match &found {
        // An account whose owner has not set a password yet ("") costs the same decoy verification.
        Some((_, hash)) if !hash.is_empty() => password::verify(pw, hash),
        _ => {
            password::verify(pw, password::DECOY_HASH);
            false
        }
    };
    let Some((account, _)) = found.filter(|_| ok) else {
        limits.failed(now);
        return Ok(SignIn::Wrong);
    };
    // With two-step sign-in on, the password alone is not enough: a code (or a recovery code) is needed, and a
    // wrong one counts as a failure like a wrong password.
    let two_step_on = match crate::credentials::two_step_passes(db, account.id, two_step_code, now) {
        Ok(TwoStepCheck::Off) => false,
        Ok(TwoStepCheck::Passed) => true,
        Ok(TwoStepCheck::Failed) => {
            limits.failed(now);
            return Ok(SignIn::NeedsCode);
        }
        Err(e) => return Err(lapor_spin::internal("two-step check", &e)),
    };
    let token = secret::token_from_random(secrets::random());
    let expires_at = accounts::create_session(db, account.id, &token, now)
        .map_err(|e| lapor_spin::internal("create session", &e))?;
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
    let signed = match sign_in(db, req.header("spin-client-addr"), &email, &pw, input.code.as_deref()) {
        Ok(SignIn::In(signed)) => signed,
        Ok(SignIn::Wrong) => {
            return Err(respond::error(
                ErrorCode::Unauthorized,
                "e-mail atau kata sandi salah / wrong e-mail or password",
            )
            .into())
        }
        Ok(SignIn::NeedsCode) => {
            return Ok(respond::json(
                401,
                &json!({ "error": {
                        "code": "two_step_required",
                        "message": "kode dua langkah salah atau belum diisi / two-step code missing or wrong",
                    } }),
            ))
        }
        Err(resp) => return Ok(resp),
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
