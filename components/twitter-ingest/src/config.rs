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
    /// `x_media_fetch` is `true`: photos on posts are fetched and stored as evidence (issue 16).
    pub media_fetch: bool,
    /// Where the photos are (`x_media_base`, also an allowed outbound host), without a trailing slash.
    pub media_base: String,
}

impl Config {
    /// Reads the variables (empty when unset).
    pub fn load() -> Self {
        let get = |n: &str| vars::get(n).unwrap_or_default();
        Config {
            api_base: vars::base_url("x_api_base", ""),
            user_id: get("x_user_id"),
            handle: vars::get("x_handle").unwrap_or_else(|| "lapor1708".into()),
            bearer_token: get("x_bearer_token"),
            consumer_secret: get("x_consumer_secret"),
            sweep_token: get("sweep_token"),
            public_base_url: vars::base_url("public_base_url", ""),
            media_fetch: get("x_media_fetch") == "true",
            media_base: vars::base_url("x_media_base", "https://pbs.twimg.com"),
        }
    }
}
