//! The filing limit per client (`rate_limit::FILING_CLIENT`), shared by the web form and the JSON API: checked
//! before a report is stored, counted after. Kept in the key-value store; when that store is down the report is
//! filed anyway (logged). Concurrent requests can pass the limit by at most their own number, once an hour.

use lapor_core::rate_limit::FILING_CLIENT;
use lapor_spin::kv;

/// The refusal, in both languages (the API's message; the form shows it above the fields it keeps).
pub const REFUSED: &str = "terlalu banyak laporan dari alamat ini dalam satu jam; coba lagi nanti / too many reports \
                           from this address in an hour; try again later";

/// The counter of the client `client` (`Req::client_subject`).
pub fn key(client: &str) -> String {
    FILING_CLIENT.key("filing-client", client)
}

/// Whether the client with counter `key` may file one more report now.
pub fn allowed(key: &str, now: i64) -> bool {
    kv::has_room_or_open(&FILING_CLIENT, key, now, 1, "filing")
}

/// Counts a report the client with counter `key` filed.
pub fn filed(key: &str, now: i64) {
    kv::count_or_log(&FILING_CLIENT, key, now, 1, "filing");
}
