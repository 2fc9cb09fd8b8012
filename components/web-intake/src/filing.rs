//! Filing a report on the web: the one use case the form (`POST /lapor`) and the JSON API (`POST /api/v1/reports`)
//! both call. In order: the limit per client (`rate_limit::FILING_CLIENT`, in the key-value store: when that store
//! is down the report is filed anyway, logged; concurrent requests can pass it by at most their own number, once an
//! hour), the evidence quotas, the exact limits per NIK, phone and e-mail (`lapor_spin::admission`), then the
//! report, its reporter, event, evidence and acknowledgements in one write. Four SQL statements.

use lapor_core::admission::Over;
use lapor_core::rate_limit::FILING_CLIENT;
use lapor_core::report::ValidReport;
use lapor_core::{secret, TrackingId};
use lapor_spin::{admission, kv, secrets};
use lapor_store::reports::{self, Created, Evidence};
use spin_sdk::http::Response;

use crate::quota::EvidenceQuota;

/// The refusal per client, in both languages (the API's message; the form shows it above the fields it keeps).
pub const REFUSED: &str = "terlalu banyak laporan dari alamat ini dalam satu jam; coba lagi nanti / too many reports \
                           from this address in an hour; try again later";

/// A filed report.
pub struct Filed {
    pub created: Created,
    /// The secret reporter code, shown only once.
    pub token: String,
    /// No acknowledgement goes to the contact given (an unproven contact past its daily acknowledgements).
    pub withheld: bool,
}

/// Why a filing was refused (nothing is stored).
pub enum Refused {
    /// This client has filed its reports for the hour ([`REFUSED`]).
    Client,
    /// Today's evidence upload quota of this client or NIK is spent.
    Evidence,
    /// A NIK, phone, e-mail limit (`admission::refusal` says which text).
    Limit(Over),
}

/// Files `report` with `evidence` from the client `client` (`Req::client_subject`) at `now`; an internal error is
/// the response to give.
pub fn file(
    client: &str,
    report: &ValidReport,
    evidence: &[Evidence],
    now: i64,
) -> Result<Result<Filed, Refused>, Response> {
    let filing = FILING_CLIENT.key("filing-client", client);
    if !kv::has_room_or_open(&FILING_CLIENT, &filing, now, 1, "filing") {
        return Ok(Err(Refused::Client));
    }
    // The schema check and the kept blind index key ride on the calendar read.
    let (db, start) = lapor_spin::db_then(reports::intake_start)?;
    let index = secrets::blind_index_with(&db, start.kept_key.as_deref())
        .map_err(|e| lapor_spin::internal("blind index", &e))?;
    let quota = EvidenceQuota::of(client, report.reporter.nik.as_deref().unwrap_or(""), &index);
    if !quota.has_room(now, evidence.len() as u64) {
        return Ok(Err(Refused::Evidence));
    }
    let admitted = match admission::admit(&db, &index, &report.reporter, None, now) {
        Ok(Ok(a)) => a,
        Ok(Err(over)) => return Ok(Err(Refused::Limit(over))),
        Err(e) => return Err(lapor_spin::internal("filing limits", &e)),
    };
    let token = secret::token_from_random(secrets::random());
    let mut new_id = || TrackingId::from_random(secrets::random());
    let hash = secret::hash_token(&token);
    let row =
        reports::NewRow { report, token_hash: Some(&hash), source_ref: None, evidence, withheld: &admitted.withheld };
    let created = match reports::insert_new(&db, &row, &start.calendar, &mut new_id, now) {
        Ok(c) => c,
        Err(e) => {
            admitted.give_back(&db);
            return Err(lapor_spin::internal("create report", &e));
        }
    };
    quota.count(now, evidence.len() as u64);
    kv::count_or_log(&FILING_CLIENT, &filing, now, 1, "filing");
    Ok(Ok(Filed { created, token, withheld: !admitted.withheld.is_empty() }))
}
