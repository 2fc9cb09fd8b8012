//! One-time set-password links (issue 15): only the token's hash is stored; a new link voids the account's
//! earlier unused ones, and its SMS (when the account has a phone) is queued in the same transaction. A leaf
//! module, so both `staff` (new accounts) and `credentials` (resets) use it without importing each other.

use crate::db::{Db, StoreError};
use crate::outbox::{self, Medium, NewMessage};
use crate::params;

/// Why a link was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// The first password of a new account.
    NewAccount,
    /// A reset by an admin.
    Reset,
}

impl LinkPurpose {
    fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::NewAccount => "new_account",
            LinkPurpose::Reset => "reset",
        }
    }
}

/// A set-password link to store (and, with `sms_body`, to send to the account's phone).
#[derive(Debug, Clone)]
pub struct LinkDelivery<'a> {
    /// SHA-256 of the token (`lapor_core::secret::hash_token`); the token itself is never stored.
    pub token_hash: &'a str,
    pub purpose: LinkPurpose,
    pub created_by: Option<i64>,
    pub expires_at: i64,
    /// The SMS text carrying the link, queued to the account's phone in the same transaction.
    pub sms_body: Option<&'a str>,
}

/// Stores a link for `account_id`, voiding its earlier unused ones, and queues its SMS when one is given and
/// the account has a phone. Runs inside the caller's transaction.
pub fn insert_link(db: &dyn Db, account_id: i64, link: &LinkDelivery, now: i64) -> Result<(), StoreError> {
    db.execute(
        "UPDATE password_links SET used_at = ? WHERE account_id = ? AND used_at IS NULL",
        params![now, account_id],
    )?;
    db.execute(
        "INSERT INTO password_links (token_hash, account_id, purpose, created_by, created_at, expires_at) \
         VALUES (?, ?, ?, ?, ?, ?)",
        params![link.token_hash, account_id, link.purpose.as_str(), link.created_by, now, link.expires_at],
    )?;
    if let (Some(body), Some(phone)) = (link.sms_body, phone_of(db, account_id)?) {
        let key = format!("password-link:{}", link.token_hash);
        outbox::enqueue(
            db,
            &NewMessage {
                report_id: None,
                channel: Medium::Sms,
                recipient: &phone,
                body,
                dedupe_key: &key,
                subject: None,
                tracking_id: None,
                urgent: true,
            },
            now,
        )?;
    }
    Ok(())
}

/// The account's mobile number, if it has one.
pub fn phone_of(db: &dyn Db, account_id: i64) -> Result<Option<String>, StoreError> {
    Ok(db.query_row("SELECT phone FROM accounts WHERE id = ?", params![account_id])?.and_then(|r| r.opt_text(0)))
}
