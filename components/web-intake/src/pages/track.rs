//! Tracking: `GET /lacak` (enter a tracking ID), `GET /lacak/{id}` (colour, deadlines, thread) and
//! `POST /lacak/{id}` (the reporter opens their own report with the reporter code).

use lapor_core::texts;
use lapor_core::workflow as rules;
use lapor_core::{Category, Channel, Status, Visibility};
use lapor_spin::error::PageResult;
use lapor_spin::request::{url_decode_pairs, Req};
use lapor_store::action::ActionError;
use lapor_store::workflow;
use maud::{html, Markup};
use spin_sdk::http::Response;

use super::{badge, error_page, layout, page, when, Lang};
use crate::view::{self, Loaded};

/// `GET /lacak[?id=…]`: the lookup form, or a redirect to the report's page.
pub fn lookup(req: &Req) -> Response {
    let l = Lang::of(req);
    if let Some(id) = req.query_param("id").map(|s| s.trim().trim_start_matches('#').to_string()) {
        if !id.is_empty() {
            let mut resp = page(req, 303, html! { a href={ "/lacak/" (id) } { (id) } });
            resp.set_header("location", format!("/lacak/{}", super::list::urlencode(&id)));
            return resp;
        }
    }
    let content = html! {
        h1 { (l.t(texts::intake::TRACK_REPORT)) }
        form.stack method="get" action="/lacak" {
            label for="id" { (l.t(texts::intake::TRACKING_NUMBER_10_DIGITS)) }
            input #id type="text" name="id" inputmode="numeric" required;
            button type="submit" { (l.t(texts::common::TRACK)) }
        }
    };
    page(req, 200, layout(l, "/lacak", l.t(texts::intake::TRACK_REPORT), content))
}

/// `GET /lacak/{id}` (public view) and `POST /lacak/{id}` with `token` (the reporter's view).
pub fn show(req: &Req, id: &str) -> PageResult {
    let l = Lang::of(req);
    let form = (req.method == spin_sdk::http::Method::Post)
        .then(|| std::str::from_utf8(&req.body).ok().map(url_decode_pairs))
        .flatten()
        .unwrap_or_default();
    let get = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim().to_string());
    let token = get("token");
    let lookups = crate::lookups::key(&req.client_subject());
    if !crate::lookups::allowed(&lookups) {
        return Ok(error_page(req, 429, texts::intake::TOO_MANY_LOOKUPS, l.t(texts::intake::TRY_AGAIN_IN_AN_HOUR)));
    }
    let db = lapor_spin::db()?;
    // The reporter's follow-up: the reporter code proves who they are (no other cookie or field needed).
    let mut outcome = None;
    if let (Some(action), Ok(Some(loaded))) = (get("action"), view::load(&db, id, token.as_deref())) {
        if loaded.own {
            outcome = Some(follow_up(&db, loaded.report.id, loaded.report.status, &action, get("message")));
        }
    }
    let loaded = match view::load(&db, id, token.as_deref()) {
        Ok(Some(loaded)) => loaded,
        Ok(None) => {
            crate::lookups::missed(&lookups);
            return Ok(error_page(
                req,
                404,
                texts::common::REPORT_NOT_FOUND,
                l.t(texts::intake::CHECK_YOUR_TRACKING_NUMBER),
            ));
        }
        Err(e) => return Ok(lapor_spin::internal("tracking page", &e)),
    };
    if loaded.withheld() {
        return Ok(withheld(req, &loaded.report));
    }
    let Loaded { report, thread, own } = loaded;
    let mediation = match lapor_store::mediation::state(&db, report.id) {
        Ok(m) => m,
        Err(e) => return Ok(lapor_spin::internal("tracking page mediation", &e)),
    };
    let color = report.status.color();
    let category = Category::parse(&report.category).map(|c| c.label_id()).unwrap_or("");
    let path = format!("/lacak/{}", report.tracking_id);
    let content = html! {
        h1 { (report.title) }
        p { "#" (report.tracking_id) " " (badge(l, color)) }
        dl.facts {
            dt { (l.t(texts::common::STATUS)) } dd { (l.t(report.status.labels().into())) }
            @if let Some(m) = &mediation {
                dt { (l.t(texts::common::OMBUDSMAN)) } dd #mediation { (l.t(m.stage.labels().into())) }
                @if let Some(o) = m.outcome {
                    dt { (l.t(texts::intake::MEDIATION_OUTCOME)) }
                    dd #mediation-outcome { (l.t(o.labels().into()))
                        @if let Some(t) = &m.recommendation { ": " (t) } }
                }
            }
            dt { (l.t(texts::common::CATEGORY)) } dd { (category) }
            dt { (l.t(texts::common::REGION)) } dd { (report.region_name.as_deref().unwrap_or("—")) }
            @if let Some(i) = &report.instansi_name { dt { (l.t(texts::common::GOVERNMENT_BODY)) } dd { (i) } }
            @if let Some(o) = &report.opd_name { dt { (l.t(texts::intake::WORK_UNIT_OPD)) } dd { (o) } }
            dt { (l.t(texts::common::RECEIVED)) } dd { (when(report.created_at)) }
            @if let Some(due) = report.due_at { dt { (l.t(texts::intake::DEADLINE_STEP)) } dd { (when(due)) } }
            @if report.visibility != Visibility::Anonymous && (own || report.status.reporter_name_is_public()) {
                @if let Some(n) = &report.reporter_name { dt { (l.t(texts::common::REPORTER)) } dd { (n) } }
            }
        }
        h2 { (l.t(texts::common::REPORT_BODY)) }
        p { (report.body) }
        h2 { (l.t(texts::intake::HISTORY_ANSWERS)) }
        ol.thread {
            @for e in &thread {
                li {
                    span.who { (when(e.at)) " · " (actor_label(l, &e.actor)) }
                    @if let Some(s) = &e.to_status { " → " strong { (s) } }
                    @if let Some(b) = &e.body { p { (b) } }
                    // Files that came with an answer: only the reporter opens them, with the reporter code
                    // (posted, never put in a URL).
                    @if own && !e.attachments.is_empty() {
                        @for (k, a) in e.attachments.iter().enumerate() {
                            form.inline method="post" action={ (path) "/berkas" } {
                                input type="hidden" name="token" value=(token.as_deref().unwrap_or(""));
                                input type="hidden" name="file" value=(a);
                                button.secondary type="submit" { (l.t(texts::intake::OPEN_ANSWER_S_FILE)) " " (k + 1) }
                            }
                        }
                    }
                }
            }
        }
        @if own {
            p.notice { (l.t(texts::intake::YOU_OPENED_REPORT_REPORTER)) }
            @match &outcome {
                Some(Ok(())) => { p.notice role="status" id="outcome" { (l.t(texts::intake::YOUR_RESPONSE_WAS_SAVED)) } }
                Some(Err(m)) => { div.errors role="alert" id="outcome" { p { (m) } } }
                None => {}
            }
            @let options = rules::citizen_options(report.status);
            @if options.accept {
                h2 { (l.t(texts::intake::SATISFIED_ANSWER)) }
                form.stack method="post" action=(path) {
                    input type="hidden" name="token" value=(token.as_deref().unwrap_or(""));
                    input type="hidden" name="action" value="accept";
                    button #accept type="submit" { (l.t(texts::intake::ACCEPT_ANSWER_DONE)) }
                }
            }
            @if options.reply || options.reopen {
                @let reopen = options.reopen;
                form.stack method="post" action=(path) {
                    input type="hidden" name="token" value=(token.as_deref().unwrap_or(""));
                    input type="hidden" name="action" value=(if reopen { "reopen" } else { "reply" });
                    label for="message" { @if reopen { (l.t(texts::intake::NOT_RESOLVED_EXPLAIN)) } @else { (l.t(texts::intake::REPLY_ADD_INFORMATION)) } }
                    textarea #message name="message" maxlength="5000" required {}
                    button.secondary type="submit" { @if reopen { (l.t(texts::intake::REOPEN)) } @else { (l.t(texts::intake::SEND_REPLY)) } }
                }
            }
        } @else {
            (reporter_code_form(l, &path))
        }
    };
    Ok(page(req, 200, layout(l, &path, &report.title, content)))
}

/// The page of a report whose content is not public (`Status::content_is_public`), for anyone but its reporter:
/// the status, the dates, and the reporter-code form.
fn withheld(req: &Req, report: &lapor_store::reports::ReportView) -> Response {
    let l = Lang::of(req);
    let path = format!("/lacak/{}", report.tracking_id);
    let title = l.fill(texts::intake::REPORT_NUMBER, &[("id", &report.tracking_id)]);
    let content = html! {
        h1 { (title) }
        p { (badge(l, report.status.color())) }
        dl.facts {
            dt { (l.t(texts::common::STATUS)) } dd { (l.t(report.status.labels().into())) }
            dt { (l.t(texts::common::RECEIVED)) } dd { (when(report.created_at)) }
        }
        p.notice #withheld { (l.t(texts::intake::CONTENT_SHOWN_ONLY_TO_REPORTER)) }
        (reporter_code_form(l, &path))
    };
    page(req, 200, layout(l, &path, &title, content))
}

/// "Are you the reporter?": the form that opens the report at `path` with the reporter code.
fn reporter_code_form(l: Lang, path: &str) -> Markup {
    html! {
        h2 { (l.t(texts::intake::ARE_YOU_REPORTER)) }
        form.stack method="post" action=(path) {
            label for="token" { (l.t(texts::common::SECRET_REPORTER_CODE)) }
            input #token type="text" name="token" autocomplete="off" required;
            button type="submit" { (l.t(texts::intake::OPEN_REPORTER)) }
        }
    }
}

/// The reporter accepts, replies or reopens, through the same store functions as the API and SMS.
fn follow_up(
    db: &dyn lapor_store::Db,
    report_id: i64,
    status: Status,
    action: &str,
    message: Option<String>,
) -> Result<(), String> {
    let now = lapor_spin::clock::now();
    let message = message.filter(|m| !m.is_empty() && m.chars().count() <= 5000);
    let reply = |m: Option<String>| match m {
        Some(m) => workflow::citizen_reply(db, report_id, Channel::Web, &m, now).map(|_| ()),
        None => Err(ActionError::Invalid("message", "required", "pesan wajib diisi / a message is required".into())),
    };
    let result = match action {
        "accept" => workflow::citizen_accept(db, report_id, Channel::Web, now),
        "reopen" => rules::citizen_reopen(status).map_err(ActionError::from).and_then(|()| reply(message)),
        "reply" => reply(message),
        _ => Err(ActionError::Invalid("action", "unknown_action", "tindakan tidak dikenal / unknown action".into())),
    };
    result.map_err(|e| match e {
        ActionError::Conflict(m) | ActionError::Invalid(_, _, m) => m,
        ActionError::NotFound(_) => "laporan tidak ditemukan / report not found".into(),
        ActionError::Store(e) => {
            eprintln!("error: citizen follow-up: {e}");
            "terjadi kesalahan / internal error".into()
        }
    })
}

fn actor_label(l: Lang, actor: &str) -> &'static str {
    match actor {
        "citizen" => l.t(texts::common::REPORTER),
        "staff" => l.t(texts::intake::STAFF),
        _ => l.t(texts::intake::SYSTEM),
    }
}

/// `POST /lacak/{id}/berkas` with `token` (the reporter code) and `file`: a file that came with an answer, for
/// the reporter only (anyone else, and any other file of the report, gets the same 404). Images open in place,
/// anything else downloads; the type is sniffed from the bytes.
pub fn file(req: &Req, id: &str) -> PageResult {
    let l = Lang::of(req);
    let form = std::str::from_utf8(&req.body).ok().map(url_decode_pairs).unwrap_or_default();
    let get = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim().to_string());
    let not_found =
        || error_page(req, 404, texts::common::FILE_NOT_FOUND, l.t(texts::intake::OPEN_YOUR_REPORT_SECRET_REPORTER));
    let (Some(token), Some(public_id)) = (get("token"), get("file")) else { return Ok(not_found()) };
    let db = lapor_spin::db()?;
    let loaded = match view::load(&db, id, Some(&token)) {
        Ok(Some(loaded)) if loaded.own => loaded,
        Ok(_) => return Ok(not_found()),
        Err(e) => return Ok(lapor_spin::internal("answer file", &e)),
    };
    match lapor_store::attachments::answer_file(&db, loaded.report.id, &public_id) {
        Ok(Some((n, bytes))) => Ok(lapor_spin::evidence::file_response(bytes, &loaded.report.tracking_id, n as usize)),
        Ok(None) => Ok(not_found()),
        Err(e) => Ok(lapor_spin::internal("answer file", &e)),
    }
}
