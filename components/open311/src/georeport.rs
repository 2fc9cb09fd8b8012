//! Open311 GeoReport v2 under `/open311/v2/`: discovery, services, service definitions, service requests
//! (list, one, create), in JSON (`.json`) and XML (`.xml`). Errors are `[{"code","description"}]`
//! (`<errors><error>` in XML). Confidential reports are never shown, and no reporter field ever is.

use lapor_core::open311::{self, NewServiceRequest, Open311Error, RequestQuery, ServiceRequest};
use lapor_core::{secret, xml, Category, TrackingId};
use lapor_spin::request::{url_decode_pairs, Req};
use lapor_spin::{admission, clock, respond, secrets, vars};
use lapor_store::open311 as store;
use lapor_store::reports;
use serde_json::{json, Value};
use spin_sdk::http::{Method, Response};

/// The response format, from the resource's extension.
#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Xml,
}

/// Splits `name.json` / `name.xml` into the name and its format.
fn resource(segment: &str) -> Option<(&str, Format)> {
    if let Some(n) = segment.strip_suffix(".json") {
        Some((n, Format::Json))
    } else {
        segment.strip_suffix(".xml").map(|n| (n, Format::Xml))
    }
}

/// A successful answer: `value` as JSON, or as XML under `root` with one `item` per array element.
fn ok(status: u16, f: Format, root: &str, item: &str, value: &Value) -> Response {
    let mut resp = match f {
        Format::Json => respond::json(status, value),
        Format::Xml => {
            respond::with_body(status, "text/xml; charset=utf-8", xml::document(root, item, value).into_bytes())
        }
    };
    resp.set_header("access-control-allow-origin", "*");
    resp
}

/// An Open311 error response; the HTTP status is the first error's code.
fn errors(f: Format, errs: &[Open311Error]) -> Response {
    let status = errs.first().map_or(400, |e| e.code);
    ok(status, f, "errors", "error", &serde_json::to_value(errs).unwrap_or_default())
}

fn error(f: Format, code: u16, description: &str) -> Response {
    errors(f, &[Open311Error::new(code, description)])
}

/// 405 naming the methods the resource takes in `Allow`.
fn not_allowed(f: Format, allow: &str) -> Response {
    let mut resp = error(f, 405, "method not allowed");
    resp.set_header("allow", allow);
    resp
}

fn internal(f: Format, what: &str, err: &dyn std::fmt::Display) -> Response {
    eprintln!("error: {what}: {err}");
    error(f, 500, "internal error")
}

/// Routes what follows `/open311/v2/`.
pub fn route(req: &Req, rest: &[&str]) -> Response {
    let last = rest.last().copied().unwrap_or("");
    let Some((name, f)) = resource(last) else {
        return error(Format::Json, 404, "not found: use a .json or .xml resource");
    };
    match (&req.method, &rest[..rest.len() - 1], name) {
        (Method::Get, [], "discovery") => discovery(f),
        (Method::Get, [], "services") => ok(200, f, "services", "service", &json!(open311::services())),
        (Method::Get, ["services"], code) => service_definition(f, code),
        (Method::Get, [], "requests") => list(req, f),
        (Method::Post, [], "requests") => create(req, f),
        (Method::Get, ["requests"], id) => one(f, id),
        (_, [], "requests") => not_allowed(f, "GET, HEAD, POST"),
        (_, [], "discovery" | "services") | (_, ["services" | "requests"], _) => not_allowed(f, "GET, HEAD"),
        _ => error(f, 404, "not found"),
    }
}

fn discovery(f: Format) -> Response {
    let base = vars::get("public_base_url").unwrap_or_default();
    ok(200, f, "discovery", "discovery", &open311::discovery(base.trim_end_matches('/')))
}

fn service_definition(f: Format, code: &str) -> Response {
    match Category::parse(code) {
        Some(c) => ok(200, f, "service_definition", "service_definition", &open311::service_definition(c)),
        None => error(f, 404, &format!("service_code {code} not found")),
    }
}

fn list(req: &Req, f: Format) -> Response {
    let q = match RequestQuery::parse(&url_decode_pairs(&req.query), clock::now()) {
        Ok(q) => q,
        Err(errs) => return errors(f, &errs),
    };
    let db = match lapor_spin::db() {
        Ok(db) => db,
        Err(_) => return error(f, 500, "internal error"),
    };
    match store::search(&db, &q) {
        Ok(rows) => {
            let requests: Vec<ServiceRequest> = rows.into_iter().map(ServiceRequest::from_facts).collect();
            ok(200, f, "service_requests", "request", &json!(requests))
        }
        Err(e) => internal(f, "search service requests", &e),
    }
}

fn one(f: Format, id: &str) -> Response {
    let not_found = || error(f, 404, &format!("service_request_id {id} not found"));
    let Some(id) = TrackingId::parse(id) else { return not_found() };
    let db = match lapor_spin::db() {
        Ok(db) => db,
        Err(_) => return error(f, 500, "internal error"),
    };
    match store::find(&db, id.as_str()) {
        Ok(Some(facts)) => ok(200, f, "service_requests", "request", &json!([ServiceRequest::from_facts(facts)])),
        Ok(None) => not_found(),
        Err(e) => internal(f, "read service request", &e),
    }
}

/// The app a key belongs to: a registered key, or the bootstrap key of the `open311_bootstrap_key` variable.
fn app_for(db: &dyn lapor_store::Db, key: &str) -> Result<Option<(Option<i64>, String)>, lapor_store::StoreError> {
    let hash = secret::hash_token(key);
    if let Some(bootstrap) = vars::get("open311_bootstrap_key") {
        if secret::token_matches(key, &secret::hash_token(&bootstrap)) {
            return Ok(Some((None, "bootstrap".to_string())));
        }
    }
    Ok(store::app_for_key(db, &hash)?.map(|a| (Some(a.id), a.name)))
}

/// `POST requests`: a form from a registered app (`api_key`) becomes a public complaint on the `open311`
/// channel; the reporter's e-mail, phone and name go only to the reporters table.
fn create(req: &Req, f: Format) -> Response {
    if req.content_type() != "application/x-www-form-urlencoded" {
        return error(f, 400, "send the request as application/x-www-form-urlencoded");
    }
    let Ok(body) = std::str::from_utf8(&req.body) else {
        return error(f, 400, "the form is not UTF-8");
    };
    let form = url_decode_pairs(body);
    let key = form.iter().find(|(k, _)| k == "api_key").map(|(_, v)| v.trim().to_string()).unwrap_or_default();
    let db = match lapor_spin::db() {
        Ok(db) => db,
        Err(_) => return error(f, 500, "internal error"),
    };
    let app = match app_for(&db, &key) {
        Ok(Some(app)) if !key.is_empty() => app,
        Ok(_) => return error(f, 403, "api_key missing or not valid"),
        Err(e) => return internal(f, "check api_key", &e),
    };
    let report = match NewServiceRequest::from_form(&form).validate_open311() {
        Ok(r) => r,
        Err(errs) => return errors(f, &errs),
    };
    let now = clock::now();
    let app_subject = app.0.map_or_else(|| "bootstrap".to_string(), |id| id.to_string());
    let admitted = match secrets::blind_index(&db)
        .and_then(|i| admission::admit(&db, &i, &report.reporter, Some(&app_subject), now))
    {
        Ok(Ok(a)) => a,
        Ok(Err(over)) => return error(f, 429, admission::refusal(over).en),
        Err(e) => return internal(f, "filing limits", &e),
    };
    let mut new_id = || TrackingId::from_random(secrets::random());
    // The report and the record of which app sent it are stored together, or not at all.
    let row = reports::NewRow {
        report: &report,
        token_hash: None,
        source_ref: None,
        evidence: &[],
        withheld: &admitted.withheld,
    };
    let cal = match reports::calendar(&db) {
        Ok(cal) => cal,
        Err(e) => return internal(f, "read holidays", &e),
    };
    let stored = lapor_store::transaction(&db, |db| {
        let created = reports::insert_new(db, &row, &cal, &mut new_id, now)?;
        store::record_submission(db, created.id, app.0, &app.1)?;
        Ok::<_, lapor_store::StoreError>(created)
    });
    let created = match stored {
        Ok(c) => c,
        Err(e) => {
            admitted.give_back(&db);
            return internal(f, "create open311 report", &e);
        }
    };
    let notice = format!(
        "Laporan diterima; lacak dengan nomor {0} / report received; track it with number {0}",
        created.tracking_id
    );
    ok(
        201,
        f,
        "service_requests",
        "request",
        &json!([{ "service_request_id": created.tracking_id.as_str(), "service_notice": notice, "account_id": null }]),
    )
}
