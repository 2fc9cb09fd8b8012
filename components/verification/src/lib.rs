//! verification: the staff JSON API — sign-in (`/api/v1/auth/...`), accounts, role assignments and organisation
//! data (`/api/v1/admin/...`), and the national admin's verification queue (`/api/v1/verification/...`).
//! Thin: decode → the use-case function the console (staff-console) calls too (`lapor_spin::{sign_in, passwords,
//! two_step, accounts, opd_import}`, `lapor_store`) → encode.

mod admin;
mod auth;
mod credentials;
mod opd_import;
mod verify;

use lapor_core::ErrorCode;
use lapor_spin::evidence;
use lapor_spin::request;
use lapor_spin::respond;
use lapor_spin::router::{self, Router};
use lapor_store::spin::SpinDb;
use spin_sdk::http::{IncomingRequest, Response};
use spin_sdk::http_component;

/// Largest request body accepted, in bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

#[http_component]
async fn handle(req: IncomingRequest) -> Response {
    request::serve(req, BODY_LIMIT, |req| router::with_db(req, routes)).await
}

/// Every route of the component.
fn routes(db: &SpinDb) -> Router<'_> {
    Router::new()
        .post("/api/v1/auth/login", |r, _| auth::login(r, db))
        .post("/api/v1/auth/logout", |r, _| auth::logout(r, db))
        .get("/api/v1/auth/me", |r, _| auth::me(r, db))
        .post("/api/v1/auth/password", |r, _| credentials::change_password(r, db))
        .post("/api/v1/auth/set-password", |r, _| credentials::set_password(r, db))
        .post("/api/v1/auth/two-step/enrol", |r, _| credentials::enrol(r, db))
        .post("/api/v1/auth/two-step/confirm", |r, _| credentials::confirm_enrolment(r, db))
        .get("/api/v1/admin/events", |r, _| credentials::events(r, db))
        .post("/api/v1/admin/accounts/{id}/reset-password", |r, p| credentials::reset_password(r, db, &p["id"]))
        .post("/api/v1/admin/accounts/{id}/deactivate", |r, p| credentials::deactivate(r, db, &p["id"]))
        .post("/api/v1/admin/accounts/{id}/reactivate", |r, p| credentials::reactivate(r, db, &p["id"]))
        .get("/api/v1/admin/accounts", |r, _| admin::list_accounts(r, db))
        .post("/api/v1/admin/accounts", |r, _| admin::create_account(r, db))
        .get("/api/v1/admin/accounts/{id}", |r, p| admin::get_account(r, db, &p["id"]))
        .post("/api/v1/admin/assignments", |r, _| admin::assign(r, db))
        .post("/api/v1/admin/assignments/{id}/end", |r, p| admin::end_assignment(r, db, &p["id"]))
        .post("/api/v1/admin/assignments/{id}/move", |r, p| admin::move_assignment(r, db, &p["id"]))
        .get("/api/v1/admin/instansi", |r, _| admin::list_instansi(r, db))
        .post("/api/v1/admin/instansi", |r, _| admin::create_instansi(r, db))
        .patch("/api/v1/admin/instansi/{id}", |r, p| admin::update_instansi(r, db, &p["id"]))
        .get("/api/v1/admin/instansi/{id}/opds", |r, p| admin::list_opds(r, db, &p["id"]))
        .post("/api/v1/admin/instansi/{id}/opds", |r, p| admin::create_opd(r, db, &p["id"]))
        .post("/api/v1/admin/instansi/{id}/opds/import", |r, p| opd_import::api(r, db, &p["id"]))
        .patch("/api/v1/admin/opds/{id}", |r, p| admin::update_opd(r, db, &p["id"]))
        .get("/api/v1/verification/queue", |r, _| verify::queue(r, db))
        .get("/api/v1/verification/groups", |r, _| verify::groups(r, db))
        .post("/api/v1/verification/groups/{fp}/reject", |r, p| verify::reject_group(r, db, &p["fp"]))
        .get("/api/v1/verification/reports/{tid}", |r, p| verify::get(r, db, &p["tid"]))
        .get("/api/v1/verification/reports/{tid}/attachments", |r, p| {
            evidence::api_list(r, db, "/api/v1/verification", &p["tid"])
        })
        .get("/api/v1/verification/reports/{tid}/attachments/{n}", |r, p| evidence::api_file(r, db, &p["tid"], &p["n"]))
        .post("/api/v1/verification/reports/{tid}/{action}", |r, p| verify::act(r, db, &p["tid"], &p["action"]))
}

/// Parses a numeric id from the path, or 404.
fn path_id(s: &str) -> Result<i64, Response> {
    s.parse().map_err(|_| respond::error(ErrorCode::NotFound, "tidak ditemukan / not found"))
}
