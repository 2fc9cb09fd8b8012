//! Sign-in, sign-out and "who am I". Sign-in itself (limits, the bootstrap admin, two-step) is
//! `lapor_spin::sign_in`, shared with the sign-in page.

use lapor_core::roles::Staff;
use lapor_core::{time, ErrorCode};
use lapor_spin::error::ApiResult;
use lapor_spin::request::Req;
use lapor_spin::sign_in::{sign_in, SignIn};
use lapor_spin::{clock, respond, staff};
use lapor_store::staff::{self as accounts, Account, AssignmentView};
use lapor_store::Db;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
struct Login {
    email: Option<String>,
    password: Option<String>,
    /// The two-step code (or a recovery code) of an account that has two-step sign-in.
    code: Option<String>,
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
