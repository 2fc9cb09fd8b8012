//! The throttle on tracking look-ups (issue 28, finding 9; `rate_limit::TRACKING_MISSES`): a client that has
//! looked up too many tracking IDs of no report this hour gets 429 for every look-up until the hour ends, found or
//! not, so that hits cannot be told from misses by an enumerator. Counted in the key-value store; a store failure
//! lets the look-up through (logged).

use lapor_core::rate_limit::TRACKING_MISSES;
use lapor_spin::request::Req;
use lapor_spin::{clock, kv};

fn key(req: &Req) -> String {
    TRACKING_MISSES.key("tracking-miss", &req.client_subject())
}

/// Whether this client may look up a tracking ID now.
pub fn allowed(req: &Req) -> bool {
    kv::get(&key(req)).map(|stored| TRACKING_MISSES.has_room_for(stored.as_deref(), clock::now(), 1)).unwrap_or_else(
        |e| {
            eprintln!("error: tracking look-up counter: {e}");
            true
        },
    )
}

/// Counts a look-up that found no report.
pub fn missed(req: &Req) {
    if let Err(e) = kv::bump(&TRACKING_MISSES, &key(req), clock::now()) {
        eprintln!("error: tracking look-up counter: {e}");
    }
}
