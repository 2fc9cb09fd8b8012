//! Posts become reports: one per post id (the unique `(channel, source_ref)` makes a post seen twice, by
//! webhook and by polling, one report), with the acknowledgement queued in the same transaction.

use lapor_core::report::{Reporter, ValidReport};
use lapor_core::{messages, x, Category, Channel, Kind, TrackingId, Visibility};
use lapor_spin::{clock, secrets};
use lapor_store::inbound::{self, FollowUp, Handled};
use lapor_store::outbox::{self, Medium, NewMessage};
use lapor_store::reports::{self, NewRow};
use lapor_store::x_media;
use lapor_store::{transaction, Db, StoreError};
use serde_json::json;

use crate::config::Config;

/// What one batch did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub created: u32,
    /// Posts of a reporter that joined their report's thread (issue 16).
    pub replies: u32,
    pub already_known: u32,
    pub ignored: u32,
}

impl Summary {
    /// As JSON for the HTTP answer.
    pub fn to_json(self) -> serde_json::Value {
        json!({
            "created": self.created,
            "replies": self.replies,
            "already_known": self.already_known,
            "ignored": self.ignored,
        })
    }

    /// Adds another batch's counts.
    pub fn add(&mut self, o: Summary) {
        self.created += o.created;
        self.replies += o.replies;
        self.already_known += o.already_known;
        self.ignored += o.ignored;
    }
}

/// The report a post becomes: the post's words (without our mention and tag) as its body, the author's
/// handle as the only contact. The handle is kept in the reporter record only (staff see it as contact), never
/// in a field public outputs show: no location text (the post's URL would carry the handle); the post id is
/// the report's `source_ref`.
fn to_report(post: &x::Post, cfg: &Config) -> ValidReport {
    let text = x::report_text(&post.text, &cfg.handle);
    let (region, rest) = lapor_core::sms::split_region(&text);
    let (region_code, body) = match region {
        Some(r) if !rest.is_empty() => (Some(r.code.to_string()), rest),
        _ => (None, if text.is_empty() { post.text.clone() } else { text }),
    };
    ValidReport {
        kind: Kind::Pengaduan,
        title: messages::truncate(&body, 80),
        body,
        category: Category::Lainnya,
        incident_date: None,
        location_text: None,
        lat: None,
        lon: None,
        region_code,
        target_instansi: None,
        visibility: Visibility::Public,
        channel: Channel::X,
        reporter: Reporter { handle: Some(post.author_handle.clone()), ..Reporter::default() },
    }
}

/// Stores every post that counts; a post already stored is skipped.
pub fn posts(db: &dyn Db, cfg: &Config, posts: &[x::Post]) -> Result<Summary, StoreError> {
    let mut s = Summary::default();
    let cal = reports::calendar(db)?;
    for post in posts {
        match thread_reply(db, cfg, post, clock::now())? {
            Some(Handled::Duplicate) => {
                s.already_known += 1;
                continue;
            }
            Some(Handled::Notice) => {
                s.ignored += 1;
                continue;
            }
            Some(_) => {
                s.replies += 1;
                continue;
            }
            None => {}
        }
        if !x::counts(post, &cfg.handle, &cfg.user_id) {
            s.ignored += 1;
            continue;
        }
        let report = to_report(post, cfg);
        let now = clock::now();
        let result = transaction(db, |db| {
            let row =
                NewRow { report: &report, token_hash: None, source_ref: Some(&post.id), evidence: &[], withheld: &[] };
            let created = reports::insert_new(db, &row, &cal, &mut || TrackingId::from_random(secrets::random()), now)?;
            inbound::x_author(db, created.id, &post.author_id)?;
            x_media::record(db, created.id, &post.id, &post.media, now)?;
            let url = format!("{}/lacak/{}", cfg.public_base_url, created.tracking_id);
            let text = messages::x_received(created.tracking_id.as_str(), &url);
            let key = format!("x-received:{}", post.id);
            let msg = NewMessage {
                report_id: Some(created.id),
                channel: Medium::X,
                recipient: &post.id,
                body: &text,
                dedupe_key: &key,
                subject: None,
                tracking_id: None,
                urgent: false,
            };
            outbox::enqueue(db, &msg, now)?;
            Ok::<_, StoreError>(())
        });
        match result {
            Ok(()) => s.created += 1,
            Err(e) if e.is_unique_on("reports.source_ref") || e.is_unique_on("reports.channel") => s.already_known += 1,
            Err(e) => return Err(e),
        }
    }
    Ok(s)
}

/// A post in the thread of a report, by that report's reporter: joins it as their reply (`SELESAI` accepts the
/// answer), like an SMS `#ID <pesan>`. `None`: not such a post (no thread, or another account's post, which
/// never lands on someone else's report) — it is then judged as a possible new report.
fn thread_reply(db: &dyn Db, cfg: &Config, post: &x::Post, now: i64) -> Result<Option<Handled>, StoreError> {
    let parents = x::thread_parents(post);
    if parents.is_empty() || post.is_retweet {
        return Ok(None);
    }
    let Some(thread) = inbound::x_thread(db, &parents)? else { return Ok(None) };
    let owner = x::ThreadOwner { user_id: thread.user_id.as_deref(), handle: thread.handle.as_deref() };
    if !x::joins_thread(&owner, post) {
        return Ok(None);
    }
    // Only our mention: nothing to add, and no report to make of it either.
    let Some(reply) = x::follow_up(&post.text, &cfg.handle) else { return Ok(Some(Handled::Notice)) };
    let follow_up = match &reply {
        x::ThreadReply::Reply(text) => FollowUp::Reply(text),
        x::ThreadReply::Accept => FollowUp::Accept,
    };
    let handled = inbound::x_reply(db, &post.id, thread.report_id, &thread.tracking_id, follow_up, now)?;
    x_media::record(db, thread.report_id, &post.id, &post.media, now)?;
    Ok(Some(handled))
}
