//! Photos on posts kept as evidence (issue 16). Every post's media URLs and types are recorded with the report
//! when the post is stored; when `x_media_fetch` is `true`, the photos (only from `x_media_base`, the component's
//! allowed outbound host) are fetched after the batch is committed, checked like a web upload (sniffed JPEG, PNG
//! or WebP, at most 2 MB, and well formed) and stored as the report's attachments. A photo that fails those checks stays a link.

use lapor_core::evidence::{self, EvidenceType};
use lapor_core::{secret, x};
use lapor_spin::{clock, secrets};
use lapor_store::x_media::{self, ToFetch};
use lapor_store::Db;
use spin_sdk::http::{Method, Request, Response};

use crate::config::Config;

/// Photos fetched per request or tick; the rest wait for the next one.
const FETCH_BATCH: i64 = 6;

/// Fetches and stores up to [`FETCH_BATCH`] photos not fetched yet, when `x_media_fetch` is on.
pub async fn fetch(db: &dyn Db, cfg: &Config) {
    if !cfg.media_fetch {
        return;
    }
    let due = match x_media::to_fetch(db, FETCH_BATCH) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: x media to fetch: {e}");
            return;
        }
    };
    for m in due {
        let outcome = fetch_one(cfg, &m).await;
        let stored = match outcome {
            Ok((mime, data)) => {
                let public_id = secret::token_from_random(secrets::random());
                x_media::attach(db, &m, &public_id, mime, &data, clock::now())
            }
            Err(reason) => x_media::give_up(db, m.id, &reason),
        };
        if let Err(e) = stored {
            eprintln!("error: store x media {}: {e}", m.id);
            return;
        }
    }
}

/// One photo: the checked image, or why it stays a link.
async fn fetch_one(cfg: &Config, m: &ToFetch) -> Result<(&'static str, Vec<u8>), String> {
    let media = x::Media { kind: "photo".into(), url: m.url.clone() };
    if !x::fetchable(&media, &cfg.media_base) {
        return Err("not on the media host".into());
    }
    let req = Request::builder().method(Method::Get).uri(m.url.as_str()).body(Vec::new()).build();
    let resp: Response = spin_sdk::http::send(req).await.map_err(|e| format!("no answer: {e}"))?;
    if !(200..300).contains(resp.status()) {
        return Err(format!("HTTP {}", resp.status()));
    }
    let body = resp.into_body();
    match evidence::check(&body) {
        Ok(t @ (EvidenceType::Jpeg | EvidenceType::Png | EvidenceType::Webp))
            if evidence::is_validated_image(&body) =>
        {
            Ok((t.mime(), body))
        }
        Ok(_) => Err("not an image".into()),
        Err(e) => Err(e.code().to_string()),
    }
}
