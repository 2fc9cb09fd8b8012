//! Staff accounts, sessions and role assignments, with an append-only audit (`staff_events`) of every
//! change. Which role may change what is decided in `lapor_core::roles`; this module only stores.

use lapor_core::roles::{Assignment, Role, Staff};
use lapor_core::{secret, session};

use crate::action::ActionError;
use crate::db::{transaction, Db, Row, StoreError};
use crate::params;

/// A staff account (never with its password hash).
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub active: bool,
    pub created_at: i64,
}

/// A role assignment with the names of what it is attached to.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignmentView {
    pub id: i64,
    pub account_id: i64,
    pub role: Role,
    pub instansi_id: Option<i64>,
    pub instansi_name: Option<String>,
    pub opd_id: Option<i64>,
    pub opd_name: Option<String>,
    pub active: bool,
    pub created_at: i64,
    pub ended_at: Option<i64>,
}

/// An entry of the staff audit trail.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffEvent {
    pub at: i64,
    pub actor: String,
    pub kind: String,
    pub account_id: Option<i64>,
    pub assignment_id: Option<i64>,
    pub detail: Option<String>,
}

fn account(row: &Row) -> Account {
    Account { id: row.int(0), email: row.text(1), name: row.text(2), active: row.int(3) == 1, created_at: row.int(4) }
}

/// Appends to the staff audit trail.
pub fn audit(
    db: &dyn Db,
    actor: &str,
    kind: &str,
    account_id: Option<i64>,
    assignment_id: Option<i64>,
    detail: Option<&str>,
    now: i64,
) -> Result<(), StoreError> {
    db.execute(
        "INSERT INTO staff_events (at, actor, kind, account_id, assignment_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
        params![now, actor, kind, account_id, assignment_id, detail],
    )?;
    Ok(())
}

/// The audit trail of an account, oldest first.
pub fn account_history(db: &dyn Db, account_id: i64) -> Result<Vec<StaffEvent>, StoreError> {
    let rows = db.execute(
        "SELECT at, actor, kind, account_id, assignment_id, detail FROM staff_events WHERE account_id = ? ORDER BY id",
        params![account_id],
    )?;
    Ok(rows
        .rows
        .iter()
        .map(|r| StaffEvent {
            at: r.int(0),
            actor: r.text(1),
            kind: r.text(2),
            account_id: r.opt_int(3),
            assignment_id: r.opt_int(4),
            detail: r.opt_text(5),
        })
        .collect())
}

/// Creates an account. `email` is stored lower case; an e-mail already in use is refused.
pub fn create_account(
    db: &dyn Db,
    actor: &str,
    email: &str,
    name: &str,
    password_hash: &str,
    now: i64,
) -> Result<i64, ActionError> {
    let email = email.trim().to_lowercase();
    let result = db.execute(
        "INSERT INTO accounts (email, name, password_hash, created_at) VALUES (?, ?, ?, ?)",
        params![email.as_str(), name, password_hash, now],
    );
    match result {
        Ok(_) => {}
        Err(e) if e.is_unique_on("accounts.email") => {
            return Err(ActionError::Invalid(
                "email",
                "email_taken",
                "e-mail sudah dipakai / e-mail already in use".into(),
            ))
        }
        Err(e) => return Err(e.into()),
    }
    let id = db.last_insert_rowid()?;
    audit(db, actor, "account_created", Some(id), None, None, now)?;
    Ok(id)
}

/// An account by id.
pub fn get_account(db: &dyn Db, id: i64) -> Result<Option<Account>, StoreError> {
    Ok(db
        .query_row("SELECT id, email, name, active, created_at FROM accounts WHERE id = ?", params![id])?
        .map(|r| account(&r)))
}

/// An active account and its password hash, by e-mail (case-insensitive).
pub fn find_for_login(db: &dyn Db, email: &str) -> Result<Option<(Account, String)>, StoreError> {
    Ok(db
        .query_row(
            "SELECT id, email, name, active, created_at, password_hash FROM accounts WHERE email = ? AND active = 1",
            params![email.trim().to_lowercase()],
        )?
        .map(|r| (account(&r), r.text(5))))
}

/// Starts a session for `account_id`; only the token's hash is stored. Returns when it expires.
pub fn create_session(db: &dyn Db, account_id: i64, token: &str, now: i64) -> Result<i64, StoreError> {
    let expires_at = session::expires_at(now);
    db.execute(
        "INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
        params![secret::hash_token(token), account_id, now, expires_at],
    )?;
    audit(db, &format!("staff:{account_id}"), "login", Some(account_id), None, None, now)?;
    Ok(expires_at)
}

/// Ends a session (logout). Returns whether a live session was ended.
pub fn revoke_session(db: &dyn Db, token: &str, now: i64) -> Result<bool, StoreError> {
    let rows = db.execute(
        "UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ? RETURNING account_id",
        params![now, secret::hash_token(token), now],
    )?;
    if let Some(r) = rows.first() {
        audit(db, &format!("staff:{}", r.int(0)), "logout", Some(r.int(0)), None, None, now)?;
    }
    Ok(!rows.rows.is_empty())
}

/// The staff member behind a session token, with their active assignments as they are *now* (an
/// assignment moved away a moment ago no longer counts). `None` for an unknown, expired or revoked
/// session, or an inactive account.
pub fn authenticate(db: &dyn Db, token: &str, now: i64) -> Result<Option<Staff>, StoreError> {
    let Some(row) = db.query_row(
        "SELECT s.account_id, s.expires_at, s.revoked_at FROM sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.token_hash = ? AND a.active = 1",
        params![secret::hash_token(token)],
    )?
    else {
        return Ok(None);
    };
    if !session::is_live(row.int(1), row.opt_int(2), now) {
        return Ok(None);
    }
    let account_id = row.int(0);
    let assignments = active_assignments(db, account_id)?
        .into_iter()
        .map(|a| Assignment { id: a.id, role: a.role, instansi_id: a.instansi_id, opd_id: a.opd_id })
        .collect();
    Ok(Some(Staff { account_id, assignments }))
}

const ASSIGNMENT_SELECT: &str =
    "SELECT s.id, s.account_id, s.role, s.instansi_id, i.name, s.opd_id, o.name, s.active, \
     s.created_at, s.ended_at FROM assignments s LEFT JOIN instansi i ON i.id = s.instansi_id \
     LEFT JOIN opds o ON o.id = s.opd_id";

fn assignment_view(r: &Row) -> Option<AssignmentView> {
    Some(AssignmentView {
        id: r.int(0),
        account_id: r.int(1),
        role: Role::parse(&r.text(2))?,
        instansi_id: r.opt_int(3),
        instansi_name: r.opt_text(4),
        opd_id: r.opt_int(5),
        opd_name: r.opt_text(6),
        active: r.int(7) == 1,
        created_at: r.int(8),
        ended_at: r.opt_int(9),
    })
}

/// The active assignments of an account.
pub fn active_assignments(db: &dyn Db, account_id: i64) -> Result<Vec<AssignmentView>, StoreError> {
    let rows = db.execute(
        &format!("{ASSIGNMENT_SELECT} WHERE s.account_id = ? AND s.active = 1 ORDER BY s.id"),
        params![account_id],
    )?;
    Ok(rows.rows.iter().filter_map(assignment_view).collect())
}

/// One assignment by id (active or ended).
pub fn get_assignment(db: &dyn Db, id: i64) -> Result<Option<AssignmentView>, StoreError> {
    Ok(db.query_row(&format!("{ASSIGNMENT_SELECT} WHERE s.id = ?"), params![id])?.as_ref().and_then(assignment_view))
}

/// The instansi an OPD belongs to (active OPDs only).
pub fn opd_instansi(db: &dyn Db, opd_id: i64) -> Result<Option<i64>, StoreError> {
    Ok(db.query_row("SELECT instansi_id FROM opds WHERE id = ? AND active = 1", params![opd_id])?.map(|r| r.int(0)))
}

fn instansi_exists(db: &dyn Db, id: i64) -> Result<bool, StoreError> {
    Ok(db.query_row("SELECT 1 FROM instansi WHERE id = ? AND active = 1", params![id])?.is_some())
}

fn insert_assignment(
    db: &dyn Db,
    account_id: i64,
    role: Role,
    instansi_id: Option<i64>,
    opd_id: Option<i64>,
    now: i64,
) -> Result<i64, StoreError> {
    db.execute(
        "INSERT INTO assignments (account_id, role, instansi_id, opd_id, created_at) VALUES (?, ?, ?, ?, ?)",
        params![account_id, role.as_str(), instansi_id, opd_id, now],
    )?;
    db.last_insert_rowid()
}

fn scope_detail(role: Role, instansi_id: Option<i64>, opd_id: Option<i64>) -> String {
    serde_json::json!({ "role": role.as_str(), "instansi_id": instansi_id, "opd_id": opd_id }).to_string()
}

/// Gives `account_id` the role `role` at the given instansi or OPD (for an OPD, the instansi is the OPD's).
/// The caller has checked the scope fits the role (`roles::check_scope`) and that the actor may do it.
pub fn assign(
    db: &dyn Db,
    actor: &str,
    account_id: i64,
    role: Role,
    instansi_id: Option<i64>,
    opd_id: Option<i64>,
    now: i64,
) -> Result<i64, ActionError> {
    transaction(db, |db| {
        if get_account(db, account_id)?.is_none_or(|a| !a.active) {
            return Err(ActionError::NotFound("account"));
        }
        let instansi_id = match opd_id {
            Some(opd) => Some(opd_instansi(db, opd)?.ok_or(ActionError::NotFound("opd"))?),
            None => instansi_id,
        };
        if let Some(i) = instansi_id {
            if !instansi_exists(db, i)? {
                return Err(ActionError::NotFound("instansi"));
            }
        }
        let id = insert_assignment(db, account_id, role, instansi_id, opd_id, now)?;
        audit(db, actor, "assigned", Some(account_id), Some(id), Some(&scope_detail(role, instansi_id, opd_id)), now)?;
        Ok(id)
    })
}

/// Ends an active assignment: its holder loses the role at once.
pub fn end_assignment(db: &dyn Db, actor: &str, assignment_id: i64, now: i64) -> Result<(), ActionError> {
    transaction(db, |db| {
        let rows = db.execute(
            "UPDATE assignments SET active = 0, ended_at = ? WHERE id = ? AND active = 1 RETURNING account_id",
            params![now, assignment_id],
        )?;
        let account = rows.first().ok_or(ActionError::NotFound("assignment"))?.int(0);
        audit(db, actor, "unassigned", Some(account), Some(assignment_id), None, now)?;
        Ok(())
    })
}

/// Moves an active assignment to another person (a transferred liaison): the old holder loses it and the
/// new one gets the same role at the same OPD, in one transaction, and both accounts' histories say so.
/// Returns the new assignment's id.
pub fn move_assignment(
    db: &dyn Db,
    actor: &str,
    assignment_id: i64,
    to_account_id: i64,
    now: i64,
) -> Result<i64, ActionError> {
    transaction(db, |db| {
        let a = get_assignment(db, assignment_id)?.filter(|a| a.active).ok_or(ActionError::NotFound("assignment"))?;
        if a.account_id == to_account_id {
            return Err(ActionError::Conflict("penerima sama dengan pemegang / already held by that account".into()));
        }
        if get_account(db, to_account_id)?.is_none_or(|acc| !acc.active) {
            return Err(ActionError::NotFound("account"));
        }
        db.execute("UPDATE assignments SET active = 0, ended_at = ? WHERE id = ?", params![now, assignment_id])?;
        let new_id = insert_assignment(db, to_account_id, a.role, a.instansi_id, a.opd_id, now)?;
        let detail = serde_json::json!({
            "role": a.role.as_str(), "instansi_id": a.instansi_id, "opd_id": a.opd_id,
            "from_account_id": a.account_id, "to_account_id": to_account_id,
            "from_assignment_id": assignment_id, "to_assignment_id": new_id,
        })
        .to_string();
        audit(db, actor, "moved_away", Some(a.account_id), Some(assignment_id), Some(&detail), now)?;
        audit(db, actor, "moved_in", Some(to_account_id), Some(new_id), Some(&detail), now)?;
        Ok(new_id)
    })
}

/// Whether an active national admin exists.
pub fn national_admin_exists(db: &dyn Db) -> Result<bool, StoreError> {
    Ok(db
        .query_row(
            "SELECT 1 FROM assignments s JOIN accounts a ON a.id = s.account_id \
             WHERE s.role = 'national_admin' AND s.active = 1 AND a.active = 1 LIMIT 1",
            &[],
        )?
        .is_some())
}

/// Creates the first national admin when none exists (idempotent; re-checked under the write lock so two
/// first logins create one). An existing account with that e-mail is given the role instead.
/// Returns whether anything was created.
pub fn bootstrap_national_admin(db: &dyn Db, email: &str, password_hash: &str, now: i64) -> Result<bool, ActionError> {
    transaction(db, |db| {
        if national_admin_exists(db)? {
            return Ok(false);
        }
        let account_id = match find_for_login(db, email)? {
            Some((a, _)) => a.id,
            None => create_account(db, "system", email, "National admin", password_hash, now)?,
        };
        let id = insert_assignment(db, account_id, Role::NationalAdmin, None, None, now)?;
        audit(
            db,
            "system",
            "assigned",
            Some(account_id),
            Some(id),
            Some(&scope_detail(Role::NationalAdmin, None, None)),
            now,
        )?;
        Ok(true)
    })
}

/// Accounts holding an active assignment in the instansi (for the instansi admin's list), or every account
/// when `instansi_id` is `None`.
pub fn list_accounts(db: &dyn Db, instansi_id: Option<i64>) -> Result<Vec<Account>, StoreError> {
    let rows = match instansi_id {
        None => db.execute("SELECT id, email, name, active, created_at FROM accounts ORDER BY id", &[])?,
        Some(i) => db.execute(
            "SELECT DISTINCT a.id, a.email, a.name, a.active, a.created_at FROM accounts a \
             JOIN assignments s ON s.account_id = a.id WHERE s.instansi_id = ? AND s.active = 1 ORDER BY a.id",
            params![i],
        )?,
    };
    Ok(rows.rows.iter().map(account).collect())
}

/// Every instansi where the account holds or held a role (ended assignments included, so an instansi admin
/// can still read the history of a liaison who moved away).
pub fn instansi_of_account(db: &dyn Db, account_id: i64) -> Result<Vec<i64>, StoreError> {
    let rows = db.execute(
        "SELECT DISTINCT instansi_id FROM assignments WHERE account_id = ? AND instansi_id IS NOT NULL",
        params![account_id],
    )?;
    Ok(rows.rows.iter().map(|r| r.int(0)).collect())
}
