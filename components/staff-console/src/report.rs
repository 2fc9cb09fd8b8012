//! One report for staff (`GET /staff/laporan/{id}`) with the forms the caller's role allows, and the form
//! actions (`POST /staff/laporan/{id}/{action}`), each calling the same `lapor_store::workflow` function as
//! the JSON API. The reporter is shown only as far as `Staff::reporter_access` allows.

use std::collections::HashMap;

use lapor_core::roles::{Action, ReportScope, ReporterAccess};
use lapor_core::texts;
use lapor_core::verification::RejectReason;
use lapor_core::{organisation as org_rules, Category, Status};
use lapor_spin::error::{PageError, PageResult};
use lapor_spin::html::{badge, error_page, when};
use lapor_spin::request::Req;
use lapor_spin::{answering, clock, evidence, forwarding};
use lapor_store::workflow::{self, StaffActor, Verification};
use lapor_store::{attachments, organisation, reports, Db};
use maud::{html, Markup};
use spin_sdk::http::Response;

use lapor_spin::console::{action_error_page, field, frame, notice, redirect, Ctx};

fn not_found(req: &Req, c: &Ctx) -> Response {
    let l = c.lang;
    error_page(req, 404, texts::common::REPORT_NOT_FOUND, l.t(texts::report::YOU_MAY_NOT_SEE))
}

/// The report's id and scope if the caller may view it (else `None`: it looks the same as not existing).
fn visible(db: &dyn Db, c: &Ctx, tid: &str) -> Result<Option<(i64, ReportScope)>, lapor_store::StoreError> {
    Ok(workflow::scope(db, tid)?.filter(|(_, scope)| c.staff.authorize(Action::View, scope).is_some()))
}

/// `GET /staff/laporan/{tracking_id}`.
pub fn show(req: &Req, db: &dyn Db, c: &Ctx, tid: &str) -> PageResult {
    let l = c.lang;
    let Some((report_id, scope)) = visible(db, c, tid)? else { return Ok(not_found(req, c)) };
    let Some(view) = reports::find_by_tracking_id(db, tid)? else { return Ok(not_found(req, c)) };
    let history = workflow::history(db, report_id)?;
    let access = c.staff.reporter_access(&scope);
    let reporter = if access == ReporterAccess::Hidden { None } else { Some(workflow::reporter(db, report_id)?) };
    let available = c.staff.available_actions(&scope);
    let can = |a: Action| available.contains(&a);
    let (can_verify, can_route, can_assign, can_answer) =
        (can(Action::Verify), can(Action::Route), can(Action::Assign), can(Action::Answer));
    let opds = match (can_assign, scope.instansi_id) {
        (true, Some(i)) => organisation::list_opds(db, i)?,
        _ => Vec::new(),
    };
    let suggested = Category::parse(&view.category).and_then(org_rules::suggested_opd_code);
    let path = format!("/staff/laporan/{tid}");
    // Files: whoever sees the report opens them (`may_see_evidence`); numbered as their URLs.
    let files = if c.staff.may_see_evidence(&scope) { attachments::list(db, report_id)? } else { Vec::new() };
    let file_no = |public_id: &str| files.iter().position(|f| f.public_id == public_id).map(|i| i + 1);
    // Forwarding: pick the target instansi by name from a server-side search (never a typed id).
    let can_forward = can(Action::Forward);
    let instansi_q = req.query_param("instansi_q").map(|q| q.trim().chars().take(100).collect::<String>());
    let found = match (&instansi_q, can_forward) {
        (Some(q), true) if !q.is_empty() => organisation::list_instansi(db, q, None, 20)?
            .into_iter()
            .filter(|i| i.active && Some(i.id) != scope.instansi_id)
            .collect(),
        _ => Vec::new(),
    };
    let done = notice(req, l);
    let content = html! {
        h1 { (view.title) }
        @if let Some(d) = done { p.notice role="status" { (d) } }
        p { "#" (view.tracking_id) " " (badge(l, view.status.color())) " " span.small { (l.t(view.status.labels().into())) } }
        dl.facts {
            dt { (l.t(texts::common::CATEGORY)) } dd { (view.category) }
            dt { (l.t(texts::common::CHANNEL)) } dd { (lapor_core::Channel::parse(&view.channel).map_or(view.channel.as_str(), |c| l.t(c.label()))) }
            dt { (l.t(texts::report::VISIBILITY)) } dd { (l.t(match view.visibility {
                lapor_core::Visibility::Public => texts::intake::PUBLIC,
                lapor_core::Visibility::Anonymous => texts::intake::ANONYMOUS,
                lapor_core::Visibility::Confidential => texts::intake::CONFIDENTIAL,
            })) }
            dt { (l.t(texts::common::REGION)) } dd { (view.region_name.as_deref().unwrap_or("—")) }
            @if let Some(t) = &view.location_text { dt { (l.t(texts::common::LOCATION)) } dd { (t) } }
            @if let Some(i) = &view.instansi_name { dt { "Instansi" } dd { (i) } }
            @if let Some(o) = &view.opd_name { dt { "OPD" } dd { (o) } }
            dt { (l.t(texts::common::RECEIVED)) } dd { (when(view.created_at)) }
            @if let Some(d) = view.due_at { dt { (l.t(texts::common::DUE)) } dd { strong { (when(d)) } } }
            dt { (l.t(texts::common::REPORTER)) }
            dd {
                @match (&reporter, access) {
                    (Some(p), ReporterAccess::Full) => {
                        (p.name.as_deref().unwrap_or("—"))
                        @if let Some(n) = &p.nik { br; "NIK " (n) }
                        @if let Some(t) = &p.phone { br; (t) }
                        @if let Some(e) = &p.email { br; (e) }
                        @if let Some(h) = &p.handle { br; "@" (h) }
                    }
                    (Some(p), _) => { (p.name.as_deref().unwrap_or("—")) }
                    _ => { em { (l.t(texts::report::ANONYMOUS_HIDDEN)) } }
                }
            }
        }
        h2 { (l.t(texts::common::REPORT_BODY)) }
        p.body { (view.body) }
        @if !files.is_empty() {
            h2 { (l.t(texts::report::FILES)) }
            ul.files {
                @for (i, f) in files.iter().enumerate() {
                    li {
                        a href={ (path) "/berkas/" (i + 1) } {
                            (l.t(texts::report::FILE)) " " (i + 1) " · " (file_kind(l, &f.mime))
                        }
                        " · " (f.size / 1024 + 1) " KB · "
                        @if f.event_id.is_some() { (l.t(texts::report::ANSWER)) } @else { (l.t(texts::report::EVIDENCE_FROM_REPORTER)) }
                    }
                }
            }
        }

        @if can_verify {
            h2 { (l.t(texts::common::VERIFICATION)) }
            form.stack method="post" action={ (path) "/verify" } {
                (c.csrf_field())
                label for="category" { (l.t(texts::report::CATEGORY_CORRECT_IF_NEEDED)) }
                select #category name="category" {
                    @for cat in Category::ALL { option value=(cat.as_str()) selected[cat.as_str() == view.category] { (cat.label_id()) } }
                }
                button type="submit" { (l.t(texts::report::VERIFY_FORWARD)) }
            }
            form.stack method="post" action={ (path) "/needs_info" } {
                (c.csrf_field())
                label for="question" { (l.t(texts::report::ASK_REPORTER_MORE)) }
                textarea #question name="question" maxlength="1000" required {}
                button.secondary type="submit" { (l.t(texts::report::SEND_QUESTION)) }
            }
            form.stack method="post" action={ (path) "/reject" } {
                (c.csrf_field())
                label for="reason" { (l.t(texts::report::REJECT_REASON)) }
                select #reason name="reason" required {
                    @for r in RejectReason::ALL { option value=(r.as_str()) { (r.label_id()) } }
                }
                label for="note" { (l.t(texts::report::NOTE)) }
                input #note type="text" name="note" maxlength="1000";
                button.secondary type="submit" { (l.t(texts::report::REJECT)) }
            }
            form.stack method="post" action={ (path) "/duplicate" } {
                (c.csrf_field())
                label for="of" { (l.t(texts::report::DUPLICATE_NUMBER)) }
                input #of type="text" name="of" inputmode="numeric" required;
                button.secondary type="submit" { (l.t(texts::report::MERGE)) }
            }
        }
        @if can_route {
            h2 { (l.t(texts::report::CHOOSE_INSTANSI)) }
            form.stack method="post" action={ (path) "/route" } {
                (c.csrf_field())
                label for="instansi_id" { (l.t(texts::report::INSTANSI_ID)) }
                input #instansi_id type="number" name="instansi_id" required;
                button type="submit" { (l.t(texts::report::FORWARD)) }
            }
        }
        @if can_assign {
            h2 { (l.t(texts::report::ASSIGN_OPD)) }
            form.stack method="post" action={ (path) "/assign" } {
                (c.csrf_field())
                label for="opd_id" { "OPD" }
                select #opd_id name="opd_id" required {
                    @for o in opds.iter().filter(|o| o.active) {
                        option value=(o.id) selected[Some(o.code.as_str()) == suggested] {
                            (o.name) @if Some(o.code.as_str()) == suggested { (l.t(texts::report::SUGGESTED)) }
                        }
                    }
                }
                button type="submit" { (l.t(texts::report::ASSIGN)) }
            }
            (reason_form(c, &path, "send_back_national", "reason_nat", l.t(texts::report::NOT_OURS_SEND_BACK_NATIONAL), l.t(texts::report::SEND_BACK)))
        }
        @if can_answer {
            h2 { (l.t(texts::report::FOLLOW_UP)) }
            form.stack method="post" action={ "/staff/jawab/" (tid) } enctype="multipart/form-data" {
                (c.csrf_field())
                label for="answer" { (l.t(texts::report::ANSWER_REPORTER)) }
                textarea #answer name="body" maxlength=(lapor_core::workflow::ANSWER_MAX) required {}
                label for="answer_file" { (l.t(texts::report::PHOTO_SCAN_JPEG_PNG_WEBP)) }
                input #answer_file type="file" name="attachment" accept="image/jpeg,image/png,image/webp,application/pdf";
                button type="submit" { (l.t(texts::report::SEND_ANSWER)) }
            }
            (reason_form(c, &path, "extension", "ext_reason", l.t(texts::report::ASK_MORE_TIME_REASON), l.t(texts::report::ASK_EXTENSION)))
            (reason_form(c, &path, "send_back", "back_reason", l.t(texts::report::NOT_OUR_OPD_S_SEND), l.t(texts::report::SEND_BACK)))
        }
        @if can_forward {
            h2 { (l.t(texts::report::FORWARD_ANOTHER_GOVERNMENT_BODY)) }
            p.small { (l.t(texts::report::NOT_BODY_S_MATTER_SEARCH)) }
            form.stack method="get" action=(path) {
                label for="instansi_q" { (l.t(texts::report::NAME_TARGET_BODY)) }
                input #instansi_q type="search" name="instansi_q" maxlength="100" value=(instansi_q.as_deref().unwrap_or("")) required;
                button.secondary type="submit" { (l.t(texts::common::SEARCH)) }
            }
            @if let Some(q) = instansi_q.as_deref().filter(|q| !q.is_empty()) {
                @if found.is_empty() {
                    p { (l.t(texts::report::NO_GOVERNMENT_BODY_MATCHES)) " “" (q) "”." }
                } @else {
                    form.stack method="post" action={ (path) "/forward" } {
                        (c.csrf_field())
                        fieldset {
                            legend { (l.t(texts::report::CHOOSE_TARGET_BODY)) }
                            @for (k, i) in found.iter().enumerate() {
                                label.choice {
                                    input type="radio" name="instansi_id" value=(i.id) required checked[k == 0];
                                    " " (i.name)
                                }
                            }
                        }
                        label for="forward_reason" { (l.t(texts::report::REASON_KEPT_HISTORY)) }
                        input #forward_reason type="text" name="reason" maxlength="1000" required;
                        button type="submit" { (l.t(texts::report::FORWARD_ELSEWHERE)) }
                    }
                }
            }
        }
        h2 { (l.t(texts::report::HISTORY)) }
        ol.thread {
            @for e in &history {
                li {
                    span.who { (when(e.at)) " · " (e.actor) @if let Some(r) = &e.role { " (" (r) ")" }
                        @if let Some(ch) = &e.channel { " · " (ch) } " · " (e.kind) }
                    @if let Some(s) = &e.to_status { " → " strong { (s) } }
                    @if let Some(b) = &e.body { p { (b) } }
                    @for a in &e.attachments {
                        @if let Some(n) = file_no(a) {
                            p.small { a href={ (path) "/berkas/" (n) } { (l.t(texts::report::FILE)) " " (n) } }
                        }
                    }
                }
            }
        }
    };
    Ok(frame(req, c, 200, &view.title, content))
}

/// A form that posts one required line, `reason`, to `{path}/{action}` (sending back, asking for more time).
fn reason_form(c: &Ctx, path: &str, action: &str, id: &str, label: &str, button: &str) -> Markup {
    html! {
        form.stack method="post" action={ (path) "/" (action) } {
            (c.csrf_field())
            label for=(id) { (label) }
            input id=(id) type="text" name="reason" maxlength="1000" required;
            button.secondary type="submit" { (button) }
        }
    }
}

/// `POST /staff/laporan/{tracking_id}/{action}`.
pub fn act(req: &Req, db: &dyn Db, c: &Ctx, tid: &str, action: &str, form: &HashMap<String, String>) -> PageResult {
    let l = c.lang;
    let needed = match action {
        "verify" | "needs_info" | "reject" | "duplicate" => Action::Verify,
        "route" => Action::Route,
        "assign" | "send_back_national" => Action::Assign,
        "answer" | "extension" | "send_back" => Action::Answer,
        "forward" => Action::Forward,
        _ => return Ok(not_found(req, c)),
    };
    if action == "answer" {
        // The one answer use case, as the API's and the answer-with-a-file form's.
        return Ok(match answering::answer(db, &c.staff, tid, field(form, "body"), None, clock::now()) {
            Ok(_) => redirect(req, &format!("/staff/laporan/{tid}?ok=answer")),
            Err(answering::Refusal::NotFound) => not_found(req, c),
            Err(answering::Refusal::Forbidden) => {
                let t = l.t(texts::common::NOT_ALLOWED);
                frame(req, c, 403, t, html! { h1 { (t) } })
            }
            Err(answering::Refusal::Invalid(f)) => {
                action_error_page(req, c, lapor_store::action::ActionError::Invalid("body", f.code, f.message))
            }
            Err(answering::Refusal::Action(e)) => action_error_page(req, c, e),
        });
    }
    let Some((report_id, scope)) = visible(db, c, tid)? else { return Ok(not_found(req, c)) };
    let Some(role) = c.staff.authorize(needed, &scope) else {
        let t = l.t(texts::common::NOT_ALLOWED);
        return Ok(frame(req, c, 403, t, html! { h1 { (t) } }));
    };
    let who = StaffActor { account_id: c.staff.account_id, role };
    let now = clock::now();
    let missing =
        |f: &'static str| lapor_store::action::ActionError::Invalid(f, "required", "wajib diisi / required".into());
    let text = |f: &'static str, max: usize| {
        field(form, f).filter(|s| s.chars().count() <= max).map(str::to_string).ok_or_else(|| missing(f))
    };
    let result = match action {
        "verify" => {
            let v =
                Verification { category: field(form, "category").and_then(Category::parse), ..Verification::default() };
            workflow::verify(db, report_id, &who, &v, now).map(|_| ())
        }
        "needs_info" => text("question", 1000).and_then(|q| workflow::needs_info(db, report_id, &who, &q, now)),
        "reject" => match field(form, "reason").and_then(RejectReason::parse) {
            Some(r) => workflow::reject(db, report_id, &who, r, field(form, "note"), now),
            None => Err(missing("reason")),
        },
        "duplicate" => text("of", 20).and_then(|of| workflow::mark_duplicate(db, report_id, &who, &of, now)),
        "route" => match field(form, "instansi_id").and_then(|i| i.parse().ok()) {
            Some(i) => workflow::route(db, report_id, &who, i, now).map(|_| ()),
            None => Err(missing("instansi_id")),
        },
        "assign" => match field(form, "opd_id").and_then(|i| i.parse().ok()) {
            Some(o) => workflow::assign(db, report_id, &who, o, now).map(|_| ()),
            None => Err(missing("opd_id")),
        },
        "send_back_national" => {
            text("reason", 1000).and_then(|r| workflow::send_back_to_national(db, report_id, &who, &r, now))
        }
        "forward" => match field(form, "instansi_id").and_then(|i| i.parse().ok()) {
            Some(i) => {
                let reason = field(form, "reason").unwrap_or("");
                forwarding::forward(
                    db,
                    &c.staff,
                    &forwarding::Subject { report_id, scope: &scope, tracking_id: tid },
                    i,
                    reason,
                    now,
                )
                .map(|_| ())
                .map_err(Into::into)
            }
            None => Err(missing("instansi_id")),
        },
        "extension" => {
            text("reason", 1000).and_then(|r| workflow::request_extension(db, report_id, &who, &r, now).map(|_| ()))
        }
        _ => text("reason", 1000).and_then(|r| workflow::send_back_to_instansi(db, report_id, &who, &r, now)),
    };
    match result {
        // After these the caller may no longer see the report.
        Ok(()) if matches!(action, "send_back" | "send_back_national") => {
            Ok(redirect(req, &format!("/staff?ok={action}")))
        }
        Ok(()) if action == "forward" && c.staff.authorize(Action::View, &moved_scope(db, tid)).is_none() => {
            Ok(redirect(req, "/staff?ok=forward"))
        }
        Ok(()) => Ok(redirect(req, &format!("/staff/laporan/{tid}?ok={action}"))),
        Err(e) => Ok(action_error_page(req, c, e)),
    }
}

/// The report's scope after an action (a closed one when it is gone).
fn moved_scope(db: &dyn Db, tid: &str) -> ReportScope {
    workflow::scope(db, tid).ok().flatten().map(|(_, s)| s).unwrap_or(ReportScope {
        status: Status::Archived,
        visibility: lapor_core::Visibility::Confidential,
        instansi_id: None,
        opd_id: None,
        escalated: false,
        province_instansi_id: None,
    })
}

/// A file's kind in words.
fn file_kind(l: lapor_spin::html::Lang, mime: &str) -> &'static str {
    match mime {
        "application/pdf" => "PDF",
        m if m.starts_with("image/") => l.t(texts::report::IMAGE),
        _ => l.t(texts::report::FILE_LOWER),
    }
}

/// `GET /staff/laporan/{tracking_id}/berkas/{n}`: file `n` of the report, for whoever may see the report (else
/// 404, as for a missing report). Images open in place, anything else downloads.
pub fn file(db: &dyn Db, c: &Ctx, tid: &str, n: &str) -> PageResult {
    let report_id = evidence::visible_report(db, &c.staff, tid)?.ok_or(PageError::NotFound)?;
    let n: usize = n.parse().map_err(|_| PageError::NotFound)?;
    let bytes = attachments::nth(db, report_id, n as i64)?.ok_or(PageError::NotFound)?;
    Ok(evidence::file_response(bytes, tid, n))
}
