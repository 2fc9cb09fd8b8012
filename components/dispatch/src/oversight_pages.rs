//! The console pages of oversight (dispatch component; session cookie, forms with the session's anti-forgery
//! value, no JavaScript): `/staff/pemberitahuan` (notices, mark read, the phone for urgent ones),
//! `/staff/pengawasan/{instansi}` (the Inspektorat's overdue page, reprimands, extension decisions) and
//! `/staff/ombudsman` (the mediation inbox and one report's mediation). Same rules and store functions as the
//! JSON API.

use std::collections::HashMap;

use lapor_core::roles::{Action, Role};
use lapor_core::status::{MediationOutcome, MediationStep};
use lapor_core::texts;
use lapor_core::{phone, sla};
use lapor_spin::console::{self, field, Ctx};
use lapor_spin::error::{PageError, PageResult};
use lapor_spin::html::{table_head, when, Lang};
use lapor_spin::request::Req;
use lapor_spin::router::Router;
use lapor_spin::{clock, staff};
use lapor_store::mediation::{self, Input};
use lapor_store::{notices, oversight, Db};
use maud::{html, Markup};
use spin_sdk::http::Response;

use crate::oversight::{load_overdue, ReprimandOf};

/// The routes of `/staff/pemberitahuan...`, `/staff/pengawasan...` and `/staff/ombudsman...`.
pub fn routes(db: &dyn Db) -> Router<'_> {
    Router::new()
        .get("/staff/pemberitahuan", |req, _| with_ctx(req, db, |c| notices_page(req, db, c)))
        .post("/staff/pemberitahuan/semua", |req, _| {
            with_form(req, db, |c, _| {
                notices::mark_all_read(db, &c.staff, clock::now())?;
                Ok(redirect(req, "/staff/pemberitahuan?ok=read"))
            })
        })
        .post("/staff/pemberitahuan/telepon", |req, _| with_form(req, db, |c, f| set_phone(req, db, c, f)))
        .post("/staff/pemberitahuan/{id}/baca", |req, p| {
            with_form(req, db, |c, _| {
                let id: i64 = p["id"].parse().map_err(|_| PageError::NotFound)?;
                notices::mark_read(db, &c.staff, id, clock::now())?;
                Ok(redirect(req, "/staff/pemberitahuan?ok=read"))
            })
        })
        .get("/staff/pengawasan", |req, _| {
            with_ctx(req, db, |c| match c.staff.overseen_instansi().first() {
                Some(i) => Ok(redirect(req, &format!("/staff/pengawasan/{i}"))),
                None => Err(forbidden(req, c)),
            })
        })
        .get("/staff/pengawasan/{id}", |req, p| with_ctx(req, db, |c| oversight_page(req, db, c, &p["id"])))
        .post("/staff/pengawasan/{id}/tegur", |req, p| with_form(req, db, |c, f| reprimand(req, db, c, &p["id"], f)))
        .post("/staff/pengawasan/{id}/perpanjangan/{tid}", |req, p| {
            with_form(req, db, |c, f| decide(req, db, c, &p["id"], &p["tid"], f))
        })
        .get("/staff/ombudsman", |req, _| with_ctx(req, db, |c| ombudsman_inbox(req, db, c)))
        .get("/staff/ombudsman/{tid}", |req, p| with_ctx(req, db, |c| mediation_page(req, db, c, &p["tid"])))
        .post("/staff/ombudsman/{tid}/{action}", |req, p| {
            with_form(req, db, |c, f| mediate(req, db, c, &p["tid"], &p["action"], f))
        })
}

/// Runs `f` for a signed-in staff member (the shared console session; the sign-in page otherwise).
fn with_ctx(req: &Req, db: &dyn Db, f: impl FnOnce(&Ctx) -> PageResult) -> Response {
    console::with_ctx(req, db, f)
}

/// Runs `f` for a form POST whose anti-forgery value matches (the shared console check; 403 otherwise).
fn with_form(req: &Req, db: &dyn Db, f: impl FnOnce(&Ctx, &HashMap<String, String>) -> PageResult) -> Response {
    console::with_form(req, db, f)
}

/// 303 to a path of this app, keeping `?lang=en` (also after a `?ok=` code).
fn redirect(req: &Req, to: &str) -> Response {
    if Lang::of(req) == Lang::En && to.contains('?') {
        return console::redirect(req, &format!("{to}&lang=en"));
    }
    console::redirect(req, to)
}

fn frame(req: &Req, c: &Ctx, status: u16, title: &str, content: Markup) -> Response {
    console::frame(req, c, status, title, content)
}

fn forbidden(req: &Req, c: &Ctx) -> PageError {
    console::forbidden(req, c).into()
}

/// A refused input as a page (422), nothing stored.
fn refused(req: &Req, c: &Ctx, detail: &str) -> PageError {
    console::refused(req, c, 422, detail).into()
}

fn ok_notice(req: &Req, l: Lang) -> Option<&'static str> {
    Some(match req.query_param("ok")?.as_str() {
        "read" => l.t(texts::oversight::MARKED_READ),
        "phone" => l.t(texts::oversight::PHONE_NUMBER_SAVED),
        "reprimand" => l.t(texts::oversight::REPRIMAND_RECORDED_SENT),
        "approved" => l.t(texts::oversight::EXTENSION_APPROVED),
        "refused" => l.t(texts::oversight::EXTENSION_REFUSED),
        "mediation" => l.t(texts::oversight::MEDIATION_STEP_RECORDED),
        _ => return None,
    })
}

fn kind_label(l: Lang, kind: &str) -> &'static str {
    match kind {
        "sla_warning" => l.t(texts::oversight::DEADLINE_NEAR),
        "sla_breach" => l.t(texts::oversight::DEADLINE_MISSED),
        "escalated" => l.t(texts::oversight::ESCALATED_OMBUDSMAN),
        "extension_requested" => l.t(texts::oversight::EXTENSION_REQUESTED),
        "extension_approved" => l.t(texts::oversight::EXTENSION_APPROVED_TITLE),
        "extension_refused" => l.t(texts::oversight::EXTENSION_REFUSED_TITLE),
        "reprimand" => l.t(texts::oversight::INSPEKTORAT_REPRIMAND),
        "mediation_info" => l.t(texts::oversight::OMBUDSMAN_ASKS_INFORMATION),
        "forwarded" => l.t(texts::oversight::REPORT_FORWARDED_YOUR_GOVERNMENT_BODY),
        _ => l.t(texts::oversight::NOTICE),
    }
}

/// `GET /staff/pemberitahuan`: the caller's notices, newest first, each linking to its report.
fn notices_page(req: &Req, db: &dyn Db, c: &Ctx) -> PageResult {
    let l = c.lang;
    let list = notices::list(db, &c.staff, false, 200)?;
    let phone = notices::phone(db, c.staff.account_id)?;
    let title = l.t(texts::common::NOTICES);
    let content = html! {
        h1 { (title) }
        @if let Some(d) = ok_notice(req, l) { p.notice role="status" { (d) } }
        p { (l.fill_html(texts::oversight::UNREAD, &[("n", html! { strong #unread { (c.unread) } })])) }
        @if list.is_empty() {
            p { (l.t(texts::oversight::NO_NOTICES)) }
        } @else {
            @if c.unread > 0 {
                form method="post" action="/staff/pemberitahuan/semua" {
                    (c.csrf_field())
                    button.secondary type="submit" { (l.t(texts::oversight::MARK_ALL_READ)) }
                }
            }
            table {
                (table_head(&[
                    l.t(texts::oversight::TIME),
                    l.t(texts::oversight::KIND),
                    l.t(texts::common::REPORT),
                    l.t(texts::oversight::TEXT),
                    l.t(texts::common::STATUS),
                ]))
                tbody {
                    @for n in &list {
                        tr class=(if n.read { "read" } else { "unread" }) {
                            td { (when(n.created_at)) }
                            td { (kind_label(l, &n.kind)) }
                            td { a href={ "/staff/laporan/" (n.tracking_id) } { (n.tracking_id) } }
                            td { (n.body) }
                            td {
                                @if n.read { (l.t(texts::oversight::READ)) } @else {
                                    form method="post" action={ "/staff/pemberitahuan/" (n.id) "/baca" } {
                                        (c.csrf_field())
                                        button.secondary type="submit" { (l.t(texts::oversight::MARK_READ)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { (l.t(texts::oversight::SMS_URGENT_NOTICES)) }
        p.small { (l.t(texts::oversight::MISSED_DEADLINES_ESCALATIONS_OMBUDSMAN_ALSO)) }
        form.stack method="post" action="/staff/pemberitahuan/telepon" {
            (c.csrf_field())
            label for="phone" { (l.t(texts::oversight::MOBILE_NUMBER_EMPTY_STOP)) }
            input #phone type="tel" name="phone" value=(phone.as_deref().unwrap_or("")) maxlength="20";
            button type="submit" { (l.t(texts::oversight::SAVE)) }
        }
    };
    Ok(frame(req, c, 200, title, content))
}

fn set_phone(req: &Req, db: &dyn Db, c: &Ctx, f: &HashMap<String, String>) -> PageResult {
    let normalized = match field(f, "phone") {
        None => None,
        Some(p) => {
            Some(phone::normalize(p).ok_or_else(|| refused(req, c, c.lang.t(texts::oversight::INVALID_PHONE_NUMBER)))?)
        }
    };
    notices::set_phone(db, c.staff.account_id, normalized.as_deref())?;
    Ok(redirect(req, "/staff/pemberitahuan?ok=phone"))
}

fn overseen(req: &Req, c: &Ctx, id: &str) -> Result<i64, PageError> {
    if c.staff.overseen_instansi().is_empty() {
        return Err(forbidden(req, c));
    }
    id.parse::<i64>().ok().filter(|i| c.staff.oversees(*i)).ok_or(PageError::NotFound)
}

/// `GET /staff/pengawasan/{instansi}`: overdue and near-due reports grouped by OPD, oldest first, with days
/// overdue; "Tegur" per report and per OPD; pending extension requests; reprimands per OPD with dates.
fn oversight_page(req: &Req, db: &dyn Db, c: &Ctx, id: &str) -> PageResult {
    let instansi = overseen(req, c, id)?;
    let l = c.lang;
    let now = clock::now();
    let o = load_overdue(db, instansi, now)?;
    let given = oversight::reprimands(db, instansi, None, 200)?;
    let name = lapor_store::organisation::get_instansi(db, instansi)?.map(|i| i.name).unwrap_or_default();
    let may_reprimand = c.staff.may_reprimand_in(instansi);
    let base = format!("/staff/pengawasan/{instansi}");
    let title = l.t(texts::common::FOLLOW_UP_OVERSIGHT);
    let reason_field = |id: &str| {
        html! {
            label for=(id) { (l.t(texts::oversight::REASON_REPRIMAND)) }
            input id=(id) type="text" name="reason" maxlength="1000" required;
        }
    };
    let content = html! {
        h1 { (title) }
        p { (name) }
        @if let Some(d) = ok_notice(req, l) { p.notice role="status" { (d) } }
        p.small { (l.fill(texts::oversight::REPORTS_OVERDUE_DUE_WITHIN, &[("days", &sla::NEAR_DUE_DAYS)])) }
        @if o.groups.is_empty() { p { (l.t(texts::oversight::NO_OVERDUE_REPORTS)) } }
        @for (opd_id, opd_name, lines) in &o.groups {
            section.opd {
                h2 { (opd_name.as_deref().unwrap_or(l.t(texts::oversight::NOT_YET_OPD))) }
                table {
                    @let head = [
                        l.t(texts::common::NUMBER),
                        l.t(texts::common::TITLE),
                        l.t(texts::oversight::DEADLINE),
                        l.t(texts::oversight::DAYS_OVERDUE),
                        l.t(texts::oversight::REPRIMAND),
                    ];
                    (table_head(if may_reprimand { &head } else { &head[..4] }))
                    tbody {
                        @for r in lines {
                            tr {
                                td { a href={ "/staff/laporan/" (r.tracking_id) } { (r.tracking_id) } }
                                td { (r.title) @if r.pending_extension.is_some() { br; span.small { (l.t(texts::oversight::ASK_EXTENSION)) } } }
                                td { (when(r.due_at)) }
                                td { @if sla::is_overdue(r.due_at, now) { (sla::days_overdue(r.due_at, now)) } @else { (l.t(texts::oversight::SOON)) } }
                                @if may_reprimand {
                                    td { @if opd_id.is_some() {
                                        form method="post" action={ (base) "/tegur" } {
                                            (c.csrf_field())
                                            input type="hidden" name="tracking_id" value=(r.tracking_id);
                                            (reason_field(&format!("reason-{}", r.tracking_id)))
                                            button.secondary type="submit" { (l.t(texts::oversight::REPRIMAND)) }
                                        }
                                    } }
                                }
                            }
                        }
                    }
                }
                @if let (true, Some(opd)) = (may_reprimand, opd_id) {
                    form.stack method="post" action={ (base) "/tegur" } {
                        (c.csrf_field())
                        input type="hidden" name="opd_id" value=(opd);
                        (reason_field(&format!("reason-opd-{opd}")))
                        button type="submit" { (l.t(texts::oversight::REPRIMAND_OPD)) }
                    }
                }
            }
        }
        h2 { (l.t(texts::oversight::EXTENSION_REQUESTS)) }
        @if o.pending.is_empty() { p { (l.t(texts::oversight::NO_REQUESTS)) } }
        @for p in &o.pending {
            section.extension {
                p { a href={ "/staff/laporan/" (p.tracking_id) } { (p.tracking_id) } " — " (p.title)
                    @if let Some(n) = &p.opd_name { " (" (n) ")" } }
                p { (l.fill(texts::oversight::REASON_LEAD, &[("reason", &p.reason)])) }
                p.small { (l.fill(texts::oversight::REQUESTED, &[("at", &when(p.requested_at))]))
                    @if let Some(d) = p.due_at { " · " (l.fill(texts::oversight::CURRENT_DEADLINE, &[("at", &when(d))])) } }
                form.stack method="post" action={ (base) "/perpanjangan/" (p.tracking_id) } {
                    (c.csrf_field())
                    label for={ "note-" (p.id) } { (l.t(texts::oversight::NOTE_OPTIONAL)) }
                    input id={ "note-" (p.id) } type="text" name="note" maxlength="1000";
                    button type="submit" name="decision" value="approve" { (l.t(texts::oversight::APPROVE)) }
                    button.secondary type="submit" name="decision" value="refuse" { (l.t(texts::oversight::REFUSE)) }
                }
            }
        }
        h2 { (l.t(texts::oversight::REPRIMANDS_OPD)) }
        @if given.is_empty() { p { (l.t(texts::oversight::NO_REPRIMANDS_YET)) } } @else {
            table {
                (table_head(&[
                    "OPD",
                    l.t(texts::oversight::DATE),
                    l.t(texts::oversight::REPORTS),
                    l.t(texts::oversight::REASON),
                ]))
                tbody {
                    @for g in &given {
                        tr {
                            td { (g.opd_name) }
                            td { (when(g.at)) }
                            td { @match &g.tracking_id { Some(t) => { a href={ "/staff/laporan/" (t) } { (t) } }, None => { (g.reports_concerned) } } }
                            td { (g.reason) }
                        }
                    }
                }
            }
        }
    };
    Ok(frame(req, c, 200, title, content))
}

fn reprimand(req: &Req, db: &dyn Db, c: &Ctx, id: &str, f: &HashMap<String, String>) -> PageResult {
    let instansi = overseen(req, c, id)?;
    if !c.staff.may_reprimand_in(instansi) {
        return Err(forbidden(req, c));
    }
    let l = c.lang;
    let Some(reason) = field(f, "reason").filter(|r| r.chars().count() <= 1000) else {
        return Err(refused(req, c, l.t(texts::oversight::REASON_REQUIRED_MOST_1000_CHARACTERS)));
    };
    let of = match (field(f, "tracking_id"), field(f, "opd_id").and_then(|o| o.parse::<i64>().ok())) {
        (Some(t), None) => ReprimandOf::Report(t.to_string()),
        (None, Some(o)) => ReprimandOf::Opd(o),
        _ => return Err(refused(req, c, l.t(texts::oversight::CHOOSE_ONE_REPORT_ONE_OPD))),
    };
    match crate::oversight::do_reprimand(db, &c.staff, instansi, of, reason) {
        Ok(_) => Ok(redirect(req, &format!("/staff/pengawasan/{instansi}?ok=reprimand"))),
        Err(e) => {
            let resp = e.into_response();
            let status = resp.status();
            Err(match status {
                404 => PageError::NotFound,
                403 => forbidden(req, c),
                409 => refused(req, c, l.t(texts::oversight::THERE_NO_OVERDUE_REPORT_REPRIMAND)),
                _ => refused(req, c, l.t(texts::oversight::REPRIMAND_COULD_NOT_RECORDED)),
            })
        }
    }
}

fn decide(req: &Req, db: &dyn Db, c: &Ctx, id: &str, tid: &str, f: &HashMap<String, String>) -> PageResult {
    let instansi = overseen(req, c, id)?;
    let l = c.lang;
    let a = staff::authorize(db, &c.staff, tid, Action::DecideExtension).map_err(|r| match r.status() {
        403 => forbidden(req, c),
        _ => PageError::NotFound,
    })?;
    if a.scope.instansi_id != Some(instansi) {
        return Err(PageError::NotFound);
    }
    let approve = match field(f, "decision") {
        Some("approve") => true,
        Some("refuse") => false,
        _ => return Err(refused(req, c, l.t(texts::oversight::CHOOSE_APPROVE_REFUSE))),
    };
    let note = field(f, "note").filter(|n| n.chars().count() <= 1000);
    oversight::decide_extension(db, a.report_id, &a.actor, approve, note, clock::now())?;
    let ok = if approve { "approved" } else { "refused" };
    Ok(redirect(req, &format!("/staff/pengawasan/{instansi}?ok={ok}")))
}

fn stage_label(l: Lang, m: Option<lapor_core::status::Mediation>) -> &'static str {
    match m {
        None => l.t(texts::oversight::WAITING_TAKEN_UP),
        Some(m) => l.t(m.labels().into()),
    }
}

/// `GET /staff/ombudsman`: escalated reports across every instansi, oldest first.
fn ombudsman_inbox(req: &Req, db: &dyn Db, c: &Ctx) -> PageResult {
    if !c.staff.has_role(Role::Ombudsman) {
        return Err(forbidden(req, c));
    }
    let l = c.lang;
    let closed = req.query_param("closed").is_some_and(|v| v == "1");
    let list = mediation::inbox(db, closed, 500)?;
    let title = l.t(texts::common::OMBUDSMAN_MEDIATION);
    let content = html! {
        h1 { (title) }
        p.small { (l.t(texts::oversight::REPORTS_NOT_COMPLETED_60_DAYS)) }
        p { @if closed { a href="/staff/ombudsman" { (l.t(texts::oversight::HIDE_CLOSED)) } }
            @else { a href="/staff/ombudsman?closed=1" { (l.t(texts::oversight::SHOW_CLOSED_TOO)) } } }
        @if list.is_empty() { p { (l.t(texts::common::NO_REPORTS)) } } @else {
            table {
                (table_head(&[
                    l.t(texts::common::NUMBER),
                    l.t(texts::common::TITLE),
                    l.t(texts::oversight::INSTANSI_OPD),
                    l.t(texts::oversight::ESCALATED),
                    l.t(texts::common::MEDIATION),
                ]))
                tbody {
                    @for r in &list {
                        tr {
                            td { a href={ "/staff/ombudsman/" (r.tracking_id) } { (r.tracking_id) } }
                            td { (r.title) }
                            td { (r.instansi_name.as_deref().unwrap_or("—")) @if let Some(o) = &r.opd_name { br; span.small { (o) } } }
                            td { (when(r.escalated_at)) }
                            td { (stage_label(l, r.stage)) }
                        }
                    }
                }
            }
        }
    };
    Ok(frame(req, c, 200, title, content))
}

fn mediable(req: &Req, db: &dyn Db, c: &Ctx, tid: &str) -> Result<staff::Authorized, PageError> {
    staff::authorize(db, &c.staff, tid, Action::Mediate).map_err(|r| match r.status() {
        403 => forbidden(req, c),
        _ => PageError::NotFound,
    })
}

/// `GET /staff/ombudsman/{tracking_id}`: one escalated report, its mediation, and the forms of the next steps.
fn mediation_page(req: &Req, db: &dyn Db, c: &Ctx, tid: &str) -> PageResult {
    let a = mediable(req, db, c, tid)?;
    let l = c.lang;
    let view = lapor_store::reports::find_by_tracking_id(db, tid)?.ok_or(PageError::NotFound)?;
    let state = mediation::state(db, a.report_id)?;
    let stage = state.as_ref().map(|s| s.stage);
    let fits = |s: MediationStep| s.apply(stage).is_ok();
    let base = format!("/staff/ombudsman/{tid}");
    let title = l.t(texts::oversight::REPORT_MEDIATION);
    let content = html! {
        h1 { (title) " #" (view.tracking_id) }
        @if let Some(d) = ok_notice(req, l) { p.notice role="status" { (d) } }
        dl.facts {
            dt { (l.t(texts::common::TITLE)) } dd { (view.title) }
            dt { (l.t(texts::common::GOVERNMENT_BODY)) } dd { (view.instansi_name.as_deref().unwrap_or("—")) }
            dt { "OPD" } dd { (view.opd_name.as_deref().unwrap_or("—")) }
            dt { (l.t(texts::oversight::REPORT_STATUS)) } dd { (l.t(view.status.labels().into())) }
            dt { (l.t(texts::common::MEDIATION)) } dd #stage { (stage_label(l, stage)) }
            @if let Some(o) = state.as_ref().and_then(|s| s.outcome) {
                dt { (l.t(texts::oversight::OUTCOME)) } dd { (l.t(o.labels().into()))
                    @if let Some(t) = state.as_ref().and_then(|s| s.recommendation.as_deref()) { ": " (t) } }
            }
        }
        p { a href={ "/staff/laporan/" (view.tracking_id) } { (l.t(texts::oversight::REPORT_S_FULL_HISTORY)) } }
        p { (view.body) }
        @if fits(MediationStep::TakeUp) {
            form.stack method="post" action={ (base) "/take_up" } {
                (c.csrf_field())
                button type="submit" { (l.t(texts::oversight::TAKE_UP_MEDIATION)) }
            }
        }
        @if fits(MediationStep::RequestInfo) {
            form.stack method="post" action={ (base) "/request_info" } {
                (c.csrf_field())
                label for="question" { (l.t(texts::oversight::ASK_INSTANSI_INFORMATION)) }
                textarea #question name="question" maxlength="2000" required {}
                button.secondary type="submit" { (l.t(texts::oversight::SEND_REQUEST)) }
            }
        }
        @if fits(MediationStep::RecordOutcome) {
            form.stack method="post" action={ (base) "/outcome" } {
                (c.csrf_field())
                label for="outcome" { (l.t(texts::oversight::MEDIATION_OUTCOME)) }
                select #outcome name="outcome" {
                    @for o in MediationOutcome::ALL { option value=(o.as_str()) { (l.t(o.labels().into())) } }
                }
                label for="recommendation" { (l.t(texts::oversight::RECOMMENDATION_TEXT_REQUIRED_RECOMMENDATION)) }
                textarea #recommendation name="recommendation" maxlength="5000" {}
                button type="submit" { (l.t(texts::oversight::RECORD_OUTCOME)) }
            }
        }
        @if fits(MediationStep::Close) {
            form.stack method="post" action={ (base) "/close" } {
                (c.csrf_field())
                button type="submit" { (l.t(texts::oversight::CLOSE_MEDIATION)) }
            }
        }
    };
    Ok(frame(req, c, 200, title, content))
}

fn mediate(req: &Req, db: &dyn Db, c: &Ctx, tid: &str, action: &str, f: &HashMap<String, String>) -> PageResult {
    let step = MediationStep::parse(action).ok_or(PageError::NotFound)?;
    let a = mediable(req, db, c, tid)?;
    let l = c.lang;
    let input = match step {
        MediationStep::TakeUp => Input::TakeUp,
        MediationStep::Close => Input::Close,
        MediationStep::RequestInfo => match field(f, "question").filter(|q| q.chars().count() <= 2000) {
            Some(q) => Input::RequestInfo(q),
            None => return Err(refused(req, c, l.t(texts::oversight::QUESTION_REQUIRED))),
        },
        MediationStep::RecordOutcome => {
            let Some(o) = field(f, "outcome").and_then(MediationOutcome::parse) else {
                return Err(refused(req, c, l.t(texts::oversight::CHOOSE_OUTCOME)));
            };
            let text = field(f, "recommendation").filter(|t| t.chars().count() <= 5000);
            if o.needs_text() && text.is_none() {
                return Err(refused(req, c, l.t(texts::oversight::RECOMMENDATION_TEXT_REQUIRED)));
            }
            Input::Outcome(o, text.filter(|_| o.needs_text()))
        }
    };
    mediation::step(db, a.report_id, &a.actor, input, clock::now())?;
    Ok(redirect(req, &format!("/staff/ombudsman/{tid}?ok=mediation")))
}
