//! verification: staff sign-in (`/api/v1/auth/...`), accounts, role assignments and organisation data
//! (`/api/v1/admin/...`), and the national admin's verification queue (`/api/v1/verification/...`).
//! Thin: parse → lapor-core rules → lapor-store → respond.

mod admin;
mod auth;
mod console;
mod credentials;
mod opd_import;
mod verify;

use lapor_core::ErrorCode;
use lapor_spin::error::{ApiError, ApiResult};
use lapor_spin::evidence;
use lapor_spin::request::{self, Req};
use lapor_spin::respond;
use spin_sdk::http::{IncomingRequest, Method, Response};
use spin_sdk::http_component;

/// Largest request body accepted, in bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

#[http_component]
async fn handle(req: IncomingRequest) -> Response {
    request::serve(req, BODY_LIMIT, route).await
}

fn route(req: &Req) -> Response {
    routes(req).unwrap_or_else(ApiError::into_response)
}

/// Every route of the component; a database that cannot be opened answers 503 (`lapor_spin::db`).
fn routes(req: &Req) -> ApiResult {
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    let db = lapor_spin::db()?;
    use Method::*;
    Ok(match (&req.method, segments.as_slice()) {
        (Post, ["api", "v1", "auth", "login"]) => auth::login(req, &db).unwrap_or_else(ApiError::into_response),
        (Post, ["api", "v1", "auth", "logout"]) => auth::logout(req, &db).unwrap_or_else(ApiError::into_response),
        (Get, ["api", "v1", "auth", "me"]) => auth::me(req, &db).unwrap_or_else(ApiError::into_response),
        (Post, ["api", "v1", "auth", "password"]) => {
            credentials::change_password(req, &db).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "auth", "set-password"]) => {
            credentials::set_password(req, &db).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "auth", "two-step", "enrol"]) => {
            credentials::enrol(req, &db).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "auth", "two-step", "confirm"]) => {
            credentials::confirm_enrolment(req, &db).unwrap_or_else(ApiError::into_response)
        }
        (Get, ["api", "v1", "admin", "events"]) => {
            credentials::events(req, &db).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "admin", "accounts", id, "reset-password"]) => {
            credentials::reset_password(req, &db, id).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "admin", "accounts", id, "deactivate"]) => {
            credentials::deactivate(req, &db, id).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "admin", "accounts", id, "reactivate"]) => {
            credentials::reactivate(req, &db, id).unwrap_or_else(ApiError::into_response)
        }

        (Get, ["api", "v1", "admin", "accounts"]) => {
            admin::list_accounts(req, &db).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "admin", "accounts"]) => {
            admin::create_account(req, &db).unwrap_or_else(ApiError::into_response)
        }
        (Get, ["api", "v1", "admin", "accounts", id]) => {
            admin::get_account(req, &db, id).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "admin", "assignments"]) => {
            admin::assign(req, &db).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "admin", "assignments", id, "end"]) => {
            admin::end_assignment(req, &db, id).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "admin", "assignments", id, "move"]) => {
            admin::move_assignment(req, &db, id).unwrap_or_else(ApiError::into_response)
        }
        (Get, ["api", "v1", "admin", "instansi"]) => {
            admin::list_instansi(req, &db).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "admin", "instansi"]) => {
            admin::create_instansi(req, &db).unwrap_or_else(ApiError::into_response)
        }
        (Patch, ["api", "v1", "admin", "instansi", id]) => {
            admin::update_instansi(req, &db, id).unwrap_or_else(ApiError::into_response)
        }
        (Get, ["api", "v1", "admin", "instansi", id, "opds"]) => {
            admin::list_opds(req, &db, id).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "admin", "instansi", id, "opds"]) => {
            admin::create_opd(req, &db, id).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "admin", "instansi", id, "opds", "import"]) => {
            opd_import::api(req, &db, id).unwrap_or_else(ApiError::into_response)
        }
        (Patch, ["api", "v1", "admin", "opds", id]) => {
            admin::update_opd(req, &db, id).unwrap_or_else(ApiError::into_response)
        }

        (Get, ["api", "v1", "verification", "queue"]) => {
            verify::queue(req, &db).unwrap_or_else(ApiError::into_response)
        }
        (Get, ["api", "v1", "verification", "reports", tid]) => {
            verify::get(req, &db, tid).unwrap_or_else(ApiError::into_response)
        }
        (Get, ["api", "v1", "verification", "reports", tid, "attachments"]) => {
            evidence::api_list(req, &db, "/api/v1/verification", tid).unwrap_or_else(ApiError::into_response)
        }
        (Get, ["api", "v1", "verification", "reports", tid, "attachments", n]) => {
            evidence::api_file(req, &db, tid, n).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "verification", "reports", tid, action]) => {
            verify::act(req, &db, tid, action).unwrap_or_else(ApiError::into_response)
        }

        (_, ["staff", rest @ ..]) => console::route(req, &db, rest),
        _ => respond::error(ErrorCode::NotFound, "tidak ditemukan / not found"),
    })
}

/// Parses a numeric id from the path, or 404.
fn path_id(s: &str) -> Result<i64, Response> {
    s.parse().map_err(|_| respond::error(ErrorCode::NotFound, "tidak ditemukan / not found"))
}
