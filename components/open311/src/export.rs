//! `GET /open-data/reports.csv`: every non-confidential report, without personal data, streamed in pages of
//! `opendata::PAGE_ROWS` rows (keyset paging on the row id), so memory stays flat however large the export.

use lapor_core::opendata;
use lapor_spin::stream;
use lapor_store::export;
use spin_sdk::http::ResponseOutparam;

/// Streams the CSV. Each chunk holds whole rows, so a database failure after the header is sent (logged)
/// cuts the file short at a row boundary.
pub async fn reports_csv(out: ResponseOutparam) {
    let db = match lapor_spin::db() {
        Ok(db) => db,
        Err(resp) => return stream::send(out, resp).await,
    };
    let mut sink = stream::start(
        out,
        200,
        &[
            ("content-type", "text/csv; charset=utf-8"),
            ("content-disposition", "attachment; filename=\"lapor-reports.csv\""),
            ("access-control-allow-origin", "*"),
        ],
    );
    if !stream::write(&mut sink, opendata::header().into_bytes()).await {
        return;
    }
    let mut after = 0;
    loop {
        let page = match export::page(&db, after, opendata::PAGE_ROWS) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("error: open-data export page after {after}: {e}");
                return;
            }
        };
        let Some(last) = page.last() else { return };
        after = last.id;
        let chunk: String = page.iter().filter_map(opendata::row).collect();
        if !stream::write(&mut sink, chunk.into_bytes()).await {
            return;
        }
    }
}
