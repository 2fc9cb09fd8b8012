//! Staff accounts, sessions and role assignments, with an append-only audit (`staff_events`) of every
//! change. Which role may change what is decided in `lapor_core::roles`; this module only stores.

use lapor_core::roles::{self, Assignment, Role, Staff};
use lapor_core::{secret, session};

use crate::action::{touched, ActionError};
use crate::db::{select, transaction, Db, Row, StoreError};
use crate::params;

/// A staff account (never with its password hash).
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub active: bool,
    pub created_at: i64,
    /// The account of the staff member who created it (`None`: the bootstrap, or from before this was recorded).
    pub created_by: Option<i64>,
}

/// A new account as its creator gives it: the e-mail already normalised (`lapor_core::email::normalize`).
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    /// The argon2 hash, or `""` for an account whose owner has not set a password yet (it cannot sign in).
    pub password_hash: &'a str,
    /// The account's mobile number (E.164), where set-password links go by SMS.
    pub phone: Option<&'a str>,
    /// The one-time link its owner sets the password with, stored with the account.
    pub link: Option<crate::password_links::LinkDelivery<'a>>,
}

/// A role to give: for an OPD role `opd_id` (the instansi is then the OPD's), else `instansi_id` or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    pub role: Role,
    pub instansi_id: Option<i64>,
    pub opd_id: Option<i64>,
}

/// Who receives a moved assignment.
pub enum MoveTo<'a> {
    /// An existing active account.
    Account(i64),
    /// A new account, created in the same transaction (the successor who has none yet), by `created_by`.
    NewAccount { created_by: i64, account: &'a NewAccount<'a> },
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

const ACCOUNT_SELECT: &str = "SELECT id, email, name, active, created_at, created_by FROM accounts";

fn account(row: &Row) -> Account {
    Account {
        id: row.int(0),
        email: row.text(1),
        name: row.text(2),
        active: row.int(3) == 1,
        created_at: row.int(4),
        created_by: row.opt_int(5),
    }
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
    select(
        db,
        &format!("SELECT {STAFF_EVENT_COLUMNS} FROM staff_events WHERE account_id = ? ORDER BY id"),
        params![account_id],
        staff_event,
    )
}

/// The columns every audit query selects, in this order.
pub const STAFF_EVENT_COLUMNS: &str = "at, actor, kind, account_id, assignment_id, detail";

/// An audit line from a row of [`STAFF_EVENT_COLUMNS`].
pub fn staff_event(r: &Row) -> StaffEvent {
    StaffEvent {
        at: r.int(0),
        actor: r.text(1),
        kind: r.text(2),
        account_id: r.opt_int(3),
        assignment_id: r.opt_int(4),
        detail: r.opt_text(5),
    }
}

fn insert_account(
    db: &dyn Db,
    actor: &str,
    created_by: Option<i64>,
    a: &NewAccount,
    now: i64,
) -> Result<i64, ActionError> {
    let result = db.execute(
        "INSERT INTO accounts (email, name, password_hash, created_at, created_by, phone) VALUES (?, ?, ?, ?, ?, ?)",
        params![a.email, a.name, a.password_hash, now, created_by, a.phone],
    );
    match result {
        Ok(_) => {}
        Err(e) if e.is_unique_on("accounts.email") => {
            return Err(ActionError::Invalid("email", "email_taken", lapor_core::messages::EMAIL_TAKEN.into()))
        }
        Err(e) => return Err(e.into()),
    }
    let id = db.last_insert_rowid()?;
    let detail = serde_json::json!({ "created_by": created_by }).to_string();
    audit(db, actor, "account_created", Some(id), None, Some(&detail), now)?;
    if let Some(link) = &a.link {
        crate::password_links::insert_link(db, id, link, now)?;
    }
    Ok(id)
}

/// Creates an account together with its first role, in one transaction (never an account without a role,
/// never one half made), recording who created it. Returns the account's and the assignment's ids. An
/// e-mail already in use is refused (`email_taken`).
pub fn create_account(
    db: &dyn Db,
    actor: &str,
    created_by: Option<i64>,
    account: &NewAccount,
    grant: Grant,
    now: i64,
) -> Result<(i64, i64), ActionError> {
    transaction(db, |db| {
        let id = insert_account(db, actor, created_by, account, now)?;
        // A new account holds nothing yet and is not its creator: no duty can conflict.
        let assignment = insert_grant(db, actor, None, id, grant, now)?;
        Ok((id, assignment))
    })
}

/// An account by id.
pub fn get_account(db: &dyn Db, id: i64) -> Result<Option<Account>, StoreError> {
    Ok(db.query_row(&format!("{ACCOUNT_SELECT} WHERE id = ?"), params![id])?.map(|r| account(&r)))
}

/// An account (active or not) by e-mail, looked up by its normalised spelling.
pub fn find_by_email(db: &dyn Db, email: &str) -> Result<Option<Account>, StoreError> {
    Ok(db
        .query_row(&format!("{ACCOUNT_SELECT} WHERE email = ?"), params![lapor_core::email::lookup_key(email)])?
        .map(|r| account(&r)))
}

/// An active account and its password hash, by e-mail (looked up by its normalised spelling).
pub fn find_for_login(db: &dyn Db, email: &str) -> Result<Option<(Account, String)>, StoreError> {
    Ok(db
        .query_row(
            "SELECT id, email, name, active, created_at, created_by, password_hash FROM accounts \
             WHERE email = ? AND active = 1",
            params![lapor_core::email::lookup_key(email)],
        )?
        .map(|r| (account(&r), r.text(6))))
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
    Ok(signed_in(db, token, now)?.map(|s| s.staff))
}

/// A live session's staff member, and whether their account has two-step sign-in on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub staff: Staff,
    pub two_step_on: bool,
}

/// The staff member of a live session of an active account (as [`authenticate`]), with their two-step state
/// read by the same statement.
pub fn signed_in(db: &dyn Db, token: &str, now: i64) -> Result<Option<SignedIn>, StoreError> {
    let Some(row) = db.query_row(
        "SELECT s.account_id, s.expires_at, s.revoked_at, a.totp_enabled_at IS NOT NULL FROM sessions s \
         JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ? AND a.active = 1",
        params![secret::hash_token(token)],
    )?
    else {
        return Ok(None);
    };
    if !session::is_live(row.int(1), row.opt_int(2), now) {
        return Ok(None);
    }
    let account_id = row.int(0);
    let staff = Staff { account_id, assignments: active_roles(db, account_id)? };
    Ok(Some(SignedIn { staff, two_step_on: row.int(3) == 1 }))
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

/// The active assignments of an account as the role rules see them (`lapor_core::roles`).
pub fn active_roles(db: &dyn Db, account_id: i64) -> Result<Vec<Assignment>, StoreError> {
    Ok(active_assignments(db, account_id)?.iter().map(AssignmentView::rule).collect())
}

impl AssignmentView {
    /// The assignment as the role rules see it (`lapor_core::roles`).
    pub fn rule(&self) -> Assignment {
        Assignment { id: self.id, role: self.role, instansi_id: self.instansi_id, opd_id: self.opd_id }
    }
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

/// Refuses a role that account `holder` may not hold together with its active roles, or that `grantor` would
/// give themselves (`lapor_core::roles::check_duties`, separation of duties), read inside the transaction that
/// gives it.
fn check_duties(
    db: &dyn Db,
    grantor: Option<i64>,
    holder: i64,
    role: Role,
    instansi_id: Option<i64>,
) -> Result<(), ActionError> {
    roles::check_duties(grantor, holder, &active_roles(db, holder)?, role, instansi_id)
        .map_err(|c| ActionError::Invalid("account_id", "separation_of_duties", c.message().into()))
}

/// Inserts an assignment after checking its OPD or instansi exists and the account may hold it (separation of
/// duties, given by `grantor`), and audits it (inside a transaction).
fn insert_grant(
    db: &dyn Db,
    actor: &str,
    grantor: Option<i64>,
    account_id: i64,
    g: Grant,
    now: i64,
) -> Result<i64, ActionError> {
    let instansi_id = match g.opd_id {
        Some(opd) => Some(opd_instansi(db, opd)?.ok_or(ActionError::NotFound("opd"))?),
        None => g.instansi_id,
    };
    if let Some(i) = instansi_id {
        if !instansi_exists(db, i)? {
            return Err(ActionError::NotFound("instansi"));
        }
    }
    check_duties(db, grantor, account_id, g.role, instansi_id)?;
    let id = insert_assignment(db, account_id, g.role, instansi_id, g.opd_id, now)?;
    audit(db, actor, "assigned", Some(account_id), Some(id), Some(&scope_detail(g.role, instansi_id, g.opd_id)), now)?;
    Ok(id)
}

/// Gives `account_id` a role at the given instansi or OPD (for an OPD, the instansi is the OPD's), by the
/// account `grantor`. The caller has checked the scope fits the role (`roles::check_scope`) and that the actor
/// may do it; the account may not hold it with its other roles, nor the grantor give it to themselves
/// (`invalid` `separation_of_duties`).
pub fn assign(
    db: &dyn Db,
    actor: &str,
    grantor: Option<i64>,
    account_id: i64,
    grant: Grant,
    now: i64,
) -> Result<i64, ActionError> {
    transaction(db, |db| {
        if get_account(db, account_id)?.is_none_or(|a| !a.active) {
            return Err(ActionError::NotFound("account"));
        }
        insert_grant(db, actor, grantor, account_id, grant, now)
    })
}

/// Ends an active assignment: its holder loses the role at once.
pub fn end_assignment(db: &dyn Db, actor: &str, assignment_id: i64, now: i64) -> Result<(), ActionError> {
    transaction(db, |db| {
        let account = touched(
            db,
            "UPDATE assignments SET active = 0, ended_at = ? WHERE id = ? AND active = 1 RETURNING account_id",
            params![now, assignment_id],
            "assignment",
        )?
        .int(0);
        audit(db, actor, "unassigned", Some(account), Some(assignment_id), None, now)?;
        Ok(())
    })
}

/// Moves an active assignment to another person (a transferred liaison): the old holder loses it and the
/// new one gets the same role at the same OPD, in one transaction, and both accounts' histories say so.
/// The receiver is an existing account (the caller has checked it is one the actor may manage) or a new
/// one created here for the successor; the account `grantor` who moves it may not be the receiver, nor may the
/// receiver hold the role with its other roles (`invalid` `separation_of_duties`). Returns the new assignment's id.
pub fn move_assignment(
    db: &dyn Db,
    actor: &str,
    grantor: Option<i64>,
    assignment_id: i64,
    to: MoveTo,
    now: i64,
) -> Result<i64, ActionError> {
    transaction(db, |db| {
        let a = get_assignment(db, assignment_id)?.filter(|a| a.active).ok_or(ActionError::NotFound("assignment"))?;
        let to_account_id = match to {
            MoveTo::Account(id) => id,
            MoveTo::NewAccount { created_by, account } => insert_account(db, actor, Some(created_by), account, now)?,
        };
        if a.account_id == to_account_id {
            return Err(ActionError::Conflict("penerima sama dengan pemegang / already held by that account".into()));
        }
        if get_account(db, to_account_id)?.is_none_or(|acc| !acc.active) {
            return Err(ActionError::NotFound("account"));
        }
        check_duties(db, grantor, to_account_id, a.role, a.instansi_id)?;
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

/// Whether the first national admin has been bootstrapped (it happens once in the life of the app).
pub fn bootstrap_done(db: &dyn Db) -> Result<bool, StoreError> {
    Ok(db.query_row("SELECT 1 FROM app_once WHERE name = 'bootstrap_admin'", &[])?.is_some())
}

/// Creates the first national admin, once in the life of the app: never again after it happened, even when
/// no national admin is left (a lost admin is restored by an operator, not by whoever signs in next).
/// Re-checked under the write lock so two first sign-ins create one. Returns whether it was created now.
pub fn bootstrap_national_admin(db: &dyn Db, email: &str, password_hash: &str, now: i64) -> Result<bool, ActionError> {
    transaction(db, |db| {
        if bootstrap_done(db)? {
            return Ok(false);
        }
        db.execute("INSERT INTO app_once (name, at) VALUES ('bootstrap_admin', ?)", params![now])?;
        let ever = db.query_row("SELECT 1 FROM assignments WHERE role = 'national_admin' LIMIT 1", &[])?;
        if ever.is_some() {
            return Ok(false);
        }
        let account = NewAccount { email, name: "National admin", password_hash, phone: None, link: None };
        let account_id = insert_account(db, "system", None, &account, now)?;
        insert_grant(
            db,
            "system",
            None,
            account_id,
            Grant { role: Role::NationalAdmin, instansi_id: None, opd_id: None },
            now,
        )?;
        Ok(true)
    })
}

/// Accounts holding an active assignment in the instansi (for the instansi admin's list), or every account
/// when `instansi_id` is `None`.
pub fn list_accounts(db: &dyn Db, instansi_id: Option<i64>) -> Result<Vec<Account>, StoreError> {
    let rows = match instansi_id {
        None => db.execute(&format!("{ACCOUNT_SELECT} ORDER BY id"), &[])?,
        Some(i) => db.execute(
            "SELECT DISTINCT a.id, a.email, a.name, a.active, a.created_at, a.created_by FROM accounts a \
             JOIN assignments s ON s.account_id = a.id WHERE s.instansi_id = ? AND s.active = 1 ORDER BY a.id",
            params![i],
        )?,
    };
    Ok(rows.rows.iter().map(account).collect())
}
