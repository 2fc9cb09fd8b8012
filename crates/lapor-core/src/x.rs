//! X (Twitter): the Account Activity webhook's CRC answer and signature, which posts count as reports,
//! and how a post becomes one. Nothing here talks to the network.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::secret::constant_time_eq;

type HmacSha256 = Hmac<Sha256>;

fn hmac_b64(secret: &str, data: &[u8]) -> String {
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(data);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Longest CRC token accepted (X sends short random tokens; anything longer is refused).
pub const CRC_TOKEN_MAX: usize = 128;

/// Whether `token` has the shape of a CRC token X sends: 1 to [`CRC_TOKEN_MAX`] characters of the base64 or
/// base64url alphabet, with at most two trailing `=`. A JSON body (which always holds `{`, `"` or a space) can
/// never pass, so the CRC answer can not be used to sign a forged webhook body.
pub fn crc_token_acceptable(token: &str) -> bool {
    let bare = token.trim_end_matches('=');
    !bare.is_empty()
        && token.len() <= CRC_TOKEN_MAX
        && token.len() - bare.len() <= 2
        && bare.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_'))
}

/// The answer to `GET ?crc_token=T`: `sha256=<base64 HMAC-SHA256(consumer secret, T)>`.
pub fn crc_response_token(consumer_secret: &str, crc_token: &str) -> String {
    format!("sha256={}", hmac_b64(consumer_secret, crc_token.as_bytes()))
}

/// Checks `x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(consumer secret, body)>` in constant time.
/// An empty secret verifies nothing.
pub fn signature_valid(consumer_secret: &str, body: &[u8], header: Option<&str>) -> bool {
    let Some(given) = header.map(str::trim) else { return false };
    if consumer_secret.is_empty() {
        return false;
    }
    let expected = format!("sha256={}", hmac_b64(consumer_secret, body));
    constant_time_eq(expected.as_bytes(), given.as_bytes())
}

/// Whether X refused a post as duplicate content (`403` whose detail says so): the same text is already posted,
/// so a reply whose earlier attempt had no known outcome did go out.
pub fn is_duplicate_refusal(status: u16, body: &[u8]) -> bool {
    status == 403 && String::from_utf8_lossy(body).to_ascii_lowercase().contains("duplicate content")
}

/// A post, from either the webhook (v1.1 shape) or the v2 API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub id: String,
    pub text: String,
    pub author_id: String,
    /// Without `@`.
    pub author_handle: String,
    pub is_retweet: bool,
    /// The post this one replies to (issue 16: a reply in a report's thread joins that report).
    pub in_reply_to: Option<String>,
    /// The conversation's first post (v2 `conversation_id`).
    pub conversation_id: Option<String>,
    /// Photos and videos on the post (v2 `includes.media` through `attachments.media_keys`; the webhook's
    /// `extended_entities.media`), kept as evidence.
    pub media: Vec<Media>,
}

/// A photo or video on a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Media {
    /// `photo`, `video` or `animated_gif`.
    pub kind: String,
    /// The image's URL (for a video, its preview image).
    pub url: String,
}

/// Whether a post's media is fetched and stored as an evidence file: photos only, and only from `media_base`
/// (the media host, which is the component's allowed outbound host), over the same scheme and host.
pub fn fetchable(m: &Media, media_base: &str) -> bool {
    let base = media_base.trim_end_matches('/');
    m.kind == "photo" && !base.is_empty() && m.url.starts_with(&format!("{base}/")) && !m.url.contains("..")
}

fn media_of_v1(t: &serde_json::Value) -> Vec<Media> {
    let list = t
        .pointer("/extended_tweet/extended_entities/media")
        .or_else(|| t.pointer("/extended_entities/media"))
        .and_then(|m| m.as_array());
    list.map(|l| {
        l.iter()
            .filter_map(|m| {
                Some(Media {
                    kind: m.get("type")?.as_str()?.to_string(),
                    url: m.get("media_url_https").or_else(|| m.get("media_url"))?.as_str()?.to_string(),
                })
            })
            .collect()
    })
    .unwrap_or_default()
}

/// Who wrote the post a report came from, as stored with its reporter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThreadOwner<'a> {
    /// X's user id of the author (stable), when known.
    pub user_id: Option<&'a str>,
    /// The handle, without `@` (may change hands; used only when the id is not known).
    pub handle: Option<&'a str>,
}

/// The posts a reply may hang under, to look up the report whose thread it continues: the post it replies to,
/// then the conversation's first post.
pub fn thread_parents(post: &Post) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for id in [post.in_reply_to.as_deref(), post.conversation_id.as_deref()].into_iter().flatten() {
        if !id.is_empty() && id != post.id && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Whether `post`, found in the thread of a report whose reporter is `owner`, joins that report as the
/// reporter's reply: only when written by the same account (by user id when known, else by handle). Anyone
/// else's post in the thread never lands on someone else's report (it may still become a report of its own).
pub fn joins_thread(owner: &ThreadOwner, post: &Post) -> bool {
    match (owner.user_id, owner.handle) {
        (Some(id), _) if !id.is_empty() => id == post.author_id,
        (_, Some(handle)) if !handle.is_empty() => handle.eq_ignore_ascii_case(&post.author_handle),
        _ => false,
    }
}

/// What a reporter's reply in the thread asks for: `SELESAI` alone accepts the answer (as by SMS), anything
/// else is words for the thread; `None` when nothing is left once our mention and `#lapor` are removed.
pub fn follow_up(text: &str, our_handle: &str) -> Option<ThreadReply> {
    let words = report_text(text, our_handle);
    let words = words.trim();
    if words.is_empty() {
        None
    } else if words.eq_ignore_ascii_case("selesai") {
        Some(ThreadReply::Accept)
    } else {
        Some(ThreadReply::Reply(words.to_string()))
    }
}

/// A reporter's reply on X.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThreadReply {
    Reply(String),
    Accept,
}

impl Post {
    /// The post's public URL.
    pub fn url(&self) -> String {
        format!("https://x.com/{}/status/{}", self.author_handle, self.id)
    }
}

/// Whether `text` mentions `@handle` (case-insensitive, whole handle).
pub fn mentions(text: &str, handle: &str) -> bool {
    let needle = format!("@{}", handle.to_ascii_lowercase());
    let lower = text.to_ascii_lowercase();
    lower.match_indices(&needle).any(|(i, _)| {
        let after = lower[i + needle.len()..].chars().next();
        !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// Whether `text` carries the hashtag `#lapor` (case-insensitive, whole tag).
pub fn has_lapor_tag(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.match_indices("#lapor").any(|(i, _)| {
        let after = lower[i + "#lapor".len()..].chars().next();
        !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// Whether a post becomes a report: it mentions us or carries `#lapor`, is not ours, and is not a retweet.
pub fn counts(post: &Post, our_handle: &str, our_user_id: &str) -> bool {
    let ours = post.author_id == our_user_id || post.author_handle.eq_ignore_ascii_case(our_handle);
    !ours && !post.is_retweet && (mentions(&post.text, our_handle) || has_lapor_tag(&post.text))
}

/// The report text of a post: mentions of us and `#lapor` removed, spaces collapsed.
pub fn report_text(text: &str, our_handle: &str) -> String {
    text.split_whitespace()
        .filter(|w| {
            let bare = w.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '_');
            !bare.eq_ignore_ascii_case(&format!("@{our_handle}")) && !bare.eq_ignore_ascii_case("#lapor")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Parses the webhook's `tweet_create_events` items (Account Activity API, v1.1 post objects).
pub fn posts_from_webhook(payload: &serde_json::Value) -> Vec<Post> {
    let Some(events) = payload.get("tweet_create_events").and_then(|e| e.as_array()) else { return Vec::new() };
    events
        .iter()
        .filter_map(|t| {
            let text = t
                .pointer("/extended_tweet/full_text")
                .or_else(|| t.get("full_text"))
                .or_else(|| t.get("text"))?
                .as_str()?
                .to_string();
            Some(Post {
                id: t.get("id_str")?.as_str()?.to_string(),
                author_id: t.pointer("/user/id_str")?.as_str()?.to_string(),
                author_handle: t.pointer("/user/screen_name")?.as_str()?.to_string(),
                is_retweet: t.get("retweeted_status").is_some_and(|r| !r.is_null()) || text.starts_with("RT @"),
                in_reply_to: t.get("in_reply_to_status_id_str").and_then(|v| v.as_str()).map(str::to_string),
                conversation_id: None,
                media: media_of_v1(t),
                text,
            })
        })
        .collect()
}

/// Parses a v2 timeline or search page (`data`, `includes.users`) into posts.
pub fn posts_from_v2(page: &serde_json::Value) -> Vec<Post> {
    let users = page.pointer("/includes/users").and_then(|u| u.as_array()).cloned().unwrap_or_default();
    let handle_of = |id: &str| {
        users
            .iter()
            .find(|u| u.get("id").and_then(|i| i.as_str()) == Some(id))
            .and_then(|u| u.get("username").and_then(|n| n.as_str()))
            .map(str::to_string)
    };
    let media = page.pointer("/includes/media").and_then(|u| u.as_array()).cloned().unwrap_or_default();
    let media_of = |t: &serde_json::Value| -> Vec<Media> {
        let keys = t.pointer("/attachments/media_keys").and_then(|k| k.as_array()).cloned().unwrap_or_default();
        keys.iter()
            .filter_map(|k| {
                let m = media.iter().find(|m| m.get("media_key") == Some(k))?;
                Some(Media {
                    kind: m.get("type")?.as_str()?.to_string(),
                    url: m.get("url").or_else(|| m.get("preview_image_url"))?.as_str()?.to_string(),
                })
            })
            .collect()
    };
    let Some(data) = page.get("data").and_then(|d| d.as_array()) else { return Vec::new() };
    data.iter()
        .filter_map(|t| {
            let author_id = t.get("author_id")?.as_str()?.to_string();
            let text = t.get("text")?.as_str()?.to_string();
            let referenced = |kind: &str| {
                t.get("referenced_tweets").and_then(|r| r.as_array()).and_then(|r| {
                    r.iter()
                        .find(|x| x.get("type").and_then(|v| v.as_str()) == Some(kind))
                        .and_then(|x| x.get("id").and_then(|v| v.as_str()).map(str::to_string))
                })
            };
            let retweet = referenced("retweeted").is_some();
            Some(Post {
                id: t.get("id")?.as_str()?.to_string(),
                author_handle: handle_of(&author_id).unwrap_or_else(|| "i".to_string()),
                author_id,
                is_retweet: retweet || text.starts_with("RT @"),
                in_reply_to: referenced("replied_to"),
                conversation_id: t.get("conversation_id").and_then(|v| v.as_str()).map(str::to_string),
                media: media_of(t),
                text,
            })
        })
        .collect()
}

/// The larger of two post ids (ids are decimal numbers that grow with time).
pub fn newer_id<'a>(a: &'a str, b: &'a str) -> &'a str {
    let key = |s: &str| (s.len(), s.to_string());
    if key(a) >= key(b) {
        a
    } else {
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_documented_construction() {
        // base64(HMAC-SHA256(key="secret", msg="challenge")), computed independently.
        let mut mac = HmacSha256::new_from_slice(b"secret").unwrap();
        mac.update(b"challenge");
        let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        assert_eq!(crc_response_token("secret", "challenge"), format!("sha256={expected}"));
        assert_eq!(
            crc_response_token("key", "The quick brown fox jumps over the lazy dog"),
            "sha256=97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg="
        );
    }

    #[test]
    fn only_crc_shaped_tokens_are_acceptable() {
        assert!(crc_token_acceptable("abc123XYZ"));
        assert!(crc_token_acceptable("MjA0NjA4NjctMTg0NS00NGQ3LWEzZmUtYTY2YjQ3ZWJmNTYz"));
        assert!(crc_token_acceptable("a+b/c-d_e=="));
        assert!(!crc_token_acceptable(""));
        assert!(!crc_token_acceptable("=="));
        assert!(!crc_token_acceptable("abc==="));
        assert!(!crc_token_acceptable(&"a".repeat(CRC_TOKEN_MAX + 1)));
        assert!(!crc_token_acceptable(r#"{"tweet_create_events":[]}"#));
        assert!(!crc_token_acceptable("abc def"));
        assert!(!crc_token_acceptable("abc\n"));
    }

    #[test]
    fn duplicate_content_refusals() {
        let body = br#"{"detail":"You are not allowed to create a Tweet with duplicate content.","status":403}"#;
        assert!(is_duplicate_refusal(403, body));
        assert!(!is_duplicate_refusal(403, br#"{"detail":"Forbidden"}"#));
        assert!(!is_duplicate_refusal(400, body));
    }

    #[test]
    fn signatures() {
        let body = br#"{"tweet_create_events":[]}"#;
        let sig = format!("sha256={}", hmac_b64("s3cret", body));
        assert!(signature_valid("s3cret", body, Some(&sig)));
        assert!(!signature_valid("other", body, Some(&sig)));
        assert!(!signature_valid("s3cret", b"{}", Some(&sig)));
        assert!(!signature_valid("s3cret", body, None));
        assert!(!signature_valid("", body, Some("sha256=")));
    }

    fn post(text: &str) -> Post {
        Post {
            id: "1".into(),
            text: text.into(),
            author_id: "42".into(),
            author_handle: "warga".into(),
            is_retweet: false,
            in_reply_to: None,
            conversation_id: None,
            media: Vec::new(),
        }
    }

    #[test]
    fn media_comes_from_the_expansions_and_only_photos_on_our_host_are_fetched() {
        let v2 = serde_json::json!({"data": [{"id": "20", "text": "@lapor1708 lihat", "author_id": "42",
            "attachments": {"media_keys": ["3_1", "7_2"]}}],
            "includes": {"users": [{"id": "42", "username": "warga"}], "media": [
                {"media_key": "3_1", "type": "photo", "url": "https://pbs.twimg.com/media/a.jpg"},
                {"media_key": "7_2", "type": "video", "preview_image_url": "https://pbs.twimg.com/v/b.jpg"}]}});
        let p = &posts_from_v2(&v2)[0];
        assert_eq!(p.media.len(), 2);
        assert_eq!((p.media[0].kind.as_str(), p.media[0].url.as_str()), ("photo", "https://pbs.twimg.com/media/a.jpg"));
        assert!(fetchable(&p.media[0], "https://pbs.twimg.com"));
        assert!(!fetchable(&p.media[1], "https://pbs.twimg.com"), "a video is kept as a link only");
        let evil = Media { kind: "photo".into(), url: "https://pbs.twimg.com.evil.example/a.jpg".into() };
        assert!(!fetchable(&evil, "https://pbs.twimg.com"));
        assert!(!fetchable(&p.media[0], ""));
        let hook = serde_json::json!({"tweet_create_events": [{"id_str": "21", "text": "@lapor1708 foto",
            "user": {"id_str": "42", "screen_name": "warga"},
            "extended_entities": {"media": [{"type": "photo", "media_url_https": "https://pbs.twimg.com/media/c.jpg"}]}}]});
        assert_eq!(posts_from_webhook(&hook)[0].media[0].url, "https://pbs.twimg.com/media/c.jpg");
    }

    #[test]
    fn replies_know_their_parents_in_both_shapes() {
        let v2 = serde_json::json!({"data": [{"id": "20", "text": "@lapor1708 belum", "author_id": "42",
            "conversation_id": "10", "referenced_tweets": [{"type": "replied_to", "id": "15"}]}],
            "includes": {"users": [{"id": "42", "username": "warga"}]}});
        let p = &posts_from_v2(&v2)[0];
        assert_eq!((p.in_reply_to.as_deref(), p.conversation_id.as_deref()), (Some("15"), Some("10")));
        assert_eq!(thread_parents(p), ["15", "10"]);
        assert!(!p.is_retweet);
        let hook = serde_json::json!({"tweet_create_events": [{"id_str": "21", "text": "@lapor1708 SELESAI",
            "in_reply_to_status_id_str": "15", "user": {"id_str": "42", "screen_name": "warga"}}]});
        let p = &posts_from_webhook(&hook)[0];
        assert_eq!(thread_parents(p), ["15"]);
        assert!(thread_parents(&post("x")).is_empty());
    }

    #[test]
    fn only_the_reporters_own_account_joins_the_thread() {
        let p = post("@lapor1708 belum selesai");
        assert!(joins_thread(&ThreadOwner { user_id: Some("42"), handle: Some("other") }, &p));
        assert!(!joins_thread(&ThreadOwner { user_id: Some("43"), handle: Some("warga") }, &p), "id wins");
        assert!(joins_thread(&ThreadOwner { user_id: None, handle: Some("WARGA") }, &p));
        assert!(!joins_thread(&ThreadOwner { user_id: None, handle: Some("warga2") }, &p));
        assert!(!joins_thread(&ThreadOwner { user_id: None, handle: None }, &p));
    }

    #[test]
    fn selesai_accepts_and_other_words_reply() {
        assert_eq!(follow_up("@lapor1708 SELESAI", "lapor1708"), Some(ThreadReply::Accept));
        assert_eq!(follow_up("@lapor1708 selesai #lapor", "lapor1708"), Some(ThreadReply::Accept));
        assert_eq!(
            follow_up("@lapor1708 belum selesai, masih tutup", "lapor1708"),
            Some(ThreadReply::Reply("belum selesai, masih tutup".into()))
        );
        assert_eq!(follow_up("@lapor1708", "lapor1708"), None);
    }

    #[test]
    fn which_posts_count() {
        assert!(counts(&post("@lapor1708 jalan rusak"), "lapor1708", "7"));
        assert!(counts(&post("@LAPOR1708: jalan rusak"), "lapor1708", "7"));
        assert!(counts(&post("jalan rusak #lapor"), "lapor1708", "7"));
        assert!(!counts(&post("@lapor17089 bukan kami"), "lapor1708", "7"));
        assert!(!counts(&post("#laporan bukan tagar kami"), "lapor1708", "7"));
        let mut rt = post("RT @warga: @lapor1708 jalan rusak");
        rt.is_retweet = true;
        assert!(!counts(&rt, "lapor1708", "7"));
        let mut ours = post("@lapor1708 terima kasih");
        ours.author_id = "7".into();
        assert!(!counts(&ours, "lapor1708", "7"));
    }

    #[test]
    fn report_text_drops_our_mention_and_tag() {
        assert_eq!(
            report_text("@lapor1708 KOTA BENGKULU jalan rusak #lapor", "lapor1708"),
            "KOTA BENGKULU jalan rusak"
        );
    }

    #[test]
    fn parses_both_shapes() {
        let hook = serde_json::json!({"for_user_id": "7", "tweet_create_events": [
            {"id_str": "100", "text": "@lapor1708 lampu mati", "user": {"id_str": "42", "screen_name": "warga"}},
            {"id_str": "101", "text": "RT @x: @lapor1708 a", "user": {"id_str": "43", "screen_name": "b"}, "retweeted_status": {}}
        ]});
        let posts = posts_from_webhook(&hook);
        assert_eq!(posts.len(), 2);
        assert_eq!(posts[0].url(), "https://x.com/warga/status/100");
        assert!(posts[1].is_retweet);
        let page = serde_json::json!({"data": [{"id": "100", "text": "@lapor1708 lampu mati", "author_id": "42"}],
                                      "includes": {"users": [{"id": "42", "username": "warga"}]}, "meta": {"newest_id": "100"}});
        assert_eq!(posts_from_v2(&page), vec![posts[0].clone()]);
    }

    #[test]
    fn newer_ids_compare_as_numbers() {
        assert_eq!(newer_id("99", "100"), "100");
        assert_eq!(newer_id("1800000000000000001", "1800000000000000000"), "1800000000000000001");
    }
}
