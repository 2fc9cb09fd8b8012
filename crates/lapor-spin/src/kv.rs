//! The `default` key-value store: counters for rate limits.

use spin_sdk::key_value::Store;

/// Adds one to the counter at `key` and returns the new count. Not atomic across concurrent requests (Spin's
/// key-value interface has no increment): a burst may slip a few messages past a limit, never more.
pub fn increment(key: &str) -> Result<u64, String> {
    let store = Store::open_default().map_err(|e| format!("{e:?}"))?;
    let current = store
        .get(key)
        .map_err(|e| format!("{e:?}"))?
        .and_then(|v| String::from_utf8(v).ok())
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(0);
    let next = current + 1;
    store.set(key, next.to_string().as_bytes()).map_err(|e| format!("{e:?}"))?;
    Ok(next)
}
