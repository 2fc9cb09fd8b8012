//! The throttle on tracking look-ups (issue 28, finding 9; `rate_limit::TRACKING_MISSES`): a client that has
//! looked up too many tracking IDs of no report this hour gets 429 for every look-up until the hour ends, found or
//! not, so that hits cannot be told from misses by an enumerator. Counted in the key-value store; a store failure
//! lets the look-up through (logged).

use lapor_core::rate_limit::TRACKING_MISSES;
use lapor_spin::{clock, kv};

/// The counter of the client `client` (`Req::client_subject`).
pub fn key(client: &str) -> String {
    TRACKING_MISSES.key("tracking-miss", client)
}

/// Whether the client with counter `key` may look up a tracking ID now.
pub fn allowed(key: &str) -> bool {
    kv::has_room_or_open(&TRACKING_MISSES, key, clock::now(), 1, "tracking look-up")
}

/// Counts a look-up that found no report.
pub fn missed(key: &str) {
    kv::count_or_log(&TRACKING_MISSES, key, clock::now(), 1, "tracking look-up");
}
