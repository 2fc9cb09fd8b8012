//! Accounts, role assignments (incl. moving a liaison's assignment to the person who took over) and
//! organisation data (instansi and their OPDs). Who may change what: `lapor_core::roles`.

use lapor_core::roles::{self, Role, Staff};
use lapor_core::{organisation as org_rules, FieldError};
use lapor_spin::error::{ApiError, ApiResult};
use lapor_spin::request::Req;
use lapor_spin::{clock, respond, staff};
use lapor_store::action::ActionError;
use lapor_store::staff::{self as accounts};
use lapor_store::{organisation, Db, StoreError};
use serde::Deserialize;
use serde_json::{json, Value};
use spin_sdk::http::Response;

use crate::auth::{account_json, assignment_json};
use crate::credentials::link_json;
use crate::path_id;
use lapor_spin::accounts::{self as account, actor, AccountInput};
use lapor_store::credentials::recent_roles;

fn invalid(field: &str, code: &'static str, message: &str) -> Response {
    respond::invalid(&[FieldError::new(field, code, message)])
}

/// The row just written, read back (`what` names the read in the log, `after` the write): 500 when the read
/// fails or finds nothing.
fn read_back<T>(what: &str, after: &str, found: Result<Option<T>, StoreError>) -> Result<T, ApiError> {
    match found {
        Ok(Some(row)) => Ok(row),
        Ok(None) => Err(lapor_spin::internal(what, &format!("missing after {after}")).into()),
        Err(e) => Err(lapor_spin::internal(what, &e).into()),
    }
}

#[derive(Deserialize)]
struct NewAssignment {
    account_id: Option<i64>,
    role: Option<String>,
    instansi_id: Option<i64>,
    opd_id: Option<i64>,
}

#[derive(Deserialize)]
struct NewAccount {
    email: Option<String>,
    name: Option<String>,
    /// Refused when given: admins never set passwords.
    password: Option<Value>,
    /// The owner's mobile number: the set-password link goes there by SMS instead of to the admin.
    phone: Option<String>,
    /// The account's first role (required: an account is created only together with a role).
    assignment: Option<NewAssignment>,
}

/// Checks an assignment request: the role parses, the scope fits the role, and `who` may give it.
fn check_assignment(db: &dyn Db, who: &Staff, a: &NewAssignment) -> Result<accounts::Grant, Response> {
    let role = a
        .role
        .as_deref()
        .and_then(Role::parse)
        .ok_or_else(|| invalid("role", "unknown_value", "peran tidak dikenal / unknown role"))?;
    roles::check_scope(role, a.instansi_id, a.opd_id).map_err(|m| invalid("scope", "wrong_scope", m))?;
    let target_instansi = match a.opd_id {
        Some(opd) => Some(
            accounts::opd_instansi(db, opd)
                .map_err(|e| lapor_spin::internal("opd instansi", &e))?
                .ok_or_else(|| invalid("opd_id", "unknown_opd", "OPD tidak ditemukan / no such OPD"))?,
        ),
        None => a.instansi_id,
    };
    if !who.may_manage_assignment(role, target_instansi) {
        return Err(staff::forbidden());
    }
    Ok(accounts::Grant { role, instansi_id: a.instansi_id, opd_id: a.opd_id })
}

/// 404 for an account that does not exist *or* that the caller may not manage (the two look the same).
fn account_not_found() -> Response {
    respond::error(lapor_core::ErrorCode::NotFound, "akun tidak ditemukan / account not found")
}

/// An account the caller may read (`Staff::may_see_account`: their own, or one of their scope by its active
/// roles or, with none, its last ones), or 404 exactly as for a missing one.
fn managed_account(db: &dyn Db, who: &Staff, id: i64) -> Result<accounts::Account, Response> {
    let account = accounts::get_account(db, id)
        .map_err(|e| lapor_spin::internal("read account", &e))?
        .ok_or_else(account_not_found)?;
    let roles = recent_roles(db, id).map_err(|e| lapor_spin::internal("account roles", &e))?;
    if who.may_see_account(id, &roles) {
        Ok(account)
    } else {
        Err(account_not_found())
    }
}

/// Checks the account a role goes to (given, or moved to it): one the caller administers (as for switching it
/// off or on: `lapor_spin::accounts::may_receive`), else 404 exactly as for a missing one. Their own account
/// passes here and is refused by the store with `separation_of_duties` (an admin never holds a role they grant).
fn receiver(db: &dyn Db, who: &Staff, id: i64) -> Result<(), Response> {
    match account::may_receive(db, who, id) {
        Ok(true) => Ok(()),
        Ok(false) => Err(account_not_found()),
        Err(e) => Err(lapor_spin::internal("account roles", &e)),
    }
}

/// A new account's fields as the API takes them ([`AccountInput::parse`]), refusing with 422; a `password` given
/// by the admin is refused (its owner sets it through a one-time link).
fn account_input(
    email: Option<&str>,
    name: Option<&str>,
    phone: Option<&str>,
    password: Option<&Value>,
) -> Result<AccountInput, Response> {
    if password.is_some() {
        return Err(invalid("password", "not_allowed", lapor_core::account::NO_ADMIN_PASSWORD));
    }
    AccountInput::parse(email, name, phone).map_err(|f| respond::invalid(&[f]))
}

/// An instansi or OPD code as given, or 422 when it is not 2-40 lower-case letters, digits, `-`, `_` or `.`.
fn checked_code(code: Option<String>) -> Result<String, ApiError> {
    let code = code.unwrap_or_default();
    if !org_rules::is_code(&code) {
        return Err(invalid(
            "code",
            "invalid_code",
            "2-40 huruf kecil, angka, - _ . / 2-40 lower-case letters, digits, - _ .",
        )
        .into());
    }
    Ok(code)
}

/// The refusal of an address already in use. The national admin learns it is taken; anyone else gets one
/// answer for every address in use, inside their scope or not, that says nothing about whose it is.
pub fn email_in_use(who: &Staff) -> Response {
    if who.has_role(Role::NationalAdmin) {
        invalid("email", "email_taken", "e-mail sudah dipakai / e-mail already in use")
    } else {
        invalid(
            "email",
            "email_unavailable",
            "alamat ini tidak dapat dipakai untuk akun baru; hubungi admin nasional / this address cannot be used for a new account; ask the national admin",
        )
    }
}

/// `POST /api/v1/admin/accounts` `{email, name, password, assignment}` → 201 (national or instansi admin):
/// the account and its first role, in one transaction, recording who created it.
pub fn create_account(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require(req, db)?;
    if !who.may_create_accounts() {
        return Err(staff::forbidden().into());
    }
    let input: NewAccount = staff::body(req)?;
    let Some(assignment) = &input.assignment else {
        return Err(invalid(
            "assignment",
            "required",
            "akun baru perlu peran dalam lingkup Anda / a new account needs a role within your scope",
        )
        .into());
    };
    let grant = check_assignment(db, &who, assignment)?;
    let new =
        account_input(input.email.as_deref(), input.name.as_deref(), input.phone.as_deref(), input.password.as_ref())?;
    if accounts::find_by_email(db, &new.email)?.is_some() {
        return Err(email_in_use(&who).into());
    }
    let now = clock::now();
    let link = new.link(now);
    let id = match accounts::create_account(
        db,
        &actor(&who),
        Some(who.account_id),
        &new.as_new(&link, who.account_id),
        grant,
        now,
    ) {
        Ok((id, _)) => id,
        Err(ActionError::Invalid(_, "email_taken", _)) => return Err(email_in_use(&who).into()),
        Err(e) => return Err(e.into()),
    };
    let account = accounts::get_account(db, id)?;
    let list = accounts::active_assignments(db, id)?;
    match account {
        Some(a) => {
            let mut body = account_json(&a, &list);
            body["set_password"] = link_json(&link);
            Ok(respond::json(201, &body))
        }
        None => Err(lapor_spin::internal("read account", &"missing after insert").into()),
    }
}

/// `GET /api/v1/admin/accounts`: every account (national admin), or those whose look-up the caller may read
/// (an instansi admin: their own and their instansi's, `lapor_spin::accounts::visible_accounts`).
pub fn list_accounts(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require(req, db)?;
    let list = match account::visible_accounts(db, &who)? {
        Some(None) => accounts::list_accounts(db, None)?,
        Some(Some(ids)) => {
            let mut all = Vec::new();
            for id in ids {
                all.extend(accounts::get_account(db, id)?);
            }
            all.sort_by_key(|a| a.id);
            all
        }
        None => return Err(staff::forbidden().into()),
    };
    let items: Vec<Value> =
        list.iter().map(|a| json!({ "id": a.id, "email": a.email, "name": a.name, "active": a.active })).collect();
    Ok(respond::json(200, &json!({ "accounts": items })))
}

/// `GET /api/v1/admin/accounts/{id}`: an account, its active assignments and its audit trail (the account
/// itself, a national admin, or an instansi admin while every active role of the account is theirs to
/// manage; otherwise 404, as for a missing account).
pub fn get_account(req: &Req, db: &dyn Db, id: &str) -> ApiResult {
    let who = staff::require(req, db)?;
    let id = path_id(id)?;
    let account = managed_account(db, &who, id)?;
    let list = accounts::active_assignments(db, id)?;
    let history = accounts::account_history(db, id)?;
    let mut body = account_json(&account, &list);
    body["history"] = history
        .iter()
        .map(|e| {
            json!({
                "at": lapor_core::time::rfc3339(e.at), "actor": e.actor, "kind": e.kind,
                "assignment_id": e.assignment_id,
                "detail": e.detail.as_deref().and_then(|d| serde_json::from_str::<Value>(d).ok()),
            })
        })
        .collect();
    Ok(respond::json(200, &body))
}

/// `POST /api/v1/admin/assignments` `{account_id, role, instansi_id?, opd_id?}` → 201.
pub fn assign(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require(req, db)?;
    let input: NewAssignment = staff::body(req)?;
    let grant = check_assignment(db, &who, &input)?;
    let Some(account_id) = input.account_id else {
        return Err(invalid("account_id", "required", "wajib diisi / required").into());
    };
    receiver(db, &who, account_id)?;
    let id = accounts::assign(db, &actor(&who), Some(who.account_id), account_id, grant, clock::now())?;
    let a = read_back("read assignment", "insert", accounts::get_assignment(db, id))?;
    Ok(respond::json(201, &assignment_json(&a)))
}

/// Loads an active assignment the caller may manage (404 when missing, 403 when not theirs to manage).
fn managed_assignment(db: &dyn Db, who: &Staff, id: &str) -> Result<accounts::AssignmentView, Response> {
    let id = path_id(id)?;
    let not_found =
        || respond::error(lapor_core::ErrorCode::NotFound, "penugasan tidak ditemukan / assignment not found");
    let a = accounts::get_assignment(db, id)
        .map_err(|e| lapor_spin::internal("read assignment", &e))?
        .filter(|a| a.active)
        .ok_or_else(not_found)?;
    if !who.may_manage_assignment(a.role, a.instansi_id) {
        return Err(staff::forbidden());
    }
    Ok(a)
}

/// `POST /api/v1/admin/assignments/{id}/end`: the holder loses the role at once.
pub fn end_assignment(req: &Req, db: &dyn Db, id: &str) -> ApiResult {
    let who = staff::require(req, db)?;
    let a = managed_assignment(db, &who, id)?;
    match accounts::end_assignment(db, &actor(&who), a.id, clock::now()) {
        Ok(()) => match accounts::get_assignment(db, a.id) {
            Ok(Some(a)) => Ok(respond::json(200, &assignment_json(&a))),
            _ => Ok(respond::json(200, &json!({ "id": a.id, "active": false }))),
        },
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct NewSuccessor {
    email: Option<String>,
    name: Option<String>,
    password: Option<Value>,
    phone: Option<String>,
}

#[derive(Deserialize)]
struct Move {
    /// An existing account the caller manages.
    account_id: Option<i64>,
    /// Or the successor's new account, created together with the move.
    account: Option<NewSuccessor>,
}

/// `POST /api/v1/admin/assignments/{id}/move` `{account_id}` or `{account: {email, name, password}}`: hands
/// the role over to another person (a transferred liaison's successor). The receiver is an account the
/// caller manages (never a more privileged one; any other answers 404 as a missing one), or a new account
/// created in the same transaction. The old holder loses the role and the new one has it at once.
pub fn move_assignment(req: &Req, db: &dyn Db, id: &str) -> ApiResult {
    let who = staff::require(req, db)?;
    let a = managed_assignment(db, &who, id)?;
    let input: Move = staff::body(req)?;
    let now = clock::now();
    let mut issued = None;
    let moved = match (input.account_id, &input.account) {
        (Some(to), None) => {
            receiver(db, &who, to)?;
            accounts::move_assignment(db, &actor(&who), Some(who.account_id), a.id, accounts::MoveTo::Account(to), now)
        }
        (None, Some(n)) => {
            let new = account_input(n.email.as_deref(), n.name.as_deref(), n.phone.as_deref(), n.password.as_ref())?;
            if accounts::find_by_email(db, &new.email)?.is_some() {
                return Err(email_in_use(&who).into());
            }
            let link = issued.insert(new.link(now));
            let account = new.as_new(link, who.account_id);
            let to = accounts::MoveTo::NewAccount { created_by: who.account_id, account: &account };
            accounts::move_assignment(db, &actor(&who), Some(who.account_id), a.id, to, now)
        }
        _ => return Err(invalid(
            "account_id",
            "required",
            "account_id atau account (akun baru) wajib, salah satu / account_id or account (a new one), exactly one",
        )
        .into()),
    };
    let new_id = match moved {
        Ok(new_id) => new_id,
        Err(ActionError::Invalid(_, "email_taken", _)) => return Err(email_in_use(&who).into()),
        Err(e) => return Err(e.into()),
    };
    let n = read_back("read assignment", "move", accounts::get_assignment(db, new_id))?;
    let mut body = json!({ "ended": a.id, "from_account_id": a.account_id, "assignment": assignment_json(&n) });
    if let Some(link) = &issued {
        body["set_password"] = link_json(link);
    }
    Ok(respond::json(200, &body))
}

fn instansi_json(i: &organisation::Instansi) -> Value {
    json!({ "id": i.id, "code": i.code, "name": i.name, "kind": i.kind, "region_code": i.region_code,
            "time_zone": i.time_zone, "active": i.active })
}

/// The JSON of an OPD.
pub fn opd_json(o: &organisation::Opd) -> Value {
    json!({ "id": o.id, "instansi_id": o.instansi_id, "code": o.code, "name": o.name,
            "is_inspektorat": o.is_inspektorat, "active": o.active })
}

/// `GET /api/v1/admin/instansi?q=&kind=&limit=`: search instansi (any staff member).
pub fn list_instansi(req: &Req, db: &dyn Db) -> ApiResult {
    staff::require(req, db)?;
    let q = req.query_param("q").unwrap_or_default();
    let kind = req.query_param("kind").filter(|k| !k.is_empty());
    let limit = req.query_param("limit").and_then(|l| l.parse().ok()).unwrap_or(50i64).clamp(1, 600);
    let list = organisation::list_instansi(db, &q, kind.as_deref(), limit)?;
    Ok(respond::json(200, &json!({ "instansi": list.iter().map(instansi_json).collect::<Vec<_>>() })))
}

#[derive(Deserialize)]
struct NewInstansi {
    code: Option<String>,
    name: Option<String>,
    kind: Option<String>,
    time_zone: Option<String>,
}

/// `POST /api/v1/admin/instansi` `{code, name, kind, time_zone?}`: adds a ministry, agency, BUMN, …
/// with its Inspektorat (national admin).
pub fn create_instansi(req: &Req, db: &dyn Db) -> ApiResult {
    let who = staff::require(req, db)?;
    if !who.may_edit_instansi() {
        return Err(staff::forbidden().into());
    }
    let input: NewInstansi = staff::body(req)?;
    let code = checked_code(input.code)?;
    let name = staff::required_text("name", input.name.as_deref(), 200)?;
    let kind = input.kind.unwrap_or_default();
    if !organisation::CREATABLE_KINDS.contains(&kind.as_str()) {
        return Err(invalid("kind", "unknown_value", "jenis tidak dikenal / unknown kind").into());
    }
    let tz = input.time_zone.unwrap_or_else(|| "WIB".into());
    if !["WIB", "WITA", "WIT"].contains(&tz.as_str()) {
        return Err(invalid("time_zone", "unknown_value", "WIB, WITA atau WIT").into());
    }
    let id = organisation::create_instansi(db, &code, &name, &kind, &tz)?;
    let i = read_back("read instansi", "insert", organisation::get_instansi(db, id))?;
    Ok(respond::json(201, &instansi_json(&i)))
}

#[derive(Deserialize)]
struct Patch {
    name: Option<String>,
    active: Option<bool>,
}

impl Patch {
    /// The new name, checked, when one is given.
    fn checked_name(&self) -> Result<Option<String>, Response> {
        self.name.as_deref().map(|n| staff::required_text("name", Some(n), 200)).transpose()
    }
}

/// `PATCH /api/v1/admin/instansi/{id}` `{name?, active?}` (national admin).
pub fn update_instansi(req: &Req, db: &dyn Db, id: &str) -> ApiResult {
    let who = staff::require(req, db)?;
    let id = path_id(id)?;
    if !who.may_edit_instansi() {
        return Err(staff::forbidden().into());
    }
    let input: Patch = staff::body(req)?;
    organisation::update_instansi(db, id, input.checked_name()?.as_deref(), input.active)?;
    let i = read_back("read instansi", "update", organisation::get_instansi(db, id))?;
    Ok(respond::json(200, &instansi_json(&i)))
}

/// `GET /api/v1/admin/instansi/{id}/opds`: the instansi's OPDs (any staff member).
pub fn list_opds(req: &Req, db: &dyn Db, id: &str) -> ApiResult {
    staff::require(req, db)?;
    let id = path_id(id)?;
    if organisation::get_instansi(db, id)?.is_none() {
        return Err(
            respond::error(lapor_core::ErrorCode::NotFound, "instansi tidak ditemukan / instansi not found").into()
        );
    }
    let list = organisation::list_opds(db, id)?;
    Ok(respond::json(200, &json!({ "opds": list.iter().map(opd_json).collect::<Vec<_>>() })))
}

#[derive(Deserialize)]
struct NewOpd {
    code: Option<String>,
    name: Option<String>,
}

/// `POST /api/v1/admin/instansi/{id}/opds` `{code, name}` (national admin, or that instansi's admin).
pub fn create_opd(req: &Req, db: &dyn Db, id: &str) -> ApiResult {
    let who = staff::require(req, db)?;
    let id = path_id(id)?;
    if !who.may_edit_opds_of(id) {
        return Err(staff::forbidden().into());
    }
    let input: NewOpd = staff::body(req)?;
    let code = checked_code(input.code)?;
    let name = staff::required_text("name", input.name.as_deref(), 200)?;
    let opd = organisation::create_opd(db, id, &code, &name)?;
    let o = read_back("read opd", "insert", organisation::get_opd(db, opd))?;
    Ok(respond::json(201, &opd_json(&o)))
}

/// `PATCH /api/v1/admin/opds/{id}` `{name?, active?}` (national admin, or the OPD's instansi admin).
pub fn update_opd(req: &Req, db: &dyn Db, id: &str) -> ApiResult {
    let who = staff::require(req, db)?;
    let id = path_id(id)?;
    let Some(opd) = organisation::get_opd(db, id)? else {
        return Err(respond::error(lapor_core::ErrorCode::NotFound, "OPD tidak ditemukan / OPD not found").into());
    };
    if !who.may_edit_opds_of(opd.instansi_id) {
        return Err(staff::forbidden().into());
    }
    let input: Patch = staff::body(req)?;
    organisation::update_opd(db, id, input.checked_name()?.as_deref(), input.active)?;
    let o = read_back("read opd", "update", organisation::get_opd(db, id))?;
    Ok(respond::json(200, &opd_json(&o)))
}
