//! Staff accounts, shared by the API (`/api/v1/admin/...`, verification) and the pages (`/staff/akun`,
//! `/staff/audit`, `/staff/penghubung`, staff-console): who may administer or see which account, switching an
//! account off and on, the audit of an admin's scope, and a new account's checked fields. Each function makes its
//! permission check itself (`lapor_core::roles::Staff`); the handlers only decode and encode. Storage:
//! `lapor_store::staff` and `lapor_store::credentials`.

use lapor_core::roles::{Role, Staff};
use lapor_core::{ErrorCode, FieldError};
use lapor_store::action::ActionError;
use lapor_store::credentials::{self as store, LinkPurpose};
use lapor_store::staff::{self as accounts, Account, StaffEvent};
use lapor_store::{Db, StoreError};

use crate::clock;
use crate::error::{ApiError, PageError};
use crate::passwords::IssuedLink;
use crate::sign_in::Throttled;

/// Why an account action was refused, for the API (JSON) and the pages alike.
#[derive(Debug)]
pub enum Refusal {
    /// A broken rule on a field (shown next to the form on a page).
    Field(FieldError),
    /// No such account, or none the caller may administer (the two look the same).
    NotFound,
    Store(StoreError),
    Action(ActionError),
    /// Refused by a limit: too many tries lately, or the app-wide argon2 ceiling is spent.
    Throttled(Throttled),
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        Refusal::Store(e)
    }
}

impl From<ActionError> for Refusal {
    fn from(e: ActionError) -> Self {
        Refusal::Action(e)
    }
}

impl From<Refusal> for ApiError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Field(f) => ApiError::invalid(&[f]),
            Refusal::NotFound => ApiError::new(ErrorCode::NotFound, "akun tidak ditemukan / account not found"),
            Refusal::Store(e) => e.into(),
            Refusal::Action(e) => e.into(),
            Refusal::Throttled(t) => t.json().into(),
        }
    }
}

impl From<Refusal> for PageError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Field(f) => PageError::Action(ActionError::Invalid("form", f.code, f.message)),
            Refusal::NotFound => PageError::NotFound,
            Refusal::Store(e) => PageError::Store(e),
            Refusal::Action(e) => PageError::Action(e),
            // Pages that can be throttled show the text in their own form (the password change page).
            Refusal::Throttled(t) => PageError::Action(ActionError::Conflict(format!("{} / {}", t.text.id, t.text.en))),
        }
    }
}

/// How a staff member is named as the actor of an account event.
pub fn actor(who: &Staff) -> String {
    format!("staff:{}", who.account_id)
}

/// Whether `who` may give account `id` a role or move one to it: their own account (which the store refuses,
/// separation of duties), or one they administer (`Staff::may_administer_account`: the same rule as switching it
/// off and on, so the admin who reactivates a role-less liaison also gives it a role again).
pub fn may_receive(db: &dyn Db, who: &Staff, id: i64) -> Result<bool, StoreError> {
    Ok(id == who.account_id || who.may_administer_account(id, &store::recent_roles(db, id)?))
}

/// An account `who` may deactivate, reactivate or reset (`Staff::may_administer_account`), or
/// [`Refusal::NotFound`] exactly as for a missing one.
pub fn administered(db: &dyn Db, who: &Staff, id: i64) -> Result<Account, Refusal> {
    let account = accounts::get_account(db, id)?.ok_or(Refusal::NotFound)?;
    if !who.may_administer_account(id, &store::recent_roles(db, id)?) {
        return Err(Refusal::NotFound);
    }
    Ok(account)
}

/// Deactivates (`on` false: it cannot sign in, its sessions and assignments end, its history stays) or
/// reactivates (active, without roles) an account `who` administers.
pub fn switch(db: &dyn Db, who: &Staff, id: i64, on: bool) -> Result<(), Refusal> {
    administered(db, who, id)?;
    if on {
        store::reactivate(db, &actor(who), id, clock::now())?;
    } else {
        store::deactivate(db, &actor(who), id, clock::now())?;
    }
    Ok(())
}

/// The newest staff events `who` may read: all (national admin), or those about the accounts whose look-up they
/// may read (`Staff::may_see_account`: their own, and the accounts of their instansi by active roles or, with
/// none, the last ones — an account that moved to another instansi leaves their audit with its whole trail);
/// `None` for anyone else.
pub fn events_for(db: &dyn Db, who: &Staff, limit: i64) -> Result<Option<Vec<StaffEvent>>, StoreError> {
    Ok(match visible_accounts(db, who)? {
        None => None,
        Some(ids) => Some(store::events(db, ids.as_deref(), limit)?),
    })
}

/// The accounts whose look-up `who` may read (`Staff::may_see_account`), for the account list and the audit:
/// `Some(None)` every account (national admin); `Some(Some(ids))` an instansi admin's own and those of their
/// instansi (candidates: the accounts that hold or held a role there, judged by their active or last roles);
/// `None` for anyone else.
pub fn visible_accounts(db: &dyn Db, who: &Staff) -> Result<Option<Option<Vec<i64>>>, StoreError> {
    if who.has_role(Role::NationalAdmin) {
        return Ok(Some(None));
    }
    let instansi = who.admin_of_instansi();
    if instansi.is_empty() {
        return Ok(None);
    }
    let mut ids = vec![who.account_id];
    for i in instansi {
        for (account, roles) in store::recent_roles_ever_in(db, i)? {
            if who.may_see_account(account, &roles) && !ids.contains(&account) {
                ids.push(account);
            }
        }
    }
    Ok(Some(Some(ids)))
}

/// The e-mail, name and phone of a new account, checked: the address normalised and free of look-alike
/// tricks (`lapor_core::email`), the phone in E.164. There is no password: its owner sets it through a
/// one-time link ([`IssuedLink`]).
pub struct AccountInput {
    pub email: String,
    pub name: String,
    pub phone: Option<String>,
}

impl AccountInput {
    /// Checks the fields: the first broken rule as a field error.
    pub fn parse(email: Option<&str>, name: Option<&str>, phone: Option<&str>) -> Result<AccountInput, FieldError> {
        let email = lapor_core::email::normalize(email.unwrap_or("")).map_err(|r| r.field_error("email"))?;
        let name = name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .ok_or_else(|| FieldError::new("name", "required", "nama wajib diisi / name required"))?;
        if name.chars().count() > 200 {
            return Err(FieldError::new("name", "too_long", "maksimal 200 karakter / at most 200 characters"));
        }
        let phone =
            match phone.map(str::trim).filter(|p| !p.is_empty()) {
                None => None,
                Some(p) => Some(lapor_core::phone::normalize(p).ok_or_else(|| {
                    FieldError::new("phone", "invalid", "nomor HP tidak valid / invalid mobile number")
                })?),
            };
        Ok(AccountInput { email, name: name.to_string(), phone })
    }

    /// As the store takes it: no password yet, and the owner's one-time link.
    pub fn as_new<'a>(&'a self, link: &'a IssuedLink, created_by: i64) -> accounts::NewAccount<'a> {
        accounts::NewAccount {
            email: &self.email,
            name: &self.name,
            password_hash: "",
            phone: self.phone.as_deref(),
            link: Some(link.delivery(LinkPurpose::NewAccount, Some(created_by))),
        }
    }

    /// A fresh link for this account (by SMS when it has a phone).
    pub fn link(&self, now: i64) -> IssuedLink {
        IssuedLink::new(self.phone.is_some(), now)
    }
}
