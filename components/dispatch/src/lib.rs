//! dispatch: the instansi admin's board (`/api/v1/dispatch/...`, the page `/staff/disposisi`), the OPD
//! liaison's inbox (`/api/v1/opd/...`, the page `/staff/kotak-masuk`), the citizen's follow-up with the reporter
//! token (`/api/v1/citizen/...`), the leader's rapot (`/api/v1/rapot/...` and the `/dashboard` pages), the
//! report's files for staff (`.../reports/{id}/attachments`), forwarding to another instansi, the console's
//! answer form with files (`POST /staff/jawab/{id}`, multipart: the verification component's body limit is too
//! small for files), staff notices (`/api/v1/notices...`), the Inspektorat's oversight (`/api/v1/inspektorat/...`)
//! and the Ombudsman's mediation (`/api/v1/ombudsman/...`) with their console pages (`/staff/pemberitahuan`,
//! `/staff/pengawasan`, `/staff/ombudsman`), and the e-mail unsubscribe page (`/berhenti/...`, issue 16).
//! Thin: parse → lapor-core rules → lapor-store → respond.

mod citizen;
mod console;
mod instansi;
mod ombudsman;
mod opd;
mod oversight;
mod oversight_pages;
mod pages;
mod rapot;
mod unsubscribe;

use lapor_core::ErrorCode;
use lapor_spin::console::with_ctx;
use lapor_spin::error::{ApiError, ApiResult};
use lapor_spin::evidence;
use lapor_spin::request::{self, Req};
use lapor_spin::respond;
use spin_sdk::http::{IncomingRequest, Method, Response};
use spin_sdk::http_component;

/// Largest request body accepted, in bytes: an answer may carry one 2 MB evidence file in base64.
pub const BODY_LIMIT: usize = 3 * 1024 * 1024;

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
        (Get, ["api", "v1", "dispatch", "unrouted"]) => {
            instansi::unrouted(req, &db).unwrap_or_else(ApiError::into_response)
        }
        (Get, ["api", "v1", "dispatch", "board"]) => instansi::board(req, &db).unwrap_or_else(ApiError::into_response),
        (Get, ["api", "v1", "dispatch", "reports", tid]) => {
            instansi::get(req, &db, tid).unwrap_or_else(ApiError::into_response)
        }
        (Get, ["api", "v1", prefix @ ("dispatch" | "opd"), "reports", tid, "attachments"]) => {
            evidence::api_list(req, &db, &format!("/api/v1/{prefix}"), tid).unwrap_or_else(ApiError::into_response)
        }
        (Get, ["api", "v1", "dispatch" | "opd", "reports", tid, "attachments", n]) => {
            evidence::api_file(req, &db, tid, n).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "dispatch", "reports", tid, "forward"]) => {
            instansi::forward(req, &db, tid).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "dispatch", "reports", tid, action]) => {
            instansi::act(req, &db, tid, action).unwrap_or_else(ApiError::into_response)
        }

        (Get, ["api", "v1", "opd", "inbox"]) => opd::inbox(req, &db).unwrap_or_else(ApiError::into_response),
        (Get, ["api", "v1", "opd", "reports", tid]) => opd::get(req, &db, tid).unwrap_or_else(ApiError::into_response),
        (Post, ["api", "v1", "opd", "reports", tid, action]) => {
            opd::act(req, &db, tid, action).unwrap_or_else(ApiError::into_response)
        }

        (Get, ["api", "v1", "notices"]) => oversight::list(req, &db).unwrap_or_else(ApiError::into_response),
        (Post, ["api", "v1", "notices", "read_all"]) => {
            oversight::mark_all_read(req, &db).unwrap_or_else(ApiError::into_response)
        }
        (Get, ["api", "v1", "notices", "phone"]) => {
            oversight::get_phone(req, &db).unwrap_or_else(ApiError::into_response)
        }
        (Put, ["api", "v1", "notices", "phone"]) => {
            oversight::set_phone(req, &db).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "notices", id, "read"]) => {
            oversight::mark_read(req, &db, id).unwrap_or_else(ApiError::into_response)
        }
        (Get, ["api", "v1", "inspektorat", "instansi", id, "overdue"]) => {
            oversight::overdue(req, &db, id).unwrap_or_else(ApiError::into_response)
        }
        (Get, ["api", "v1", "inspektorat", "instansi", id, "reprimands"]) => {
            oversight::reprimands(req, &db, id).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "inspektorat", "instansi", id, "reprimands"]) => {
            oversight::reprimand(req, &db, id).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "inspektorat", "reports", tid, "extension"]) => {
            oversight::decide_extension(req, &db, tid).unwrap_or_else(ApiError::into_response)
        }
        (Get, ["api", "v1", "ombudsman", "inbox"]) => {
            ombudsman::inbox(req, &db).unwrap_or_else(ApiError::into_response)
        }
        (Get, ["api", "v1", "ombudsman", "reports", tid]) => {
            ombudsman::get(req, &db, tid).unwrap_or_else(ApiError::into_response)
        }
        (Post, ["api", "v1", "ombudsman", "reports", tid, action]) => {
            ombudsman::act(req, &db, tid, action).unwrap_or_else(ApiError::into_response)
        }

        (Get, ["api", "v1", "rapot"]) => rapot::api::show(req, &db),
        (Get, ["api", "v1", "rapot", "opds", id, "reports"]) => rapot::api::reports(req, &db, id),
        (Get, ["api", "v1", "rapot", "issues"]) => rapot::api::list_issues(req, &db),
        (Post, ["api", "v1", "rapot", "issues"]) => rapot::api::create_issue(req, &db),
        (Get, ["api", "v1", "rapot", "issues", id]) => rapot::api::get_issue(req, &db, id),
        (Get, ["api", "v1", "rapot", "issues", id, "csv"]) => rapot::api::issue_csv(req, &db, id),

        (_, ["staff", "pemberitahuan" | "pengawasan" | "ombudsman", ..]) => {
            oversight_pages::route(req, &db, &segments[1..])
        }

        (Get, ["dashboard"]) => rapot::pages::show(req, &db),
        (Get, ["dashboard", "opd", id]) => rapot::pages::drill(req, &db, id),
        (Get, ["dashboard", "terbit"]) => rapot::pages::issues(req, &db),
        (Post, ["dashboard", "terbit"]) => rapot::pages::issue(req, &db),
        (Get, ["dashboard", "terbit", id]) => rapot::pages::issued(req, &db, id),
        (Get, ["dashboard", "terbit", id, "csv"]) => rapot::pages::issued_csv(req, &db, id),
        (_, ["dashboard"]) => lapor_spin::html::method_not_allowed(req, "GET, HEAD"),
        (Get, ["staff", "disposisi"]) => {
            with_ctx(req, &db, |c| pages::board(req, &db, c).unwrap_or_else(|e| e.into_page(req)))
        }
        (Get, ["staff", "kotak-masuk"]) => {
            with_ctx(req, &db, |c| pages::inbox(req, &db, c).unwrap_or_else(|e| e.into_page(req)))
        }
        (_, ["staff", "disposisi" | "kotak-masuk"]) => lapor_spin::html::method_not_allowed(req, "GET, HEAD"),
        (Post, ["staff", "jawab", tid]) => console::answer(req, &db, tid).unwrap_or_else(|e| e.into_page(req)),
        (_, ["staff", "jawab", _]) => lapor_spin::html::method_not_allowed(req, "POST"),
        (Post, ["api", "v1", "citizen", "reports", tid, action]) => {
            citizen::act(req, &db, tid, action).unwrap_or_else(ApiError::into_response)
        }
        (Get | Post, ["berhenti", tid, token]) => {
            unsubscribe::handle(req, &db, tid, token).unwrap_or_else(|e| e.into_page(req))
        }
        (_, ["berhenti", _, _]) => lapor_spin::html::method_not_allowed(req, "GET, HEAD, POST"),
        _ => respond::error(ErrorCode::NotFound, "tidak ditemukan / not found"),
    })
}
