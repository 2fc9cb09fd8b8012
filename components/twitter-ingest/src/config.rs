//! The component's variables.

use lapor_spin::vars;

/// Settings from Spin variables.
pub struct Config {
    pub api_base: String,
    pub user_id: String,
    pub handle: String,
    pub bearer_token: String,
    pub consumer_secret: String,
    pub sweep_token: String,
    pub public_base_url: String,
}

impl Config {
    /// Reads the variables (empty when unset).
    pub fn load() -> Self {
        let get = |n: &str| vars::get(n).unwrap_or_default();
        Config {
            api_base: get("x_api_base").trim_end_matches('/').to_string(),
            user_id: get("x_user_id"),
            handle: vars::get("x_handle").unwrap_or_else(|| "lapor1708".into()),
            bearer_token: get("x_bearer_token"),
            consumer_secret: get("x_consumer_secret"),
            sweep_token: get("sweep_token"),
            public_base_url: get("public_base_url").trim_end_matches('/').to_string(),
        }
    }
}
