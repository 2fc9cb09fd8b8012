//! The verification queue (national admin): filters (channel, kind, province), oldest or newest first, pages, and
//! the groups of near-identical waiting reports with their one-action rejection (issue 28, finding 2). Each line
//! links to the report page, where the actions are. (The dispatch board and the OPD inbox are dispatch's pages.)

use std::collections::HashMap;

use lapor_core::roles::Role;
use lapor_core::texts;
use lapor_core::verification::{QueueQuery, RejectReason};
use lapor_core::{regions, Channel, Kind};
use lapor_spin::clock;
use lapor_spin::console::{action_error_page, field, forbidden, frame, redirect, work_list, Ctx};
use lapor_spin::error::PageResult;
use lapor_spin::html::{when, Lang};
use lapor_spin::report_groups::{self, GroupView, Refusal};
use lapor_spin::request::{url_decode_pairs, Req};
use lapor_store::action::ActionError;
use lapor_store::workflow;
use lapor_store::Db;
use maud::{html, Markup};

/// `GET /staff/verifikasi?sort=&channel=&kind=&region=&page=`: `received` and `needs_info` reports with the
/// verification deadline, one page at a time (a value the form does not offer shows the whole queue), the groups of
/// near-identical reports, and the verified reports no instansi was found for.
pub fn queue(req: &Req, db: &dyn Db, c: &Ctx) -> PageResult {
    if !c.staff.has_role(Role::NationalAdmin) {
        return Ok(forbidden(req, c));
    }
    let l = c.lang;
    let query = QueueQuery::parse(&url_decode_pairs(&req.query)).unwrap_or_default();
    let (list, total) = workflow::verification_queue(db, &query)?;
    let groups = match report_groups::list(db, &c.staff) {
        Ok(g) => g,
        Err(Refusal::Action(ActionError::Store(e))) => return Err(e.into()),
        // Not the national admin's (checked above) or nothing to group: no groups.
        Err(_) => Vec::new(),
    };
    let unrouted = workflow::unrouted(db, 200)?;
    let done = (req.query_param("ok").as_deref() == Some("group")).then(|| {
        let n = req.query_param("n").and_then(|n| n.parse::<usize>().ok()).unwrap_or(0);
        l.fill(texts::console::GROUP_REJECTED, &[("count", &n)])
    });
    let title = l.t(texts::console::VERIFICATION_QUEUE);
    let content = html! {
        h1 { (title) }
        @if let Some(d) = done { div.notice role="status" { p { (d) } } }
        @if !query.newest_first { p { (l.t(texts::console::OLDEST_FIRST_VERIFY_WITHIN_3)) } }
        (filters(l, &query))
        (work_list(l, &list, l.t(texts::console::VERIFY)))
        (pages(l, &query, total))
        @if !groups.is_empty() {
            h2 { (l.t(texts::console::SIMILAR_REPORTS)) }
            p { (l.t(texts::console::SIMILAR_REPORTS_INTRO)) }
            @for g in &groups { (group(c, g)) }
        }
        h2 { (l.t(texts::console::NO_INSTANSI_FOUND)) }
        (work_list(l, &unrouted, l.t(texts::console::DUE)))
    };
    Ok(frame(req, c, 200, title, content))
}

/// The filter form (a GET: the filters are in the address, so a page can be bookmarked and shared).
fn filters(l: Lang, q: &QueueQuery) -> Markup {
    let region = q.region.as_deref().unwrap_or("");
    html! {
        form.stack method="get" action="/staff/verifikasi" aria-label=(l.t(texts::console::QUEUE_FILTERS)) {
            @if l == Lang::En { input type="hidden" name="lang" value="en"; }
            label for="sort" { (l.t(texts::console::SORT_ORDER)) }
            select #sort name="sort" {
                option value="oldest" selected[!q.newest_first] { (l.t(texts::console::OLDEST_FIRST)) }
                option value="newest" selected[q.newest_first] { (l.t(texts::console::NEWEST_FIRST)) }
            }
            label for="channel" { (l.t(texts::common::CHANNEL)) }
            select #channel name="channel" {
                option value="" { (l.t(texts::console::ALL_CHANNELS)) }
                @for ch in Channel::ALL { option value=(ch.as_str()) selected[q.channel == Some(*ch)] { (l.t(ch.label())) } }
            }
            label for="kind" { (l.t(texts::oversight::KIND)) }
            select #kind name="kind" {
                option value="" { (l.t(texts::console::ALL_KINDS)) }
                @for k in Kind::ALL { option value=(k.as_str()) selected[q.kind == Some(*k)] { (l.t(k.label())) } }
            }
            label for="region" { (l.t(texts::stats::PROVINCE)) }
            select #region name="region" {
                option value="" { (l.t(texts::console::ALL_REGIONS)) }
                @for p in regions::provinces() { option value=(p.code) selected[p.code == region] { (p.name) } }
            }
            button type="submit" { (l.t(texts::common::SHOW)) }
        }
    }
}

/// "Page n of m" and the links to the pages before and after, keeping the filters.
fn pages(l: Lang, q: &QueueQuery, total: i64) -> Markup {
    let pages = ((total + q.limit - 1) / q.limit).max(1);
    let link = |page: i64| {
        let mut s = format!("/staff/verifikasi?sort={}&page={page}", if q.newest_first { "newest" } else { "oldest" });
        for (k, v) in [
            ("channel", q.channel.map(|c| c.as_str())),
            ("kind", q.kind.map(|k| k.as_str())),
            ("region", q.region.as_deref()),
        ] {
            if let Some(v) = v {
                s.push_str(&format!("&{k}={v}"));
            }
        }
        if l == Lang::En {
            s.push_str("&lang=en");
        }
        s
    };
    html! {
        nav aria-label=(l.t(texts::console::VERIFICATION_QUEUE)) {
            p { (l.fill(texts::console::QUEUE_PAGE_OF, &[("page", &q.page), ("pages", &pages), ("total", &total)])) }
            @if q.page > 1 { p { a href=(link(q.page - 1)) { (l.t(texts::console::PREVIOUS_PAGE)) } } }
            @if q.page < pages { p { a href=(link(q.page + 1)) { (l.t(texts::console::NEXT_PAGE)) } } }
        }
    }
}

/// One group: its first title, size and span, its first reports, and the form that rejects them all.
fn group(c: &Ctx, g: &GroupView) -> Markup {
    let l = c.lang;
    let (first, last) = (when(g.first_at), when(g.last_at));
    html! {
        section.group {
            h3 { (g.title) }
            p { (l.fill(texts::console::GROUP_SIZE_SPAN, &[("count", &g.count), ("first", &first), ("last", &last)])) }
            p.small {
                @for tid in g.tracking_ids.iter().take(5) { a href={ "/staff/laporan/" (tid) } { (tid) } " " }
            }
            form.stack method="post" action={ "/staff/verifikasi/kelompok/" (g.fingerprint) "/tolak" } {
                (c.csrf_field())
                label for={ "reason-" (g.fingerprint) } { (l.t(texts::report::REJECT_REASON)) }
                select id={ "reason-" (g.fingerprint) } name="reason" required {
                    @for r in RejectReason::ALL { option value=(r.as_str()) { (r.label_id()) } }
                }
                label for={ "note-" (g.fingerprint) } { (l.t(texts::report::NOTE)) }
                input id={ "note-" (g.fingerprint) } type="text" name="note" maxlength="1000";
                button.secondary type="submit" { (l.fill(texts::console::REJECT_ALL, &[("count", &g.count)])) }
            }
        }
    }
}

/// `POST /staff/verifikasi/kelompok/{fingerprint}/tolak`: rejects every report of the group (the same use case as
/// the API's), then back to the queue with how many.
pub fn reject_group(req: &Req, db: &dyn Db, c: &Ctx, fingerprint: &str, form: &HashMap<String, String>) -> PageResult {
    let missing = || ActionError::Invalid("reason", "required", "wajib diisi / required".into());
    let Some(reason) = field(form, "reason").and_then(RejectReason::parse) else {
        return Ok(action_error_page(req, c, missing()));
    };
    let note = field(form, "note").map(|n| n.chars().take(1000).collect::<String>());
    match report_groups::reject(db, &c.staff, fingerprint, reason, note.as_deref(), clock::now()) {
        Ok(ids) => Ok(redirect(req, &format!("/staff/verifikasi?ok=group&n={}", ids.len()))),
        Err(Refusal::Forbidden) => Ok(forbidden(req, c)),
        Err(Refusal::Action(ActionError::NotFound(_))) => {
            let t = c.lang.t(texts::console::GROUP_GONE);
            Ok(frame(
                req,
                c,
                404,
                t,
                html! { h1 { (t) } p { a href="/staff/verifikasi" { (c.lang.t(texts::console::VERIFICATION_QUEUE)) } } },
            ))
        }
        Err(Refusal::Action(e)) => Ok(action_error_page(req, c, e)),
    }
}
