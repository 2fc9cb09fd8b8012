//! The OPD's answer to a report: the one use case that the API (`POST /api/v1/opd/reports/{id}/answer`), the
//! report page's form (`/staff/laporan/{id}/answer`) and the answer-with-a-file form (`/staff/jawab/{id}`) all
//! reach. The permission check, the length limit and the file check are made here, once.

use lapor_core::roles::{Action, Staff};
use lapor_core::{evidence, secret, FieldError, Status};
use lapor_store::action::ActionError;
use lapor_store::workflow::{self, AnswerFile, StaffActor};
use lapor_store::{Db, StoreError};

use crate::secrets;

/// What an answer did.
#[derive(Debug)]
pub struct Answered {
    /// The report's status after it.
    pub status: Status,
    /// The public id of the file stored with it, if any.
    pub attachment: Option<String>,
}

/// Why an answer was refused (nothing is stored).
#[derive(Debug)]
pub enum Refusal {
    /// No such report, or one the caller may not see (the two look the same).
    NotFound,
    /// The caller sees the report but may not answer it.
    Forbidden,
    /// The text or the file is not acceptable.
    Invalid(FieldError),
    /// The workflow refused (e.g. the report is not at a stage that takes an answer).
    Action(ActionError),
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        Refusal::Action(e.into())
    }
}

/// `staff` answers the report `tracking_id` with `text` and an optional `file` (its type sniffed from the bytes)
/// at `now`.
pub fn answer(
    db: &dyn Db,
    staff: &Staff,
    tracking_id: &str,
    text: Option<&str>,
    file: Option<&[u8]>,
    now: i64,
) -> Result<Answered, Refusal> {
    let Some((report_id, scope)) = workflow::scope(db, tracking_id)? else { return Err(Refusal::NotFound) };
    if staff.authorize(Action::View, &scope).is_none() {
        return Err(Refusal::NotFound);
    }
    let role = staff.authorize(Action::Answer, &scope).ok_or(Refusal::Forbidden)?;
    let text = lapor_core::workflow::answer_text(text).map_err(Refusal::Invalid)?;
    let mime = match file {
        Some(data) => Some(
            evidence::check(data)
                .map_err(|e| Refusal::Invalid(FieldError::new("attachment", e.code(), e.message())))?
                .mime(),
        ),
        None => None,
    };
    let public_id = secret::token_from_random(secrets::random());
    let sha = file.map(secret::sha256_hex).unwrap_or_default();
    let stored = match (file, mime) {
        (Some(data), Some(mime)) => Some(AnswerFile { public_id: &public_id, mime, data, sha256: &sha }),
        _ => None,
    };
    let actor = StaffActor { account_id: staff.account_id, role };
    let status = workflow::answer(db, report_id, &actor, &text, stored, now).map_err(Refusal::Action)?;
    Ok(Answered { status, attachment: file.map(|_| public_id) })
}
