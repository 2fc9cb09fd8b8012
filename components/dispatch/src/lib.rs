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

use lapor_spin::console::with_ctx;
use lapor_spin::evidence;
use lapor_spin::request;
use lapor_spin::router::{self, Router};
use lapor_store::spin::SpinDb;
use spin_sdk::http::{IncomingRequest, Response};
use spin_sdk::http_component;

/// Largest request body accepted, in bytes: an answer may carry one 2 MB evidence file in base64.
pub const BODY_LIMIT: usize = 3 * 1024 * 1024;

#[http_component]
async fn handle(req: IncomingRequest) -> Response {
    request::serve(req, BODY_LIMIT, |req| router::with_db(req, routes)).await
}

/// Every route of the component.
fn routes(db: &SpinDb) -> Router<'_> {
    Router::new()
        .get("/api/v1/dispatch/unrouted", |r, _| instansi::unrouted(r, db))
        .get("/api/v1/dispatch/board", |r, _| instansi::board(r, db))
        .get("/api/v1/dispatch/reports/{tid}", |r, p| instansi::get(r, db, &p["tid"]))
        .get("/api/v1/dispatch/reports/{tid}/attachments", |r, p| {
            evidence::api_list(r, db, "/api/v1/dispatch", &p["tid"])
        })
        .get("/api/v1/opd/reports/{tid}/attachments", |r, p| evidence::api_list(r, db, "/api/v1/opd", &p["tid"]))
        .get("/api/v1/dispatch/reports/{tid}/attachments/{n}", |r, p| evidence::api_file(r, db, &p["tid"], &p["n"]))
        .get("/api/v1/opd/reports/{tid}/attachments/{n}", |r, p| evidence::api_file(r, db, &p["tid"], &p["n"]))
        .post("/api/v1/dispatch/reports/{tid}/forward", |r, p| instansi::forward(r, db, &p["tid"]))
        .post("/api/v1/dispatch/reports/{tid}/{action}", |r, p| instansi::act(r, db, &p["tid"], &p["action"]))
        .get("/api/v1/opd/inbox", |r, _| opd::inbox(r, db))
        .get("/api/v1/opd/reports/{tid}", |r, p| opd::get(r, db, &p["tid"]))
        .post("/api/v1/opd/reports/{tid}/{action}", |r, p| opd::act(r, db, &p["tid"], &p["action"]))
        .get("/api/v1/notices", |r, _| oversight::list(r, db))
        .post("/api/v1/notices/read_all", |r, _| oversight::mark_all_read(r, db))
        .get("/api/v1/notices/phone", |r, _| oversight::get_phone(r, db))
        .put("/api/v1/notices/phone", |r, _| oversight::set_phone(r, db))
        .post("/api/v1/notices/{id}/read", |r, p| oversight::mark_read(r, db, &p["id"]))
        .get("/api/v1/inspektorat/instansi/{id}/overdue", |r, p| oversight::overdue(r, db, &p["id"]))
        .get("/api/v1/inspektorat/instansi/{id}/reprimands", |r, p| oversight::reprimands(r, db, &p["id"]))
        .post("/api/v1/inspektorat/instansi/{id}/reprimands", |r, p| oversight::reprimand(r, db, &p["id"]))
        .post("/api/v1/inspektorat/reports/{tid}/extension", |r, p| oversight::decide_extension(r, db, &p["tid"]))
        .get("/api/v1/ombudsman/inbox", |r, _| ombudsman::inbox(r, db))
        .get("/api/v1/ombudsman/reports/{tid}", |r, p| ombudsman::get(r, db, &p["tid"]))
        .post("/api/v1/ombudsman/reports/{tid}/{action}", |r, p| ombudsman::act(r, db, &p["tid"], &p["action"]))
        .get("/api/v1/rapot", |r, _| rapot::api::show(r, db))
        .get("/api/v1/rapot/opds/{id}/reports", |r, p| rapot::api::reports(r, db, &p["id"]))
        .get("/api/v1/rapot/issues", |r, _| rapot::api::list_issues(r, db))
        .post("/api/v1/rapot/issues", |r, _| rapot::api::create_issue(r, db))
        .get("/api/v1/rapot/issues/{id}", |r, p| rapot::api::get_issue(r, db, &p["id"]))
        .get("/api/v1/rapot/issues/{id}/csv", |r, p| rapot::api::issue_csv(r, db, &p["id"]))
        .get("/dashboard", |r, _| rapot::pages::show(r, db))
        .get("/dashboard/opd/{id}", |r, p| rapot::pages::drill(r, db, &p["id"]))
        .get("/dashboard/terbit", |r, _| rapot::pages::issues(r, db))
        .post("/dashboard/terbit", |r, _| rapot::pages::issue(r, db))
        .get("/dashboard/terbit/{id}", |r, p| rapot::pages::issued(r, db, &p["id"]))
        .get("/dashboard/terbit/{id}/csv", |r, p| rapot::pages::issued_csv(r, db, &p["id"]))
        .get("/staff/disposisi", |r, _| with_ctx(r, db, |c| pages::board(r, db, c)))
        .get("/staff/kotak-masuk", |r, _| with_ctx(r, db, |c| pages::inbox(r, db, c)))
        .post("/staff/jawab/{tid}", |r, p| console::answer(r, db, &p["tid"]))
        .post("/api/v1/citizen/reports/{tid}/{action}", |r, p| citizen::act(r, db, &p["tid"], &p["action"]))
        .get("/berhenti/{tid}/{token}", |r, p| unsubscribe::handle(r, db, &p["tid"], &p["token"]))
        .post("/berhenti/{tid}/{token}", |r, p| unsubscribe::handle(r, db, &p["tid"], &p["token"]))
        .merge(oversight_pages::routes(db))
}
