//! "No wrong door": an admin forwards a report directly to another instansi (central or regional), with a
//! reason, at any point before it is completed. The instansi admin forwards their instansi's reports; the
//! national admin any report, straight from the verification queue too (which verifies it on the way).
//!
//! [`decide`] is the whole rule: from the report's facts, the actor and the input it gives the plan the store
//! carries out in one transaction (status steps, the OPD cleared, the dispatch deadline restarted, the events
//! and the citizen's message), or a typed refusal.

use crate::messages;
use crate::roles::{Action, ReportScope, Role, Staff};
use crate::status::Status;

/// Longest reason, in characters.
pub const REASON_MAX: usize = 1000;

/// The instansi a report is forwarded to, as the store found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub id: i64,
    pub name: String,
    pub active: bool,
}

/// Why a forward is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The actor may not forward this report (the report's own instansi admin or the national admin only).
    NotAllowed,
    /// The report is completed or closed (rejected, duplicate, archived).
    Closed(Status),
    /// The report is already with that instansi.
    SameInstansi,
    /// No such instansi, or it is deactivated.
    UnknownTarget,
    /// No reason given.
    ReasonRequired,
    /// The reason is longer than [`REASON_MAX`].
    ReasonTooLong,
}

impl Refusal {
    /// Stable code for API errors.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::NotAllowed => "forbidden",
            Refusal::Closed(_) => "report_closed",
            Refusal::SameInstansi => "same_instansi",
            Refusal::UnknownTarget => "unknown_instansi",
            Refusal::ReasonRequired => "required",
            Refusal::ReasonTooLong => "too_long",
        }
    }

    /// The field the refusal is about, when it is about an input.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Refusal::SameInstansi | Refusal::UnknownTarget => Some("instansi_id"),
            Refusal::ReasonRequired | Refusal::ReasonTooLong => Some("reason"),
            Refusal::NotAllowed | Refusal::Closed(_) => None,
        }
    }

    /// Explanation for people (Bahasa Indonesia / English).
    pub fn message(&self) -> String {
        match self {
            Refusal::NotAllowed => "peran Anda tidak mengizinkan ini / your role does not allow this".into(),
            Refusal::Closed(s) => format!(
                "laporan yang sudah {} tidak dapat dialihkan / a report that is {} cannot be forwarded",
                s.labels().0.to_lowercase(),
                s.labels().1.to_lowercase()
            ),
            Refusal::SameInstansi => {
                "laporan sudah berada di instansi ini / the report is already with this instansi".into()
            }
            Refusal::UnknownTarget => "instansi tidak ditemukan / no such instansi".into(),
            Refusal::ReasonRequired => "alasan wajib diisi / a reason is required".into(),
            Refusal::ReasonTooLong => {
                format!("alasan maksimal {REASON_MAX} karakter / the reason has at most {REASON_MAX} characters")
            }
        }
    }
}

/// What forwarding does, for the store to carry out in one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The role the actor forwards in (recorded in the history).
    pub role: Role,
    /// The status changes, in order, each through the life cycle (`[Verified, Dispatched]` from the queue,
    /// `[Dispatched]` from verified, assigned or answered; none when it is already waiting at an instansi).
    pub steps: Vec<Status>,
    /// The instansi it goes to (its OPD is cleared; the dispatch deadline restarts in its time zone).
    pub to_instansi: i64,
    /// The instansi it comes from, if it had one (shown on the receiving board).
    pub from_instansi: Option<i64>,
    /// The public history entry: where it went (and where from).
    pub public_note: String,
    /// The internal history entry: the path and the reason.
    pub internal_note: String,
    /// What the citizen is told on their channel.
    pub citizen_message: String,
}

/// Decides whether `staff` may forward the report (`scope`, tracking ID `tracking_id`, now with the instansi
/// named `from_name`) to `target`, with `reason`, and what that does.
pub fn decide(
    staff: &Staff,
    scope: &ReportScope,
    tracking_id: &str,
    from_name: Option<&str>,
    target: Option<&Target>,
    reason: &str,
) -> Result<Plan, Refusal> {
    let role = staff.authorize(Action::Forward, scope).ok_or(Refusal::NotAllowed)?;
    let steps = match scope.status {
        // From the verification queue: verified on the way (the national admin only; an instansi admin
        // never holds such a report).
        Status::Received | Status::NeedsInfo if role == Role::NationalAdmin => {
            vec![Status::Verified, Status::Dispatched]
        }
        Status::Received | Status::NeedsInfo => return Err(Refusal::NotAllowed),
        Status::Verified | Status::Assigned | Status::InProgress => vec![Status::Dispatched],
        Status::Dispatched => Vec::new(),
        closed @ (Status::Completed | Status::Rejected | Status::Duplicate | Status::Archived) => {
            return Err(Refusal::Closed(closed))
        }
    };
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Refusal::ReasonRequired);
    }
    if reason.chars().count() > REASON_MAX {
        return Err(Refusal::ReasonTooLong);
    }
    let target = target.filter(|t| t.active).ok_or(Refusal::UnknownTarget)?;
    if scope.instansi_id == Some(target.id) {
        return Err(Refusal::SameInstansi);
    }
    let public_note = messages::forwarded_note(from_name, &target.name);
    Ok(Plan {
        role,
        steps,
        to_instansi: target.id,
        from_instansi: scope.instansi_id,
        internal_note: format!("{public_note}. Alasan: {reason}"),
        public_note,
        citizen_message: messages::forwarded(tracking_id, &target.name),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Visibility;
    use crate::roles::Assignment;

    fn staff(role: Role, instansi_id: Option<i64>) -> Staff {
        Staff { account_id: 7, assignments: vec![Assignment { id: 1, role, instansi_id, opd_id: None }] }
    }

    fn scope(status: Status, instansi_id: Option<i64>) -> ReportScope {
        ReportScope {
            status,
            visibility: Visibility::Public,
            instansi_id,
            opd_id: None,
            escalated: false,
            province_instansi_id: None,
        }
    }

    fn target(id: i64) -> Target {
        Target { id, name: "Kementerian Pekerjaan Umum".into(), active: true }
    }

    #[test]
    fn the_instansi_admin_forwards_at_any_point_before_completion() {
        let admin = staff(Role::InstansiAdmin, Some(10));
        for (status, steps) in [
            (Status::Dispatched, vec![]),
            (Status::Assigned, vec![Status::Dispatched]),
            (Status::InProgress, vec![Status::Dispatched]),
        ] {
            let p = decide(
                &admin,
                &scope(status, Some(10)),
                "1234567890",
                Some("Kab. A"),
                Some(&target(20)),
                "jalan nasional",
            )
            .unwrap_or_else(|e| panic!("{status}: {e:?}"));
            assert_eq!(p.steps, steps, "{status}");
            assert_eq!((p.role, p.to_instansi, p.from_instansi), (Role::InstansiAdmin, 20, Some(10)));
            assert!(p.internal_note.contains("Kab. A") && p.internal_note.contains("jalan nasional"));
            assert!(p.public_note.contains("Kementerian Pekerjaan Umum") && !p.public_note.contains("jalan nasional"));
            assert!(
                p.citizen_message.contains("#1234567890") && p.citizen_message.contains("Kementerian Pekerjaan Umum")
            );
        }
    }

    #[test]
    fn every_step_is_in_the_life_cycle() {
        let n = staff(Role::NationalAdmin, None);
        for status in [
            Status::Received,
            Status::NeedsInfo,
            Status::Verified,
            Status::Dispatched,
            Status::Assigned,
            Status::InProgress,
        ] {
            let p = decide(&n, &scope(status, Some(10)), "1", None, Some(&target(20)), "r").unwrap();
            let mut from = status;
            for to in p.steps {
                assert!(from.can_move_to(to), "{from} -> {to}");
                from = to;
            }
            assert_eq!(from, Status::Dispatched);
        }
    }

    #[test]
    fn the_national_admin_forwards_from_the_queue_and_any_report() {
        let n = staff(Role::NationalAdmin, None);
        let p = decide(&n, &scope(Status::Received, None), "1", None, Some(&target(20)), "kementerian").unwrap();
        assert_eq!(p.steps, vec![Status::Verified, Status::Dispatched]);
        assert_eq!(p.from_instansi, None);
        let p = decide(&n, &scope(Status::Assigned, Some(10)), "1", Some("Kab. A"), Some(&target(20)), "r").unwrap();
        assert_eq!(p.role, Role::NationalAdmin);
    }

    #[test]
    fn refusals() {
        let admin = staff(Role::InstansiAdmin, Some(10));
        let t = target(20);
        let d =
            |s: &Staff, status, inst, t: Option<&Target>, reason| decide(s, &scope(status, inst), "1", None, t, reason);
        assert_eq!(
            d(&staff(Role::InstansiAdmin, Some(11)), Status::Dispatched, Some(10), Some(&t), "r"),
            Err(Refusal::NotAllowed)
        );
        for role in [Role::Inspektorat, Role::Leader, Role::OpdLiaison, Role::Ombudsman] {
            assert_eq!(
                d(&staff(role, Some(10)), Status::Dispatched, Some(10), Some(&t), "r"),
                Err(Refusal::NotAllowed),
                "{role}"
            );
        }
        for closed in [Status::Completed, Status::Rejected, Status::Duplicate, Status::Archived] {
            assert_eq!(d(&admin, closed, Some(10), Some(&t), "r"), Err(Refusal::Closed(closed)));
        }
        assert_eq!(d(&admin, Status::Assigned, Some(10), Some(&target(10)), "r"), Err(Refusal::SameInstansi));
        assert_eq!(d(&admin, Status::Assigned, Some(10), None, "r"), Err(Refusal::UnknownTarget));
        let inactive = Target { active: false, ..target(20) };
        assert_eq!(d(&admin, Status::Assigned, Some(10), Some(&inactive), "r"), Err(Refusal::UnknownTarget));
        assert_eq!(d(&admin, Status::Assigned, Some(10), Some(&t), "  "), Err(Refusal::ReasonRequired));
        let long = "x".repeat(REASON_MAX + 1);
        assert_eq!(d(&admin, Status::Assigned, Some(10), Some(&t), &long), Err(Refusal::ReasonTooLong));
        assert!(Refusal::Closed(Status::Completed).message().contains("selesai"));
    }
}
