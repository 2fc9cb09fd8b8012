//! Spin variables.

/// A variable's value; `None` when undefined or empty.
pub fn get(name: &str) -> Option<String> {
    spin_sdk::variables::get(name).ok().filter(|v| !v.is_empty())
}

/// A base URL variable (or `default` when unset), without a trailing slash.
pub fn base_url(name: &str, default: &str) -> String {
    get(name).as_deref().unwrap_or(default).trim_end_matches('/').to_string()
}
