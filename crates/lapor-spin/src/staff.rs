//! What the staff components (verification, staff-console, dispatch) share: the signed-in staff member from
//! `Authorization: Bearer <session token>`, report lookups that refuse without revealing whether a report
//! exists, JSON bodies, and the staff view of a report with the reporter redacted per role.

use lapor_core::roles::{Action, ReportScope, ReporterAccess, Staff};
use lapor_core::views::{StaffReport, StaffReporter};
use lapor_core::ErrorCode;
use lapor_store::action::ActionError;
use lapor_store::staff::SignedIn;
use lapor_store::workflow::{self, HistoryEntry, StaffActor};
use lapor_store::{reports, Db};
use serde::de::DeserializeOwned;
use spin_sdk::http::Response;

use crate::error::ApiError;
use crate::request::Req;
use crate::{clock, respond};

/// The signed-in staff member, or 401 (no token, unknown, expired or revoked session), or 403
/// `two_step_enrolment_required` for an admin who has not turned two-step sign-in on yet
/// ([`lapor_core::account::must_enrol`]).
pub fn require(req: &Req, db: &dyn Db) -> Result<Staff, Response> {
    let s = signed_in(req, db)?;
    if lapor_core::account::must_enrol(&s.staff, s.two_step_on) {
        return Err(respond::error(ErrorCode::TwoStepEnrolmentRequired, lapor_core::account::ENROLMENT_REQUIRED));
    }
    Ok(s.staff)
}

/// [`require`] then [`authorize`]: the signed-in staff member and their authority for `action` on the report
/// `tracking_id`.
pub fn require_for(req: &Req, db: &dyn Db, tracking_id: &str, action: Action) -> Result<(Staff, Authorized), Response> {
    let staff = require(req, db)?;
    let authorized = authorize(db, &staff, tracking_id, action)?;
    Ok((staff, authorized))
}

/// As [`require`], but also for an admin who still has to enrol, and with the two-step state: only for what
/// enrolling needs (who am I, sign out, change password, two-step enrol and confirm).
pub fn require_enrolling(req: &Req, db: &dyn Db) -> Result<SignedIn, Response> {
    signed_in(req, db)
}

fn signed_in(req: &Req, db: &dyn Db) -> Result<SignedIn, Response> {
    let unauthorized =
        || respond::error(ErrorCode::Unauthorized, "perlu masuk sebagai petugas / staff sign-in required");
    let token = req.bearer().filter(|t| !t.is_empty()).ok_or_else(unauthorized)?;
    match lapor_store::staff::signed_in(db, token, clock::now()) {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(unauthorized()),
        Err(e) => Err(crate::internal("authenticate", &e)),
    }
}

/// 403 for a staff member whose roles do not allow the request.
pub fn forbidden() -> Response {
    respond::error(ErrorCode::Forbidden, "peran Anda tidak mengizinkan ini / your role does not allow this")
}

/// 404 for a report that does not exist *or* that the caller may not see (the two look the same).
pub fn report_not_found() -> Response {
    respond::error(ErrorCode::NotFound, "laporan tidak ditemukan / report not found")
}

/// A report the caller may act on: its id, scope and the role the caller acts in.
pub struct Authorized {
    pub report_id: i64,
    pub scope: ReportScope,
    pub actor: StaffActor,
}

/// Looks a report up for `action`: 404 when it does not exist or the caller may not even view it,
/// 403 when they may view it but not do `action`.
pub fn authorize(db: &dyn Db, staff: &Staff, tracking_id: &str, action: Action) -> Result<Authorized, Response> {
    let (report_id, scope) = match workflow::scope(db, tracking_id) {
        Ok(Some(found)) => found,
        Ok(None) => return Err(report_not_found()),
        Err(e) => return Err(crate::internal("report scope", &e)),
    };
    if staff.authorize(Action::View, &scope).is_none() {
        return Err(report_not_found());
    }
    let role = staff.authorize(action, &scope).ok_or_else(forbidden)?;
    Ok(Authorized { report_id, scope, actor: StaffActor { account_id: staff.account_id, role } })
}

/// Parses a JSON body into `T` (415 for another media type, 400 malformed, 422 wrong types).
pub fn body<T: DeserializeOwned>(req: &Req) -> Result<T, Response> {
    if req.content_type() != "application/json" {
        return Err(respond::error(ErrorCode::UnsupportedMediaType, "kirim application/json / send application/json"));
    }
    serde_json::from_slice(&req.body).map_err(|e| {
        if e.is_data() {
            respond::error(ErrorCode::ValidationFailed, &format!("jenis data salah / wrong type: {e}"))
        } else {
            respond::error(ErrorCode::MalformedBody, "JSON tidak valid / malformed JSON")
        }
    })
}

/// Like [`body`], but an empty body is `T::default()` (actions whose fields are all optional).
pub fn body_or_default<T: DeserializeOwned + Default>(req: &Req) -> Result<T, Response> {
    if req.body.is_empty() {
        Ok(T::default())
    } else {
        body(req)
    }
}

/// A required non-empty text field, trimmed and at most `max` characters, or 422.
pub fn required_text(field: &str, value: Option<&str>, max: usize) -> Result<String, Response> {
    let v = value.map(str::trim).filter(|s| !s.is_empty());
    match v {
        None => Err(respond::invalid(&[lapor_core::FieldError::new(field, "required", "wajib diisi / required")])),
        Some(s) if s.chars().count() > max => Err(respond::invalid(&[lapor_core::FieldError::new(
            field,
            "too_long",
            format!("maksimal {max} karakter / at most {max} characters"),
        )])),
        Some(s) => Ok(s.to_string()),
    }
}

/// The response for a refused store action.
pub fn action_error(e: ActionError) -> Response {
    match e {
        ActionError::NotFound(what) => {
            respond::error(ErrorCode::NotFound, &format!("{what} tidak ditemukan / {what} not found"))
        }
        ActionError::Conflict(m) => respond::error(ErrorCode::Conflict, &m),
        ActionError::Invalid(field, code, message) => {
            respond::invalid(&[lapor_core::FieldError::new(field, code, message)])
        }
        ActionError::Store(e) => crate::internal("store action", &e),
    }
}

/// The staff view of a report: everything about it, the full history (actor, role, time, channel), and the
/// reporter as far as the caller's role may see them (national admin: all; others: the name unless
/// anonymous; never NIK, phone or e-mail).
pub fn report_json(db: &dyn Db, staff: &Staff, a: &Authorized, tracking_id: &str) -> Result<StaffReport, ApiError> {
    let view = reports::find_by_tracking_id(db, tracking_id)?.ok_or_else(report_not_found)?;
    let history = workflow::history(db, a.report_id)?;
    let reporter = match staff.reporter_access(&a.scope) {
        ReporterAccess::Hidden => {
            StaffReporter::Hidden { anonymous: view.visibility == lapor_core::Visibility::Anonymous }
        }
        ReporterAccess::Name => StaffReporter::Named { name: workflow::reporter(db, a.report_id)?.name },
        ReporterAccess::Full => {
            let p = workflow::reporter(db, a.report_id)?;
            StaffReporter::Full { name: p.name, nik: p.nik, phone: p.phone, email: p.email, handle: p.handle }
        }
    };
    Ok(StaffReport {
        core: crate::views::core(&view),
        instansi_id: a.scope.instansi_id,
        opd_id: a.scope.opd_id,
        reporter,
        history: history.into_iter().map(HistoryEntry::shown).collect(),
    })
}

/// The cookie that carries a staff session token for the server-rendered console (the same sessions as
/// the API's bearer tokens). HttpOnly and SameSite=Strict, `__Host-` and Secure over https
/// ([`crate::html::set_app_cookie`]); the JSON API never reads it.
pub const SESSION_COOKIE: &str = "lapor_staff";

/// A page visitor's staff session (by the session cookie).
pub enum PageSession {
    /// No live session.
    Out,
    /// An admin who must turn two-step sign-in on before anything else ([`lapor_core::account::must_enrol`]).
    MustEnrol(Staff, String),
    /// Signed in, with the session token.
    In(Staff, String),
}

/// For pages only: the session of the session cookie.
pub fn page_session(req: &Req, db: &dyn Db) -> Result<PageSession, lapor_store::StoreError> {
    let Some(token) = crate::html::app_cookie(req, SESSION_COOKIE).filter(|t| !t.is_empty()) else {
        return Ok(PageSession::Out);
    };
    Ok(match lapor_store::staff::signed_in(db, &token, clock::now())? {
        None => PageSession::Out,
        Some(s) if lapor_core::account::must_enrol(&s.staff, s.two_step_on) => PageSession::MustEnrol(s.staff, token),
        Some(s) => PageSession::In(s.staff, token),
    })
}

/// The anti-forgery value of a page session: derived from the session token, put in a hidden field of
/// every staff form and checked on every staff form POST (a cross-site page cannot read it).
pub fn csrf_for(session_token: &str) -> String {
    lapor_core::secret::sha256_hex(format!("csrf:{session_token}").as_bytes())
}

/// Whether `given` is the anti-forgery value of the session.
pub fn csrf_ok(session_token: &str, given: &str) -> bool {
    lapor_core::secret::constant_time_eq(csrf_for(session_token).as_bytes(), given.as_bytes())
}
