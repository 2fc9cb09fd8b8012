//! Fuzzing every parser that takes outside input, with proptest over arbitrary bytes and strings: none may
//! panic, whatever arrives. The SMS text, the Twilio webhook form, the X webhook JSON, the multipart evidence
//! upload and the Open311 POST form go through the same `lapor_core` functions the components call.
//!
//! Each runs 64 cases by default (a few seconds in the normal test suite); set `PROPTEST_CASES` for a longer
//! run, e.g. `PROPTEST_CASES=100000 cargo test -p lapor-core --test fuzz_parsers --release`.

use lapor_core::open311::{NewServiceRequest, RequestQuery};
use lapor_core::{evidence, multipart, sms, twilio, x};
use proptest::prelude::*;

/// Cases per property: `PROPTEST_CASES` when set, else 64.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Bytes that are sometimes random and sometimes a sample of what the parser expects with noise inserted.
fn bytes_like(samples: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..512),
        (
            proptest::sample::select(samples),
            proptest::collection::vec(any::<u8>(), 0..64),
            any::<prop::sample::Index>()
        )
            .prop_map(|(s, noise, at)| {
                let mut v = s.as_bytes().to_vec();
                let i = at.index(v.len() + 1);
                v.splice(i..i, noise);
                v
            }),
    ]
}

fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

const SMS_URL: &str = "https://lapor.example.id/webhooks/sms/twilio";

proptest! {
    #![proptest_config(config())]

    #[test]
    fn sms_text_never_panics(text in "\\PC{0,400}|[0-9# ]{0,30}[A-Za-z_ ]{0,40}") {
        if let sms::Parsed::Report { region, body } = sms::parse(&text) {
            let _ = sms::report(region, &body, "+6281234567890");
        }
        let _ = sms::split_region(&text);
        let _ = sms::title(&text);
    }

    #[test]
    fn twilio_form_never_panics(body in bytes_like(&[
        "MessageSid=SM1&From=%2B6281234567890&To=1708&Body=KOTA+BENGKULU+jalan+rusak",
        "MessageSid=SM1&MessageStatus=delivered&ErrorCode=",
        "Body=%E2%82%AC%ZZ&&=&From=",
    ]), signature in "\\PC{0,40}") {
        let params = form_pairs(&body);
        let _ = twilio::verify("token", SMS_URL, &params, &signature);
        let expected = twilio::signature("token", SMS_URL, &params);
        prop_assert!(twilio::verify("token", SMS_URL, &params, &expected));
        if let Some((_, text)) = params.iter().find(|(k, _)| k == "Body") {
            let _ = sms::parse(text);
        }
        if let Some((_, status)) = params.iter().find(|(k, _)| k == "MessageStatus") {
            let _ = lapor_core::delivery::receipt(status);
        }
    }

    #[test]
    fn x_webhook_json_never_panics(body in bytes_like(&[
        r#"{"for_user_id":"7","tweet_create_events":[{"id_str":"1","text":"@lapor1708 KOTA BENGKULU jalan","user":{"id_str":"2","screen_name":"w"}}]}"#,
        r#"{"tweet_create_events":[{"id_str":1,"extended_tweet":{"full_text":null},"user":[]},{"retweeted_status":{}}]}"#,
        r##"{"data":[{"id":"1","text":"#lapor x","author_id":"2"}],"includes":{"users":[{"id":"2","username":"u"}]}}"##,
    ])) {
        let _ = x::signature_valid("secret", &body, Some("sha256=AAAA"));
        if let Ok(text) = std::str::from_utf8(&body) {
            let _ = x::crc_token_acceptable(text);
        }
        if let Ok(value) = serde_json::from_slice::<serde_json::Value>(&body) {
            for post in x::posts_from_webhook(&value).into_iter().chain(x::posts_from_v2(&value)) {
                let _ = x::counts(&post, "lapor1708", "7");
                let text = x::report_text(&post.text, "lapor1708");
                let _ = sms::split_region(&text);
            }
        }
    }

    #[test]
    fn multipart_evidence_upload_never_panics(body in bytes_like(&[
        "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nJalan rusak\r\n--b\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\u{89}PNG\r\n\u{1a}\n\r\n--b--\r\n",
        "--b\r\n\r\n--b--",
        "--b--",
    ]), content_type in "multipart/form-data; boundary=(b|\"b\"|[a-z]{0,3})|\\PC{0,30}") {
        if let Some(boundary) = multipart::boundary(&content_type) {
            if let Some(parts) = multipart::parse(&body, &boundary) {
                for part in parts {
                    let _ = evidence::check(part.data);
                    let _ = evidence::serve_as(part.data);
                }
            }
        }
        let _ = multipart::parse(&body, "b");
    }

    #[test]
    fn open311_post_never_panics(body in bytes_like(&[
        "api_key=k&service_code=infrastruktur&address_id=17.71&email=w%40example.id&description=Lampu+jalan+mati+seminggu",
        "service_code=kesehatan&lat=-3.8&long=102.26&phone=0812&description=x&first_name=%00",
        "service_request_id=1,2,3&status=open&start_date=2026-01-01T00:00:00Z&page=999999999999&page_size=-1",
    ])) {
        let pairs = form_pairs(&body);
        let _ = NewServiceRequest::from_form(&pairs).validate_open311();
        let _ = RequestQuery::parse(&pairs, 1_773_111_600);
    }
}
