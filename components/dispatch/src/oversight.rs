//! Staff notices (`/api/v1/notices...`) and the Inspektorat's work (`/api/v1/inspektorat/...`): the overdue
//! and near-due reports of an instansi grouped by OPD, reprimands, and decisions on extension requests (also
//! the instansi admin's). Rules: `lapor_core::roles` (who), `lapor_core::sla` (deadlines).

use lapor_core::roles::{Action, Role, Staff};
use lapor_core::{phone, sla, time, ErrorCode, Status};
use lapor_spin::error::{ApiError, ApiResult};
use lapor_spin::request::Req;
use lapor_spin::{clock, respond, staff};
use lapor_store::oversight::{self, Target};
use lapor_store::{notices, Db};
use serde::{Deserialize, Serialize};

fn ok<T: Serialize>(status: u16, v: &T) -> ApiResult {
    Ok(respond::json(status, &serde_json::to_value(v).unwrap_or_default()))
}

#[derive(Serialize)]
struct NoticeView {
    id: i64,
    tracking_id: String,
    kind: String,
    body: String,
    created_at: String,
    read: bool,
    /// The console page of the report.
    link: String,
}

#[derive(Serialize)]
struct NoticeList {
    unread: i64,
    notices: Vec<NoticeView>,
}

/// `GET /api/v1/notices?unread=1`: the caller's notices, newest first, and how many are unread.
pub fn list(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require(req, db)?;
    let unread_only = req.query_param("unread").is_some_and(|v| v == "1" || v == "true");
    let list = notices::list(db, &who, unread_only, 200)?;
    let unread = notices::unread_count(db, &who)?;
    ok(
        200,
        &NoticeList {
            unread,
            notices: list
                .into_iter()
                .map(|n| NoticeView {
                    id: n.id,
                    link: format!("/staff/laporan/{}", n.tracking_id),
                    tracking_id: n.tracking_id,
                    kind: n.kind,
                    body: n.body,
                    created_at: time::rfc3339(n.created_at),
                    read: n.read,
                })
                .collect(),
        },
    )
}

/// `POST /api/v1/notices/{id}/read`: marks one of the caller's notices read (404 for anyone else's).
pub fn mark_read(req: &Req, db: &dyn Db, id: &str) -> ApiResult {
    let who = staff::require(req, db)?;
    let id: i64 = id.parse().map_err(|_| ApiError::not_found())?;
    notices::mark_read(db, &who, id, clock::now())?;
    Ok(respond::json(200, &NoticeRead { id, read: true, unread: notices::unread_count(db, &who)? }))
}

/// The answer to marking one notice read: the caller's unread count after it.
#[derive(Serialize)]
struct NoticeRead {
    id: i64,
    read: bool,
    unread: i64,
}

/// The answer to marking every notice read.
#[derive(Serialize)]
struct AllRead {
    marked: i64,
    unread: i64,
}

/// The caller's own number for urgent notices (`null` when none).
#[derive(Serialize)]
struct NoticePhone {
    phone: Option<String>,
}

/// `POST /api/v1/notices/read_all`: marks every notice of the caller read.
pub fn mark_all_read(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require(req, db)?;
    let n = notices::mark_all_read(db, &who, clock::now())?;
    Ok(respond::json(200, &AllRead { marked: n, unread: 0 }))
}

#[derive(Deserialize)]
struct PhoneInput {
    phone: Option<String>,
}

/// `GET /api/v1/notices/phone`: the caller's own number for urgent notices.
pub fn get_phone(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require(req, db)?;
    Ok(respond::json(200, &NoticePhone { phone: notices::phone(db, who.account_id)? }))
}

/// `PUT /api/v1/notices/phone` `{"phone": "0812…" | null}`: the caller sets (or clears) their own number.
pub fn set_phone(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require(req, db)?;
    let input: PhoneInput = staff::body(req)?;
    let normalized = match input.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        None => None,
        Some(p) => Some(phone::normalize(p).ok_or_else(|| {
            ApiError::field("phone", "invalid_phone", "nomor telepon tidak valid / invalid phone number")
        })?),
    };
    notices::set_phone(db, who.account_id, normalized.as_deref())?;
    Ok(respond::json(200, &NoticePhone { phone: normalized }))
}

/// The instansi id of the path, when the caller oversees it: 404 for another instansi (as if it did not
/// exist), 403 for a caller with no oversight role at all.
fn overseen(who: &Staff, id: &str) -> Result<i64, ApiError> {
    if who.overseen_instansi().is_empty() {
        return Err(staff::forbidden().into());
    }
    id.parse::<i64>().ok().filter(|i| who.oversees(*i)).ok_or_else(ApiError::not_found)
}

#[derive(Serialize)]
struct OverdueReport {
    tracking_id: String,
    title: String,
    status: Status,
    due_at: String,
    overdue: bool,
    days_overdue: i64,
    pending_extension: Option<PendingRef>,
}

#[derive(Serialize)]
struct PendingRef {
    id: i64,
    reason: String,
}

#[derive(Serialize)]
struct OpdGroup {
    opd_id: Option<i64>,
    opd_name: Option<String>,
    reports: Vec<OverdueReport>,
}

#[derive(Serialize)]
struct PendingView {
    id: i64,
    tracking_id: String,
    title: String,
    opd_name: Option<String>,
    reason: String,
    requested_at: String,
    due_at: Option<String>,
}

/// Reprimands, newest first.
#[derive(Serialize)]
struct Reprimands {
    reprimands: Vec<ReprimandView>,
}

#[derive(Serialize)]
struct ReprimandView {
    id: i64,
    opd_id: i64,
    opd_name: String,
    tracking_id: Option<String>,
    reports_concerned: i64,
    reason: String,
    at: String,
}

impl From<oversight::Reprimand> for ReprimandView {
    fn from(r: oversight::Reprimand) -> Self {
        ReprimandView {
            id: r.id,
            opd_id: r.opd_id,
            opd_name: r.opd_name,
            tracking_id: r.tracking_id,
            reports_concerned: r.reports_concerned,
            reason: r.reason,
            at: time::rfc3339(r.at),
        }
    }
}

#[derive(Serialize)]
struct OverdueView {
    instansi_id: i64,
    as_of: String,
    near_due_days: i64,
    groups: Vec<OpdGroup>,
    pending_extensions: Vec<PendingView>,
}

/// The overdue page's data: groups by OPD (in the store's order), with days overdue from `lapor_core::sla`.
pub struct Overdue {
    pub groups: Vec<(Option<i64>, Option<String>, Vec<oversight::OverdueLine>)>,
    pub pending: Vec<oversight::PendingExtension>,
}

/// Loads the overdue page of an instansi at `now`.
pub fn load_overdue(db: &dyn Db, instansi: i64, now: i64) -> Result<Overdue, lapor_store::StoreError> {
    let lines = oversight::overdue(db, instansi, sla::watch_horizon(now), 1000)?;
    let mut groups: Vec<(Option<i64>, Option<String>, Vec<oversight::OverdueLine>)> = Vec::new();
    for l in lines {
        match groups.last_mut() {
            Some(g) if g.0 == l.opd_id => g.2.push(l),
            _ => groups.push((l.opd_id, l.opd_name.clone(), vec![l])),
        }
    }
    Ok(Overdue { groups, pending: oversight::pending_extensions(db, instansi, 200)? })
}

/// `GET /api/v1/inspektorat/instansi/{id}/overdue`.
pub fn overdue(req: &Req, db: &dyn Db, id: &str) -> ApiResult {
    let who = staff::require(req, db)?;
    let instansi = overseen(&who, id)?;
    let now = clock::now();
    let o = load_overdue(db, instansi, now)?;
    ok(
        200,
        &OverdueView {
            instansi_id: instansi,
            as_of: time::rfc3339(now),
            near_due_days: sla::NEAR_DUE_DAYS,
            groups: o
                .groups
                .into_iter()
                .map(|(opd_id, opd_name, lines)| OpdGroup {
                    opd_id,
                    opd_name,
                    reports: lines
                        .into_iter()
                        .map(|l| OverdueReport {
                            overdue: sla::is_overdue(l.due_at, now),
                            days_overdue: sla::days_overdue(l.due_at, now),
                            due_at: time::rfc3339(l.due_at),
                            tracking_id: l.tracking_id,
                            title: l.title,
                            status: l.status,
                            pending_extension: l.pending_extension.map(|(id, reason)| PendingRef { id, reason }),
                        })
                        .collect(),
                })
                .collect(),
            pending_extensions: o
                .pending
                .into_iter()
                .map(|p| PendingView {
                    id: p.id,
                    tracking_id: p.tracking_id,
                    title: p.title,
                    opd_name: p.opd_name,
                    reason: p.reason,
                    requested_at: time::rfc3339(p.requested_at),
                    due_at: p.due_at.map(time::rfc3339),
                })
                .collect(),
        },
    )
}

/// `GET /api/v1/inspektorat/instansi/{id}/reprimands?opd_id=`: reprimands, newest first.
pub fn reprimands(req: &Req, db: &dyn Db, id: &str) -> ApiResult {
    let who = staff::require(req, db)?;
    let instansi = overseen(&who, id)?;
    let opd = match req.query_param("opd_id").filter(|s| !s.is_empty()) {
        Some(s) => {
            Some(s.parse::<i64>().map_err(|_| ApiError::field("opd_id", "invalid", "bukan angka / not a number"))?)
        }
        None => None,
    };
    let list = oversight::reprimands(db, instansi, opd, 500)?;
    Ok(respond::json(200, &Reprimands { reprimands: list.into_iter().map(ReprimandView::from).collect() }))
}

#[derive(Deserialize, Default)]
struct ReprimandInput {
    tracking_id: Option<String>,
    opd_id: Option<i64>,
    reason: Option<String>,
}

/// What a reprimand form or body names.
pub enum ReprimandOf {
    Report(String),
    Opd(i64),
}

/// Records a reprimand by `who` in `instansi` (checked: its Inspektorat; for a report, one of its reports).
pub fn do_reprimand(
    db: &dyn Db,
    who: &Staff,
    instansi: i64,
    of: ReprimandOf,
    reason: &str,
) -> Result<oversight::Reprimand, ApiError> {
    if !who.may_reprimand_in(instansi) {
        return Err(staff::forbidden().into());
    }
    let actor = lapor_store::workflow::StaffActor { account_id: who.account_id, role: Role::Inspektorat };
    let target = match of {
        ReprimandOf::Report(tid) => {
            let a = staff::authorize(db, who, &tid, Action::Reprimand)?;
            if a.scope.instansi_id != Some(instansi) {
                return Err(ApiError::new(ErrorCode::NotFound, "laporan tidak ditemukan / report not found"));
            }
            Target::Report(a.report_id)
        }
        ReprimandOf::Opd(opd) => Target::Opd(opd),
    };
    Ok(oversight::reprimand(db, instansi, &actor, target, reason, clock::now())?)
}

/// `POST /api/v1/inspektorat/instansi/{id}/reprimands` `{"tracking_id"| "opd_id", "reason"}`.
pub fn reprimand(req: &Req, db: &dyn Db, id: &str) -> ApiResult {
    let who = staff::require(req, db)?;
    let instansi = overseen(&who, id)?;
    let input: ReprimandInput = staff::body(req)?;
    let reason = staff::required_text("reason", input.reason.as_deref(), 1000)?;
    let of = match (input.tracking_id.filter(|t| !t.trim().is_empty()), input.opd_id) {
        (Some(t), None) => ReprimandOf::Report(t.trim().to_string()),
        (None, Some(o)) => ReprimandOf::Opd(o),
        _ => {
            return Err(ApiError::field(
                "tracking_id",
                "one_target",
                "sebutkan tepat satu: tracking_id atau opd_id / give exactly one of tracking_id or opd_id",
            ))
        }
    };
    let r = do_reprimand(db, &who, instansi, of, &reason)?;
    ok(201, &ReprimandView::from(r))
}

#[derive(Deserialize, Default)]
struct DecisionInput {
    decision: Option<String>,
    note: Option<String>,
}

/// `POST /api/v1/inspektorat/reports/{tracking_id}/extension` `{"decision":"approve"|"refuse","note"}`: the
/// instansi admin or the Inspektorat decides the pending extension request.
pub fn decide_extension(req: &Req, db: &dyn Db, tid: &str) -> ApiResult {
    let (_, a) = staff::require_for(req, db, tid, Action::DecideExtension)?;
    let input: DecisionInput = staff::body(req)?;
    let approve = match input.decision.as_deref() {
        Some("approve") => true,
        Some("refuse") => false,
        _ => {
            return Err(ApiError::field(
                "decision",
                "unknown_value",
                "pilih approve atau refuse / choose approve or refuse",
            ))
        }
    };
    let note = match input.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => Some(staff::required_text("note", Some(n), 1000)?),
        None => None,
    };
    let d = oversight::decide_extension(db, a.report_id, &a.actor, approve, note.as_deref(), clock::now())?;
    Ok(respond::json(
        200,
        &ExtensionDecision {
            tracking_id: tid,
            decision: if d.approved { "approved" } else { "refused" },
            due_at: d.due_at.map(time::rfc3339),
        },
    ))
}

/// The answer to an extension decision: the report's new deadline when approved.
#[derive(Serialize)]
struct ExtensionDecision<'a> {
    tracking_id: &'a str,
    decision: &'static str,
    due_at: Option<String>,
}
