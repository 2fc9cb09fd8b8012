//! Polling for platforms without the webhook: the mentions timeline and `#lapor` recent search, each with
//! its own `since_id` cursor in key-value. Pages (`next_token`) are followed within a budget; the cursor
//! moves only after the page's reports are committed, and an unfinished pagination resumes on the next tick.
//! A 429 stores `x-rate-limit-reset` and no request is made until then.

use lapor_core::x;
use lapor_spin::clock;
use serde_json::json;
use spin_sdk::http::{Method, Request, Response};
use spin_sdk::key_value::Store;

use crate::config::Config;
use crate::ingest::{self, Summary};

/// Pages fetched per source per tick.
const PAGE_BUDGET: usize = 5;
/// Key-value key holding the time (Unix seconds) before which no request is made.
const BACKOFF_KEY: &str = "x:backoff_until";

/// A polled source.
struct Source {
    name: &'static str,
    path: String,
    query: Vec<(&'static str, String)>,
}

impl Source {
    fn key(&self, what: &str) -> String {
        format!("x:{}:{what}", self.name)
    }
}

/// What a tick did.
#[derive(Debug, Default)]
pub struct PollSummary {
    pub ingest: Summary,
    pub pages: u32,
    pub rate_limited_until: Option<i64>,
    pub skipped: bool,
}

impl PollSummary {
    /// As JSON.
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "created": self.ingest.created,
            "replies": self.ingest.replies,
            "already_known": self.ingest.already_known,
            "ignored": self.ingest.ignored,
            "pages": self.pages,
            "rate_limited_until": self.rate_limited_until,
            "skipped": self.skipped,
        })
    }
}

fn kv_get(store: &Store, key: &str) -> Option<String> {
    store.get(key).ok().flatten().and_then(|v| String::from_utf8(v).ok()).filter(|s| !s.is_empty())
}

fn kv_set(store: &Store, key: &str, value: &str) -> anyhow::Result<()> {
    store.set(key, value.as_bytes()).map_err(|e| anyhow::anyhow!("key-value set {key}: {e:?}"))
}

fn url(cfg: &Config, path: &str, query: &[(&str, String)]) -> String {
    let q: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())))
        .finish();
    format!("{}{path}?{q}", cfg.api_base)
}

/// One polling tick over both sources.
pub async fn run(cfg: &Config) -> anyhow::Result<PollSummary> {
    let mut summary = PollSummary::default();
    if cfg.bearer_token.is_empty() || cfg.user_id.is_empty() || cfg.api_base.is_empty() {
        summary.skipped = true;
        return Ok(summary);
    }
    let store = Store::open_default().map_err(|e| anyhow::anyhow!("key-value: {e:?}"))?;
    let now = clock::now();
    if let Some(until) = kv_get(&store, BACKOFF_KEY).and_then(|v| v.parse::<i64>().ok()) {
        if until > now {
            summary.skipped = true;
            summary.rate_limited_until = Some(until);
            return Ok(summary);
        }
    }
    // conversation_id and referenced_tweets: a reply in a report's thread joins that report (issue 16).
    let fields = ("tweet.fields", "created_at,author_id,referenced_tweets,conversation_id".to_string());
    // Photos kept as evidence: their URL and type through the media expansion.
    let media = ("media.fields", "type,url,preview_image_url".to_string());
    let sources = [
        Source {
            name: "mentions",
            path: format!("/2/users/{}/mentions", cfg.user_id),
            query: vec![("expansions", "author_id,attachments.media_keys".into()), fields.clone(), media.clone()],
        },
        Source {
            name: "search",
            path: "/2/tweets/search/recent".into(),
            query: vec![
                ("query", "#lapor -is:retweet".into()),
                ("expansions", "author_id,attachments.media_keys".into()),
                fields,
                media,
            ],
        },
    ];
    let db = lapor_spin::db().map_err(|_| anyhow::anyhow!("database unavailable"))?;
    for source in &sources {
        if poll_source(cfg, &store, &db, source, &mut summary).await? {
            break; // rate limited: stop this tick
        }
    }
    Ok(summary)
}

/// Polls one source; returns `true` when the API said 429.
async fn poll_source(
    cfg: &Config,
    store: &Store,
    db: &dyn lapor_store::Db,
    source: &Source,
    summary: &mut PollSummary,
) -> anyhow::Result<bool> {
    let since = kv_get(store, &source.key("since_id"));
    let mut next = kv_get(store, &source.key("next_token"));
    let mut newest = kv_get(store, &source.key("pending_newest"));
    for _ in 0..PAGE_BUDGET {
        let mut query = source.query.clone();
        if let Some(s) = &since {
            query.push(("since_id", s.clone()));
        }
        if let Some(t) = &next {
            query.push(("pagination_token", t.clone()));
        }
        let req = Request::builder()
            .method(Method::Get)
            .uri(url(cfg, &source.path, &query))
            .header("authorization", format!("Bearer {}", cfg.bearer_token))
            .build();
        let resp: Response =
            spin_sdk::http::send(req).await.map_err(|e| anyhow::anyhow!("GET {}: {e}", source.path))?;
        let status = *resp.status();
        if status == 429 {
            let reset = resp
                .header("x-rate-limit-reset")
                .and_then(|v| v.as_str())
                .and_then(|v| v.trim().parse::<i64>().ok())
                .unwrap_or_else(|| clock::now() + 15 * 60);
            kv_set(store, BACKOFF_KEY, &reset.to_string())?;
            summary.rate_limited_until = Some(reset);
            return Ok(true);
        }
        if !(200..300).contains(&status) {
            anyhow::bail!("GET {} answered {status}", source.path);
        }
        let page: serde_json::Value = serde_json::from_slice(resp.body())?;
        summary.pages += 1;
        let batch = ingest::posts(db, cfg, &x::posts_from_v2(&page)).map_err(|e| anyhow::anyhow!("{e}"))?;
        summary.ingest.add(batch);
        // The page is committed: remember how far we got.
        if let Some(n) = page.pointer("/meta/newest_id").and_then(|v| v.as_str()) {
            let best = match &newest {
                Some(old) => x::newer_id(old, n).to_string(),
                None => n.to_string(),
            };
            newest = Some(best);
        }
        next = page.pointer("/meta/next_token").and_then(|v| v.as_str()).map(str::to_string);
        match &next {
            Some(t) => {
                kv_set(store, &source.key("next_token"), t)?;
                kv_set(store, &source.key("pending_newest"), newest.as_deref().unwrap_or(""))?;
            }
            None => {
                if let Some(n) = &newest {
                    kv_set(store, &source.key("since_id"), n)?;
                }
                kv_set(store, &source.key("next_token"), "")?;
                kv_set(store, &source.key("pending_newest"), "")?;
                return Ok(false);
            }
        }
    }
    Ok(false)
}
