//! "No wrong door" (issue 14 §5), shared by the API (dispatch) and the console (staff-console): read the facts,
//! let `lapor_core::forward::decide` decide, let `lapor_store::workflow::forward` write it.

use lapor_core::forward::{self, Refusal, Target};
use lapor_core::roles::{ReportScope, Staff};
use lapor_store::action::ActionError;
use lapor_store::{organisation, workflow, Db, StoreError};

/// Why a forward did not happen.
#[derive(Debug)]
pub enum ForwardError {
    /// The rules refused it.
    Refused(Refusal),
    /// The store refused it (the report moved meanwhile) or failed.
    Action(ActionError),
}

impl From<StoreError> for ForwardError {
    fn from(e: StoreError) -> Self {
        ForwardError::Action(ActionError::Store(e))
    }
}

impl From<ForwardError> for ActionError {
    /// As a refused action (pages and APIs already answer those).
    fn from(e: ForwardError) -> Self {
        match e {
            ForwardError::Refused(r @ Refusal::NotAllowed) => ActionError::Conflict(r.message()),
            ForwardError::Refused(r @ Refusal::Closed(_)) => ActionError::Conflict(r.message()),
            ForwardError::Refused(r) => ActionError::Invalid(r.field().unwrap_or("instansi_id"), r.code(), r.message()),
            ForwardError::Action(a) => a,
        }
    }
}

/// The report to forward, as the caller looked it up.
pub struct Subject<'a> {
    pub report_id: i64,
    pub scope: &'a ReportScope,
    pub tracking_id: &'a str,
}

/// Forwards the report to `instansi_id` with `reason` for `who`; returns the name of the instansi it went to.
pub fn forward(
    db: &dyn Db,
    who: &Staff,
    report: &Subject,
    instansi_id: i64,
    reason: &str,
    now: i64,
) -> Result<String, ForwardError> {
    let Subject { report_id, scope, tracking_id } = *report;
    let target =
        organisation::get_instansi(db, instansi_id)?.map(|i| Target { id: i.id, name: i.name, active: i.active });
    let from = match scope.instansi_id {
        Some(i) => organisation::get_instansi(db, i)?.map(|i| i.name),
        None => None,
    };
    let plan = forward::decide(who, scope, tracking_id, from.as_deref(), target.as_ref(), reason)
        .map_err(ForwardError::Refused)?;
    workflow::forward(db, report_id, who.account_id, scope.status, &plan, now).map_err(ForwardError::Action)?;
    Ok(target.map(|t| t.name).unwrap_or_default())
}
