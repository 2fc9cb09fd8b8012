//! Offline complaints (issue 14 §6): a national or instansi admin enters a complaint that arrived by letter, at a
//! desk or by phone, on the citizen's behalf: the web form's fields, how and when it arrived, scans of the letter
//! as evidence. Channel `offline`; the citizen gets the tracking ID and reporter code by SMS when a phone is given;
//! the console shows a printable receipt. It then goes through verification and dispatch like any report.
//!
//! `POST /api/v1/offline/reports` (bearer session) and the console pages `GET`/`POST /staff/luring` (session
//! cookie and anti-forgery value). Served here, not by the verification component, because scans need this
//! component's body limit. Rules: `lapor_core::offline`.

use base64::Engine;
use lapor_core::offline::{self, Arrival, OfflineInput, ValidOffline};
use lapor_core::roles::{Role, Staff};
use lapor_core::texts;
use lapor_core::{evidence, messages, secret, FieldError, Status, TrackingId};
use lapor_spin::error::{ApiError, ApiResult, PageError, PageResult};
use lapor_spin::html::{layout, page, Lang};
use lapor_spin::request::Req;
use lapor_spin::{clock, respond, secrets, staff, vars};
use lapor_store::reports::{self, NewRow};
use lapor_store::Db;
use maud::html;
use serde::{Deserialize, Serialize};
use spin_sdk::http::Response;

use crate::pages::form::{self, FormFrame, Submitted};

/// A stored offline report: what the receipt and the API answer show.
pub struct Entered {
    pub tracking_id: TrackingId,
    /// The secret reporter code, shown once (receipt) and sent by SMS when a phone was given.
    pub reporter_token: String,
    pub sms_queued: bool,
}

/// The tracking page's address for a report.
fn tracking_url(tid: &str) -> String {
    format!("{}/lacak/{tid}", vars::base_url("public_base_url", ""))
}

/// Checks the scans and stores the report, its scans, the arrival note and the SMS in one transaction.
fn enter(db: &dyn Db, who: &Staff, role: Role, v: &ValidOffline, scans: &[Vec<u8>]) -> Result<Entered, PageError> {
    let mut errors = Vec::new();
    let files = crate::files::checked(scans, "scans", |i| format!("scans[{i}]"), &mut errors);
    if !errors.is_empty() {
        return Err(PageError::Response(lapor_spin::error::DebugResp(respond::invalid(&errors))));
    }
    let token = secret::token_from_random(secrets::random());
    let hash = secret::hash_token(&token);
    let row = NewRow { report: &v.report, token_hash: Some(&hash), source_ref: None, evidence: &files, withheld: &[] };
    let cal = reports::calendar(db)?;
    let actor = format!("staff:{}", who.account_id);
    let note = offline::arrival_note(v.arrived_by, v.received_on);
    let entry = lapor_store::offline::Entry { actor: &actor, role: role.as_str(), arrival_note: &note };
    let mut new_id = || TrackingId::from_random(secrets::random());
    let sms = |tid: &str| messages::offline_received(tid, &token, &tracking_url(tid));
    let created = lapor_store::offline::create(db, &row, &cal, &mut new_id, &entry, &sms, clock::now())?;
    // No staff notice: the report waits in the national verification queue like any new report.
    Ok(Entered {
        tracking_id: created.tracking_id,
        reporter_token: token,
        sms_queued: v.report.reporter.phone.is_some(),
    })
}

#[derive(Deserialize)]
struct Scan {
    data_base64: Option<String>,
}

#[derive(Deserialize)]
struct ApiInput {
    #[serde(flatten)]
    offline: OfflineInput,
    #[serde(default)]
    scans: Vec<Scan>,
}

/// The API's answer.
#[derive(Serialize)]
struct Created {
    tracking_id: String,
    reporter_token: String,
    status: Status,
    color: lapor_core::Color,
    channel: &'static str,
    arrived_by: Arrival,
    received_on: String,
    sms_queued: bool,
    tracking_url: String,
}

/// `POST /api/v1/offline/reports`: an offline complaint (national or instansi admin).
pub fn api_create(req: &Req) -> ApiResult {
    let db = lapor_spin::db()?;
    let who = staff::require(req, &db)?;
    let role = offline::may_enter(&who).ok_or_else(staff::forbidden)?;
    let input: ApiInput = staff::body(req)?;
    let mut scans = Vec::new();
    for (i, s) in input.scans.iter().enumerate() {
        let b64 = s.data_base64.as_deref().unwrap_or("").trim();
        let data = base64::engine::general_purpose::STANDARD.decode(b64).map_err(|_| {
            ApiError::field(&format!("scans[{i}].data_base64"), "invalid_base64", "base64 tidak valid / invalid base64")
        })?;
        scans.push(data);
    }
    let v = offline::validate(&input.offline, clock::today_wib()).map_err(|f| ApiError::invalid(&f))?;
    let e = match enter(&db, &who, role, &v, &scans) {
        Ok(e) => e,
        Err(PageError::Response(r)) => return Err(r.0.into()),
        Err(PageError::Store(s)) => return Err(s.into()),
        Err(_) => return Err(ApiError::not_found()),
    };
    let tid = e.tracking_id.as_str().to_string();
    let body = Created {
        tracking_url: tracking_url(&tid),
        tracking_id: tid.clone(),
        reporter_token: e.reporter_token,
        status: Status::Received,
        color: Status::Received.color(),
        channel: "offline",
        arrived_by: v.arrived_by,
        received_on: v.received_on.format("%Y-%m-%d").to_string(),
        sms_queued: e.sms_queued,
    };
    let mut resp = respond::json(201, &serde_json::to_value(body).unwrap_or_default());
    resp.set_header("location", format!("/api/v1/reports/{tid}"));
    Ok(resp)
}

/// The signed-in admin of a console request, or the response to send instead (sign-in page, 403 page).
fn admin(req: &Req, db: &dyn Db) -> Result<(Staff, String, Role), PageError> {
    let l = Lang::of(req);
    let (who, token) = lapor_spin::console::session(req, db)?;
    let Some(role) = offline::may_enter(&who) else {
        return Err(lapor_spin::html::error_page(
            req,
            403,
            texts::common::NOT_ALLOWED,
            l.t(texts::offline::ONLY_NATIONAL_INSTANSI_ADMINS_ENTER),
        )
        .into());
    };
    Ok((who, token, role))
}

fn arrival_fields(l: Lang, s: &Submitted, errors: &[FieldError]) -> maud::Markup {
    let chosen = s.get("arrived_by").unwrap_or_default();
    let err =
        |f: &str| errors.iter().find(|e| e.field == f).map(|e| html! { span.hint role="alert" { "⚠ " (e.message) } });
    html! {
        fieldset {
            legend { (l.t(texts::offline::HOW_COMPLAINT_ARRIVED)) }
            @for a in Arrival::ALL {
                label { input type="radio" name="arrived_by" value=(a.as_str()) checked[chosen == a.as_str()] required;
                    " " (l.t(a.labels().into())) }
            }
            (err("arrived_by").unwrap_or_default())
        }
        label for="received_on" { (l.t(texts::offline::DATE_RECEIVED)) }
        input #received_on type="date" name="received_on" value=(s.get("received_on").unwrap_or_default()) required;
        (err("received_on").unwrap_or_default())
    }
}

/// The staff frame's links and sign-out button (as on the verification component's console pages).
fn staff_footer(l: Lang, token: &str) -> maud::Markup {
    html! {
        p { a href="/staff" { (l.t(texts::common::STAFF_HOME)) } }
        form.inline method="post" action="/staff/keluar" {
            input type="hidden" name="csrf" value=(staff::csrf_for(token));
            button.secondary type="submit" { (l.t(texts::common::SIGN_OUT)) }
        }
    }
}

fn form_page(req: &Req, token: &str, status: u16, s: &Submitted, errors: &[FieldError]) -> Response {
    let l = Lang::of(req);
    let frame = FormFrame {
        heading: l.t(texts::common::ENTER_OFFLINE_COMPLAINT),
        action: "/staff/luring",
        extra: html! {
            p.hint { (l.t(texts::offline::COMPLAINT_LETTER_DESK_PHONE_ENTERED)) }
            (arrival_fields(l, s, errors))
        },
        evidence_label: l.t(texts::offline::SCANS_LETTER_OPTIONAL),
        submit: l.t(texts::offline::SAVE_PRINT_RECEIPT),
    };
    let content = html! {
        (form::form_markup(l, s, errors, &staff::csrf_for(token), &frame))
        (staff_footer(l, token))
    };
    page(req, status, layout(l, "/staff/luring", frame.heading, content))
}

/// `GET /staff/luring`: the offline-complaint form.
pub fn show(req: &Req) -> PageResult {
    let db = lapor_spin::db()?;
    let (_, token, _) = admin(req, &db)?;
    Ok(form_page(req, &token, 200, &Submitted::default(), &[]))
}

/// `POST /staff/luring`: stores the complaint and shows the printable receipt, or the form with what to fix.
pub fn submit(req: &Req) -> PageResult {
    let l = Lang::of(req);
    let db = lapor_spin::db()?;
    let (who, token, role) = admin(req, &db)?;
    let s = form::parse(req).unwrap_or_default();
    if !staff::csrf_ok(&token, &s.get("csrf").unwrap_or_default()) {
        return Ok(lapor_spin::html::error_page(
            req,
            403,
            texts::common::FORM_EXPIRED,
            l.t(texts::common::RELOAD_PAGE_SEND_AGAIN),
        ));
    }
    let input =
        OfflineInput { report: s.to_report(), arrived_by: s.get("arrived_by"), received_on: s.get("received_on") };
    let v = match offline::validate(&input, clock::today_wib()) {
        Ok(v) => v,
        Err(errors) => return Ok(form_page(req, &token, 422, &s, &errors)),
    };
    let e = match enter(&db, &who, role, &v, &s.files) {
        Ok(e) => e,
        Err(PageError::Response(_)) => {
            let errors = [FieldError::new(
                "evidence",
                "evidence_unsupported_type",
                evidence::EvidenceError::UnsupportedType.message(),
            )];
            return Ok(form_page(req, &token, 422, &s, &errors));
        }
        Err(other) => return Err(other),
    };
    Ok(receipt(req, &token, &v, &e))
}

/// The printable receipt: tracking ID, reporter code, and how to follow up by web and SMS 1708.
fn receipt(req: &Req, token: &str, v: &ValidOffline, e: &Entered) -> Response {
    let l = Lang::of(req);
    let tid = e.tracking_id.as_str();
    let title = l.t(texts::offline::COMPLAINT_RECEIPT);
    let content = html! {
        h1 { (title) }
        p.notice role="status" { (l.t(texts::offline::COMPLAINT_SAVED_WAITS_VERIFICATION)) }
        dl.facts {
            dt { (l.t(texts::offline::TRACKING_NUMBER)) } dd { strong.secret id="tracking-id" { (tid) } }
            dt { (l.t(texts::common::SECRET_REPORTER_CODE)) } dd { strong.secret id="reporter-token" { (e.reporter_token) } }
            dt { (l.t(texts::common::TITLE)) } dd { (v.report.title) }
            dt { (l.t(texts::offline::ARRIVED)) } dd { (l.t(v.arrived_by.labels().into())) }
            dt { (l.t(texts::offline::DATE_RECEIVED)) } dd { (v.received_on.format("%d-%m-%Y").to_string()) }
        }
        h2 { (l.t(texts::offline::HOW_FOLLOW_UP)) }
        ul {
            li { (l.fill_html(texts::offline::WEB_OPEN, &[("url", html! { strong { (tracking_url(tid)) } })])) }
            li { (l.fill_html(texts::offline::SMS_1708, &[("message", html! { strong { "#" (tid) " <pesan>" } })])) }
        }
        @if e.sms_queued {
            p { (l.t(texts::offline::TRACKING_NUMBER_REPORTER_CODE_WERE)) }
        }
        p.hint { (l.t(texts::offline::SAVE_PRINT_PAGE_HAND_REPORTER)) }
        p { a href="/staff/luring" { (l.t(texts::offline::ENTER_ANOTHER_COMPLAINT)) } }
        (staff_footer(l, token))
    };
    page(req, 201, layout(l, "/staff/luring", title, content))
}
