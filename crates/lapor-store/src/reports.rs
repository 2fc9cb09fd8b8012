//! Reports: create (report, reporter and `received` event in one transaction), read, and the history.

use lapor_core::report::ValidReport;
use lapor_core::{Channel, Status, TrackingId, Visibility};

use crate::db::{placeholders, select, transaction, Db, Row, StoreError, Value};
use crate::params;

/// How many fresh tracking IDs to try when one is already taken.
const ID_ATTEMPTS: usize = 8;

/// A stored report's identifiers.
#[derive(Debug, Clone, PartialEq)]
pub struct Created {
    pub id: i64,
    pub tracking_id: TrackingId,
}

/// One entry of the append-only history.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent<'a> {
    pub report_id: i64,
    pub at: i64,
    /// `citizen`, `system`, or `staff:<account id>`.
    pub actor: &'a str,
    pub role: Option<&'a str>,
    pub channel: Option<Channel>,
    /// `received`, `status`, `answer`, `reply`, `note`, ...
    pub kind: &'a str,
    pub from_status: Option<Status>,
    pub to_status: Option<Status>,
    pub body: Option<&'a str>,
    /// Shown in the public thread.
    pub public: bool,
}

/// Appends an event.
pub fn add_event(db: &dyn Db, e: &NewEvent) -> Result<i64, StoreError> {
    db.execute(
        "INSERT INTO events (report_id, at, actor, role, channel, kind, from_status, to_status, body, public) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        params![
            e.report_id,
            e.at,
            e.actor,
            e.role,
            e.channel.map(|c| c.as_str()),
            e.kind,
            e.from_status.map(|s| s.as_str()),
            e.to_status.map(|s| s.as_str()),
            e.body,
            e.public
        ],
    )
    .map(|rows| rows.first().map_or(0, |r| r.int(0)))
}

/// Stores a new report with its reporter and its `received` event, all in one statement (so one commit); the
/// verification deadline (3 working days) is its first `due_at`.
/// `new_id` gives a fresh random tracking ID; a collision with an existing one draws again.
/// `source_ref` is the provider's id of the inbound message: the same one twice is refused with
/// [`StoreError::Unique`] on `reports.channel, reports.source_ref`, and nothing is stored.
pub fn create(
    db: &dyn Db,
    report: &ValidReport,
    new_id: &mut dyn FnMut() -> TrackingId,
    token_hash: Option<&str>,
    source_ref: Option<&str>,
    now: i64,
) -> Result<Created, StoreError> {
    let row = NewRow { report, token_hash, source_ref, evidence: &[], withheld: &[] };
    insert_new(db, &row, &calendar(db)?, new_id, now)
}

/// A checked evidence file to store with a new report.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Random id used in URLs.
    pub public_id: String,
    pub mime: &'static str,
    pub data: Vec<u8>,
}

/// Everything stored for a new report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NewRow<'a> {
    pub report: &'a ValidReport,
    /// SHA-256 of the secret reporter token (web reports).
    pub token_hash: Option<&'a str>,
    /// The provider's id of the inbound message (MessageSid, post id).
    pub source_ref: Option<&'a str>,
    pub evidence: &'a [Evidence],
    /// Media on which the reporter gets no acknowledgement (`lapor_core::admission`: an unproven contact past
    /// its daily acknowledgements).
    pub withheld: &'a [lapor_core::notify::Medium],
}

/// Inserts a new report, its reporter, its `received` event, its evidence and (web, app, Open311, offline)
/// the acknowledgement to the reporter on every channel they gave. Without evidence that is one INSERT (its own
/// commit, or part of the caller's transaction, so channel components can queue their acknowledgement in the same
/// one); with evidence, that and the files in one transaction (joining the caller's). `cal` is the holiday calendar
/// ([`calendar`], or [`calendar_checked`] with the schema check), read before the write lock is taken.
pub fn insert_new(
    db: &dyn Db,
    row: &NewRow,
    cal: &lapor_core::sla::Calendar,
    new_id: &mut dyn FnMut() -> TrackingId,
    now: i64,
) -> Result<Created, StoreError> {
    let due = lapor_core::sla::verification_due(cal, now);
    if row.evidence.is_empty() {
        return insert_intake(db, row, new_id, due, now);
    }
    transaction(db, |db| with_evidence(db, insert_intake(db, row, new_id, due, now)?, row.evidence, now))
}

/// Stores the evidence files of a report just created (inside its transaction).
fn with_evidence(db: &dyn Db, created: Created, evidence: &[Evidence], now: i64) -> Result<Created, StoreError> {
    for e in evidence {
        let sha = lapor_core::secret::sha256_hex(&e.data);
        let file = crate::attachments::NewAttachment {
            report_id: created.id,
            event_id: None,
            public_id: &e.public_id,
            mime: e.mime,
            data: &e.data,
            sha256: &sha,
        };
        crate::attachments::insert(db, &file, now)?;
    }
    Ok(created)
}

/// Writes the report, its reporter (with any opt-out), its `received` event and the reporter's acknowledgement
/// ([`crate::notify::received`]) with one INSERT into the `report_intake` view (migrations/0020 and 0021 fan it
/// out to `reports`, `reporters`, `events` and `outbox`), which returns the new id. A tracking-ID collision draws
/// a new ID; the statement is atomic, so nothing of a refused attempt stays.
fn insert_intake(
    db: &dyn Db,
    row: &NewRow,
    new_id: &mut dyn FnMut() -> TrackingId,
    due_at: i64,
    now: i64,
) -> Result<Created, StoreError> {
    let r = row.report;
    let p = &r.reporter;
    let contact = lapor_core::notify::Contact {
        channel: Some(r.channel),
        source_ref: row.source_ref,
        phone: p.phone.as_deref(),
        email: p.email.as_deref(),
        opt_out: p.opt_out,
    };
    let mut last = StoreError::Other("no tracking id attempt".into());
    for _ in 0..ID_ATTEMPTS {
        let tracking_id = new_id();
        // At most an SMS and an e-mail (an intake's acknowledgement never goes to X): two slots in the view.
        let mut acks = crate::notify::received(tracking_id.as_str(), &contact);
        acks.retain(|a| !row.withheld.contains(&a.medium));
        if acks.len() > 2 {
            return Err(StoreError::Other("more than two acknowledgement routes".into()));
        }
        let mut args: Vec<Value> = params![
            tracking_id.as_str(),
            r.kind.as_str(),
            r.title.as_str(),
            r.body.as_str(),
            r.category.as_str(),
            r.incident_date.map(|d| d.format("%Y-%m-%d").to_string()),
            r.location_text.as_deref(),
            r.lat,
            r.lon,
            r.region_code.as_deref(),
            r.target_instansi.as_deref(),
            r.channel.as_str(),
            row.source_ref,
            r.visibility.as_str(),
            Status::Received.as_str(),
            row.token_hash,
            due_at,
            due_at,
            now,
            p.name.as_deref(),
            p.nik.as_deref(),
            p.phone.as_deref(),
            p.email.as_deref(),
            p.handle.as_deref(),
            p.opt_out.sms,
            p.opt_out.email,
            "citizen",
            "received",
            Status::Received.as_str(),
            true
        ]
        .to_vec();
        for slot in 0..2 {
            let ack = acks.get(slot);
            args.extend_from_slice(params![
                ack.map(|a| a.medium.as_str()),
                ack.map(|a| a.recipient.as_str()),
                ack.map(|a| a.body.as_str()),
                ack.map(|a| a.key_suffix.as_str()),
                ack.and_then(|a| a.subject.as_deref())
            ]);
        }
        let result = db.execute(
            "INSERT INTO report_intake (tracking_id, kind, title, body, category, incident_date, location_text, lat, \
             lon, region_code, target_instansi, channel, source_ref, visibility, status, reporter_token_hash, due_at, \
             breach_at, created_at, reporter_name, reporter_nik, reporter_phone, reporter_email, reporter_handle, \
             reporter_sms_opt_out, reporter_email_opt_out, event_actor, event_kind, event_to_status, event_public, \
             ack1_channel, ack1_recipient, ack1_body, ack1_key, ack1_subject, \
             ack2_channel, ack2_recipient, ack2_body, ack2_key, ack2_subject) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \
             ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
             RETURNING (SELECT id FROM reports WHERE reports.tracking_id = report_intake.tracking_id)",
            &args,
        );
        match result {
            Ok(rows) => {
                let id = rows.first().and_then(|r| r.opt_int(0));
                let id = id.ok_or_else(|| StoreError::Other("report vanished after insert".into()))?;
                return Ok(Created { id, tracking_id });
            }
            Err(e) if e.is_unique_on("reports.tracking_id") => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

/// A report as stored, without personal data (the reporter's name is included only for
/// non-anonymous reports; callers decide whether to show it).
#[derive(Debug, Clone, PartialEq)]
pub struct ReportView {
    pub id: i64,
    pub tracking_id: String,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub category: String,
    pub incident_date: Option<String>,
    pub location_text: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub region_code: Option<String>,
    pub region_name: Option<String>,
    pub instansi_name: Option<String>,
    pub opd_name: Option<String>,
    pub channel: String,
    pub visibility: Visibility,
    pub status: Status,
    pub due_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub reporter_token_hash: Option<String>,
    /// `None` for anonymous reports.
    pub reporter_name: Option<String>,
}

/// The columns of a [`ReportView`], in [`view`]'s order.
macro_rules! view_columns {
    () => {
        "r.id, r.tracking_id, r.kind, r.title, r.body, r.category, r.incident_date, r.location_text, \
         r.lat, r.lon, r.region_code, g.name, i.name, o.name, r.channel, r.visibility, r.status, r.due_at, \
         r.created_at, r.updated_at, r.reporter_token_hash, CASE WHEN r.visibility = 'anonymous' THEN NULL ELSE p.name END"
    };
}

/// The names a [`ReportView`] shows, joined to `reports r`.
macro_rules! view_joins {
    () => {
        "LEFT JOIN regions g ON g.code = r.region_code LEFT JOIN instansi i ON i.id = r.instansi_id \
         LEFT JOIN opds o ON o.id = r.opd_id LEFT JOIN reporters p ON p.report_id = r.id"
    };
}

const VIEW_SELECT: &str = concat!("SELECT ", view_columns!(), " FROM reports r ", view_joins!());

/// [`find_by_tracking_id`] with the schema version in front: always one row, whose report columns are NULL when
/// there is no such report.
const VIEW_CHECKED: &str = concat!(
    "SELECT v.user_version, ",
    view_columns!(),
    " FROM pragma_user_version AS v LEFT JOIN reports r ON r.tracking_id = ? ",
    view_joins!()
);

fn view(row: &Row) -> ReportView {
    ReportView {
        id: row.int(0),
        tracking_id: row.text(1),
        kind: row.text(2),
        title: row.text(3),
        body: row.text(4),
        category: row.text(5),
        incident_date: row.opt_text(6),
        location_text: row.opt_text(7),
        lat: row.opt_real(8),
        lon: row.opt_real(9),
        region_code: row.opt_text(10),
        region_name: row.opt_text(11),
        instansi_name: row.opt_text(12),
        opd_name: row.opt_text(13),
        channel: row.text(14),
        visibility: row.visibility(15),
        status: row.status(16),
        due_at: row.opt_int(17),
        created_at: row.int(18),
        updated_at: row.int(19),
        reporter_token_hash: row.opt_text(20),
        reporter_name: row.opt_text(21),
    }
}

/// Finds a report by its tracking ID.
pub fn find_by_tracking_id(db: &dyn Db, tracking_id: &str) -> Result<Option<ReportView>, StoreError> {
    Ok(db.query_row(&format!("{VIEW_SELECT} WHERE r.tracking_id = ?"), params![tracking_id])?.map(|r| view(&r)))
}

/// The schema version and the report with this tracking ID, in one statement, so a tracking read checks the
/// schema without a statement of its own (`lapor_spin::db_then`; like [`calendar_checked`]).
pub fn find_checked(db: &dyn Db, tracking_id: &str) -> Result<(u32, Option<ReportView>), StoreError> {
    let Some(mut row) = db.query_row(VIEW_CHECKED, params![tracking_id])? else { return Ok((0, None)) };
    let version = row.int(0) as u32;
    if row.opt_int(1).is_none() {
        return Ok((version, None));
    }
    row.0.remove(0);
    Ok((version, Some(view(&row))))
}

/// An entry of a report's thread as the public may see it.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreadEntry {
    pub at: i64,
    /// `citizen`, `system` or `staff` (never which staff account).
    pub actor: String,
    pub kind: String,
    pub to_status: Option<String>,
    pub body: Option<String>,
    /// Public ids of the files that came with this entry (an answer's photo); only the reporter opens them.
    pub attachments: Vec<String>,
}

/// The public thread of a report, oldest first.
pub fn public_thread(db: &dyn Db, report_id: i64) -> Result<Vec<ThreadEntry>, StoreError> {
    let rows = db.execute(
        "SELECT at, actor, kind, to_status, body, \
         (SELECT group_concat(a.public_id) FROM attachments a WHERE a.event_id = events.id) \
         FROM events WHERE report_id = ? AND public = 1 ORDER BY id",
        params![report_id],
    )?;
    Ok(rows
        .rows
        .iter()
        .map(|r| ThreadEntry {
            at: r.int(0),
            actor: r.text(1).split(':').next().unwrap_or("").to_string(),
            kind: r.text(2),
            to_status: r.opt_text(3),
            body: r.opt_text(4),
            attachments: r.opt_text(5).map(|s| s.split(',').map(str::to_string).collect()).unwrap_or_default(),
        })
        .collect())
}

/// Counts of reports, for tests and monitoring.
pub fn count(db: &dyn Db) -> Result<i64, StoreError> {
    Ok(db.query_row("SELECT count(*) FROM reports", &[])?.map_or(0, |r| r.int(0)))
}

/// A staff member acting in a role.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffActor {
    pub account_id: i64,
    pub role: lapor_core::roles::Role,
}

impl StaffActor {
    /// The actor id recorded in the history: `staff:<account id>`.
    pub fn id(&self) -> String {
        format!("staff:{}", self.account_id)
    }
}

/// Records what a staff member did to a report, on the web console or API (`body` shown on the public thread
/// when `public`). Returns the event's id.
pub fn staff_event(
    db: &dyn Db,
    report_id: i64,
    who: &StaffActor,
    kind: &str,
    body: &str,
    public: bool,
    now: i64,
) -> Result<i64, StoreError> {
    let actor = who.id();
    add_event(
        db,
        &NewEvent {
            report_id,
            at: now,
            actor: &actor,
            role: Some(who.role.as_str()),
            channel: Some(Channel::Web),
            kind,
            from_status: None,
            to_status: None,
            body: Some(body),
            public,
        },
    )
}

/// Who does something to a report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Actor<'a> {
    /// `citizen`, `system`, or `staff:<account id>`.
    pub id: &'a str,
    pub role: Option<&'a str>,
    pub channel: Option<Channel>,
}

/// The working-day calendar: every holiday in the database.
pub fn calendar(db: &dyn Db) -> Result<lapor_core::sla::Calendar, StoreError> {
    Ok(calendar_from(&db.execute("SELECT date FROM holidays", &[])?, 0))
}

/// What a request that files a report reads first: the holiday calendar and the blind index key the app keeps
/// (`app_keys`, used while the operator set none; `None` before one is made).
#[derive(Debug, Clone)]
pub struct IntakeStart {
    pub calendar: lapor_core::sla::Calendar,
    pub kept_key: Option<String>,
}

/// The schema version (`user_version`) and the [`IntakeStart`] in one statement, so the first read of a request
/// that files checks the schema without a statement of its own (`lapor_spin::db_then`). Fails on a schema that has
/// no holidays or `app_keys` yet (`db_then` then migrates and reads again).
pub fn intake_start(db: &dyn Db) -> Result<(u32, IntakeStart), StoreError> {
    intake_start_with(db, "", &[]).map(|(version, start, _)| (version, start))
}

/// [`intake_start`] with `extra` columns (`, <expr>`, from column 3 on, with `args`) read in the same statement;
/// also returns the rows, for those columns.
pub(crate) fn intake_start_with(
    db: &dyn Db,
    extra: &str,
    args: &[Value],
) -> Result<(u32, IntakeStart, crate::Rows), StoreError> {
    let rows = db.execute(
        &format!(
            "SELECT v.user_version, h.date, (SELECT value FROM app_keys WHERE name = 'blind_index'){extra} \
             FROM pragma_user_version AS v LEFT JOIN holidays AS h"
        ),
        args,
    )?;
    let version = rows.first().map_or(0, |r| r.int(0) as u32);
    let kept_key = rows.first().and_then(|r| r.opt_text(2));
    Ok((version, IntakeStart { calendar: calendar_from(&rows, 1), kept_key }, rows))
}

/// The calendar of the holiday dates in column `col` of `rows` (NULLs and malformed dates skipped).
pub fn calendar_from(rows: &crate::Rows, col: usize) -> lapor_core::sla::Calendar {
    lapor_core::sla::Calendar::new(
        rows.rows
            .iter()
            .filter_map(|r| r.opt_text(col).and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())),
    )
}

/// The SQL condition (on `reports r`) for a report public outputs may show: verified (`verified_at`, set by
/// [`transition`] when [`Status::passes_verification`]) and not confidential.
pub const PUBLISHED: &str = "r.verified_at IS NOT NULL AND r.visibility != 'confidential'";

/// Filters of the public report list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PublicFilter {
    /// Words in the title or body (`lapor_core::search::fts_query`).
    pub q: Option<String>,
    /// A province (`17`, includes its regencies) or regency (`17.71`) code.
    pub region: Option<String>,
    pub category: Option<String>,
    /// Only these statuses (from a colour).
    pub statuses: Vec<Status>,
}

/// A row of the public list.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicItem {
    pub tracking_id: String,
    pub title: String,
    pub category: String,
    pub region_name: Option<String>,
    pub status: Status,
    pub created_at: i64,
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Published reports ([`PUBLISHED`]), newest first, filtered; `limit` rows from `offset`.
pub fn search_public(db: &dyn Db, f: &PublicFilter, limit: i64, offset: i64) -> Result<Vec<PublicItem>, StoreError> {
    let mut sql = format!(
        "SELECT r.tracking_id, r.title, r.category, g.name, r.status, r.created_at FROM reports r \
         LEFT JOIN regions g ON g.code = r.region_code WHERE {PUBLISHED}"
    );
    let mut args: Vec<Value> = Vec::new();
    if let Some(q) = &f.q {
        // Words typed: a lookup in the full-text index (migrations/0010), never a scan of every body.
        let Some(query) = lapor_core::search::fts_query(q) else { return Ok(Vec::new()) };
        sql.push_str(" AND r.id IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH ?)");
        args.push(query.into());
    }
    if let Some(region) = &f.region {
        sql.push_str(" AND (r.region_code = ? OR r.region_code LIKE ? ESCAPE '\\')");
        args.push(region.into());
        args.push(format!("{}.%", like_escape(region)).into());
    }
    if let Some(c) = &f.category {
        sql.push_str(" AND r.category = ?");
        args.push(c.into());
    }
    if !f.statuses.is_empty() {
        sql.push_str(&format!(" AND r.status IN ({})", placeholders(f.statuses.len())));
        args.extend(f.statuses.iter().map(|s| Value::from(s.as_str())));
    }
    sql.push_str(" ORDER BY r.id DESC LIMIT ? OFFSET ?");
    args.push(limit.into());
    args.push(offset.into());
    select(db, &sql, &args, |r| PublicItem {
        tracking_id: r.text(0),
        title: r.text(1),
        category: r.text(2),
        region_name: r.opt_text(3),
        status: r.status(4),
        created_at: r.int(5),
    })
}

/// A report as its reporter's app lists it (issue 16: `GET /api/v1/me/reports`).
#[derive(Debug, Clone, PartialEq)]
pub struct MineItem {
    pub tracking_id: String,
    pub title: String,
    pub status: Status,
    pub created_at: i64,
    /// The newest history entry.
    pub last_activity: i64,
}

/// The reports whose reporter-token hash is one of `hashes`, newest first (one statement; unknown hashes match
/// nothing).
pub fn by_token_hashes(db: &dyn Db, hashes: &[String]) -> Result<Vec<MineItem>, StoreError> {
    if hashes.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT r.tracking_id, r.title, r.status, r.created_at, \
         coalesce((SELECT max(e.at) FROM events e WHERE e.report_id = r.id), r.updated_at) \
         FROM reports r WHERE r.reporter_token_hash IN ({}) ORDER BY r.id DESC",
        placeholders(hashes.len())
    );
    let args: Vec<Value> = hashes.iter().map(|h| Value::from(h.as_str())).collect();
    select(db, &sql, &args, |r| MineItem {
        tracking_id: r.text(0),
        title: r.text(1),
        status: r.status(2),
        created_at: r.int(3),
        last_activity: r.int(4),
    })
}

/// Whether the phone number `phone` (E.164) has proven itself: a report came by SMS from it, so LAPOR knows its
/// owner writes from it (`lapor_core::admission`). Uses the `reporters_phone` index.
pub fn phone_proven(db: &dyn Db, phone: &str) -> Result<bool, StoreError> {
    Ok(db
        .query_row(
            "SELECT 1 FROM reporters r JOIN reports p ON p.id = r.report_id WHERE r.phone = ? AND p.channel = 'sms' \
             LIMIT 1",
            params![phone],
        )?
        .is_some())
}
