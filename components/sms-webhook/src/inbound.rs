//! Inbound messages and delivery receipts: parse (lapor-core) → store once per MessageSid (lapor-store) →
//! answer with TwiML carrying the reply (the provider sends it). Receipts also drain a few due messages.

use lapor_core::{delivery, messages, phone, rate_limit, sms, xml, ErrorCode, TrackingId};
use lapor_spin::error::{ApiError, ApiResult};
use lapor_spin::request::Req;
use lapor_spin::sms_send::{self, Twilio};
use lapor_spin::{clock, kv, respond, secrets};
use lapor_store::inbound::{self, Handled, Notice, NoticeKind, TWILIO};
use lapor_store::{outbox, Db};
use spin_sdk::http::Response;

use crate::signed::{self, field};

/// Due outbox messages sent after each delivery receipt (the sweep sends the rest).
const DRAIN_BATCH: i64 = 5;

/// The provider's answer: a TwiML document, with the reply to the sender as its `<Message>` when there is one
/// (the provider sends it: no call of ours to its API, so the citizen has it within seconds and the webhook costs
/// no outbound round trip).
fn twiml(reply: Option<&str>) -> Response {
    let body = match reply {
        Some(text) => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>{}</Message></Response>",
            xml::escape(text)
        ),
        None => "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>".to_string(),
    };
    respond::with_body(200, "text/xml; charset=utf-8", body.into_bytes())
}

async fn drain(db: &dyn Db, now: i64) {
    if let Some(cfg) = Twilio::from_vars() {
        let d = sms_send::drain(db, &cfg, now, DRAIN_BATCH).await;
        if d != lapor_spin::deliver::Drained::default() {
            eprintln!("sms outbox: sent {}, retrying {}, failed {}", d.sent, d.retrying, d.failed);
        }
    }
}

/// `POST /webhooks/sms/twilio`.
pub async fn message(req: &Req) -> ApiResult {
    let params = signed::params(req)?;
    let (Some(sid), Some(from)) = (field(&params, "MessageSid"), field(&params, "From")) else {
        return Err(ApiError::new(
            ErrorCode::MalformedBody,
            "MessageSid dan From wajib / MessageSid and From required",
        ));
    };
    let Some(phone) = phone::normalize(from) else {
        eprintln!("sms {sid}: sender is not a phone number; ignored");
        return Ok(twiml(None));
    };
    // The schema check, the calendar, the kept blind index key and whether the message was seen: one statement.
    let (db, start) = lapor_spin::db_then(|db| inbound::start(db, TWILIO, sid))?;
    let now = clock::now();
    let (handled, reply) = if start.seen {
        let again = outbox::take_inline(&db, &inbound::reply_key(TWILIO, sid), true, now)?;
        (Handled::Duplicate, again)
    } else {
        // The sender's count first (the key-value store, outside the write lock), then the message, what it makes
        // and its reply, taken for the answer, in one transaction (one commit).
        let limit = rate_limit::SMS;
        let key = limit.personal_key(&secrets::blind_index_with(&db, start.intake.kept_key.as_deref())?, "sms", &phone);
        let count = kv::bump(&limit, &key, now).unwrap_or_else(|e| {
            eprintln!("error: rate-limit counter: {e}");
            1
        });
        let sender = Sender { sid, phone: &phone, key: &key, count };
        let body = field(&params, "Body").unwrap_or("");
        lapor_store::transaction(&db, |db| {
            let (handled, reply_key) = handle(db, &start, &sender, body, now)?;
            Ok::<_, lapor_store::StoreError>((handled, outbox::take_inline(db, &reply_key, false, now)?))
        })?
    };
    eprintln!("sms {sid} from {}: {}", phone::mask(&phone), describe(&handled));
    Ok(twiml(reply.as_deref()))
}

fn describe(h: &Handled) -> String {
    match h {
        Handled::Report(c) => format!("new report {}", c.tracking_id),
        Handled::Reply { report_id } => format!("reply on report {report_id}"),
        Handled::Notice => "notice sent".into(),
        Handled::Duplicate => "duplicate delivery, nothing new".into(),
    }
}

/// An inbound message's sender: the message id, the number, its rate-limit key and its count in this window.
struct Sender<'a> {
    sid: &'a str,
    phone: &'a str,
    key: &'a str,
    count: u64,
}

/// Handles a new message; what it did and the outbox key of its reply to the sender.
fn handle(
    db: &dyn Db,
    start: &inbound::Start,
    sender: &Sender,
    body: &str,
    now: i64,
) -> Result<(Handled, String), lapor_store::StoreError> {
    let (sid, phone, key, count) = (sender.sid, sender.phone, sender.key, sender.count);
    let limit = rate_limit::SMS;
    let notice = |kind, text: String, dedupe: &str| {
        inbound::sms_notice(db, TWILIO, sid, phone, &Notice { kind, body: &text, dedupe_key: dedupe }, now)
    };
    if !limit.allows(count) {
        let notice_key = format!("{key}:{}:notice", limit.window_start(now));
        return Ok((notice(NoticeKind::RateLimited, messages::sms_rate_limited(), &notice_key)?, notice_key));
    }
    let reply_key = inbound::reply_key(TWILIO, sid);
    let handled = match sms::parse(body) {
        sms::Parsed::Report { region, body } => {
            let report = sms::report(region, &body, phone);
            let mut new_id = || TrackingId::from_random(secrets::random());
            inbound::sms_report_with(db, TWILIO, sid, &report, &start.intake.calendar, &mut new_id, now)
        }
        sms::Parsed::Reply { tracking_id, text } => {
            inbound::sms_reply(db, TWILIO, sid, phone, &tracking_id, inbound::FollowUp::Reply(&text), now)
        }
        sms::Parsed::Accept { tracking_id } => {
            inbound::sms_reply(db, TWILIO, sid, phone, &tracking_id, inbound::FollowUp::Accept, now)
        }
        sms::Parsed::InvalidTrackingId => notice(NoticeKind::Refused, messages::sms_unknown_tracking_id(), &reply_key),
        sms::Parsed::Help(_) => notice(NoticeKind::Help, messages::sms_help(), &reply_key),
    }?;
    Ok((handled, reply_key))
}

/// `POST /webhooks/sms/twilio/status`: a delivery receipt for a message we sent.
pub async fn receipt(req: &Req) -> ApiResult {
    let params = signed::params(req)?;
    let (Some(sid), Some(status)) = (field(&params, "MessageSid"), field(&params, "MessageStatus")) else {
        return Err(ApiError::new(ErrorCode::MalformedBody, "MessageSid dan MessageStatus wajib / required"));
    };
    let db = lapor_spin::db()?;
    let now = clock::now();
    if let Some(r) = delivery::receipt(status) {
        let error = field(&params, "ErrorCode").filter(|e| !e.is_empty()).map(|e| format!("provider error {e}"));
        outbox::apply_receipt(&db, sid, r, error.as_deref(), now)?;
    }
    drain(&db, now).await;
    Ok(respond::with_body(204, "text/plain", Vec::new()))
}
