//! Glue every LAPOR component shares, so each component stays thin: parse → core → store → respond.
//! Everything Spin-specific that is not SQL lives here.

pub mod accounts;
pub mod admission;
pub mod answering;
pub mod clock;
pub mod console;
#[cfg(feature = "cron")]
pub mod cron;
pub mod deliver;
pub mod email_send;
pub mod error;
pub mod evidence;
pub mod forwarding;
pub mod html;
pub mod kv;
pub mod opd_import;
pub mod passwords;
pub mod report_groups;
pub mod request;
pub mod respond;
pub mod router;
pub mod secrets;
pub mod sign_in;
pub mod sms_send;
pub mod staff;
pub mod stream;
pub mod two_step;
pub mod vars;
pub mod views;
pub mod x_send;

use lapor_core::ErrorCode;
use lapor_store::spin::SpinDb;
use spin_sdk::http::Response;

/// Opens the `default` database and brings its schema up to date (a newer schema is used as it is). When
/// the schema is older than this code needs and cannot be brought up to date now, answers 503.
pub fn db() -> Result<SpinDb, Response> {
    let db = SpinDb::open_default().map_err(|e| internal("open database", &e))?;
    up_to_date(&db)?;
    Ok(db)
}

/// Opens the `default` database with the request's first read, `first`, which also returns the schema version
/// (as `lapor_store::reports::intake_start` does), so the schema check costs no statement of its own. When
/// the schema is older than this code (or `first` fails on it), brings it up to date as [`db`] does and reads
/// again.
pub fn db_then<T>(
    first: impl Fn(&dyn lapor_store::Db) -> Result<(u32, T), lapor_store::StoreError>,
) -> Result<(SpinDb, T), Response> {
    let db = SpinDb::open_default().map_err(|e| internal("open database", &e))?;
    if let Ok((version, value)) = first(&db) {
        if version >= lapor_store::migrate::latest_version() {
            return Ok((db, value));
        }
    }
    up_to_date(&db)?;
    let (_, value) = first(&db).map_err(|e| internal("first read", &e))?;
    Ok((db, value))
}

/// Brings the schema up to date (a newer schema is used as it is); 503 when it cannot be now.
fn up_to_date(db: &SpinDb) -> Result<(), Response> {
    if let Err(e) = lapor_store::migrate(db) {
        eprintln!("error: migrate: {e}");
        let mut resp = respond::error(
            ErrorCode::Unavailable,
            &format!(
                "skema basis data lebih lama dari yang diperlukan versi ini (perlu {}); coba lagi sebentar / \
                 the database schema is older than this version needs (needs {}); try again shortly",
                lapor_store::migrate::latest_version(),
                lapor_store::migrate::latest_version()
            ),
        );
        resp.set_header("retry-after", "30");
        return Err(resp);
    }
    Ok(())
}

/// Logs an internal failure (never with personal data: callers pass only what failed) and answers 500.
pub fn internal(what: &str, err: &dyn std::fmt::Display) -> Response {
    eprintln!("error: {what}: {err}");
    respond::error(ErrorCode::Internal, "terjadi kesalahan pada server / internal error")
}
