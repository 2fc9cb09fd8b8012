//! The `default` key-value store: rate-limit counters (`lapor_core::rate_limit`) and small caches.

use lapor_core::rate_limit::RateLimit;
use spin_sdk::key_value::Store;

fn store() -> Result<Store, String> {
    Store::open_default().map_err(|e| format!("{e:?}"))
}

/// The value at `key`, if any.
pub fn get(key: &str) -> Result<Option<Vec<u8>>, String> {
    store()?.get(key).map_err(|e| format!("{e:?}"))
}

/// Stores `value` at `key`.
pub fn set(key: &str, value: &[u8]) -> Result<(), String> {
    store()?.set(key, value).map_err(|e| format!("{e:?}"))
}

/// Counts one event at `now` on the counter at `key` (made by [`RateLimit::key`]) and returns the count of
/// the current window. Not atomic across concurrent requests (Spin's key-value interface has no
/// increment): a burst may slip a few events past a limit, never more.
pub fn bump(limit: &RateLimit, key: &str, now: i64) -> Result<u64, String> {
    add(limit, key, now, 1)
}

/// Counts `n` events at `now` on the counter at `key`; returns the count of the current window.
pub fn add(limit: &RateLimit, key: &str, now: i64, n: u64) -> Result<u64, String> {
    let store = store()?;
    let stored = store.get(key).map_err(|e| format!("{e:?}"))?;
    let next = limit.add(stored.as_deref(), now, n);
    store.set(key, &next.encode()).map_err(|e| format!("{e:?}"))?;
    Ok(next.count)
}

/// Whether the counter at `key` has room for one more event at `now`, without counting it.
pub fn has_room(limit: &RateLimit, key: &str, now: i64) -> Result<bool, String> {
    has_room_for(limit, key, now, 1)
}

/// Whether the counter at `key` has room for `n` more events at `now`, without counting them.
pub fn has_room_for(limit: &RateLimit, key: &str, now: i64, n: u64) -> Result<bool, String> {
    Ok(limit.has_room_for(get(key)?.as_deref(), now, n))
}

/// Whether the counter at `key` has room for `n` more events at `now`; a store failure answers yes (logged as
/// `what`): a complaint is never refused because the counter store is down.
pub fn has_room_or_open(limit: &RateLimit, key: &str, now: i64, n: u64, what: &str) -> bool {
    has_room_for(limit, key, now, n).unwrap_or_else(|e| {
        eprintln!("error: {what} counter: {e}");
        true
    })
}

/// Counts `n` events at `now` on the counter at `key`; a store failure is logged as `what`.
pub fn count_or_log(limit: &RateLimit, key: &str, now: i64, n: u64, what: &str) {
    if let Err(e) = add(limit, key, now, n) {
        eprintln!("error: {what} counter: {e}");
    }
}

/// Removes `key` (nothing happens when it is missing).
pub fn delete(key: &str) -> Result<(), String> {
    store()?.delete(key).map_err(|e| format!("{e:?}"))
}
