//! Staff roles and what each may see and do. Accounts belong to people; a role is an *assignment* of an
//! account to the whole system, an instansi or an OPD, so moving a liaison is moving one assignment.
//! Every permission decision of the staff APIs is made here.

use crate::model::{wire_enum, Visibility};
use crate::status::Status;

wire_enum!(
    /// A staff role.
    Role {
        /// Verifies reports and routes the ones no region maps to (KemenPAN-RB's admin).
        NationalAdmin = "national_admin",
        /// Forwards an instansi's reports to its OPDs and manages that instansi's liaison accounts.
        InstansiAdmin = "instansi_admin",
        /// The liaison officer (penghubung) of one OPD, who must answer.
        OpdLiaison = "opd_liaison",
        /// The regional inspectorate: sees its instansi's reports and their breaches.
        Inspektorat = "inspektorat",
        /// The Ombudsman: mediates reports escalated after the follow-up period.
        Ombudsman = "ombudsman",
        /// Governor, regent or mayor: watches the instansi's reports.
        Leader = "leader",
    }
);

/// What an assignment of a role is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// The whole system.
    National,
    /// One instansi.
    Instansi,
    /// One OPD (and so its instansi).
    Opd,
}

impl Role {
    /// What this role's assignments are attached to.
    pub fn scope_kind(self) -> ScopeKind {
        match self {
            Role::NationalAdmin | Role::Ombudsman => ScopeKind::National,
            Role::InstansiAdmin | Role::Inspektorat | Role::Leader => ScopeKind::Instansi,
            Role::OpdLiaison => ScopeKind::Opd,
        }
    }
}

/// One active role assignment of a staff account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub id: i64,
    pub role: Role,
    /// The instansi (for an OPD assignment: the OPD's instansi).
    pub instansi_id: Option<i64>,
    pub opd_id: Option<i64>,
}

/// A signed-in staff member and their active assignments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    pub account_id: i64,
    pub assignments: Vec<Assignment>,
}

/// What the rules need to know about a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportScope {
    pub status: Status,
    pub visibility: Visibility,
    pub instansi_id: Option<i64>,
    pub opd_id: Option<i64>,
    /// Escalated to the Ombudsman (after the follow-up period).
    pub escalated: bool,
    /// The province instansi whose regency/city the report's instansi is (`None` for any other instansi):
    /// the governor's leader and Inspektorat assignments watch these reports too.
    pub province_instansi_id: Option<i64>,
}

/// Something a staff member does to a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read the report and its full history.
    View,
    /// Verify, ask for more, reject, or mark as duplicate.
    Verify,
    /// Pick the instansi of a verified report no region maps to.
    Route,
    /// Assign a dispatched report to one of the instansi's OPDs, or send it back to the national admin.
    Assign,
    /// Answer, ask for an extension, or send the report back to the instansi admin.
    Answer,
    /// Forward the report directly to another instansi (the rules of when: `crate::forward`).
    Forward,
    /// Approve or refuse a liaison's extension request (the instansi admin or the instansi's Inspektorat).
    DecideExtension,
    /// Reprimand ("tegur") the OPD over the report (the instansi's Inspektorat).
    Reprimand,
    /// Take up, ask for information, record the outcome of and close a mediation (the Ombudsman, once
    /// the report is escalated).
    Mediate,
}

impl Action {
    /// Whether the report's state lets this action be done now (the life cycle and `crate::workflow`).
    pub fn fits(self, r: &ReportScope) -> bool {
        match self {
            Action::View => true,
            Action::Verify => crate::workflow::Stage::of(r.status) == Some(crate::workflow::Stage::Verification),
            Action::Route => r.status.can_move_to(Status::Dispatched) && r.instansi_id.is_none(),
            Action::Assign => r.status.can_move_to(Status::Assigned),
            Action::Answer => crate::workflow::answer(r.status).is_ok(),
            Action::Forward => r.status.is_open(),
            // A pending request exists only while a deadline runs at the OPD.
            Action::DecideExtension => crate::workflow::extension(r.status, Some(0)).is_ok(),
            Action::Reprimand => r.opd_id.is_some() && r.status.is_open(),
            Action::Mediate => r.escalated,
        }
    }
}

/// How much of the reporter a role may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReporterAccess {
    /// Nothing: the report is anonymous to this role.
    Hidden,
    /// The name only (enough to address the citizen in an answer); no NIK, phone or e-mail.
    Name,
    /// Everything, to verify identity and contact the reporter (the national admin).
    Full,
}

/// Whether this one assignment lets its holder do `action` on the report.
fn assignment_allows(a: &Assignment, action: Action, r: &ReportScope) -> bool {
    let own_instansi = a.instansi_id.is_some() && a.instansi_id == r.instansi_id;
    let own_opd = a.opd_id.is_some() && a.opd_id == r.opd_id;
    match (a.role, action) {
        (Role::NationalAdmin, Action::View | Action::Verify | Action::Route | Action::Forward) => true,
        (Role::InstansiAdmin, Action::View | Action::Assign | Action::Forward) => own_instansi,
        (Role::OpdLiaison, Action::View | Action::Answer) => own_opd,
        (Role::Inspektorat | Role::Leader, Action::View) => watches(a, r.instansi_id, r.province_instansi_id),
        (Role::Ombudsman, Action::View | Action::Mediate) => r.escalated,
        (Role::InstansiAdmin | Role::Inspektorat, Action::DecideExtension) => own_instansi,
        (Role::Inspektorat, Action::Reprimand) => own_instansi,
        _ => false,
    }
}

/// Whether the holder of assignment `a` grants (gives, moves, ends) assignments of `role` at instansi
/// `target_instansi`: a national admin every role, an instansi admin the liaisons of their instansi.
fn grants(a: &Assignment, role: Role, target_instansi: Option<i64>) -> bool {
    match a.role {
        Role::NationalAdmin => true,
        Role::InstansiAdmin => {
            role == Role::OpdLiaison && target_instansi.is_some() && a.instansi_id == target_instansi
        }
        _ => false,
    }
}

/// Why a role may not go to an account (separation of duties).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DutiesConflict {
    /// The one who gives the role would hold it: no one gives a role to their own account.
    OwnAccount,
    /// The account would hold a role together with one that grants it (an instansi admin and a liaison of
    /// the same instansi, a national admin and any other role).
    GrantsTheOther,
}

impl DutiesConflict {
    /// The refusal, in both languages.
    pub fn message(self) -> &'static str {
        match self {
            DutiesConflict::OwnAccount => {
                "admin tidak memberi peran kepada akunnya sendiri (pemisahan tugas) / an admin never gives a role \
                 to their own account (separation of duties)"
            }
            DutiesConflict::GrantsTheOther => {
                "akun ini memegang peran yang memberi peran ini, atau sebaliknya; satu orang tidak memegang keduanya \
                 (pemisahan tugas) / this account holds a role that grants this one, or the other way round; one \
                 person never holds both (separation of duties)"
            }
        }
    }
}

/// Separation of duties: whether `role` at instansi `instansi_id` (for an OPD role, the OPD's instansi) may go
/// to account `holder`, whose active assignments are `held`, given by account `grantor` (`None`: the system).
/// An admin never holds a role they grant: nobody gives a role to themselves, and no account holds a role
/// together with one that grants it — an instansi admin is no liaison of their own instansi's OPDs (they
/// would assign a report to the OPD and answer it themselves), a national admin holds no other role.
pub fn check_duties(
    grantor: Option<i64>,
    holder: i64,
    held: &[Assignment],
    role: Role,
    instansi_id: Option<i64>,
) -> Result<(), DutiesConflict> {
    if grantor == Some(holder) {
        return Err(DutiesConflict::OwnAccount);
    }
    let new = Assignment { id: 0, role, instansi_id, opd_id: None };
    let conflict =
        held.iter().any(|h| h.role != role && (grants(h, role, instansi_id) || grants(&new, h.role, h.instansi_id)));
    if conflict {
        return Err(DutiesConflict::GrantsTheOther);
    }
    Ok(())
}

/// Whether a leader or Inspektorat assignment watches the reports of instansi `instansi_id` (whose province, for
/// a regency/city, is `province_instansi_id`): their own instansi's, and a province's those of its regencies.
fn watches(a: &Assignment, instansi_id: Option<i64>, province_instansi_id: Option<i64>) -> bool {
    a.instansi_id.is_some() && (a.instansi_id == instansi_id || a.instansi_id == province_instansi_id)
}

impl Staff {
    /// Whether the staff member may open (view) the reports of instansi `instansi_id` as a whole (the rapot's
    /// drill-down links): the national admin, the instansi's admin, and its watchers (leader, Inspektorat,
    /// the province's for a regency/city, `province_instansi_id`).
    pub fn may_view_reports_of(&self, instansi_id: i64, province_instansi_id: Option<i64>) -> bool {
        self.assignments.iter().any(|a| match a.role {
            Role::NationalAdmin => true,
            Role::InstansiAdmin => a.instansi_id == Some(instansi_id),
            Role::Inspektorat | Role::Leader => watches(a, Some(instansi_id), province_instansi_id),
            Role::OpdLiaison | Role::Ombudsman => false,
        })
    }

    /// The role under which the staff member may do `action` on the report, if any (recorded in the
    /// history as the actor's role).
    pub fn authorize(&self, action: Action, report: &ReportScope) -> Option<Role> {
        self.assignments.iter().find(|a| assignment_allows(a, action, report)).map(|a| a.role)
    }

    /// What the staff member may do to the report now: their role allows it and the report's state fits. The
    /// console offers exactly these; the API checks the role with [`Staff::authorize`] and the state with
    /// `crate::workflow` (409 when it does not fit).
    pub fn available_actions(&self, report: &ReportScope) -> Vec<Action> {
        [Action::View, Action::Verify, Action::Route, Action::Assign, Action::Answer, Action::Forward]
            .into_iter()
            .filter(|a| a.fits(report) && self.authorize(*a, report).is_some())
            .collect()
    }

    /// Whether the staff member may list and open the report's files (the citizen's evidence, answer files):
    /// exactly those who may view the report (national admin, its instansi's admin, Inspektorat and leader,
    /// its OPD's liaison, the Ombudsman once escalated). Never the public.
    pub fn may_see_evidence(&self, report: &ReportScope) -> bool {
        self.authorize(Action::View, report).is_some()
    }

    /// Whether the staff member holds `role` anywhere.
    pub fn has_role(&self, role: Role) -> bool {
        self.assignments.iter().any(|a| a.role == role)
    }

    /// The instansi this staff member administers.
    pub fn admin_of_instansi(&self) -> Vec<i64> {
        self.assignments.iter().filter(|a| a.role == Role::InstansiAdmin).filter_map(|a| a.instansi_id).collect()
    }

    /// The OPDs this staff member is liaison of.
    pub fn liaison_of_opds(&self) -> Vec<i64> {
        self.assignments.iter().filter(|a| a.role == Role::OpdLiaison).filter_map(|a| a.opd_id).collect()
    }

    /// The instansi whose reports this staff member may view as Inspektorat or leader.
    pub fn watcher_of_instansi(&self) -> Vec<i64> {
        self.assignments
            .iter()
            .filter(|a| matches!(a.role, Role::Inspektorat | Role::Leader))
            .filter_map(|a| a.instansi_id)
            .collect()
    }

    /// How much of the reporter of this report the staff member may see: the most any of their
    /// assignments that can view the report allows.
    pub fn reporter_access(&self, report: &ReportScope) -> ReporterAccess {
        self.assignments
            .iter()
            .filter(|a| assignment_allows(a, Action::View, report))
            .map(|a| match (a.role, report.visibility) {
                (Role::NationalAdmin, _) => ReporterAccess::Full,
                (_, Visibility::Anonymous) => ReporterAccess::Hidden,
                _ => ReporterAccess::Name,
            })
            .max()
            .unwrap_or(ReporterAccess::Hidden)
    }

    /// Whether the staff member may create staff accounts (national admin, instansi admin).
    pub fn may_create_accounts(&self) -> bool {
        self.has_role(Role::NationalAdmin) || self.has_role(Role::InstansiAdmin)
    }

    /// Whether the staff member may give, end or move an assignment of `role` in the instansi
    /// `target_instansi` (for an OPD role, the OPD's instansi; `None` for a national role).
    /// The national admin manages every assignment; an instansi admin manages the liaisons of their instansi.
    pub fn may_manage_assignment(&self, role: Role, target_instansi: Option<i64>) -> bool {
        self.assignments.iter().any(|a| grants(a, role, target_instansi))
    }

    /// Whether an account belongs to the staff member's scope, judged by its *scope roles* `target`: its active
    /// assignments or, when it has none (its role ended or moved away, or it was deactivated), the ones that
    /// ended last (`lapor_store::credentials::recent_roles`). The national admin: any account. An instansi
    /// admin: an account all of whose scope roles they manage themselves (the liaisons of their instansi) — so a
    /// role-less account belongs where it served last, never to whoever created it or once had it; an account
    /// that holds (or last held) a role elsewhere, a more privileged one, or one with no role ever is not theirs.
    /// The one rule behind reading an account and its audit trail, giving it a role, moving a role to it and
    /// switching it off or on ([`Staff::may_see_account`], [`Staff::may_administer_account`]).
    pub fn may_manage_account(&self, target: &[Assignment]) -> bool {
        if self.has_role(Role::NationalAdmin) {
            return true;
        }
        !target.is_empty() && target.iter().all(|a| self.may_manage_assignment(a.role, a.instansi_id))
    }

    /// Whether the staff member may read the account with scope roles `roles` (its e-mail, roles and staff
    /// history, in the look-up and in the audit): their own, or one that belongs to their scope
    /// ([`Staff::may_manage_account`]).
    pub fn may_see_account(&self, account_id: i64, roles: &[Assignment]) -> bool {
        account_id == self.account_id || self.may_manage_account(roles)
    }

    /// Whether the staff member may deactivate, reactivate or reset the password of another account, or give
    /// it a role or move one to it: an account of their scope ([`Staff::may_manage_account`], by its scope
    /// roles), never their own.
    pub fn may_administer_account(&self, account_id: i64, roles: &[Assignment]) -> bool {
        account_id != self.account_id && self.may_manage_account(roles)
    }

    /// Whether the staff member may create instansi or rename one (national admin only).
    pub fn may_edit_instansi(&self) -> bool {
        self.has_role(Role::NationalAdmin)
    }

    /// Whether the staff member may add or edit the OPDs of `instansi_id`.
    pub fn may_edit_opds_of(&self, instansi_id: i64) -> bool {
        self.has_role(Role::NationalAdmin) || self.admin_of_instansi().contains(&instansi_id)
    }
}

/// Which notices one assignment reads: those addressed to its role, in its scope (a national role: all of
/// its role's; an instansi role: its instansi's; a liaison: its OPD's). Notices are addressed to a scope,
/// not a person, so a successor in the role reads them too and the predecessor stops at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoticeFilter {
    pub audience: Role,
    pub instansi_id: Option<i64>,
    pub opd_id: Option<i64>,
}

impl NoticeFilter {
    /// Whether a notice addressed to `audience` about (`instansi_id`, `opd_id`) passes this filter.
    pub fn admits(&self, audience: &str, instansi_id: Option<i64>, opd_id: Option<i64>) -> bool {
        audience == self.audience.as_str()
            && match self.audience.scope_kind() {
                ScopeKind::National => true,
                ScopeKind::Instansi => self.instansi_id.is_some() && self.instansi_id == instansi_id,
                ScopeKind::Opd => self.opd_id.is_some() && self.opd_id == opd_id,
            }
    }
}

/// Whether a notice of this kind is urgent: it also goes out by SMS (and e-mail) to readers who gave a number.
pub fn notice_is_urgent(kind: &str) -> bool {
    matches!(kind, "sla_breach" | "escalated")
}

impl Staff {
    /// The notice filters of the staff member's assignments (a leader reads none).
    pub fn notice_filters(&self) -> Vec<NoticeFilter> {
        self.assignments
            .iter()
            .filter(|a| a.role != Role::Leader)
            .map(|a| NoticeFilter { audience: a.role, instansi_id: a.instansi_id, opd_id: a.opd_id })
            .collect()
    }

    /// Whether the staff member reads a notice addressed to `audience` about (`instansi_id`, `opd_id`).
    pub fn may_read_notice(&self, audience: &str, instansi_id: Option<i64>, opd_id: Option<i64>) -> bool {
        self.notice_filters().iter().any(|f| f.admits(audience, instansi_id, opd_id))
    }

    /// Whether the staff member may open the overdue page of `instansi_id` and decide its extension
    /// requests there (its Inspektorat, its admin).
    pub fn oversees(&self, instansi_id: i64) -> bool {
        self.assignments
            .iter()
            .any(|a| matches!(a.role, Role::Inspektorat | Role::InstansiAdmin) && a.instansi_id == Some(instansi_id))
    }

    /// The instansi whose overdue page the staff member may open.
    pub fn overseen_instansi(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .assignments
            .iter()
            .filter(|a| matches!(a.role, Role::Inspektorat | Role::InstansiAdmin))
            .filter_map(|a| a.instansi_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Whether the staff member may reprimand the OPDs of `instansi_id` (its Inspektorat only).
    pub fn may_reprimand_in(&self, instansi_id: i64) -> bool {
        self.assignments.iter().any(|a| a.role == Role::Inspektorat && a.instansi_id == Some(instansi_id))
    }
}

/// Checks that an assignment of `role` has the scope the role needs (national, instansi or OPD).
pub fn check_scope(role: Role, instansi_id: Option<i64>, opd_id: Option<i64>) -> Result<(), &'static str> {
    match (role.scope_kind(), instansi_id, opd_id) {
        (ScopeKind::National, None, None) => Ok(()),
        (ScopeKind::National, _, _) => {
            Err("peran nasional tanpa instansi/OPD / a national role has no instansi or OPD")
        }
        (ScopeKind::Instansi, Some(_), None) => Ok(()),
        (ScopeKind::Instansi, _, _) => Err("peran ini perlu instansi_id saja / this role needs instansi_id only"),
        (ScopeKind::Opd, _, Some(_)) => Ok(()),
        (ScopeKind::Opd, _, None) => Err("peran ini perlu opd_id / this role needs opd_id"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(role: Role, instansi_id: Option<i64>, opd_id: Option<i64>) -> Staff {
        Staff { account_id: 1, assignments: vec![Assignment { id: 1, role, instansi_id, opd_id }] }
    }

    fn report(status: Status, visibility: Visibility) -> ReportScope {
        ReportScope {
            status,
            visibility,
            instansi_id: Some(10),
            opd_id: Some(100),
            escalated: false,
            province_instansi_id: None,
        }
    }

    #[test]
    fn liaison_acts_only_on_their_opd() {
        let r = report(Status::Assigned, Visibility::Public);
        let own = staff(Role::OpdLiaison, Some(10), Some(100));
        let other = staff(Role::OpdLiaison, Some(10), Some(101));
        assert_eq!(own.authorize(Action::Answer, &r), Some(Role::OpdLiaison));
        assert_eq!(own.authorize(Action::View, &r), Some(Role::OpdLiaison));
        assert_eq!(own.authorize(Action::Assign, &r), None);
        assert_eq!(own.authorize(Action::Verify, &r), None);
        assert_eq!(other.authorize(Action::View, &r), None);
        assert_eq!(other.authorize(Action::Answer, &r), None);
    }

    #[test]
    fn a_report_without_opd_is_no_liaisons() {
        let mut r = report(Status::Dispatched, Visibility::Public);
        r.opd_id = None;
        let liaison = Staff {
            account_id: 1,
            assignments: vec![Assignment { id: 1, role: Role::OpdLiaison, instansi_id: Some(10), opd_id: None }],
        };
        assert_eq!(liaison.authorize(Action::View, &r), None);
    }

    #[test]
    fn instansi_admin_assigns_only_their_instansi() {
        let r = report(Status::Dispatched, Visibility::Public);
        assert!(staff(Role::InstansiAdmin, Some(10), None).authorize(Action::Assign, &r).is_some());
        assert!(staff(Role::InstansiAdmin, Some(11), None).authorize(Action::View, &r).is_none());
        assert!(staff(Role::InstansiAdmin, Some(10), None).authorize(Action::Answer, &r).is_none());
    }

    #[test]
    fn national_admin_verifies_and_routes_but_does_not_answer() {
        let n = staff(Role::NationalAdmin, None, None);
        let r = report(Status::Received, Visibility::Anonymous);
        assert!(n.authorize(Action::Verify, &r).is_some());
        assert!(n.authorize(Action::Route, &r).is_some());
        assert!(n.authorize(Action::Answer, &r).is_none());
        assert_eq!(n.reporter_access(&r), ReporterAccess::Full);
    }

    #[test]
    fn available_actions_join_the_role_and_the_state() {
        use Action::*;
        let n = staff(Role::NationalAdmin, None, None);
        let mut r = report(Status::Received, Visibility::Public);
        assert_eq!(n.available_actions(&r), vec![View, Verify, Forward]);
        r.status = Status::Verified;
        assert_eq!(n.available_actions(&r), vec![View, Forward], "routed already: nothing to route");
        r.instansi_id = None;
        assert_eq!(n.available_actions(&r), vec![View, Route, Forward]);
        r.instansi_id = Some(10);
        r.status = Status::Dispatched;
        assert_eq!(n.available_actions(&r), vec![View, Forward]);
        let admin = staff(Role::InstansiAdmin, Some(10), None);
        assert_eq!(admin.available_actions(&r), vec![View, Assign, Forward]);
        r.status = Status::Assigned;
        r.opd_id = Some(5);
        let liaison = staff(Role::OpdLiaison, Some(10), Some(5));
        assert_eq!(liaison.available_actions(&r), vec![View, Answer]);
        r.status = Status::Completed;
        assert_eq!(liaison.available_actions(&r), vec![View]);
        assert_eq!(admin.available_actions(&r), vec![View], "a completed report is not forwarded");
    }

    #[test]
    fn forwarding_is_for_the_report_s_instansi_admin_and_the_national_admin() {
        let r = report(Status::InProgress, Visibility::Public);
        assert_eq!(
            staff(Role::InstansiAdmin, Some(10), None).authorize(Action::Forward, &r),
            Some(Role::InstansiAdmin)
        );
        assert_eq!(staff(Role::NationalAdmin, None, None).authorize(Action::Forward, &r), Some(Role::NationalAdmin));
        assert_eq!(staff(Role::InstansiAdmin, Some(11), None).authorize(Action::Forward, &r), None);
        for role in [Role::Inspektorat, Role::Leader] {
            assert_eq!(staff(role, Some(10), None).authorize(Action::Forward, &r), None);
        }
        assert_eq!(staff(Role::OpdLiaison, Some(10), Some(100)).authorize(Action::Forward, &r), None);
    }

    #[test]
    fn evidence_is_seen_by_those_who_see_the_report() {
        let r = report(Status::Assigned, Visibility::Public);
        assert!(staff(Role::NationalAdmin, None, None).may_see_evidence(&r));
        assert!(staff(Role::InstansiAdmin, Some(10), None).may_see_evidence(&r));
        assert!(staff(Role::OpdLiaison, Some(10), Some(100)).may_see_evidence(&r));
        assert!(staff(Role::Inspektorat, Some(10), None).may_see_evidence(&r));
        assert!(!staff(Role::OpdLiaison, Some(10), Some(101)).may_see_evidence(&r));
        assert!(!staff(Role::InstansiAdmin, Some(11), None).may_see_evidence(&r));
        assert!(!staff(Role::Ombudsman, None, None).may_see_evidence(&r));
        assert!(staff(Role::Ombudsman, None, None).may_see_evidence(&ReportScope { escalated: true, ..r }));
    }

    #[test]
    fn watchers_only_view() {
        let r = report(Status::Assigned, Visibility::Public);
        for role in [Role::Inspektorat, Role::Leader] {
            let s = staff(role, Some(10), None);
            assert!(s.authorize(Action::View, &r).is_some());
            assert!(s.authorize(Action::Assign, &r).is_none());
            assert!(s.authorize(Action::Answer, &r).is_none());
        }
        let o = staff(Role::Ombudsman, None, None);
        assert!(o.authorize(Action::View, &r).is_none());
        assert!(o.authorize(Action::View, &ReportScope { escalated: true, ..r }).is_some());
    }

    #[test]
    fn anonymous_reporters_are_hidden_from_everyone_but_the_national_admin() {
        let anon = report(Status::Assigned, Visibility::Anonymous);
        let public = report(Status::Assigned, Visibility::Public);
        let liaison = staff(Role::OpdLiaison, Some(10), Some(100));
        let admin = staff(Role::InstansiAdmin, Some(10), None);
        assert_eq!(liaison.reporter_access(&anon), ReporterAccess::Hidden);
        assert_eq!(admin.reporter_access(&anon), ReporterAccess::Hidden);
        assert_eq!(liaison.reporter_access(&public), ReporterAccess::Name);
        assert_eq!(staff(Role::OpdLiaison, Some(10), Some(101)).reporter_access(&public), ReporterAccess::Hidden);
    }

    #[test]
    fn managing_assignments() {
        let admin = staff(Role::InstansiAdmin, Some(10), None);
        assert!(admin.may_manage_assignment(Role::OpdLiaison, Some(10)));
        assert!(!admin.may_manage_assignment(Role::OpdLiaison, Some(11)));
        assert!(!admin.may_manage_assignment(Role::InstansiAdmin, Some(10)));
        assert!(!admin.may_manage_assignment(Role::NationalAdmin, None));
        assert!(staff(Role::NationalAdmin, None, None).may_manage_assignment(Role::NationalAdmin, None));
        assert!(!staff(Role::OpdLiaison, Some(10), Some(100)).may_manage_assignment(Role::OpdLiaison, Some(10)));
        assert!(admin.may_edit_opds_of(10) && !admin.may_edit_opds_of(11) && !admin.may_edit_instansi());
    }

    #[test]
    fn an_instansi_admin_manages_only_accounts_wholly_in_their_scope() {
        let admin = staff(Role::InstansiAdmin, Some(10), None);
        let liaison =
            |instansi| Assignment { id: 2, role: Role::OpdLiaison, instansi_id: Some(instansi), opd_id: Some(100) };
        let national = Assignment { id: 3, role: Role::NationalAdmin, instansi_id: None, opd_id: None };
        assert!(admin.may_manage_account(&[liaison(10)]));
        assert!(!admin.may_manage_account(&[]), "an account that never had a role is no instansi's");
        assert!(!admin.may_manage_account(&[liaison(11)]), "another instansi's liaison");
        assert!(!admin.may_manage_account(std::slice::from_ref(&national)), "the national admin");
        assert!(!admin.may_manage_account(&[liaison(10), national]), "more privileged elsewhere");
        assert!(!admin.may_manage_account(&[Assignment {
            id: 4,
            role: Role::InstansiAdmin,
            instansi_id: Some(10),
            opd_id: None
        }]));
        assert!(staff(Role::NationalAdmin, None, None).may_manage_account(&[]));
    }

    #[test]
    fn oversight_rights_follow_the_instansi() {
        let r = report(Status::Assigned, Visibility::Public);
        let insp = staff(Role::Inspektorat, Some(10), None);
        let admin = staff(Role::InstansiAdmin, Some(10), None);
        let other_insp = staff(Role::Inspektorat, Some(11), None);
        let liaison = staff(Role::OpdLiaison, Some(10), Some(100));
        let leader = staff(Role::Leader, Some(10), None);
        assert_eq!(insp.authorize(Action::DecideExtension, &r), Some(Role::Inspektorat));
        assert_eq!(admin.authorize(Action::DecideExtension, &r), Some(Role::InstansiAdmin));
        assert_eq!(insp.authorize(Action::Reprimand, &r), Some(Role::Inspektorat));
        assert_eq!(admin.authorize(Action::Reprimand, &r), None, "the admin decides extensions, never reprimands");
        assert_eq!(other_insp.authorize(Action::DecideExtension, &r), None);
        assert_eq!(liaison.authorize(Action::DecideExtension, &r), None, "no one decides their own request");
        assert_eq!(leader.authorize(Action::Reprimand, &r), None);
        assert!(insp.may_reprimand_in(10) && !insp.may_reprimand_in(11) && !admin.may_reprimand_in(10));
        assert!(insp.oversees(10) && admin.oversees(10) && !other_insp.oversees(10) && !liaison.oversees(10));
        let o = staff(Role::Ombudsman, None, None);
        assert_eq!(o.authorize(Action::Mediate, &r), None, "not escalated");
        assert_eq!(o.authorize(Action::Mediate, &ReportScope { escalated: true, ..r }), Some(Role::Ombudsman));
        assert_eq!(insp.authorize(Action::Mediate, &ReportScope { escalated: true, ..r }), None);
    }

    #[test]
    fn notices_are_read_in_the_assignments_scope() {
        let liaison = staff(Role::OpdLiaison, Some(10), Some(100));
        assert!(liaison.may_read_notice("opd_liaison", Some(10), Some(100)));
        assert!(!liaison.may_read_notice("opd_liaison", Some(10), Some(101)), "another OPD's");
        assert!(!liaison.may_read_notice("inspektorat", Some(10), Some(100)), "another role's");
        let insp = staff(Role::Inspektorat, Some(10), None);
        assert!(insp.may_read_notice("inspektorat", Some(10), Some(100)));
        assert!(!insp.may_read_notice("inspektorat", Some(11), None));
        let o = staff(Role::Ombudsman, None, None);
        assert!(o.may_read_notice("ombudsman", Some(11), Some(5)) && !o.may_read_notice("national_admin", None, None));
        assert!(staff(Role::Leader, Some(10), None).notice_filters().is_empty());
        assert!(notice_is_urgent("sla_breach") && notice_is_urgent("escalated") && !notice_is_urgent("sla_warning"));
    }

    #[test]
    fn an_admin_never_holds_a_role_they_grant() {
        let a = |role, instansi_id: Option<i64>| Assignment { id: 1, role, instansi_id, opd_id: None };
        let admin = [a(Role::InstansiAdmin, Some(10))];
        let liaison = [a(Role::OpdLiaison, Some(10))];
        // Nobody gives a role to themselves, the national admin included.
        assert_eq!(check_duties(Some(5), 5, &admin, Role::OpdLiaison, Some(10)), Err(DutiesConflict::OwnAccount));
        assert_eq!(check_duties(Some(5), 5, &[], Role::Leader, Some(11)), Err(DutiesConflict::OwnAccount));
        // An instansi admin and a liaison of the same instansi, whoever gives it and in either order.
        assert_eq!(check_duties(Some(1), 5, &admin, Role::OpdLiaison, Some(10)), Err(DutiesConflict::GrantsTheOther));
        let conflict = Err(DutiesConflict::GrantsTheOther);
        assert_eq!(check_duties(Some(1), 5, &liaison, Role::InstansiAdmin, Some(10)), conflict);
        // A national admin holds no other role.
        let national = [a(Role::NationalAdmin, None)];
        assert_eq!(check_duties(Some(1), 5, &national, Role::Inspektorat, Some(10)), conflict);
        assert_eq!(check_duties(Some(1), 5, &liaison, Role::NationalAdmin, None), conflict);
        // No conflict: another instansi's OPD, two liaison roles, a role-less account, the system.
        assert!(check_duties(Some(1), 5, &admin, Role::OpdLiaison, Some(11)).is_ok());
        assert!(check_duties(Some(1), 5, &liaison, Role::OpdLiaison, Some(10)).is_ok());
        assert!(check_duties(Some(1), 5, &admin, Role::Inspektorat, Some(10)).is_ok());
        assert!(check_duties(Some(1), 5, &[], Role::InstansiAdmin, Some(10)).is_ok());
        assert!(check_duties(None, 5, &[], Role::NationalAdmin, None).is_ok());
        assert!(DutiesConflict::OwnAccount.message().contains("separation of duties"));
        assert!(DutiesConflict::GrantsTheOther.message().contains("pemisahan tugas"));
    }

    #[test]
    fn scopes_fit_roles() {
        assert!(check_scope(Role::NationalAdmin, None, None).is_ok());
        assert!(check_scope(Role::NationalAdmin, Some(1), None).is_err());
        assert!(check_scope(Role::InstansiAdmin, Some(1), None).is_ok());
        assert!(check_scope(Role::InstansiAdmin, None, None).is_err());
        assert!(check_scope(Role::OpdLiaison, Some(1), Some(2)).is_ok());
        assert!(check_scope(Role::OpdLiaison, Some(1), None).is_err());
    }
}

#[cfg(test)]
mod administer_tests {
    use super::*;

    fn a(role: Role, instansi_id: Option<i64>, opd_id: Option<i64>) -> Assignment {
        Assignment { id: 9, role, instansi_id, opd_id }
    }

    #[test]
    fn who_may_switch_an_account_off() {
        let national = Staff { account_id: 1, assignments: vec![a(Role::NationalAdmin, None, None)] };
        let bateng = Staff { account_id: 2, assignments: vec![a(Role::InstansiAdmin, Some(7), None)] };
        let liaison = [a(Role::OpdLiaison, Some(7), Some(70))];
        let elsewhere = [a(Role::OpdLiaison, Some(8), Some(80))];
        let admin = [a(Role::InstansiAdmin, Some(7), None)];
        assert!(national.may_administer_account(5, &admin));
        assert!(national.may_administer_account(5, &[]));
        assert!(!national.may_administer_account(1, &[]), "never oneself");
        assert!(bateng.may_administer_account(5, &liaison));
        assert!(!bateng.may_administer_account(5, &elsewhere));
        assert!(!bateng.may_administer_account(5, &admin), "never a more privileged account");
        assert!(!bateng.may_administer_account(5, &[]), "never an account of unknown scope");
        assert!(!bateng.may_administer_account(2, &admin));
    }
}

#[cfg(test)]
mod province_tests {
    use super::*;

    #[test]
    fn a_governor_watches_the_regencies_of_the_province_only() {
        let governor = Staff {
            account_id: 1,
            assignments: vec![Assignment { id: 1, role: Role::Leader, instansi_id: Some(1), opd_id: None }],
        };
        let regency_report = ReportScope {
            status: Status::Dispatched,
            visibility: Visibility::Public,
            instansi_id: Some(5),
            opd_id: Some(50),
            escalated: false,
            province_instansi_id: Some(1),
        };
        assert_eq!(governor.authorize(Action::View, &regency_report), Some(Role::Leader));
        assert_eq!(governor.authorize(Action::Answer, &regency_report), None, "watching only");
        assert_eq!(governor.reporter_access(&regency_report), ReporterAccess::Name);
        let other_province = ReportScope { province_instansi_id: Some(2), instansi_id: Some(6), ..regency_report };
        assert_eq!(governor.authorize(Action::View, &other_province), None);
        assert!(governor.may_view_reports_of(5, Some(1)));
        assert!(governor.may_view_reports_of(1, None));
        assert!(!governor.may_view_reports_of(6, Some(2)));
        let regent = Staff {
            account_id: 2,
            assignments: vec![Assignment { id: 2, role: Role::Leader, instansi_id: Some(5), opd_id: None }],
        };
        assert!(!regent.may_view_reports_of(1, None), "a regent does not watch the province");
        assert!(regent.may_view_reports_of(5, Some(1)));
    }
}
