//! Replies on X (`POST {base}/2/tweets` with a bearer token, `{"text","reply":{"in_reply_to_tweet_id"}}`),
//! and draining the X outbox with [`crate::deliver`]. Used by twitter-ingest and by the sweep.

use lapor_store::outbox::Medium;
use lapor_store::Db;
use serde_json::json;
use spin_sdk::http::{Method, Request};

use crate::deliver::{self, Attempt, Drained, Lookup};
use crate::vars;

/// Where and as whom to post.
#[derive(Debug, Clone)]
pub struct XApi {
    /// E.g. `https://api.x.com`, without a trailing slash.
    pub api_base: String,
    pub bearer_token: String,
}

impl XApi {
    /// From the Spin variables; `None` when no token is configured (nothing is sent).
    pub fn from_vars() -> Option<Self> {
        Some(XApi {
            api_base: vars::base_url("x_api_base", "https://api.x.com"),
            bearer_token: vars::get("x_bearer_token")?,
        })
    }
}

/// Posts one reply to the post `in_reply_to`.
pub async fn send(cfg: &XApi, in_reply_to: &str, text: &str) -> Attempt {
    let body = json!({ "text": text, "reply": { "in_reply_to_tweet_id": in_reply_to } });
    let req = Request::builder()
        .method(Method::Post)
        .uri(format!("{}/2/tweets", cfg.api_base))
        .header("authorization", format!("Bearer {}", cfg.bearer_token))
        .header("content-type", "application/json")
        .body(body.to_string())
        .build();
    deliver::attempt(req, "/data/id").await
}

/// Posts up to `limit` due X replies from the outbox. X has no lookup of our own replies by text; a reply in
/// doubt is posted again, and X's duplicate-content refusal says it is already there.
pub async fn drain(db: &dyn Db, cfg: &XApi, now: i64, limit: i64) -> Drained {
    deliver::drain(
        db,
        Medium::X,
        now,
        limit,
        |m| async move { send(cfg, &m.recipient, &m.body).await },
        |_, _| async { Lookup::NotSent },
    )
    .await
}
