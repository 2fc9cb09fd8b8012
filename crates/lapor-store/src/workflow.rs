//! What staff and citizens do to a report after it arrived: verification, dispatch, assignment, answers,
//! and the citizen's replies. Each action loads the report's facts, asks `lapor_core::workflow` what the
//! action does (or why it is refused), and writes that in one [`transaction`]: the status change(s) through
//! [`crate::lifecycle::transition`], the other writes, the events, the messages. Who may do what is checked by the
//! caller with `lapor_core::roles`.
//!
//! The citizen functions ([`citizen_reply`], [`citizen_accept`]) take the channel, so the web (reporter
//! token) and SMS (reporter's phone) channels share them; inside the SMS channel's transaction they join it.

use lapor_core::regions::TimeZone;
use lapor_core::roles::{ReportScope, Role};
use lapor_core::sla;
use lapor_core::verification::{QueueQuery, RejectReason};
use lapor_core::workflow::{self as rules, SendBack};
use lapor_core::{messages, Category, Channel, Kind, Status};

use crate::action::ActionError;
use crate::attachments::{self, NewAttachment};
use crate::db::{placeholders, select, transaction, Db, Row, StoreError};
use crate::lifecycle::transition;
use crate::organisation;
use crate::params;
use crate::reports::{self, Actor, NewEvent};
use crate::{notify, timers};

pub use crate::reports::StaffActor;

fn staff_actor<'a>(id: &'a str, role: Role) -> Actor<'a> {
    Actor { id, role: Some(role.as_str()), channel: Some(Channel::Web) }
}

/// A report's id and what the permission rules need to know about it.
pub fn scope(db: &dyn Db, tracking_id: &str) -> Result<Option<(i64, ReportScope)>, StoreError> {
    let Some(r) = db.query_row(
        "SELECT id, status, visibility, instansi_id, opd_id, \
         EXISTS (SELECT 1 FROM events e WHERE e.report_id = reports.id AND e.kind = 'escalated'), \
         (SELECT p.id FROM instansi i JOIN instansi p ON p.kind = 'province' \
            AND p.region_code = substr(i.region_code, 1, instr(i.region_code, '.') - 1) \
          WHERE i.id = reports.instansi_id AND i.kind = 'regency') \
         FROM reports WHERE tracking_id = ?",
        params![tracking_id],
    )?
    else {
        return Ok(None);
    };
    let scope = ReportScope {
        status: r.status(1),
        visibility: r.visibility(2),
        instansi_id: r.opt_int(3),
        opd_id: r.opt_int(4),
        escalated: r.int(5) == 1,
        province_instansi_id: r.opt_int(6),
    };
    Ok(Some((r.int(0), scope)))
}

/// The reporter's personal data (callers redact it with `roles::ReporterAccess`).
pub fn reporter(db: &dyn Db, report_id: i64) -> Result<lapor_core::report::Reporter, StoreError> {
    let r =
        db.query_row("SELECT name, nik, phone, email, handle FROM reporters WHERE report_id = ?", params![report_id])?;
    Ok(r.map_or_else(Default::default, |r| lapor_core::report::Reporter {
        name: r.opt_text(0),
        nik: r.opt_text(1),
        phone: r.opt_text(2),
        email: r.opt_text(3),
        handle: r.opt_text(4),
        opt_out: Default::default(),
    }))
}

/// One entry of a report's full history, for staff (times in Unix seconds).
pub type HistoryEntry = lapor_core::views::HistoryItemOf<i64>;

/// The whole history of a report, oldest first.
pub fn history(db: &dyn Db, report_id: i64) -> Result<Vec<HistoryEntry>, StoreError> {
    select(
        db,
        "SELECT e.at, e.actor, e.role, e.channel, e.kind, e.from_status, e.to_status, e.body, e.public, \
         (SELECT group_concat(a.public_id) FROM attachments a WHERE a.event_id = e.id) \
         FROM events e WHERE e.report_id = ? ORDER BY e.id",
        params![report_id],
        history_entry,
    )
}

fn history_entry(r: &Row) -> HistoryEntry {
    HistoryEntry {
        at: r.int(0),
        actor: r.text(1),
        role: r.opt_text(2),
        channel: r.opt_text(3),
        kind: r.text(4),
        from_status: r.opt_text(5),
        to_status: r.opt_text(6),
        body: r.opt_text(7),
        public: r.int(8) == 1,
        attachments: r.opt_text(9).map(|s| s.split(',').map(str::to_string).collect()).unwrap_or_default(),
    }
}

/// A line of a work list (queue, board, inbox), times in Unix seconds (`lapor_core::views` shows it).
pub type Summary = lapor_core::views::ReportSummaryOf<i64>;

const SUMMARY_SELECT: &str = "SELECT r.tracking_id, r.title, r.kind, r.category, r.channel, r.visibility, r.status, \
     r.region_code, r.instansi_id, r.opd_id, o.name, r.created_at, r.updated_at, r.due_at, fi.name \
     FROM reports r LEFT JOIN opds o ON o.id = r.opd_id LEFT JOIN instansi fi ON fi.id = r.forwarded_from";

fn summary(r: &Row) -> Summary {
    let status = r.status(6);
    Summary {
        tracking_id: r.text(0),
        title: r.text(1),
        kind: r.text(2),
        category: r.text(3),
        channel: r.text(4),
        visibility: r.text(5),
        status,
        color: status.color(),
        region_code: r.opt_text(7),
        instansi_id: r.opt_int(8),
        opd_id: r.opt_int(9),
        opd_name: r.opt_text(10),
        created_at: r.int(11),
        updated_at: r.int(12),
        due_at: r.opt_int(13),
        forwarded_from: r.opt_text(14),
    }
}

/// One page of the verification queue (`received` and `needs_info` reports) as `q` asks (sort, channel, kind,
/// region, page), each line with its verification deadline, and how many lines match in all.
pub fn verification_queue(db: &dyn Db, q: &QueueQuery) -> Result<(Vec<Summary>, i64), StoreError> {
    let cal = reports::calendar(db)?;
    let mut filter = String::from("r.status IN ('received', 'needs_info')");
    let mut args: Vec<crate::db::Value> = Vec::new();
    if let Some(c) = q.channel {
        filter.push_str(" AND r.channel = ?");
        args.push(c.as_str().into());
    }
    if let Some(k) = q.kind {
        filter.push_str(" AND r.kind = ?");
        args.push(k.as_str().into());
    }
    if let Some(region) = &q.region {
        filter.push_str(" AND (r.region_code = ? OR r.region_code LIKE ? || '.%')");
        args.extend([region.into(), region.into()]);
    }
    let total = db.query_row(&format!("SELECT count(*) FROM reports r WHERE {filter}"), &args)?.map_or(0, |r| r.int(0));
    let order = if q.newest_first { "r.created_at DESC, r.id DESC" } else { "r.created_at, r.id" };
    let mut page_args = args;
    page_args.extend([q.limit.into(), q.offset().into()]);
    let rows = db.execute(&format!("{SUMMARY_SELECT} WHERE {filter} ORDER BY {order} LIMIT ? OFFSET ?"), &page_args)?;
    let lines = rows
        .rows
        .iter()
        .map(|r| {
            let mut s = summary(r);
            s.due_at = s.due_at.or_else(|| Some(sla::verification_due(&cal, s.created_at)));
            s
        })
        .collect();
    Ok((lines, total))
}

/// A waiting report's text, for grouping near-identical reports (`lapor_core::verification::groups`).
#[derive(Debug, Clone, PartialEq)]
pub struct WaitingText {
    pub id: i64,
    pub tracking_id: String,
    pub title: String,
    pub body: String,
    pub created_at: i64,
}

/// The texts of the newest `limit` waiting reports (`received`, `needs_info`), oldest first.
pub fn waiting_texts(db: &dyn Db, limit: i64) -> Result<Vec<WaitingText>, StoreError> {
    let mut out = select(
        db,
        "SELECT id, tracking_id, title, body, created_at FROM reports WHERE status IN ('received', 'needs_info') \
         ORDER BY created_at DESC, id DESC LIMIT ?",
        params![limit],
        |r| WaitingText {
            id: r.int(0),
            tracking_id: r.text(1).to_string(),
            title: r.text(2).to_string(),
            body: r.text(3).to_string(),
            created_at: r.int(4),
        },
    )?;
    out.reverse();
    Ok(out)
}

/// Rejects every report of `report_ids` for `reason` as [`reject`] does, all in one transaction: a group of
/// near-identical reports (a flood) in one action. Any report that can no longer be rejected refuses them all.
pub fn reject_all(
    db: &dyn Db,
    report_ids: &[i64],
    who: &StaffActor,
    reason: RejectReason,
    note: Option<&str>,
    now: i64,
) -> Result<usize, ActionError> {
    transaction(db, |db| {
        for id in report_ids {
            reject(db, *id, who, reason, note, now)?;
        }
        Ok(report_ids.len())
    })
}

/// Verified reports no instansi was found for, oldest first (the national admin routes them).
pub fn unrouted(db: &dyn Db, limit: i64) -> Result<Vec<Summary>, StoreError> {
    select(
        db,
        &format!("{SUMMARY_SELECT} WHERE r.status = 'verified' AND r.instansi_id IS NULL ORDER BY r.created_at, r.id LIMIT ?"),
        params![limit],
        summary,
    )
}

/// Reports of the given instansi, optionally in one status, newest activity first.
pub fn by_instansi(
    db: &dyn Db,
    instansi_ids: &[i64],
    status: Option<Status>,
    limit: i64,
) -> Result<Vec<Summary>, StoreError> {
    if instansi_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{SUMMARY_SELECT} WHERE r.instansi_id IN ({}) AND (? IS NULL OR r.status = ?) ORDER BY r.updated_at DESC, r.id DESC LIMIT ?",
        placeholders(instansi_ids.len())
    );
    let mut p: Vec<crate::Value> = instansi_ids.iter().map(|i| (*i).into()).collect();
    let st = status.map(|s| s.as_str());
    p.extend([st.into(), st.into(), limit.into()]);
    select(db, &sql, &p, summary)
}

/// The liaison's inbox: reports with the given OPDs, open ones first, then by last activity.
pub fn by_opd(db: &dyn Db, opd_ids: &[i64], limit: i64) -> Result<Vec<Summary>, StoreError> {
    if opd_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{SUMMARY_SELECT} WHERE r.opd_id IN ({}) AND r.status IN ('assigned', 'in_progress', 'completed') \
         ORDER BY CASE r.status WHEN 'assigned' THEN 0 WHEN 'in_progress' THEN 1 ELSE 2 END, r.updated_at DESC LIMIT ?",
        placeholders(opd_ids.len())
    );
    let mut p: Vec<crate::Value> = opd_ids.iter().map(|i| (*i).into()).collect();
    p.push(limit.into());
    select(db, &sql, &p, summary)
}

fn last_event_id(db: &dyn Db, report_id: i64) -> Result<i64, StoreError> {
    Ok(db.query_row("SELECT max(id) FROM events WHERE report_id = ?", params![report_id])?.map_or(0, |r| r.int(0)))
}

fn tracking_id_of(db: &dyn Db, report_id: i64) -> Result<String, ActionError> {
    Ok(db
        .query_row("SELECT tracking_id FROM reports WHERE id = ?", params![report_id])?
        .ok_or(ActionError::NotFound("report"))?
        .text(0))
}

fn status_of(db: &dyn Db, report_id: i64) -> Result<Status, ActionError> {
    let r = db.query_row("SELECT status FROM reports WHERE id = ?", params![report_id])?;
    r.and_then(|r| Status::parse(&r.text(0))).ok_or(ActionError::NotFound("report"))
}

/// The verifier's corrections to a report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Verification {
    pub kind: Option<Kind>,
    pub category: Option<Category>,
    /// A province or regency code (checked by the caller).
    pub region_code: Option<String>,
    /// The instansi to send it to, when the region is not the right one (e.g. a ministry).
    pub instansi_id: Option<i64>,
}

/// Where a verified report went.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    pub status: Status,
    pub instansi_id: Option<i64>,
    pub instansi_name: Option<String>,
}

fn dispatch_to(db: &dyn Db, report_id: i64, actor: &Actor, instansi_id: i64, now: i64) -> Result<String, ActionError> {
    let i =
        organisation::get_instansi(db, instansi_id)?.filter(|i| i.active).ok_or(ActionError::NotFound("instansi"))?;
    let due = sla::dispatch_due(
        &reports::calendar(db)?,
        now,
        TimeZone::from_abbreviation(&i.time_zone),
        sla::DISPATCH_DAYS_DEFAULT,
    );
    db.execute(
        "UPDATE reports SET instansi_id = ?, opd_id = NULL, due_at = ?, forwarded_from = NULL WHERE id = ?",
        params![instansi_id, due, report_id],
    )?;
    transition(db, report_id, Status::Dispatched, actor, Some(&messages::forwarded_to(&i.name)), true, now)?;
    Ok(i.name)
}

/// Verifies a report (with the verifier's corrections) and, when its instansi is known (given, or the local
/// government of its region), dispatches it there at once: two status events in one transaction.
pub fn verify(
    db: &dyn Db,
    report_id: i64,
    who: &StaffActor,
    v: &Verification,
    now: i64,
) -> Result<Verified, ActionError> {
    let id = who.id();
    let actor = staff_actor(&id, who.role);
    transaction(db, |db| {
        db.execute(
            "UPDATE reports SET kind = COALESCE(?, kind), category = COALESCE(?, category), \
             region_code = COALESCE(?, region_code), updated_at = ? WHERE id = ?",
            params![
                v.kind.map(|k| k.as_str()),
                v.category.map(|c| c.as_str()),
                v.region_code.as_deref(),
                now,
                report_id
            ],
        )?;
        transition(db, report_id, Status::Verified, &actor, None, true, now)?;
        let region = db
            .query_row("SELECT region_code FROM reports WHERE id = ?", params![report_id])?
            .and_then(|r| r.opt_text(0));
        let target = match (v.instansi_id, region) {
            (Some(i), _) => Some(i),
            (None, Some(code)) => organisation::instansi_for_region(db, &code)?,
            (None, None) => None,
        };
        match target {
            Some(instansi_id) => {
                let name = dispatch_to(db, report_id, &actor, instansi_id, now)?;
                Ok(Verified { status: Status::Dispatched, instansi_id: Some(instansi_id), instansi_name: Some(name) })
            }
            None => Ok(Verified { status: Status::Verified, instansi_id: None, instansi_name: None }),
        }
    })
}

/// The national admin picks the instansi of a verified report no region mapped to (or one sent back).
pub fn route(db: &dyn Db, report_id: i64, who: &StaffActor, instansi_id: i64, now: i64) -> Result<String, ActionError> {
    let id = who.id();
    let actor = staff_actor(&id, who.role);
    transaction(db, |db| dispatch_to(db, report_id, &actor, instansi_id, now))
}

/// Asks the reporter for more; the question goes to them on their channel (SMS, X) and into the thread.
pub fn needs_info(db: &dyn Db, report_id: i64, who: &StaffActor, question: &str, now: i64) -> Result<(), ActionError> {
    let id = who.id();
    let actor = staff_actor(&id, who.role);
    transaction(db, |db| {
        transition(db, report_id, Status::NeedsInfo, &actor, Some(question), true, now)?;
        let tid = tracking_id_of(db, report_id)?;
        let key = format!("needs_info:{report_id}:{}", last_event_id(db, report_id)?);
        notify::tell_reporter(db, report_id, |m| messages::needs_info_for(&tid, question, m), &key, now)?;
        Ok(())
    })
}

/// Rejects a report with a reason (and an optional note), telling the reporter why.
pub fn reject(
    db: &dyn Db,
    report_id: i64,
    who: &StaffActor,
    reason: RejectReason,
    note: Option<&str>,
    now: i64,
) -> Result<(), ActionError> {
    let id = who.id();
    let actor = staff_actor(&id, who.role);
    let text = messages::rejection_note(reason.label_id(), note);
    transaction(db, |db| {
        transition(db, report_id, Status::Rejected, &actor, Some(&text), true, now)?;
        let tid = tracking_id_of(db, report_id)?;
        let key = format!("rejected:{report_id}");
        notify::tell_reporter(db, report_id, |m| messages::rejected(&tid, &text, m.max()), &key, now)?;
        Ok(())
    })
}

/// Merges a report into an earlier one on the same matter: it becomes `duplicate`, and its reporter
/// follows the original from now on (status changes and answers of the original reach them too).
pub fn mark_duplicate(
    db: &dyn Db,
    report_id: i64,
    who: &StaffActor,
    original_tracking_id: &str,
    now: i64,
) -> Result<(), ActionError> {
    let id = who.id();
    let actor = staff_actor(&id, who.role);
    transaction(db, |db| {
        let orig = db
            .query_row(
                "SELECT id, status, duplicate_of, visibility FROM reports WHERE tracking_id = ?",
                params![original_tracking_id],
            )?
            .ok_or(rules::UNKNOWN_ORIGINAL)?;
        let (orig_id, orig_status) = (orig.int(0), Status::parse(&orig.text(1)).unwrap_or(Status::Archived));
        rules::duplicate_of(report_id, orig_id, orig_status)?;
        db.execute("UPDATE reports SET duplicate_of = ? WHERE id = ?", params![orig_id, report_id])?;
        // The merged report's reporter (and its public history) learn the original's tracking ID only if
        // they could read the original themselves.
        let shown = orig.visibility(3).shares_with_followers().then_some(original_tracking_id);
        let text = messages::merged_note(shown);
        transition(db, report_id, Status::Duplicate, &actor, Some(&text), true, now)?;
        let tid = tracking_id_of(db, report_id)?;
        reports::add_event(
            db,
            &NewEvent {
                report_id: orig_id,
                at: now,
                actor: &id,
                role: Some(who.role.as_str()),
                channel: Some(Channel::Web),
                kind: "duplicate_merged",
                from_status: None,
                to_status: None,
                body: Some(&messages::duplicate_merged(&tid)),
                public: false,
            },
        )?;
        let key = format!("merged:{report_id}");
        notify::tell_reporter(db, report_id, |_| messages::merged(&tid, shown), &key, now)?;
        Ok(())
    })
}

/// The instansi admin forwards a dispatched report to one of the instansi's active OPDs.
pub fn assign(db: &dyn Db, report_id: i64, who: &StaffActor, opd_id: i64, now: i64) -> Result<String, ActionError> {
    let id = who.id();
    let actor = staff_actor(&id, who.role);
    transaction(db, |db| {
        let instansi = db
            .query_row("SELECT instansi_id FROM reports WHERE id = ?", params![report_id])?
            .and_then(|r| r.opt_int(0));
        let opd = organisation::get_opd(db, opd_id)?
            .filter(|o| o.active && Some(o.instansi_id) == instansi)
            .ok_or(rules::UNKNOWN_OPD)?;
        let tz = timers::report_zone(db, report_id)?;
        let due = sla::follow_up_due(&reports::calendar(db)?, now, tz);
        db.execute("UPDATE reports SET opd_id = ?, due_at = ? WHERE id = ?", params![opd_id, due, report_id])?;
        transition(db, report_id, Status::Assigned, &actor, Some(&messages::forwarded_to(&opd.name)), true, now)?;
        Ok(opd.name)
    })
}

/// The instansi admin sends a report back to the national admin as wrongly routed.
pub fn send_back_to_national(
    db: &dyn Db,
    report_id: i64,
    who: &StaffActor,
    reason: &str,
    now: i64,
) -> Result<(), ActionError> {
    send_back(db, report_id, who, reason, now, SendBack::ToNational)
}

/// The liaison sends a report back to the instansi admin as not their OPD's.
pub fn send_back_to_instansi(
    db: &dyn Db,
    report_id: i64,
    who: &StaffActor,
    reason: &str,
    now: i64,
) -> Result<(), ActionError> {
    send_back(db, report_id, who, reason, now, SendBack::ToInstansi)
}

/// Moves a wrongly routed report back one step ([`SendBack`]), with the reason in the internal history.
fn send_back(
    db: &dyn Db,
    report_id: i64,
    who: &StaffActor,
    reason: &str,
    now: i64,
    to: SendBack,
) -> Result<(), ActionError> {
    let id = who.id();
    let actor = staff_actor(&id, who.role);
    transaction(db, |db| {
        // An answered report stays with its OPD: only forwarding moves it on from there (lapor_core::workflow).
        to.allowed_from(status_of(db, report_id)?)?;
        transition(db, report_id, to.status(), &actor, Some(reason), false, now)?;
        let clear = if to.clears_instansi() {
            "UPDATE reports SET instansi_id = NULL, opd_id = NULL WHERE id = ?"
        } else {
            "UPDATE reports SET opd_id = NULL WHERE id = ?"
        };
        db.execute(clear, params![report_id])?;
        Ok(())
    })
}

/// Forwards a report directly to another instansi as `lapor_core::forward::decide` planned it, in one transaction:
/// the status steps (through the life cycle), the new instansi with no OPD, the dispatch deadline restarted in its
/// time zone, where it came from, the public and internal history entries, and the citizen's message through the
/// outbox. `expected` is the status the plan was made for: if the report moved meanwhile, nothing is written.
pub fn forward(
    db: &dyn Db,
    report_id: i64,
    account_id: i64,
    expected: Status,
    plan: &lapor_core::forward::Plan,
    now: i64,
) -> Result<(), ActionError> {
    let id = format!("staff:{account_id}");
    let actor = staff_actor(&id, plan.role);
    let target = organisation::get_instansi(db, plan.to_instansi)?.ok_or(ActionError::NotFound("instansi"))?;
    let cal = reports::calendar(db)?;
    let due = sla::dispatch_due(&cal, now, TimeZone::from_abbreviation(&target.time_zone), sla::DISPATCH_DAYS_DEFAULT);
    transaction(db, |db| {
        let status = status_of(db, report_id)?;
        if status != expected {
            return Err(ActionError::Conflict(format!("the report is now {status}; reload and try again")));
        }
        let moved = |db: &dyn Db| {
            db.execute(
                "UPDATE reports SET instansi_id = ?, opd_id = NULL, due_at = ?, forwarded_from = ?, updated_at = ? \
                 WHERE id = ?",
                params![plan.to_instansi, due, plan.from_instansi, now, report_id],
            )
        };
        for &step in &plan.steps {
            if step == Status::Dispatched {
                moved(db)?;
            }
            transition(db, report_id, step, &actor, None, true, now)?;
        }
        if plan.steps.is_empty() {
            // Already waiting at an instansi: it moves to the other one's board, its deadline restarted.
            moved(db)?;
            timers::apply(db, report_id, rules::timers_for(Status::Dispatched), now)?;
        }
        fn event<'a>(
            report_id: i64,
            at: i64,
            actor: &'a Actor,
            kind: &'a str,
            body: &'a str,
            public: bool,
        ) -> NewEvent<'a> {
            NewEvent {
                report_id,
                at,
                actor: actor.id,
                role: actor.role,
                channel: actor.channel,
                kind,
                from_status: None,
                to_status: None,
                body: Some(body),
                public,
            }
        }
        let event_id = reports::add_event(db, &event(report_id, now, &actor, "forwarded", &plan.public_note, true))?;
        reports::add_event(db, &event(report_id, now, &actor, "note", &plan.internal_note, false))?;
        notify::tell_reporter(
            db,
            report_id,
            |m| messages::truncate(&plan.citizen_message, m.max()),
            &format!("forwarded:{report_id}:{event_id}"),
            now,
        )?;
        // The receiving instansi's admin is told on their notices page.
        crate::notices::add(
            db,
            &crate::notices::NewNotice {
                report_id,
                audience: lapor_core::roles::Role::InstansiAdmin,
                instansi_id: Some(plan.to_instansi),
                opd_id: None,
                kind: "forwarded",
                body: &plan.public_note,
            },
            now,
        )?;
        Ok(())
    })
}

/// A file attached to an answer, already checked by `lapor_core::evidence::check`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnswerFile<'a> {
    /// Random id used in URLs.
    pub public_id: &'a str,
    pub mime: &'a str,
    pub data: &'a [u8],
    /// Hex SHA-256 of `data`.
    pub sha256: &'a str,
}

/// The OPD answers (with an optional evidence file). The first answer moves the report to
/// `in_progress` (yellow); later answers are added to the thread. The reporter gets the answer on their
/// channel, and so do the reporters of its duplicates.
pub fn answer(
    db: &dyn Db,
    report_id: i64,
    who: &StaffActor,
    text: &str,
    attachment: Option<AnswerFile>,
    now: i64,
) -> Result<Status, ActionError> {
    let id = who.id();
    let actor = staff_actor(&id, who.role);
    transaction(db, |db| {
        let status = status_of(db, report_id)?;
        let decided = rules::answer(status)?;
        let event_id = reports::add_event(
            db,
            &NewEvent {
                report_id,
                at: now,
                actor: &id,
                role: Some(who.role.as_str()),
                channel: Some(Channel::Web),
                kind: "answer",
                from_status: None,
                to_status: None,
                body: Some(text),
                public: true,
            },
        )?;
        if let Some(file) = attachment {
            attachments::insert(
                db,
                &NewAttachment {
                    report_id,
                    event_id: Some(event_id),
                    public_id: file.public_id,
                    mime: file.mime,
                    data: file.data,
                    sha256: file.sha256,
                },
                now,
            )?;
        }
        let now_status = match decided.to {
            Some(to) => {
                transition(db, report_id, to, &actor, None, true, now)?;
                // Answered: the follow-up deadline is met; the citizen's turn has no SLA.
                db.execute("UPDATE reports SET due_at = NULL WHERE id = ?", params![report_id])?;
                to
            }
            None => {
                db.execute("UPDATE reports SET updated_at = ? WHERE id = ?", params![now, report_id])?;
                status
            }
        };
        timers::answered(db, report_id, now)?;
        notify::tell_reporter_and_followers(db, report_id, &format!("answer:{event_id}"), now, |tid, m| {
            messages::answered_for(tid, text, m)
        })?;
        Ok(now_status)
    })
}

/// The liaison asks for more time, with a reason: a pending request the instansi admin or the Inspektorat
/// decides ([`crate::oversight::decide_extension`]); until then the deadline stands. Returns the request's id.
pub use crate::oversight::request_extension;

/// What a citizen's reply did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyOutcome {
    pub from: Status,
    pub to: Status,
}

/// A reply from the reporter (web with the reporter token, or SMS from their phone). It joins the thread;
/// `lapor_core::workflow::citizen_reply` decides where the report goes (back to the verification queue after
/// a request for more, reopened after completion, else where it is).
pub fn citizen_reply(
    db: &dyn Db,
    report_id: i64,
    channel: Channel,
    text: &str,
    now: i64,
) -> Result<ReplyOutcome, ActionError> {
    transaction(db, |db| {
        let actor = Actor { id: "citizen", role: None, channel: Some(channel) };
        let from = status_of(db, report_id)?;
        let to = rules::citizen_reply(from)?;
        crate::thread::citizen_reply(db, report_id, text, channel, now)?;
        timers::citizen_replied(db, report_id)?;
        if to != from {
            transition(db, report_id, to, &actor, None, true, now)?;
        }
        Ok(ReplyOutcome { from, to })
    })
}

/// The reporter accepts the answer: the report is completed (green).
pub fn citizen_accept(db: &dyn Db, report_id: i64, channel: Channel, now: i64) -> Result<(), ActionError> {
    transaction(db, |db| {
        let actor = Actor { id: "citizen", role: None, channel: Some(channel) };
        transition(db, report_id, Status::Completed, &actor, Some(messages::ACCEPTED_NOTE), true, now)?;
        Ok(())
    })
}
