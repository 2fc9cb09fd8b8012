//! Staff notices: addressed to a scope (audience role + instansi/OPD, `lapor_core::roles::NoticeFilter`), so
//! whoever holds the role reads them, and read per account (`staff_notice_reads`). Urgent notices
//! (`roles::notice_is_urgent`) also go out through the outbox: by SMS to the readers who gave a number, and by
//! e-mail to every reader's account address (no reporter links, no unsubscribe link).

use lapor_core::messages;
use lapor_core::roles::{notice_is_urgent, NoticeFilter, Role, ScopeKind, Staff};

use crate::action::ActionError;
use crate::db::{select, Db, Row, StoreError, Value};
use crate::outbox::{self, Medium, NewMessage};
use crate::params;

/// A notice to write.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NewNotice<'a> {
    pub report_id: i64,
    pub audience: Role,
    pub instansi_id: Option<i64>,
    pub opd_id: Option<i64>,
    /// `sla_warning`, `sla_breach`, `escalated`, `extension_requested`, `extension_approved`,
    /// `extension_refused`, `reprimand`, `mediation_info`.
    pub kind: &'a str,
    pub body: &'a str,
}

/// Writes a notice (inside the caller's transaction); an urgent one is also queued as an SMS to every active
/// account that reads it and gave a phone (once per notice and account). Returns the notice's id.
pub fn add(db: &dyn Db, n: &NewNotice, now: i64) -> Result<i64, StoreError> {
    let row = db.execute(
        "INSERT INTO staff_notices (report_id, audience, instansi_id, opd_id, kind, body, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        params![n.report_id, n.audience.as_str(), n.instansi_id, n.opd_id, n.kind, n.body, now],
    )?;
    let id = row.first().map_or(0, |r| r.int(0));
    if notice_is_urgent(n.kind) {
        let sms = messages::staff_sms(n.body);
        for (account_id, phone, email) in readers(db, n)? {
            let key = format!("staff-notice:{id}:{account_id}");
            if let Some(phone) = &phone {
                let m = NewMessage {
                    report_id: Some(n.report_id),
                    channel: Medium::Sms,
                    recipient: phone,
                    body: &sms,
                    dedupe_key: &key,
                    subject: None,
                    tracking_id: None,
                    urgent: false,
                };
                outbox::enqueue(db, &m, now)?;
            }
            // By e-mail too, to the account's address; no tracking ID, so the sender adds no reporter links.
            let key = format!("{key}:email");
            let m = NewMessage {
                report_id: Some(n.report_id),
                channel: Medium::Email,
                recipient: &email,
                body: n.body,
                dedupe_key: &key,
                subject: Some(messages::STAFF_EMAIL_SUBJECT),
                tracking_id: None,
                urgent: false,
            };
            outbox::enqueue(db, &m, now)?;
        }
    }
    Ok(id)
}

/// The accounts that read notice `n` and gave a phone: (account id, E.164 number).
/// The active accounts that read notice `n`: id, notice phone (if given) and e-mail.
fn readers(db: &dyn Db, n: &NewNotice) -> Result<Vec<(i64, Option<String>, String)>, StoreError> {
    let (clause, scope): (&str, Option<i64>) = match n.audience.scope_kind() {
        ScopeKind::National => ("", None),
        ScopeKind::Instansi => (" AND s.instansi_id = ?", n.instansi_id),
        ScopeKind::Opd => (" AND s.opd_id = ?", n.opd_id),
    };
    if n.audience.scope_kind() != ScopeKind::National && scope.is_none() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT DISTINCT a.id, a.notice_phone, a.email FROM assignments s JOIN accounts a ON a.id = s.account_id \
         WHERE s.active = 1 AND a.active = 1 AND s.role = ?{clause}"
    );
    let mut p: Vec<Value> = vec![n.audience.as_str().into()];
    if let Some(s) = scope {
        p.push(s.into());
    }
    Ok(db.execute(&sql, &p)?.rows.iter().map(|r| (r.int(0), r.opt_text(1), r.text(2))).collect())
}

/// The SQL condition (on `n`, the notices table) matching any of the filters, with its parameters.
fn condition(filters: &[NoticeFilter]) -> (String, Vec<Value>) {
    let mut parts = Vec::new();
    let mut p: Vec<Value> = Vec::new();
    for f in filters {
        p.push(f.audience.as_str().into());
        match f.audience.scope_kind() {
            ScopeKind::National => parts.push("n.audience = ?".to_string()),
            ScopeKind::Instansi => {
                parts.push("(n.audience = ? AND n.instansi_id = ?)".to_string());
                p.push(f.instansi_id.unwrap_or(-1).into());
            }
            ScopeKind::Opd => {
                parts.push("(n.audience = ? AND n.opd_id = ?)".to_string());
                p.push(f.opd_id.unwrap_or(-1).into());
            }
        }
    }
    if parts.is_empty() {
        return ("0".into(), p);
    }
    (format!("({})", parts.join(" OR ")), p)
}

/// A notice as its reader sees it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NoticeLine {
    pub id: i64,
    pub tracking_id: String,
    pub kind: String,
    pub body: String,
    pub created_at: i64,
    pub read: bool,
}

fn line(r: &Row) -> NoticeLine {
    NoticeLine {
        id: r.int(0),
        tracking_id: r.text(1),
        kind: r.text(2),
        body: r.text(3),
        created_at: r.int(4),
        read: r.opt_int(5).is_some(),
    }
}

/// The staff member's notices, newest first (only unread ones with `unread_only`).
pub fn list(db: &dyn Db, staff: &Staff, unread_only: bool, limit: i64) -> Result<Vec<NoticeLine>, StoreError> {
    let (cond, mut p) = condition(&staff.notice_filters());
    let unread = if unread_only { " AND x.read_at IS NULL" } else { "" };
    let sql = format!(
        "SELECT n.id, r.tracking_id, n.kind, n.body, n.created_at, x.read_at FROM staff_notices n \
         JOIN reports r ON r.id = n.report_id \
         LEFT JOIN staff_notice_reads x ON x.notice_id = n.id AND x.account_id = ? \
         WHERE {cond}{unread} ORDER BY n.id DESC LIMIT ?"
    );
    p.insert(0, staff.account_id.into());
    p.push(limit.into());
    select(db, &sql, &p, line)
}

/// How many of the staff member's notices they have not read.
pub fn unread_count(db: &dyn Db, staff: &Staff) -> Result<i64, StoreError> {
    let (cond, mut p) = condition(&staff.notice_filters());
    let sql = format!(
        "SELECT count(*) FROM staff_notices n WHERE {cond} AND NOT EXISTS \
         (SELECT 1 FROM staff_notice_reads x WHERE x.notice_id = n.id AND x.account_id = ?)"
    );
    p.push(staff.account_id.into());
    Ok(db.query_row(&sql, &p)?.map_or(0, |r| r.int(0)))
}

/// Marks one notice read for the staff member; `NotFound` when it is not theirs to read.
pub fn mark_read(db: &dyn Db, staff: &Staff, notice_id: i64, now: i64) -> Result<(), ActionError> {
    let n = db
        .query_row("SELECT audience, instansi_id, opd_id FROM staff_notices WHERE id = ?", params![notice_id])?
        .ok_or(ActionError::NotFound("notice"))?;
    if !staff.may_read_notice(&n.text(0), n.opt_int(1), n.opt_int(2)) {
        return Err(ActionError::NotFound("notice"));
    }
    db.execute(
        "INSERT INTO staff_notice_reads (notice_id, account_id, read_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        params![notice_id, staff.account_id, now],
    )?;
    Ok(())
}

/// Marks every notice of the staff member read; returns how many were unread.
pub fn mark_all_read(db: &dyn Db, staff: &Staff, now: i64) -> Result<i64, StoreError> {
    let (cond, p) = condition(&staff.notice_filters());
    let sql = format!(
        "INSERT INTO staff_notice_reads (notice_id, account_id, read_at) SELECT n.id, ?, ? FROM staff_notices n \
         WHERE {cond} ON CONFLICT DO NOTHING RETURNING notice_id"
    );
    let mut all: Vec<Value> = vec![staff.account_id.into(), now.into()];
    all.extend(p);
    Ok(db.execute(&sql, &all)?.rows.len() as i64)
}

/// The staff member's own phone for urgent notices (E.164), if set.
pub fn phone(db: &dyn Db, account_id: i64) -> Result<Option<String>, StoreError> {
    Ok(db.query_row("SELECT notice_phone FROM accounts WHERE id = ?", params![account_id])?.and_then(|r| r.opt_text(0)))
}

/// Sets (or with `None` clears) the staff member's own phone for urgent notices (normalised by the caller).
pub fn set_phone(db: &dyn Db, account_id: i64, phone: Option<&str>) -> Result<(), StoreError> {
    db.execute("UPDATE accounts SET notice_phone = ? WHERE id = ?", params![phone, account_id])?;
    Ok(())
}
