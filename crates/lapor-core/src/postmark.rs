//! E-mail through Postmark's HTTP API (issue 16), the protocol only: the JSON of `POST {base}/email` and the
//! reading of the outbound message search (`GET {base}/messages/outbound`), used to ask whether an e-mail whose
//! earlier attempt had no known outcome went out. Any provider speaking the same protocol works (`email_api_base`).
//! References: <https://postmarkapp.com/developer/user-guide/send-email-with-api>,
//! <https://postmarkapp.com/developer/api/messages-api>.

use serde_json::{json, Value};

/// The metadata key that carries our outbox id on every e-mail (Postmark keeps `Metadata` with the message).
pub const OUTBOX_KEY: &str = "lapor_outbox";

/// One e-mail as LAPOR sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub subject: &'a str,
    /// The whole plain-text part ([`crate::messages::email_text`]).
    pub text: &'a str,
    /// The unsubscribe page (RFC 2369 `List-Unsubscribe`; RFC 8058 one-click POST to the same URL); `None` for a
    /// staff notice, which staff do not unsubscribe from.
    pub unsubscribe_url: Option<&'a str>,
    /// The outbox row, kept as metadata so the message can be found again.
    pub outbox_id: i64,
}

/// The body of `POST /email`: plain text only (no tracking pixel, no HTML), transactional stream.
pub fn send_body(e: &Email) -> Value {
    let headers = match e.unsubscribe_url {
        Some(url) => json!([
            { "Name": "List-Unsubscribe", "Value": format!("<{url}>") },
            { "Name": "List-Unsubscribe-Post", "Value": "List-Unsubscribe=One-Click" },
        ]),
        None => json!([]),
    };
    json!({
        "From": e.from,
        "To": e.to,
        "Subject": e.subject,
        "TextBody": e.text,
        "MessageStream": "outbound",
        "TrackOpens": false,
        "Headers": headers,
        "Metadata": { OUTBOX_KEY: e.outbox_id.to_string() },
    })
}

/// The query of the outbound message search for e-mails to `to` since `since` (Unix seconds). The API reads
/// dates in US Eastern time, so the day before `since` (UTC) is asked, which covers it.
pub fn search_query(to: &str, since: i64) -> Vec<(&'static str, String)> {
    let day = crate::time::utc_date(since - 86_400);
    vec![("recipient", to.to_string()), ("fromdate", day), ("count", "100".into()), ("offset", "0".into())]
}

/// In an outbound search answer (`{"TotalCount", "Messages": [{"MessageID", "Metadata", …}]}`), the provider id
/// of the message carrying our outbox id, if any.
pub fn sent_in(answer: &Value, outbox_id: i64) -> Option<String> {
    let id = outbox_id.to_string();
    answer.get("Messages")?.as_array()?.iter().find_map(|m| {
        (m.pointer(&format!("/Metadata/{OUTBOX_KEY}")).and_then(Value::as_str) == Some(id.as_str()))
            .then(|| m.get("MessageID").and_then(Value::as_str).map(str::to_string))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_send_body_is_plain_text_with_unsubscribe_headers_and_our_id() {
        let e = Email {
            from: "LAPOR! <noreply@lapor.go.id>",
            to: "siti@example.id",
            subject: "LAPOR! Kabar laporan #1234567890",
            text: "teks",
            unsubscribe_url: Some("https://lapor.example.id/berhenti/1234567890?t=ab"),
            outbox_id: 42,
        };
        let b = send_body(&e);
        assert_eq!(b["To"], "siti@example.id");
        assert_eq!(b["TextBody"], "teks");
        assert!(b.get("HtmlBody").is_none());
        assert_eq!(b["Headers"][0]["Value"], "<https://lapor.example.id/berhenti/1234567890?t=ab>");
        assert_eq!(b["Headers"][1]["Value"], "List-Unsubscribe=One-Click");
        assert_eq!(b["Metadata"][OUTBOX_KEY], "42");
    }

    #[test]
    fn a_message_is_found_by_its_outbox_id_only() {
        let answer = json!({"TotalCount": 2, "Messages": [
            {"MessageID": "a", "Metadata": {OUTBOX_KEY: "41"}},
            {"MessageID": "b", "Metadata": {OUTBOX_KEY: "42"}},
            {"MessageID": "c"}
        ]});
        assert_eq!(sent_in(&answer, 42).as_deref(), Some("b"));
        assert_eq!(sent_in(&answer, 43), None);
        assert_eq!(sent_in(&json!({}), 42), None);
    }

    #[test]
    fn the_search_asks_from_the_day_before() {
        let q = search_query("siti@example.id", 1_800_000_000); // 2027-01-15T08:00:00Z
        assert!(q.contains(&("fromdate", "2027-01-14".to_string())), "{q:?}");
        assert!(q.contains(&("recipient", "siti@example.id".to_string())));
    }
}
