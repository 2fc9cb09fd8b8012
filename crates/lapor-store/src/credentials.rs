//! Account security (issue 15): one-time set-password links (only the token's hash stored), password
//! changes, deactivation and reactivation, and the staff audit in an admin's scope. Who may do what is
//! decided in `lapor_core::roles` / `lapor_core::account`; this module only stores, each change in one
//! transaction together with its audit line (and the SMS that carries a link, through the outbox).

use lapor_core::roles::{Assignment, Role};

use crate::action::{touched, ActionError};
use crate::db::{placeholders, transaction, Db, Row, StoreError, Value};
use crate::params;
use crate::staff::{audit, staff_event, StaffEvent, STAFF_EVENT_COLUMNS};

pub use crate::password_links::{insert_link, phone_of, LinkDelivery, LinkPurpose};

/// Sets the password of the account behind an unused, unexpired link and uses the link up; every session of
/// the account ends. `None` (nothing changed) for an unknown, used or expired link, or a deactivated account.
pub fn set_password_by_link(
    db: &dyn Db,
    token_hash: &str,
    password_hash: &str,
    now: i64,
) -> Result<Option<i64>, StoreError> {
    transaction(db, |db| {
        let rows = db.execute(
            "UPDATE password_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? \
             AND account_id IN (SELECT id FROM accounts WHERE active = 1) RETURNING account_id",
            params![now, token_hash, now],
        )?;
        let Some(account_id) = rows.first().map(|r| r.int(0)) else { return Ok(None) };
        db.execute("UPDATE accounts SET password_hash = ? WHERE id = ?", params![password_hash, account_id])?;
        end_sessions(db, account_id, None, now)?;
        audit(db, &format!("staff:{account_id}"), "password_set", Some(account_id), None, None, now)?;
        Ok(Some(account_id))
    })
}

/// Ends the live sessions of an account except the one whose token hash is `keep`.
fn end_sessions(db: &dyn Db, account_id: i64, keep: Option<&str>, now: i64) -> Result<(), StoreError> {
    db.execute(
        "UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL AND token_hash IS NOT ?",
        params![now, account_id, keep],
    )?;
    Ok(())
}

/// The stored password hash of an active account (`""` while its owner has not set one).
pub fn password_hash(db: &dyn Db, account_id: i64) -> Result<Option<String>, StoreError> {
    Ok(db
        .query_row("SELECT password_hash FROM accounts WHERE id = ? AND active = 1", params![account_id])?
        .map(|r| r.text(0)))
}

/// Changes the password of an account by its owner: the session `keep_token_hash` stays, every other
/// session of the account ends, unused set-password links are voided.
pub fn change_password(
    db: &dyn Db,
    account_id: i64,
    keep_token_hash: &str,
    password_hash: &str,
    now: i64,
) -> Result<(), StoreError> {
    transaction(db, |db| {
        db.execute("UPDATE accounts SET password_hash = ? WHERE id = ?", params![password_hash, account_id])?;
        db.execute(
            "UPDATE password_links SET used_at = ? WHERE account_id = ? AND used_at IS NULL",
            params![now, account_id],
        )?;
        end_sessions(db, account_id, Some(keep_token_hash), now)?;
        audit(db, &format!("staff:{account_id}"), "password_changed", Some(account_id), None, None, now)
    })
}

/// An admin's reset: the old password stops working at once, every session ends, and a new one-time link
/// is stored (and queued by SMS when given). `NotFound` for an account that is not active.
pub fn reset_password(
    db: &dyn Db,
    actor: &str,
    account_id: i64,
    link: &LinkDelivery,
    now: i64,
) -> Result<(), ActionError> {
    transaction(db, |db| {
        touched(
            db,
            "UPDATE accounts SET password_hash = '' WHERE id = ? AND active = 1 RETURNING id",
            params![account_id],
            "account",
        )?;
        end_sessions(db, account_id, None, now)?;
        insert_link(db, account_id, link, now)?;
        let detail = serde_json::json!({ "by_sms": link.sms_body.is_some() }).to_string();
        audit(db, actor, "password_reset", Some(account_id), None, Some(&detail), now)?;
        Ok(())
    })
}

/// Deactivates an account: it cannot sign in, its sessions end at once, its assignments end, its unused
/// links are voided; its history stays. `NotFound` when it is not active.
pub fn deactivate(db: &dyn Db, actor: &str, account_id: i64, now: i64) -> Result<(), ActionError> {
    transaction(db, |db| {
        touched(
            db,
            "UPDATE accounts SET active = 0, deactivated_at = ? WHERE id = ? AND active = 1 RETURNING id",
            params![now, account_id],
            "account",
        )?;
        let ended = db.execute(
            "UPDATE assignments SET active = 0, ended_at = ? WHERE account_id = ? AND active = 1 RETURNING id",
            params![now, account_id],
        )?;
        for r in &ended.rows {
            audit(db, actor, "unassigned", Some(account_id), Some(r.int(0)), None, now)?;
        }
        end_sessions(db, account_id, None, now)?;
        db.execute(
            "UPDATE password_links SET used_at = ? WHERE account_id = ? AND used_at IS NULL",
            params![now, account_id],
        )?;
        audit(db, actor, "deactivated", Some(account_id), None, None, now)?;
        Ok(())
    })
}

/// Reactivates an account (its old password works again; roles are given anew). `NotFound` when it is
/// not deactivated.
pub fn reactivate(db: &dyn Db, actor: &str, account_id: i64, now: i64) -> Result<(), ActionError> {
    transaction(db, |db| {
        touched(
            db,
            "UPDATE accounts SET active = 1, deactivated_at = NULL WHERE id = ? AND active = 0 RETURNING id",
            params![account_id],
            "account",
        )?;
        audit(db, actor, "reactivated", Some(account_id), None, None, now)?;
        Ok(())
    })
}

/// The scope roles of an assignment row `s` of account `s.account_id`: it is active, or the account has no
/// active one and it ended last (ties: every role that ended in that second).
const SCOPE_ROLE: &str = "(s.active = 1 OR (NOT EXISTS (SELECT 1 FROM assignments x WHERE x.account_id = s.account_id \
     AND x.active = 1) AND s.ended_at = (SELECT MAX(y.ended_at) FROM assignments y WHERE y.account_id = s.account_id)))";

fn scope_role(r: &Row) -> Option<(i64, Assignment)> {
    let a =
        Assignment { id: r.int(1), role: Role::parse(&r.text(2))?, instansi_id: r.opt_int(3), opd_id: r.opt_int(4) };
    Some((r.int(0), a))
}

/// The roles an account is judged by (`Staff::may_manage_account`): its active assignments, or, when it has
/// none, those that ended last (a liaison moved away or deactivated).
pub fn recent_roles(db: &dyn Db, account_id: i64) -> Result<Vec<Assignment>, StoreError> {
    let rows = db.execute(
        &format!(
            "SELECT s.account_id, s.id, s.role, s.instansi_id, s.opd_id FROM assignments s \
             WHERE s.account_id = ? AND {SCOPE_ROLE} ORDER BY s.id"
        ),
        params![account_id],
    )?;
    Ok(rows.rows.iter().filter_map(scope_role).map(|(_, a)| a).collect())
}

/// Every account that holds or held a role in the instansi, with its roles as [`recent_roles`] gives them (the
/// candidates of an instansi admin's scope, judged by `Staff::may_manage_account`), oldest account first.
pub fn recent_roles_ever_in(db: &dyn Db, instansi_id: i64) -> Result<Vec<(i64, Vec<Assignment>)>, StoreError> {
    let rows = db.execute(
        &format!(
            "SELECT s.account_id, s.id, s.role, s.instansi_id, s.opd_id FROM assignments s \
             WHERE s.account_id IN (SELECT account_id FROM assignments WHERE instansi_id = ?) AND {SCOPE_ROLE} \
             ORDER BY s.account_id, s.id"
        ),
        params![instansi_id],
    )?;
    let mut out: Vec<(i64, Vec<Assignment>)> = Vec::new();
    for (account, a) in rows.rows.iter().filter_map(scope_role) {
        match out.last_mut() {
            Some((last, list)) if *last == account => list.push(a),
            _ => out.push((account, vec![a])),
        }
    }
    Ok(out)
}

/// The newest staff events (at most `limit`): all of them (`accounts` `None`, the national admin), or those
/// about the given accounts (the ones in an admin's scope).
pub fn events(db: &dyn Db, accounts: Option<&[i64]>, limit: i64) -> Result<Vec<StaffEvent>, StoreError> {
    let rows = match accounts {
        None => db.execute(
            &format!("SELECT {STAFF_EVENT_COLUMNS} FROM staff_events ORDER BY id DESC LIMIT ?"),
            params![limit],
        )?,
        Some([]) => return Ok(Vec::new()),
        Some(ids) => {
            let mut values: Vec<Value> = ids.iter().map(|i| Value::Integer(*i)).collect();
            values.push(Value::Integer(limit));
            db.execute(
                &format!(
                    "SELECT {STAFF_EVENT_COLUMNS} FROM staff_events WHERE account_id IN ({}) ORDER BY id DESC LIMIT ?",
                    placeholders(ids.len())
                ),
                &values,
            )?
        }
    };
    Ok(rows.rows.iter().map(staff_event).collect())
}

/// The account an unused, unexpired link of an active account is for (a cheap check before hashing).
pub fn link_account(db: &dyn Db, token_hash: &str, now: i64) -> Result<Option<i64>, StoreError> {
    Ok(db
        .query_row(
            "SELECT l.account_id FROM password_links l JOIN accounts a ON a.id = l.account_id \
             WHERE l.token_hash = ? AND l.used_at IS NULL AND l.expires_at > ? AND a.active = 1",
            params![token_hash, now],
        )?
        .map(|r| r.int(0)))
}

/// Accounts that hold or held a role in the instansi (the admin's account page also lists the deactivated and
/// moved-away ones, to reactivate them), oldest first.
pub fn accounts_ever_in(db: &dyn Db, instansi_id: i64) -> Result<Vec<crate::staff::Account>, StoreError> {
    let rows = db.execute(
        "SELECT a.id, a.email, a.name, a.active, a.created_at, a.created_by FROM accounts a \
         WHERE a.id IN (SELECT account_id FROM assignments WHERE instansi_id = ?) ORDER BY a.id",
        params![instansi_id],
    )?;
    Ok(rows
        .rows
        .iter()
        .map(|r| crate::staff::Account {
            id: r.int(0),
            email: r.text(1),
            name: r.text(2),
            active: r.int(3) == 1,
            created_at: r.int(4),
            created_by: r.opt_int(5),
        })
        .collect())
}

/// An account's two-step state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwoStep {
    /// The base32 secret (pending while not enabled).
    pub secret: Option<String>,
    pub enabled: bool,
    pub last_step: Option<i64>,
}

/// The two-step state of an account.
pub fn two_step(db: &dyn Db, account_id: i64) -> Result<TwoStep, StoreError> {
    let r = db.query_row(
        "SELECT totp_secret, totp_enabled_at, totp_last_step FROM accounts WHERE id = ?",
        params![account_id],
    )?;
    Ok(r.map_or(TwoStep { secret: None, enabled: false, last_step: None }, |r| TwoStep {
        secret: r.opt_text(0),
        enabled: r.opt_int(1).is_some(),
        last_step: r.opt_int(2),
    }))
}

/// Starts an enrolment: stores a new pending secret (only while two-step is not enabled). Returns whether it did.
pub fn begin_two_step(db: &dyn Db, account_id: i64, secret_b32: &str) -> Result<bool, StoreError> {
    let rows = db.execute(
        "UPDATE accounts SET totp_secret = ? WHERE id = ? AND totp_enabled_at IS NULL RETURNING id",
        params![secret_b32, account_id],
    )?;
    Ok(!rows.rows.is_empty())
}

/// Enables two-step sign-in after the first code (`step`) matched the pending secret, with the hashes of the
/// recovery codes, in one transaction. Returns whether it was enabled now.
pub fn enable_two_step(
    db: &dyn Db,
    account_id: i64,
    step: i64,
    recovery_hashes: &[String],
    now: i64,
) -> Result<bool, StoreError> {
    transaction(db, |db| {
        let rows = db.execute(
            "UPDATE accounts SET totp_enabled_at = ?, totp_last_step = ? \
             WHERE id = ? AND totp_enabled_at IS NULL AND totp_secret IS NOT NULL RETURNING id",
            params![now, step, account_id],
        )?;
        if rows.rows.is_empty() {
            return Ok(false);
        }
        db.execute("DELETE FROM recovery_codes WHERE account_id = ?", params![account_id])?;
        for h in recovery_hashes {
            db.execute(
                "INSERT INTO recovery_codes (code_hash, account_id, created_at) VALUES (?, ?, ?)",
                params![h.as_str(), account_id, now],
            )?;
        }
        audit(db, &format!("staff:{account_id}"), "two_step_enabled", Some(account_id), None, None, now)?;
        Ok(true)
    })
}

/// Records that a code of `step` was used (only if later than the last one). Returns whether it was.
pub fn use_two_step_code(db: &dyn Db, account_id: i64, step: i64) -> Result<bool, StoreError> {
    let rows = db.execute(
        "UPDATE accounts SET totp_last_step = ?1 WHERE id = ?2 AND (totp_last_step IS NULL OR totp_last_step < ?1) \
         RETURNING id",
        params![step, account_id],
    )?;
    Ok(!rows.rows.is_empty())
}

/// Uses up an unused recovery code of the account (by hash). Returns whether it was one.
pub fn use_recovery_code(db: &dyn Db, account_id: i64, code_hash: &str, now: i64) -> Result<bool, StoreError> {
    let rows = db.execute(
        "UPDATE recovery_codes SET used_at = ? WHERE code_hash = ? AND account_id = ? AND used_at IS NULL RETURNING 1",
        params![now, code_hash, account_id],
    )?;
    if !rows.rows.is_empty() {
        audit(db, &format!("staff:{account_id}"), "recovery_code_used", Some(account_id), None, None, now)?;
    }
    Ok(!rows.rows.is_empty())
}
