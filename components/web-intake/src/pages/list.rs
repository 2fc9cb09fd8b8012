//! The public list of published reports (verified, not confidential), with search and filters.

use lapor_core::texts;
use lapor_core::{regions, search, Category, Color};
use lapor_spin::error::PageResult;
use lapor_spin::request::Req;
use lapor_store::reports::{self, PublicFilter};
use maud::html;

use super::{badge, error_page, layout, page, when, Lang};

const PAGE_SIZE: i64 = 20;

/// `GET /laporan?q=&region=&category=&color=&page=` (`q` through the full-text index; at most
/// `search::MAX_PAGE` pages, deeper is 400).
pub fn show(req: &Req) -> PageResult {
    let l = Lang::of(req);
    let q = req.query_param("q").map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let region = req.query_param("region").filter(|r| regions::find(r).is_some());
    let category = req.query_param("category").filter(|c| Category::parse(c).is_some());
    let color = req.query_param("color").and_then(|c| Color::parse(&c));
    let page_no: i64 = req.query_param("page").and_then(|p| p.parse().ok()).filter(|p| *p >= 1).unwrap_or(1);
    if page_no > search::MAX_PAGE {
        let max = search::MAX_PAGE;
        return Ok(error_page(
            req,
            400,
            texts::common::PAGE_TOO_FAR,
            &format!(
                "{} {max}. {}",
                l.t(texts::intake::PUBLIC_LIST_GOES_UP_PAGE),
                l.t(texts::intake::NARROW_DOWN_WORDS_REGION_CATEGORY)
            ),
        ));
    }
    let filter = PublicFilter {
        q: q.clone(),
        region: region.clone(),
        category: category.clone(),
        statuses: color.map(|c| c.statuses()).unwrap_or_default(),
    };
    let db = lapor_spin::db()?;
    let items = reports::search_public(&db, &filter, PAGE_SIZE + 1, (page_no - 1) * PAGE_SIZE)?;
    let more = items.len() as i64 > PAGE_SIZE;
    let keep = |k: &str, v: &Option<String>| v.as_ref().map(|v| format!("&{k}={}", urlencode(v))).unwrap_or_default();
    let base = format!(
        "/laporan?{}{}{}{}",
        keep("q", &q),
        keep("region", &region),
        keep("category", &category),
        keep("color", &color.map(|c| c.as_str().to_string()))
    );
    let content = html! {
        h1 { (l.t(texts::common::PUBLIC_REPORTS)) }
        form.filters method="get" action="/laporan" role="search" {
            label { (l.t(texts::common::SEARCH)) input type="search" name="q" value=[q.as_deref()]; }
            label { (l.t(texts::common::REGION))
                select name="region" {
                    option value="" { (l.t(texts::intake::ALL)) }
                    @for p in regions::provinces() {
                        option value=(p.code) selected[region.as_deref() == Some(p.code)] { (p.name) }
                    }
                }
            }
            label { (l.t(texts::common::CATEGORY))
                select name="category" {
                    option value="" { (l.t(texts::intake::ALL)) }
                    @for c in Category::ALL {
                        option value=(c.as_str()) selected[category.as_deref() == Some(c.as_str())] { (c.label_id()) }
                    }
                }
            }
            label { (l.t(texts::common::COLOUR))
                select name="color" {
                    option value="" { (l.t(texts::intake::ALL)) }
                    @for c in [Color::Grey, Color::Red, Color::Yellow, Color::Green] {
                        option value=(c.as_str()) selected[color == Some(c)] { (l.t(c.label())) }
                    }
                }
            }
            button type="submit" { (l.t(texts::intake::APPLY)) }
        }
        @if items.is_empty() {
            p { (l.t(texts::intake::NO_MATCHING_REPORTS)) }
        } @else {
            table {
                thead { tr { th { (l.t(texts::common::REPORT)) } th { (l.t(texts::common::REGION)) } th { (l.t(texts::common::STATUS)) } } }
                tbody {
                    @for it in items.iter().take(PAGE_SIZE as usize) {
                        tr {
                            td { a href={ "/lacak/" (it.tracking_id) } { (it.title) } br; span.small { "#" (it.tracking_id) " · " (when(it.created_at)) } }
                            td { (it.region_name.as_deref().unwrap_or("—")) }
                            td { (badge(l, it.status.color())) }
                        }
                    }
                }
            }
        }
        nav aria-label=(l.t(texts::intake::PAGES)) {
            @if page_no > 1 { a href={ (base) "&page=" (page_no - 1) } { "← " (l.t(texts::intake::PREVIOUS)) } " " }
            @if more && page_no < search::MAX_PAGE { a href={ (base) "&page=" (page_no + 1) } { (l.t(texts::intake::NEXT)) " →" } }
        }
    };
    Ok(page(req, 200, layout(l, "/laporan", l.t(texts::common::PUBLIC_REPORTS), content)))
}

/// Percent-encodes a query value.
pub fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
