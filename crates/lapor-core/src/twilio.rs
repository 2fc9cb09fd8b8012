//! Twilio webhook signatures (`X-Twilio-Signature`): base64 of HMAC-SHA1, keyed with the auth token, over the
//! full URL the provider called followed by every POST parameter sorted by name, each name then its value.
//! Also reading the Messages list, to learn whether a message whose send had no known outcome went out.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::Sha1;

type HmacSha1 = Hmac<Sha1>;

fn mac(auth_token: &str, url: &str, params: &[(String, String)]) -> HmacSha1 {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    let mut mac = HmacSha1::new_from_slice(auth_token.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(url.as_bytes());
    for (name, value) in sorted {
        mac.update(name.as_bytes());
        mac.update(value.as_bytes());
    }
    mac
}

/// The signature the provider puts on a request to `url` with these form parameters.
pub fn signature(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    base64::engine::general_purpose::STANDARD.encode(mac(auth_token, url, params).finalize().into_bytes())
}

/// Whether `given` is the signature of this request, compared in constant time. An empty auth token
/// verifies nothing.
pub fn verify(auth_token: &str, url: &str, params: &[(String, String)], given: &str) -> bool {
    if auth_token.is_empty() {
        return false;
    }
    let Ok(given) = base64::engine::general_purpose::STANDARD.decode(given.trim()) else { return false };
    mac(auth_token, url, params).verify_slice(&given).is_ok()
}

/// The `DateSent>=` value (a UTC date, `YYYY-MM-DD`) for listing messages sent since `since` (Unix seconds).
pub fn date_sent_filter(since: i64) -> String {
    crate::time::utc_date(since)
}

/// In a page of `GET /2010-04-01/Accounts/{sid}/Messages.json?To=…&DateSent>=…`, the sid of a message to
/// `to` with exactly `body`, created at or after `since` (less a minute of clock skew): the message whose
/// earlier attempt had no known outcome did go out.
pub fn sent_since(list: &serde_json::Value, to: &str, body: &str, since: i64) -> Option<String> {
    list.get("messages")?.as_array()?.iter().find_map(|m| {
        let created = m
            .get("date_created")
            .and_then(|d| d.as_str())
            .and_then(|d| chrono::DateTime::parse_from_rfc2822(d).ok())
            .map(|d| d.timestamp());
        let fits = m.get("to").and_then(|v| v.as_str()) == Some(to)
            && m.get("body").and_then(|v| v.as_str()) == Some(body)
            && created.is_none_or(|c| c >= since - 60);
        if fits {
            m.get("sid").and_then(|s| s.as_str()).map(str::to_string)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_message_with_the_same_recipient_and_body_was_sent() {
        let list = serde_json::json!({"messages": [
            {"sid": "SMold", "to": "+6281", "body": "halo", "date_created": "Mon, 30 Nov 2026 01:00:00 +0000"},
            {"sid": "SMother", "to": "+6282", "body": "halo", "date_created": "Tue, 01 Dec 2026 01:00:00 +0000"},
            {"sid": "SMyes", "to": "+6281", "body": "halo", "date_created": "Tue, 01 Dec 2026 01:00:00 +0000"}
        ]});
        let since = 1_796_086_800; // 2026-12-01T01:00:00Z
        assert_eq!(sent_since(&list, "+6281", "halo", since).as_deref(), Some("SMyes"));
        assert_eq!(sent_since(&list, "+6281", "lain", since), None);
        assert_eq!(sent_since(&list, "+6283", "halo", since), None);
        assert_eq!(sent_since(&serde_json::json!({}), "+6281", "halo", since), None);
        assert_eq!(date_sent_filter(since), "2026-12-01");
    }

    /// The worked example of Twilio's request-validation docs and helper libraries (twilio-php, twilio-csharp).
    const URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";
    const EXPECTED: &str = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    fn params() -> Vec<(String, String)> {
        [
            ("Digits", "1234"),
            ("To", "+18005551212"),
            ("From", "+14158675309"),
            ("Caller", "+14158675309"),
            ("CallSid", "CA1234567890ABCDE"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    #[test]
    fn matches_twilios_published_vector() {
        assert_eq!(signature("12345", URL, &params()), EXPECTED);
        assert!(verify("12345", URL, &params(), EXPECTED));
    }

    #[test]
    fn any_change_breaks_it() {
        assert!(!verify("12346", URL, &params(), EXPECTED));
        assert!(!verify("12345", &format!("{URL}&x=1"), &params(), EXPECTED));
        let mut p = params();
        p[0].1 = "9999".into();
        assert!(!verify("12345", URL, &p, EXPECTED));
        p = params();
        p.push(("Extra".into(), "".into()));
        assert!(!verify("12345", URL, &p, EXPECTED));
    }

    #[test]
    fn garbage_empty_and_tokenless_are_refused() {
        assert!(!verify("12345", URL, &params(), ""));
        assert!(!verify("12345", URL, &params(), "not base64 !"));
        assert!(!verify("", URL, &params(), &signature("", URL, &params())));
    }
}
