//! Sign-in, sign-out and "who am I". The first national admin comes from the `bootstrap_admin_email` and
//! `bootstrap_admin_password` variables, created on a sign-in attempt while no national admin exists.

use lapor_core::{password, secret, time, ErrorCode};
use lapor_spin::request::Req;
use lapor_spin::{clock, respond, secrets, staff, vars};
use lapor_store::staff::{self as accounts, Account, AssignmentView};
use lapor_store::Db;
use serde::Deserialize;
use serde_json::{json, Value};
use spin_sdk::http::Response;

#[derive(Deserialize)]
struct Login {
    email: Option<String>,
    password: Option<String>,
}

/// Creates the national admin from the bootstrap variables when none exists yet.
fn bootstrap(db: &dyn Db, now: i64) -> Result<(), Response> {
    let (Some(email), Some(pw)) = (vars::get("bootstrap_admin_email"), vars::get("bootstrap_admin_password")) else {
        return Ok(());
    };
    match accounts::national_admin_exists(db) {
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
        "account": { "id": a.id, "email": a.email, "name": a.name, "active": a.active, "created_at": time::rfc3339(a.created_at) },
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

/// Checks an e-mail and password (creating the bootstrap admin first if due) and opens a session:
/// `Ok(Some((account, token, expires_at)))`, `Ok(None)` for a wrong e-mail or password. The same work is
/// done whether or not the account exists. Used by the API and the sign-in page.
pub fn sign_in(db: &dyn Db, email: &str, pw: &str) -> Result<Option<(Account, String, i64)>, Response> {
    let now = clock::now();
    // Password guessing: every attempt on an account counts, right or wrong; the key holds a hash, not the e-mail.
    let limit = lapor_core::rate_limit::LOGIN;
    let who = secret::hash_token(&email.trim().to_lowercase());
    match lapor_spin::kv::increment(&limit.key("login", &who, now)) {
        Ok(n) if !limit.allows(n) => {
            return Err(respond::error(
                ErrorCode::RateLimited,
                "terlalu banyak percobaan masuk; coba lagi 15 menit lagi / too many sign-in attempts; try again in 15 minutes",
            ))
        }
        Ok(_) => {}
        Err(e) => eprintln!("error: login rate-limit counter: {e}"),
    }
    bootstrap(db, now)?;
    let found = accounts::find_for_login(db, email).map_err(|e| lapor_spin::internal("login lookup", &e))?;
    let ok = match &found {
        Some((_, hash)) => password::verify(pw, hash),
        None => {
            password::verify(pw, password::DECOY_HASH);
            false
        }
    };
    let Some((account, _)) = found.filter(|_| ok) else { return Ok(None) };
    let token = secret::token_from_random(secrets::random());
    let expires_at = accounts::create_session(db, account.id, &token, now)
        .map_err(|e| lapor_spin::internal("create session", &e))?;
    Ok(Some((account, token, expires_at)))
}

/// `POST /api/v1/auth/login` `{email, password}` → 200 `{token, expires_at, account, assignments}`, or 401.
pub fn login(req: &Req, db: &dyn Db) -> Response {
    let input: Login = match staff::body(req) {
        Ok(v) => v,
        Err(resp) => return resp,
    };
    let (email, pw) = (input.email.unwrap_or_default(), input.password.unwrap_or_default());
    let Some((account, token, expires_at)) = (match sign_in(db, &email, &pw) {
        Ok(v) => v,
        Err(resp) => return resp,
    }) else {
        return respond::error(ErrorCode::Unauthorized, "e-mail atau kata sandi salah / wrong e-mail or password");
    };
    let assignments = match accounts::active_assignments(db, account.id) {
        Ok(a) => a,
        Err(e) => return lapor_spin::internal("assignments", &e),
    };
    let mut body = account_json(&account, &assignments);
    body["token"] = json!(token);
    body["expires_at"] = json!(time::rfc3339(expires_at));
    respond::json(200, &body)
}

/// `POST /api/v1/auth/logout`: ends the session of the bearer token (204; 401 when it was not live).
pub fn logout(req: &Req, db: &dyn Db) -> Response {
    if let Err(resp) = staff::require(req, db) {
        return resp;
    }
    match accounts::revoke_session(db, req.bearer().unwrap_or_default(), clock::now()) {
        Ok(_) => respond::with_body(204, "text/plain; charset=utf-8", Vec::new()),
        Err(e) => lapor_spin::internal("logout", &e),
    }
}

/// `GET /api/v1/auth/me`: the signed-in account and its active assignments.
pub fn me(req: &Req, db: &dyn Db) -> Response {
    let who = match staff::require(req, db) {
        Ok(s) => s,
        Err(resp) => return resp,
    };
    match (accounts::get_account(db, who.account_id), accounts::active_assignments(db, who.account_id)) {
        (Ok(Some(a)), Ok(list)) => respond::json(200, &account_json(&a, &list)),
        (Ok(None), _) => staff::forbidden(),
        (Err(e), _) | (_, Err(e)) => lapor_spin::internal("me", &e),
    }
}
