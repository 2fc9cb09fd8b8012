//! open311: the Open311 GeoReport v2 channel for third-party apps and city dashboards (`/open311/v2/...`),
//! the public statistics (`/api/v1/stats`, the `/stats` page) and the open-data CSV export
//! (`/open-data/reports.csv`, streamed page by page).

mod export;
mod georeport;
mod stats;

use lapor_spin::request;
use lapor_spin::router::{Reply, Table};
use lapor_spin::{respond, stream};
use spin_sdk::http::{IncomingRequest, Method, ResponseOutparam};
use spin_sdk::http_component;

/// Largest request body accepted, in bytes (an Open311 POST is a small form).
pub const BODY_LIMIT: usize = 64 * 1024;

/// The component's endpoints.
enum Endpoint {
    GeoReport,
    StatsJson,
    StatsPage,
    Export,
}

#[http_component]
async fn handle(req: IncomingRequest, out: ResponseOutparam) {
    let mut req = match request::read(req, BODY_LIMIT).await {
        Ok(req) => req,
        Err(resp) => return stream::send(out, resp).await,
    };
    // HEAD is answered as GET without the body, on every address (a GET entry allows HEAD).
    let head = req.head_as_get();
    let table = Table::new()
        .any("/open311/v2/*", Endpoint::GeoReport)
        .at(Method::Get, "/api/v1/stats", Endpoint::StatsJson)
        .at(Method::Get, "/stats", Endpoint::StatsPage)
        .at(Method::Get, "/open-data/reports.csv", Endpoint::Export);
    let resp = match table.find(&req.method, &req.path) {
        Ok((Endpoint::Export, _)) if head => export::head(),
        Ok((Endpoint::Export, _)) => return export::reports_csv(out).await,
        Ok((Endpoint::GeoReport, p)) => georeport::route(&req, p.rest()),
        Ok((Endpoint::StatsJson, _)) => stats::json(&req).reply(&req),
        Ok((Endpoint::StatsPage, _)) => stats::page(&req).reply(&req),
        Err(miss) => miss.answer(&req),
    };
    stream::send(out, respond::for_head(resp, head)).await
}
