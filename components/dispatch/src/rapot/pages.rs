//! The rapot pages (`/dashboard...`, session cookie, no JavaScript): the rapot of a period with the score
//! formula in words, the province's regencies side by side, a bar chart drawn as SVG on the server, the
//! drill-down from an OPD to its reports, and issuing / listing / downloading frozen rapots.

use std::collections::HashMap;

use lapor_core::rapot::issue::Line;
use lapor_core::rapot::period::Period;
use lapor_core::rapot::{Figure, OpdCard, LOW_SCORE};
use lapor_core::texts;
use lapor_core::texts::Text;
use lapor_spin::console::{self, Ctx as Console};
use lapor_spin::html::{page, when, Lang};
use lapor_spin::request::{url_decode_pairs, url_encode as enc, Req};
use lapor_spin::staff;
use lapor_store::dashboard::{FactRow, OpdLine};
use lapor_store::Db;
use maud::{html, Markup};
use spin_sdk::http::Response;

use super::{Rapot, Refusal, Sortable, Viewer, COLUMNS};

/// A signed-in viewer of a page: the console's page context and what their rapot covers.
struct Ctx {
    page: Console,
    v: Viewer,
    token: String,
    l: Lang,
}

fn ctx(req: &Req, db: &dyn Db) -> Result<Ctx, Refusal> {
    let (s, token) = console::session(req, db)?;
    let unread = lapor_store::notices::unread_count(db, &s)?;
    let page = Console { staff: s.clone(), token: token.clone(), lang: Lang::of(req), unread };
    Ok(Ctx { page, v: Viewer::of(db, s)?, token, l: Lang::of(req) })
}

fn run(req: &Req, f: impl FnOnce() -> Result<Response, Refusal>) -> Response {
    f().unwrap_or_else(|r| r.page(req))
}

fn frame(req: &Req, c: &Ctx, title: &str, content: Markup) -> Response {
    console::frame(req, &c.page, 200, title, content)
}

fn hours(secs: i64) -> String {
    if secs < 86_400 {
        format!("{:.1} j", secs as f64 / 3600.0)
    } else {
        format!("{:.1} h", secs as f64 / 86_400.0)
    }
}

fn dash(v: Option<String>) -> String {
    v.unwrap_or_else(|| "—".into())
}

fn lang_q(l: Lang) -> &'static str {
    if l == Lang::En {
        "&lang=en"
    } else {
        ""
    }
}

/// The cells of a card, in [`COLUMNS`] order after the name; with `drill`, the figures link to the OPD's
/// drill-down sections.
fn cells(c: &OpdCard, drill: Option<&str>) -> Markup {
    let linked = |n: u32, anchor: &str| -> Markup {
        match drill {
            Some(base) if n > 0 => html! { a href={ (base) "#" (anchor) } { (n) } },
            _ => html! { (n) },
        }
    };
    html! {
        td.received { (linked(c.received, "received")) }
        td.on_time { (c.answered_on_time) }
        td.late { (linked(c.answered_late, "late")) }
        td.overdue { (linked(c.overdue_now, "overdue")) }
        td.reopened { (linked(c.reopened, "reopened")) }
        td.median { (dash(c.median_first_answer.map(hours))) }
        td.completed { (c.completed) }
        td.satisfaction { (dash(c.satisfaction.map(|s| format!("{:.0}%", s * 100.0)))) }
        td.score { strong { (dash(c.score.map(|s| s.to_string()))) } }
    }
}

fn low_flag(l: Lang, c: &OpdCard) -> Markup {
    html! { @if c.is_low() { " " span.flag { (l.t(texts::rapot::UNDER_60)) } } }
}

/// A horizontal bar chart of the scores (no script: plain SVG with text labels and a 60 line).
fn chart<T: Sortable>(l: Lang, lines: &[T]) -> Markup {
    let scored: Vec<&T> = lines.iter().filter(|x| x.card().score.is_some()).collect();
    let (label_w, bar_w, row_h) = (260.0, 400.0, 22.0);
    let height = row_h * scored.len() as f64 + 30.0;
    let x60 = label_w + bar_w * f64::from(LOW_SCORE) / 100.0;
    html! {
        @if !scored.is_empty() {
            figure {
                svg.chart viewBox={ "0 0 " (label_w + bar_w + 50.0) " " (height) } role="img"
                    aria-label=(l.t(texts::rapot::SCORE_PER_OPD)) {
                    title { (l.t(texts::rapot::SCORE_0_100)) }
                    @for (i, x) in scored.iter().enumerate() {
                        @let y = 20.0 + row_h * i as f64;
                        @let s = x.card().score.unwrap_or(0);
                        text x="0" y=(y + 14.0) { (x.name().chars().take(38).collect::<String>()) }
                        rect class=(if x.card().is_low() { "bar low" } else { "bar" }) x=(label_w) y=(y + 2.0)
                            width=(bar_w * f64::from(s) / 100.0) height=(row_h - 6.0) {}
                        text x=(label_w + bar_w * f64::from(s) / 100.0 + 4.0) y=(y + 14.0) { (s) }
                    }
                    line.line60 x1=(x60) x2=(x60) y1="12" y2=(height) {}
                    text x=(x60 - 8.0) y="10" { "60" }
                }
                figcaption.small { (l.t(texts::rapot::DASHED_LINE_60_THRESHOLD_RED)) }
            }
        }
    }
}

fn header_row(l: Lang, base: &str, key: &str, first: Text) -> Markup {
    html! {
        thead { tr {
            @for (k, label) in COLUMNS {
                @let label = l.t(if *k == "name" { first } else { *label });
                th scope="col" aria-sort=(if *k == key { "descending" } else { "none" }) {
                    a href={ (base) "&sort=" (k) (lang_q(l)) } { (label) }
                }
            }
        } }
    }
}

/// The period and search form (GET, no script), with quick links for this month, quarter and year.
fn period_form(l: Lang, r: &Rapot, q: &str) -> Markup {
    let today = lapor_core::rapot::period::today(r.now, r.tz);
    let [month, quarter, year] = Period::around(today);
    let inst = r.instansi.as_ref().map(|i| format!("instansi={}&", i.id)).unwrap_or_default();
    let (from, to) = match r.period {
        Period::Range { from, to } => (from.to_string(), to.to_string()),
        _ => (String::new(), String::new()),
    };
    let period_value = if matches!(r.period, Period::Range { .. }) { String::new() } else { r.period.key() };
    html! {
        form.stack.period method="get" action="/dashboard" {
            @if let Some(i) = &r.instansi { input type="hidden" name="instansi" value=(i.id); }
            @if l == Lang::En { input type="hidden" name="lang" value="en"; }
            label for="period" { (l.t(texts::rapot::PERIOD_MONTH_2026_11_QUARTER)) }
            input #period type="text" name="period" value=(period_value) placeholder="2026-11";
            label for="from" { (l.t(texts::rapot::FROM)) }
            input #from type="date" name="from" value=(from);
            label for="to" { (l.t(texts::rapot::TO)) }
            input #to type="date" name="to" value=(to);
            label for="q" { (l.t(texts::rapot::SEARCH_INSTANSI)) }
            input #q type="search" name="q" value=(q);
            button type="submit" { (l.t(texts::common::SHOW)) }
        }
        p.small {
            @for (p, label) in [(month, texts::rapot::THIS_MONTH), (quarter, texts::rapot::THIS_QUARTER), (year, texts::rapot::THIS_YEAR)] {
                a href={ "/dashboard?" (inst) (p.query()) (lang_q(l)) } { (l.t(label)) } " · "
            }
        }
    }
}

/// `GET /dashboard[?instansi=&period=|from=&to=&sort=&q=&kind=]`.
pub fn show(req: &Req, db: &dyn Db) -> Response {
    run(req, || {
        let c = ctx(req, db)?;
        let l = c.l;
        let target = super::instansi_param(req)?;
        let get = |k: &str| req.query_param(k);
        let mut r = super::compute(db, &c.v, target, get)?;
        let key = super::sort_key(get);
        super::sort(&mut r.opds, &key);
        super::sort(&mut r.members, &key);
        let q = req.query_param("q").unwrap_or_default();
        let pq = r.period.query();
        let title = l.t(texts::common::OPD_REPORT_CARD);
        let scope_name = r.instansi.as_ref().map_or(l.t(texts::rapot::ALL_INSTANSI).to_string(), |i| i.name.clone());
        let low = r.opds.iter().filter(|x| x.card.is_low()).count();
        let base = match &r.instansi {
            Some(i) => format!("/dashboard?instansi={}&{pq}&q={}", i.id, enc(&q)),
            None => format!("/dashboard?{pq}&q={}", enc(&q)),
        };
        let content = html! {
            h1 { (title) ": " (scope_name) }
            p.lead { strong { (r.period.label(l == Lang::En)) } " · "
                (l.t(texts::rapot::REPORTS_DISPATCHED_PERIOD)) " (" (r.tz.as_str()) ")" }
            (period_form(l, &r, &q))
            details open {
                summary { (l.t(texts::rapot::HOW_SCORE_COMPUTED)) }
                p #formula { (l.t(texts::rapot::FORMULA)) }
            }
            @if let Some(i) = &r.instansi {
                p { a href={ "/dashboard/terbit?instansi=" (i.id) (lang_q(l)) } { (l.t(texts::rapot::ISSUED_RAPOTS)) }
                    @if lapor_core::rapot::reach::may_issue(&c.v.staff, i.id) { " · " (l.t(texts::rapot::ISSUE_PERIOD_S_RAPOT)) } }
            }
            @if !r.members.is_empty() {
                h2 { @if r.instansi.is_some() { (l.t(texts::rapot::PROVINCE_REGENCIES_CITIES)) } @else { (l.t(texts::rapot::ALL_INSTANSI)) } }
                div.table-wrap {
                    table #instansi-rapot {
                        (header_row(l, &base, &key, texts::rapot::INSTANSI))
                        tbody {
                            @for m in &r.members {
                                tr class=(if m.card.is_low() { "low" } else { "" }) data-instansi=(m.instansi.name) {
                                    th scope="row" { a href={ "/dashboard?instansi=" (m.instansi.id) "&" (pq) (lang_q(l)) } { (m.instansi.name) } (low_flag(l, &m.card)) }
                                    (cells(&m.card, None))
                                }
                            }
                        }
                        @if let Some(t) = &r.total {
                            tfoot { tr.total {
                                th scope="row" { @if r.instansi.is_some() { (l.t(texts::rapot::PROVINCE_TOTAL)) } @else { (l.t(texts::rapot::NATIONAL_TOTAL)) } }
                                (cells(t, None))
                            } }
                        }
                    }
                }
                @if r.instansi.is_none() { (chart(l, &r.members[..r.members.len().min(40)])) }
            }
            @if let Some(i) = &r.instansi {
                h2 { (l.fill(texts::console::OPDS_OF, &[("instansi", &i.name)])) }
                @if low > 0 { p.flag role="status" { (low) " " (l.t(texts::rapot::OPDS_SCORE_UNDER_60)) } }
                (chart(l, &r.opds))
                (opd_table(l, &r.opds, &r.reprimands, &base, &key, &pq))
            }
            p.small { (l.t(texts::rapot::J_HOURS_H_DAYS_UNDERLINED)) }
        };
        Ok(frame(req, &c, title, content))
    })
}

fn opd_table(l: Lang, lines: &[OpdLine], reprimands: &HashMap<i64, i64>, base: &str, key: &str, pq: &str) -> Markup {
    html! {
        div.table-wrap {
            table #rapot {
                (header_row(l, base, key, texts::rapot::OPD))
                tbody {
                    @for x in lines {
                        @let drill = format!("/dashboard/opd/{}?{pq}{}", x.opd_id, lang_q(l));
                        tr class=(if x.card.is_low() { "low" } else { "" }) data-opd=(x.opd_name) {
                            th scope="row" {
                                a href=(drill) { (x.opd_name) } (low_flag(l, &x.card))
                                @if let Some(n) = reprimands.get(&x.opd_id) {
                                    br; span.small.reprimands { (l.fill(texts::rapot::INSPEKTORAT_REPRIMANDS, &[("n", &n)])) }
                                }
                            }
                            (cells(&x.card, Some(&drill)))
                        }
                    }
                }
            }
        }
    }
}

fn report_list(l: Lang, rows: &[&FactRow], may_open: bool) -> Markup {
    html! {
        @if rows.is_empty() { p.small { (l.t(texts::common::NO_REPORTS)) } }
        @else {
            ul.reports {
                @for r in rows {
                    li data-tracking-id=(r.tracking_id) {
                        @if may_open {
                            a href={ "/staff/laporan/" (r.tracking_id) } { (r.tracking_id) } " — " (r.title)
                        } @else {
                            (r.tracking_id)
                        }
                        " · " (r.status.as_str())
                        br;
                        span.small {
                            (l.t(texts::rapot::DISPATCHED)) " " (when(r.dispatched_at)) " · "
                            (l.t(texts::rapot::DUE)) " " (when(r.facts.due_at))
                            @if let Some(a) = r.facts.first_answer_at { " · " (l.t(texts::rapot::FIRST_ANSWER)) " " (when(a)) }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /dashboard/opd/{id}[?period=|from=&to=]`: the reports behind each of an OPD's figures.
pub fn drill(req: &Req, db: &dyn Db, id: &str) -> Response {
    run(req, || {
        let c = ctx(req, db)?;
        let l = c.l;
        let id: i64 = id.parse().map_err(|_| Refusal::NotFound("OPD"))?;
        let d = super::drill(db, &c.v, id, |k| req.query_param(k))?;
        let card = lapor_core::rapot::card(&d.rows.iter().map(|r| r.facts).collect::<Vec<_>>(), d.now);
        let title = l.fill(texts::rapot::DETAILS, &[("opd", &d.opd.name)]);
        let content = html! {
            p.small { a href={ "/dashboard?instansi=" (d.instansi.id) "&" (d.period.query()) (lang_q(l)) } { "← " (d.instansi.name) } }
            h1 { (d.opd.name) }
            p.lead { strong { (d.period.label(l == Lang::En)) } " · " (l.t(texts::rapot::SCORE)) ": " strong #score { (dash(card.score.map(|s| s.to_string()))) } (low_flag(l, &card)) }
            @if !d.may_open { p.small { (l.t(texts::rapot::REPORTS_ANOTHER_INSTANSI_SHOW_ONLY)) } }
            @for f in [Figure::OverdueNow, Figure::AnsweredLate, Figure::Reopened, Figure::Received] {
                @let list = d.of(f);
                section id=(f.as_str()) {
                    h2 { (l.t(f.label().into())) " (" (list.len()) ")" }
                    (report_list(l, &list, d.may_open))
                }
            }
        };
        Ok(frame(req, &c, &title, content))
    })
}

/// `GET /dashboard/terbit?instansi=[&period=|from=&to=]`: the issued rapots and, for whoever may issue, the
/// form to issue this period's rapot with a catatan khusus for each OPD under 60.
pub fn issues(req: &Req, db: &dyn Db) -> Response {
    run(req, || {
        let c = ctx(req, db)?;
        let l = c.l;
        let id = super::instansi_param(req)?.or_else(|| c.v.default_instansi()).ok_or(Refusal::NotFound("instansi"))?;
        let (instansi, list) = super::issues(db, &c.v, id)?;
        let may_issue = lapor_core::rapot::reach::may_issue(&c.v.staff, id);
        let r = super::compute(db, &c.v, Some(id), |k| if k == "q" { None } else { req.query_param(k) })?;
        let low: Vec<&OpdLine> = r.opds.iter().filter(|o| o.card.is_low()).collect();
        let low_members: Vec<_> = r.members.iter().filter(|m| m.instansi.id != id).collect();
        let title = l.t(texts::rapot::ISSUED_RAPOTS);
        let content = html! {
            p.small { a href={ "/dashboard?instansi=" (id) (lang_q(l)) } { "← " (instansi.name) } }
            h1 { (title) ": " (instansi.name) }
            @if list.is_empty() { p { (l.t(texts::rapot::NO_RAPOT_ISSUED_YET)) } }
            @else {
                table #issues {
                    thead { tr { th { (l.t(texts::rapot::PERIOD)) } th { (l.t(texts::rapot::STAGE)) } th { (l.t(texts::rapot::ISSUED)) } th { (l.t(texts::common::BY)) } th { "CSV" } } }
                    tbody {
                        @for i in &list {
                            tr {
                                td { a href={ "/dashboard/terbit/" (i.id) (if l == Lang::En { "?lang=en" } else { "" }) } { (i.period_label) } }
                                td { (i.stage) }
                                td { (when(i.issued_at)) }
                                td { (i.issued_by_name) }
                                td { a href={ "/dashboard/terbit/" (i.id) "/csv" } download { "CSV" } }
                            }
                        }
                    }
                }
            }
            @if may_issue {
                h2 { (l.t(texts::rapot::ISSUE_RAPOT)) ": " (r.period.label(l == Lang::En)) }
                p { (l.t(texts::rapot::ISSUING_FREEZES_PERIOD_S_FIGURES)) }
                form.stack method="post" action="/dashboard/terbit" {
                    input type="hidden" name="csrf" value=(staff::csrf_for(&c.token));
                    input type="hidden" name="instansi" value=(id);
                    @match r.period {
                        Period::Range { from, to } => { input type="hidden" name="from" value=(from.to_string()); input type="hidden" name="to" value=(to.to_string()); }
                        _ => { input type="hidden" name="period" value=(r.period.key()); }
                    }
                    @if l == Lang::En { input type="hidden" name="lang" value="en"; }
                    @if low.is_empty() && low_members.is_empty() { p.small { (l.t(texts::rapot::NO_OPD_SCORES_UNDER_60)) } }
                    @for o in &low {
                        label for={ "note-" (o.opd_id) } { (l.t(texts::rapot::SPECIAL_NOTE)) ": " (o.opd_name) " (" (dash(o.card.score.map(|s| s.to_string()))) ")" }
                        textarea id={ "note-" (o.opd_id) } name={ "note_" (o.opd_id) } rows="2" placeholder=(lapor_core::rapot::issue::DEFAULT_NOTE) {}
                    }
                    @if !low_members.is_empty() {
                        p.small { (l.t(texts::rapot::REGENCY_CITY_OPDS_UNDER_60)) }
                    }
                    button type="submit" { (l.t(texts::rapot::ISSUE_RAPOT)) }
                }
            }
        };
        Ok(frame(req, &c, title, content))
    })
}

/// `POST /dashboard/terbit` (form: csrf, instansi, period | from, to, note_<opd id>…): issues, then shows it.
pub fn issue(req: &Req, db: &dyn Db) -> Response {
    run(req, || {
        let c = ctx(req, db)?;
        let form: HashMap<String, String> = if req.content_type() == "application/x-www-form-urlencoded" {
            std::str::from_utf8(&req.body).map(url_decode_pairs).unwrap_or_default().into_iter().collect()
        } else {
            HashMap::new()
        };
        if !staff::csrf_ok(&c.token, form.get("csrf").map(String::as_str).unwrap_or("")) {
            return Ok(lapor_spin::html::error_page(
                req,
                403,
                texts::common::FORM_EXPIRED,
                c.l.t(texts::common::RELOAD_PAGE_SEND_AGAIN),
            ));
        }
        let id: i64 = form.get("instansi").and_then(|s| s.parse().ok()).ok_or(Refusal::NotFound("instansi"))?;
        let notes: HashMap<i64, String> = form
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix("note_")?.parse().ok()?, v.clone())))
            .filter(|(_, v): &(i64, String)| !v.trim().is_empty())
            .collect();
        let issue_id = super::issue(db, &c.v, id, |k| form.get(k).cloned(), &notes)?;
        let to = format!("/dashboard/terbit/{issue_id}{}", if c.l == Lang::En { "?lang=en" } else { "" });
        let mut resp = page(req, 303, html! { a href=(to) { (to) } });
        resp.set_header("location", to);
        Ok(resp)
    })
}

fn frozen_table(l: Lang, lines: &[Line]) -> Markup {
    html! {
        div.table-wrap {
            table #frozen {
                thead { tr {
                    th scope="col" { "Instansi / OPD" }
                    @for (k, label) in COLUMNS.iter().skip(1) { th scope="col" data-col=(k) { (l.t(*label)) } }
                    th scope="col" { (l.t(texts::rapot::SPECIAL_NOTE)) }
                } }
                tbody {
                    @for x in lines {
                        @let name = x.opd_name.clone().unwrap_or_else(|| l.fill(texts::rapot::TOTAL, &[("instansi", &x.instansi_name)]));
                        tr class={ (if x.card.is_low() { "low" } else { "" }) (if x.opd_id.is_none() { " total" } else { "" }) } data-opd=(name) {
                            th scope="row" { (name) (low_flag(l, &x.card)) }
                            (cells(&x.card, None))
                            td.note { (x.note.clone().unwrap_or_default()) }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /dashboard/terbit/{id}`: an issued rapot, as frozen.
pub fn issued(req: &Req, db: &dyn Db, id: &str) -> Response {
    run(req, || {
        let c = ctx(req, db)?;
        let l = c.l;
        let (head, lines) = super::issued_from_path(db, &c.v, id)?;
        let title = l.fill(texts::rapot::RAPOT, &[("period", &head.period_label), ("instansi", &head.instansi_name)]);
        let content = html! {
            p.small { a href={ "/dashboard/terbit?instansi=" (head.instansi_id) (lang_q(l)) } { "← " (l.t(texts::rapot::ISSUED_RAPOTS)) } }
            h1 { (title) }
            p.lead { (l.t(texts::rapot::STAGE)) " " strong #stage { (head.stage) } " · "
                (l.fill(texts::rapot::ISSUED_AT_BY, &[("at", &when(head.issued_at)), ("by", &head.issued_by_name)])) }
            p.small { (l.t(texts::rapot::THESE_FIGURES_WERE_FROZEN_WHEN)) }
            p { a href={ "/dashboard/terbit/" (head.id) "/csv" } download { (l.t(texts::rapot::DOWNLOAD_CSV)) } }
            (frozen_table(l, &lines))
            details { summary { (l.t(texts::rapot::HOW_SCORE_COMPUTED)) } p { (l.t(texts::rapot::FORMULA)) } }
        };
        Ok(frame(req, &c, &title, content))
    })
}

/// `GET /dashboard/terbit/{id}/csv`: the CSV download.
pub fn issued_csv(req: &Req, db: &dyn Db, id: &str) -> Response {
    run(req, || {
        let c = ctx(req, db)?;
        let (head, lines) = super::issued_from_path(db, &c.v, id)?;
        Ok(super::csv_response(&head, &lines))
    })
}
