//! `GET /open-data/reports.csv`: every non-confidential report, without personal data. The file is built
//! from the database at most once a minute — streamed in pages of `opendata::PAGE_ROWS` rows (keyset paging
//! on the row id, so memory stays flat however large the export) and kept page by page in the key-value
//! store — and every other request in that minute is served from there, never touching the reports table.

use lapor_core::opendata;
use lapor_spin::{clock, kv, stream};
use lapor_store::export;
use serde::{Deserialize, Serialize};
use spin_sdk::http::ResponseOutparam;

/// How long a built export is served before it is built again.
const FRESH_SECS: i64 = 60;
/// The key of the export's description; its pages are `cache:csv:<built_at>:<n>`.
const META: &str = "cache:csv:meta";

/// One built export: when, and how many pages.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Generation {
    built_at: i64,
    pages: u32,
}

/// The export as kept in the key-value store: the newest generation and the one before (kept one more
/// round for requests still streaming it), and when a request last started building.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
struct Meta {
    current: Option<Generation>,
    previous: Option<Generation>,
    building_since: Option<i64>,
}

fn page_key(built_at: i64, n: u32) -> String {
    format!("cache:csv:{built_at}:{n}")
}

fn read_meta() -> Meta {
    kv::get(META)
        .unwrap_or_else(|e| {
            eprintln!("error: open-data cache: {e}");
            None
        })
        .and_then(|v| serde_json::from_slice(&v).ok())
        .unwrap_or_default()
}

fn write_meta(meta: &Meta) {
    if let Err(e) = kv::set(META, &serde_json::to_vec(meta).unwrap_or_default()) {
        eprintln!("error: open-data cache: {e}");
    }
}

fn headers() -> [(&'static str, &'static str); 3] {
    [
        ("content-type", "text/csv; charset=utf-8"),
        ("content-disposition", "attachment; filename=\"lapor-reports.csv\""),
        ("access-control-allow-origin", "*"),
    ]
}

/// The answer to `HEAD /open-data/reports.csv`: the headers of the CSV, no body (nothing is built).
pub fn head() -> spin_sdk::http::Response {
    let mut resp = lapor_spin::respond::with_body(200, headers()[0].1, Vec::new());
    for (name, value) in &headers()[1..] {
        resp.set_header(*name, *value);
    }
    resp
}

/// Streams the CSV: from the key-value store when built less than a minute ago (or while another request
/// is building it), else built now from the database.
pub async fn reports_csv(out: ResponseOutparam) {
    let now = clock::now();
    let meta = read_meta();
    let age = |at: i64| now - at;
    let fresh = meta.current.filter(|g| (0..FRESH_SECS).contains(&age(g.built_at)));
    let someone_building = meta.building_since.is_some_and(|at| (0..FRESH_SECS).contains(&age(at)));
    match (fresh, meta.current) {
        (Some(g), _) => serve_cached(out, g).await,
        (None, Some(g)) if someone_building => serve_cached(out, g).await,
        _ => build(out, meta, now).await,
    }
}

/// Streams a built generation page by page.
async fn serve_cached(out: ResponseOutparam, g: Generation) {
    let mut sink = stream::start(out, 200, &headers());
    if !stream::write(&mut sink, opendata::header().into_bytes()).await {
        return;
    }
    for n in 0..g.pages {
        let page = match kv::get(&page_key(g.built_at, n)) {
            Ok(Some(p)) => p,
            Ok(None) => return eprintln!("error: open-data cache: page {n} of {} is missing", g.built_at),
            Err(e) => return eprintln!("error: open-data cache page {n}: {e}"),
        };
        if !stream::write(&mut sink, page).await {
            return;
        }
    }
}

/// Builds the export from the database while streaming it, keeps each page, then makes it the current
/// generation and drops the one before the previous. Each chunk holds whole rows, so a database failure after
/// the header is sent (logged) cuts the file short at a row boundary, and that build is not kept.
async fn build(out: ResponseOutparam, mut meta: Meta, now: i64) {
    let db = match lapor_spin::db() {
        Ok(db) => db,
        Err(resp) => return stream::send(out, resp).await,
    };
    meta.building_since = Some(now);
    write_meta(&meta);
    let mut sink = stream::start(out, 200, &headers());
    let mut client_gone = !stream::write(&mut sink, opendata::header().into_bytes()).await;
    let (mut after, mut pages) = (0, 0u32);
    loop {
        let page = match export::page(&db, after, opendata::PAGE_ROWS) {
            Ok(p) => p,
            Err(e) => return eprintln!("error: open-data export page after {after}: {e}"),
        };
        let Some(last) = page.last() else { break };
        after = last.id;
        let chunk: String = page.iter().filter_map(opendata::row).collect();
        if let Err(e) = kv::set(&page_key(now, pages), chunk.as_bytes()) {
            return eprintln!("error: open-data cache page {pages}: {e}");
        }
        pages += 1;
        if !client_gone {
            client_gone = !stream::write(&mut sink, chunk.into_bytes()).await;
        }
    }
    // Another request may have finished a build meanwhile: the newest known becomes the previous one, and
    // the generation that falls off is dropped.
    let latest = read_meta();
    let current = Generation { built_at: now, pages };
    let previous = latest.current.filter(|g| g.built_at != now);
    write_meta(&Meta { current: Some(current), previous, building_since: None });
    let keep = |g: &Generation| g.built_at == now || previous.is_some_and(|p| p.built_at == g.built_at);
    if let Some(g) = latest.previous.filter(|g| !keep(g)) {
        for n in 0..g.pages {
            if let Err(e) = kv::delete(&page_key(g.built_at, n)) {
                eprintln!("error: open-data cache cleanup: {e}");
            }
        }
    }
}
