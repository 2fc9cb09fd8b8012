//! Spin variables.

/// A variable's value; `None` when undefined or empty.
pub fn get(name: &str) -> Option<String> {
    spin_sdk::variables::get(name).ok().filter(|v| !v.is_empty())
}
