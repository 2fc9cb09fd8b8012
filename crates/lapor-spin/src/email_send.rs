//! E-mail delivery through Postmark's HTTP API (`POST {email_api_base}/email`, `X-Postmark-Server-Token`; the
//! protocol in `lapor_core::postmark`), and draining the e-mail outbox with [`crate::deliver`] under the same
//! claim, lease, retry and give-up rules as SMS. Each e-mail gets the tracking link and its unsubscribe link here,
//! where the public URL and the link secret are known. Used by the sweep.

use lapor_core::{messages, notify, postmark};
use lapor_store::outbox::{Claimed, Medium};
use lapor_store::Db;
use spin_sdk::http::{Method, Request};

use crate::deliver::{self, Attempt, Drained, Lookup};
use crate::vars;

/// Where and as whom to send.
#[derive(Debug, Clone)]
pub struct EmailApi {
    /// E.g. `https://api.postmarkapp.com`, without a trailing slash.
    pub api_base: String,
    /// The server token.
    pub token: String,
    /// `From`, e.g. `LAPOR! <noreply@lapor.go.id>` (a sender signature at the provider).
    pub from: String,
    /// The public URL of the app (tracking and unsubscribe links), without a trailing slash.
    pub public_base_url: String,
    /// Keys the unsubscribe links (`lapor_core::notify::unsubscribe_token`).
    pub link_secret: String,
}

impl EmailApi {
    /// From the Spin variables; `None` when the token or the link secret is not configured (nothing is sent:
    /// the e-mails stay queued).
    pub fn from_vars() -> Option<Self> {
        Some(EmailApi {
            api_base: vars::base_url("email_api_base", "https://api.postmarkapp.com"),
            token: vars::get("email_api_token")?,
            from: vars::get("email_from").unwrap_or_else(|| "LAPOR! <noreply@lapor.go.id>".into()),
            public_base_url: vars::base_url("public_base_url", "http://127.0.0.1:3000"),
            link_secret: vars::get("email_link_secret")?,
        })
    }
}

/// Sends one claimed e-mail with its links.
/// A message with a tracking ID is the reporter's (tracking and unsubscribe links); one without is an urgent staff
/// notice (a link to the console's notices, and no unsubscribe link: a staff address must never reach the
/// reporter's unsubscribe page).
pub async fn send(cfg: &EmailApi, m: &Claimed) -> Attempt {
    let (text, subject, unsubscribe_url) = match &m.tracking_id {
        Some(tracking_id) => {
            let tracking_url = format!("{}/lacak/{tracking_id}", cfg.public_base_url);
            let unsubscribe_url = format!(
                "{}{}",
                cfg.public_base_url,
                notify::unsubscribe_path(&cfg.link_secret, tracking_id, &m.recipient)
            );
            let text = messages::email_text(&m.body, &tracking_url, &unsubscribe_url);
            let subject = m.subject.clone().unwrap_or_else(|| messages::email_subject(tracking_id));
            (text, subject, Some(unsubscribe_url))
        }
        None => {
            let text = messages::staff_email_text(&m.body, &format!("{}/staff/pemberitahuan", cfg.public_base_url));
            (text, m.subject.clone().unwrap_or_else(|| messages::STAFF_EMAIL_SUBJECT.to_string()), None)
        }
    };
    let body = postmark::send_body(&postmark::Email {
        from: &cfg.from,
        to: &m.recipient,
        subject: &subject,
        text: &text,
        unsubscribe_url: unsubscribe_url.as_deref(),
        outbox_id: m.id,
    });
    let req = Request::builder()
        .method(Method::Post)
        .uri(format!("{}/email", cfg.api_base))
        .header("x-postmark-server-token", &cfg.token)
        .header("content-type", "application/json")
        .header("accept", "application/json")
        .body(body.to_string())
        .build();
    deliver::attempt(req, "/MessageID").await
}

/// Asks the provider whether the e-mail `m` went out since `since`: the outbound search for its recipient, looking
/// for our outbox id in the metadata.
pub async fn lookup(cfg: &EmailApi, m: &Claimed, since: i64) -> Lookup {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (k, v) in postmark::search_query(&m.recipient, since) {
        query.append_pair(k, &v);
    }
    let req = Request::builder()
        .method(Method::Get)
        .uri(format!("{}/messages/outbound?{}", cfg.api_base, query.finish()))
        .header("x-postmark-server-token", &cfg.token)
        .header("accept", "application/json")
        .body(Vec::new())
        .build();
    deliver::lookup_json(req, "message search", |answer| postmark::sent_in(answer, m.id)).await
}

/// Sends up to `limit` due e-mails from the outbox; one in doubt is first looked up with [`lookup`].
pub async fn drain(db: &dyn Db, cfg: &EmailApi, now: i64, limit: i64) -> Drained {
    deliver::drain(
        db,
        Medium::Email,
        now,
        limit,
        |m| async move { send(cfg, &m).await },
        |m, since| async move { lookup(cfg, &m, since).await },
    )
    .await
}
