//! Groups of near-identical waiting reports (a flood; issue 28, finding 2) for the national admin, and the
//! rejection of a whole group in one action: the use case the verification API and the staff console both call.
//! The permission check is made here.

use lapor_core::roles::{Role, Staff};
use lapor_core::verification::{self, RejectReason};
use lapor_store::action::ActionError;
use lapor_store::reports::StaffActor;
use lapor_store::{workflow, Db, StoreError};

/// How many of the newest waiting reports are looked at for groups.
pub const SCAN: i64 = 5000;

/// One group, as the verifier sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupView {
    /// The group's key (`lapor_core::verification::fingerprint`), for rejecting it.
    pub fingerprint: String,
    pub count: usize,
    /// The title of its oldest report.
    pub title: String,
    /// When its oldest and newest reports came (Unix seconds).
    pub first_at: i64,
    pub last_at: i64,
    /// Its reports' tracking IDs, oldest first.
    pub tracking_ids: Vec<String>,
}

/// Why a group action was refused.
#[derive(Debug)]
pub enum Refusal {
    /// Only the national admin verifies.
    Forbidden,
    /// No group (of at least `GROUP_MIN` waiting reports) has that key, or a report cannot be rejected.
    Action(ActionError),
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        Refusal::Action(e.into())
    }
}

impl From<ActionError> for Refusal {
    fn from(e: ActionError) -> Self {
        Refusal::Action(e)
    }
}

fn admin(staff: &Staff) -> Result<StaffActor, Refusal> {
    if !staff.has_role(Role::NationalAdmin) {
        return Err(Refusal::Forbidden);
    }
    Ok(StaffActor { account_id: staff.account_id, role: Role::NationalAdmin })
}

/// The groups among the newest [`SCAN`] waiting reports, largest first.
pub fn list(db: &dyn Db, staff: &Staff) -> Result<Vec<GroupView>, Refusal> {
    admin(staff)?;
    Ok(scan(db)?.into_iter().map(|(view, _)| view).collect())
}

/// The groups and the ids of their reports.
fn scan(db: &dyn Db) -> Result<Vec<(GroupView, Vec<i64>)>, StoreError> {
    let waiting = workflow::waiting_texts(db, SCAN)?;
    let prints: Vec<(i64, String)> =
        waiting.iter().map(|w| (w.id, verification::fingerprint(&w.title, &w.body))).collect();
    let by_id: std::collections::HashMap<i64, &workflow::WaitingText> = waiting.iter().map(|w| (w.id, w)).collect();
    Ok(verification::groups(&prints)
        .into_iter()
        .map(|g| {
            // In the order given: oldest first.
            let members: Vec<_> = g.report_ids.iter().map(|id| by_id[id]).collect();
            let view = GroupView {
                count: members.len(),
                title: members[0].title.clone(),
                first_at: members[0].created_at,
                last_at: members[members.len() - 1].created_at,
                tracking_ids: members.iter().map(|w| w.tracking_id.clone()).collect(),
                fingerprint: g.fingerprint,
            };
            (view, g.report_ids)
        })
        .collect())
}

/// Rejects every waiting report of the group `fingerprint` for `reason` (each reporter is told, as for one
/// rejection), in one transaction; returns their tracking IDs.
pub fn reject(
    db: &dyn Db,
    staff: &Staff,
    fingerprint: &str,
    reason: RejectReason,
    note: Option<&str>,
    now: i64,
) -> Result<Vec<String>, Refusal> {
    let actor = admin(staff)?;
    let (group, ids) = scan(db)?
        .into_iter()
        .find(|(g, _)| g.fingerprint == fingerprint)
        .ok_or(Refusal::Action(ActionError::NotFound("group")))?;
    workflow::reject_all(db, &ids, &actor, reason, note, now)?;
    Ok(group.tracking_ids)
}
