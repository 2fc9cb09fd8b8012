//! The public list of published reports (verified, not confidential), with search and filters.

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
            "Halaman terlalu jauh",
            "Page too far",
            &format!(
                "{} {max}. {}",
                l.t("Daftar publik hanya sampai halaman", "The public list goes up to page"),
                l.t(
                    "Persempit dengan kata kunci, wilayah, kategori atau warna.",
                    "Narrow it down with words, a region, a category or a colour."
                )
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
        h1 { (l.t("Laporan publik", "Public reports")) }
        form.filters method="get" action="/laporan" role="search" {
            label { (l.t("Cari", "Search")) input type="search" name="q" value=[q.as_deref()]; }
            label { (l.t("Wilayah", "Region"))
                select name="region" {
                    option value="" { (l.t("Semua", "All")) }
                    @for p in regions::provinces() {
                        option value=(p.code) selected[region.as_deref() == Some(p.code)] { (p.name) }
                    }
                }
            }
            label { (l.t("Kategori", "Category"))
                select name="category" {
                    option value="" { (l.t("Semua", "All")) }
                    @for c in Category::ALL {
                        option value=(c.as_str()) selected[category.as_deref() == Some(c.as_str())] { (c.label_id()) }
                    }
                }
            }
            label { (l.t("Warna", "Colour"))
                select name="color" {
                    option value="" { (l.t("Semua", "All")) }
                    @for c in [Color::Grey, Color::Red, Color::Yellow, Color::Green] {
                        option value=(c.as_str()) selected[color == Some(c)] { (l.t(c.label_id(), c.label_en())) }
                    }
                }
            }
            button type="submit" { (l.t("Terapkan", "Apply")) }
        }
        @if items.is_empty() {
            p { (l.t("Tidak ada laporan yang cocok.", "No matching reports.")) }
        } @else {
            table {
                thead { tr { th { (l.t("Laporan", "Report")) } th { (l.t("Wilayah", "Region")) } th { (l.t("Status", "Status")) } } }
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
        nav aria-label=(l.t("Halaman", "Pages")) {
            @if page_no > 1 { a href={ (base) "&page=" (page_no - 1) } { "← " (l.t("Sebelumnya", "Previous")) } " " }
            @if more && page_no < search::MAX_PAGE { a href={ (base) "&page=" (page_no + 1) } { (l.t("Berikutnya", "Next")) " →" } }
        }
    };
    Ok(page(req, 200, layout(l, "/laporan", l.t("Laporan publik", "Public reports"), content)))
}

/// Percent-encodes a query value.
pub fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
