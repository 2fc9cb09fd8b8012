//! What each workflow action does to a report, decided from the report's current facts: the status it moves
//! to, the timers set or cleared, who is told, or why the action is refused. lapor-store loads the facts,
//! calls these functions and writes the outcome in one transaction; it holds no rule of its own.

use crate::Status;

/// Why the rules refuse an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The action does not fit the report's current state (the message says why).
    Conflict(String),
    /// An input breaks a rule: field, stable code, message (Indonesian / English).
    Invalid(&'static str, &'static str, &'static str),
}

/// A status change checked against the life cycle ([`Status::next`]).
pub fn change(from: Status, to: Status) -> Result<Change, Refusal> {
    from.transition(to).map_err(Refusal::Conflict)?;
    Ok(Change { from, to, timers: timers_for(to), tell_reporter: from.color() != to.color() })
}

/// An allowed status change and its consequences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub from: Status,
    pub to: Status,
    /// The SLA timers the new status sets.
    pub timers: Timers,
    /// The reporter (and the reporters of its duplicates) are told: the colour changed.
    pub tell_reporter: bool,
}

/// The SLA timers a status sets (the deadlines themselves come from [`crate::sla`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timers {
    /// The follow-up stage starts: breach at the deadline, a warning before it, the 60-day escalation clock
    /// (kept from the first assignment), the answer clock cleared.
    FollowUp,
    /// The OPD answered: no breach or warning while the citizen has the turn.
    CitizensTurn,
    /// Closed: every timer stops.
    Stopped,
    /// A verification or dispatch stage: breach at the stage's deadline, no warning.
    Stage,
}

/// The timers of a status.
pub fn timers_for(to: Status) -> Timers {
    match to {
        Status::Assigned => Timers::FollowUp,
        Status::InProgress => Timers::CitizensTurn,
        Status::Completed | Status::Rejected | Status::Duplicate | Status::Archived => Timers::Stopped,
        Status::Received | Status::NeedsInfo | Status::Verified | Status::Dispatched => Timers::Stage,
    }
}

/// What an OPD's answer does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    /// The first answer moves the report on (assigned → in progress); later answers join the thread.
    pub to: Option<Status>,
}

/// May the OPD answer a report in `status`?
pub fn answer(status: Status) -> Result<Answer, Refusal> {
    match status {
        Status::Assigned => Ok(Answer { to: Some(Status::InProgress) }),
        Status::InProgress => Ok(Answer { to: None }),
        other => Err(Refusal::Conflict(format!("a report that is {other} cannot be answered"))),
    }
}

/// May the liaison ask for more time on a report in `status` whose stage deadline is `due`? Only while the
/// OPD's answer is awaited (after the first answer no deadline runs). The request then waits for the instansi
/// admin or the Inspektorat (`roles::Action::DecideExtension`); the deadline moves only when it is approved.
pub fn extension(status: Status, due: Option<i64>) -> Result<i64, Refusal> {
    match (status, due) {
        (Status::Assigned, Some(due)) => Ok(due),
        (other, _) => Err(Refusal::Conflict(format!(
            "laporan berstatus {other} tanpa batas waktu berjalan / a report that is {other} has no deadline to extend"
        ))),
    }
}

/// Where a citizen's reply takes a report in `from`: after a request for more, back to the verification
/// queue; after completion, reopened (not resolved after all); otherwise it stays where it is.
pub fn citizen_reply(from: Status) -> Result<Status, Refusal> {
    match from {
        Status::Rejected | Status::Duplicate | Status::Archived => {
            Err(Refusal::Conflict(format!("a report that is {from} takes no replies")))
        }
        Status::NeedsInfo => Ok(Status::Received),
        Status::Completed => Ok(Status::InProgress),
        other => Ok(other),
    }
}

/// What the reporter may do on a report in `status` (the tracking page shows these; the API enforces them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CitizenOptions {
    /// Accept the answer (completes the report).
    pub accept: bool,
    /// Reply or add information.
    pub reply: bool,
    /// Reopen: not resolved after all.
    pub reopen: bool,
}

/// The reporter's options on a report in `status`.
pub fn citizen_options(status: Status) -> CitizenOptions {
    let replies = citizen_reply(status).is_ok();
    CitizenOptions {
        accept: status == Status::InProgress,
        reply: replies && status != Status::Completed,
        reopen: replies && status == Status::Completed,
    }
}

/// May the reporter reopen a report in `status`? Only a completed one.
pub fn citizen_reopen(status: Status) -> Result<(), Refusal> {
    if citizen_options(status).reopen {
        Ok(())
    } else {
        Err(Refusal::Conflict("hanya laporan selesai yang dapat dibuka lagi / only completed reports reopen".into()))
    }
}

/// May a report be merged into `original` (its id and status)?
pub fn duplicate_of(report_id: i64, original_id: i64, original_status: Status) -> Result<(), Refusal> {
    if original_id == report_id {
        return Err(Refusal::Invalid("of", "same_report", "tidak bisa duplikat dirinya / cannot duplicate itself"));
    }
    if matches!(original_status, Status::Rejected | Status::Duplicate | Status::Archived) {
        return Err(Refusal::Conflict(format!("the original report is {original_status}")));
    }
    Ok(())
}

/// The original named by a duplicate does not exist.
pub const UNKNOWN_ORIGINAL: Refusal =
    Refusal::Invalid("of", "unknown_report", "laporan asal tidak ditemukan / original not found");

/// The OPD chosen for an assignment is not an active OPD of the report's instansi.
pub const UNKNOWN_OPD: Refusal =
    Refusal::Invalid("opd_id", "unknown_opd", "OPD tidak ada di instansi ini / no such OPD in this instansi");

/// A wrongly routed report goes back one step: to the national admin (`Verified`, losing its instansi and
/// OPD) or to the instansi admin (`Dispatched`, losing its OPD).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendBack {
    ToNational,
    ToInstansi,
}

impl SendBack {
    /// The status it goes back to.
    pub fn status(self) -> Status {
        match self {
            SendBack::ToNational => Status::Verified,
            SendBack::ToInstansi => Status::Dispatched,
        }
    }

    /// May a report in `from` go back this way? An answered report stays with its OPD (only forwarding moves it
    /// on from there), so the liaison sends back only a report still waiting for its first answer.
    pub fn allowed_from(self, from: Status) -> Result<(), Refusal> {
        if self == SendBack::ToInstansi && from != Status::Assigned {
            return Err(Refusal::Conflict(format!("a report that is {from} cannot be sent back")));
        }
        Ok(())
    }

    /// Whether the report loses its instansi (and not only its OPD).
    pub fn clears_instansi(self) -> bool {
        self == SendBack::ToNational
    }
}

/// The stage whose deadline a report in `status` is on, for the SLA sweep's breach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Verification,
    Dispatch,
    FollowUp,
}

impl Stage {
    /// The stage of a status, if it has a deadline.
    pub fn of(status: Status) -> Option<Stage> {
        match status {
            Status::Received | Status::NeedsInfo => Some(Stage::Verification),
            Status::Verified | Status::Dispatched => Some(Stage::Dispatch),
            Status::Assigned => Some(Stage::FollowUp),
            _ => None,
        }
    }

    /// The stable name stored in the SLA ledger.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Verification => "verification",
            Stage::Dispatch => "dispatch",
            Stage::FollowUp => "follow_up",
        }
    }

    /// The stage's name in Indonesian, for notes people read.
    pub fn label_id(self) -> &'static str {
        match self {
            Stage::Verification => "verifikasi",
            Stage::Dispatch => "disposisi",
            Stage::FollowUp => "tindak lanjut",
        }
    }

    /// Who is told of a missed deadline: whoever supervises the stage.
    pub fn breach_audience(self) -> &'static [Audience] {
        match self {
            Stage::Verification => &[Audience::NationalAdmin],
            Stage::Dispatch => &[Audience::InstansiAdmin, Audience::Inspektorat, Audience::NationalAdmin],
            Stage::FollowUp => &[Audience::OpdLiaison, Audience::InstansiAdmin, Audience::Inspektorat],
        }
    }

    /// Whether a missed deadline of this stage goes up a level (counted as an escalation).
    pub fn breach_escalates(self) -> bool {
        self != Stage::FollowUp
    }
}

/// Who a staff notice is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    NationalAdmin,
    InstansiAdmin,
    OpdLiaison,
    Inspektorat,
    Ombudsman,
}

impl Audience {
    /// The stable name stored with a notice.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::NationalAdmin => "national_admin",
            Audience::InstansiAdmin => "instansi_admin",
            Audience::OpdLiaison => "opd_liaison",
            Audience::Inspektorat => "inspektorat",
            Audience::Ombudsman => "ombudsman",
        }
    }

    /// The role whose holders (in the notice's scope) read it (`roles::NoticeFilter`).
    pub fn role(self) -> crate::roles::Role {
        use crate::roles::Role;
        match self {
            Audience::NationalAdmin => Role::NationalAdmin,
            Audience::InstansiAdmin => Role::InstansiAdmin,
            Audience::OpdLiaison => Role::OpdLiaison,
            Audience::Inspektorat => Role::Inspektorat,
            Audience::Ombudsman => Role::Ombudsman,
        }
    }
}

/// Who is warned that the follow-up deadline is near.
pub const WARNING_AUDIENCE: &[Audience] = &[Audience::OpdLiaison, Audience::InstansiAdmin, Audience::Inspektorat];

/// Who is told of an escalation to the Ombudsman: the Ombudsman, and the instansi's admin, Inspektorat and the
/// OPD's liaison.
pub const ESCALATION_AUDIENCE: &[Audience] =
    &[Audience::Ombudsman, Audience::InstansiAdmin, Audience::Inspektorat, Audience::OpdLiaison];

/// The sweep's warning applies only to a report still waiting for the OPD's answer.
pub fn warns(status: Status) -> bool {
    status == Status::Assigned
}

/// Sixty days after reaching the OPD, a report still open goes to the Ombudsman.
pub fn escalates_to_ombudsman(status: Status) -> bool {
    status.is_open()
}

/// An answered report the citizen did not reply to in time is completed on their behalf.
pub fn auto_completes(status: Status) -> bool {
    status == Status::InProgress
}

/// Longest answer of an OPD to a report, in characters (the API, the console form's `maxlength`).
pub const ANSWER_MAX: usize = 5000;

/// An OPD's answer text, trimmed: required, at most [`ANSWER_MAX`] characters.
pub fn answer_text(text: Option<&str>) -> Result<String, crate::FieldError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Err(crate::FieldError::new("body", "required", "wajib diisi / required")),
        Some(t) if t.chars().count() > ANSWER_MAX => Err(crate::FieldError::new(
            "body",
            "too_long",
            format!("maksimal {ANSWER_MAX} karakter / at most {ANSWER_MAX} characters"),
        )),
        Some(t) => Ok(t.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn a_change_checks_the_life_cycle_and_says_who_is_told() {
        let c = change(Assigned, InProgress).unwrap();
        assert_eq!(c.timers, Timers::CitizensTurn);
        assert!(c.tell_reporter, "red to yellow is told");
        assert!(!change(Received, Verified).unwrap().tell_reporter, "red stays red");
        assert!(matches!(change(Received, Completed), Err(Refusal::Conflict(_))));
    }

    #[test]
    fn only_reports_with_the_opd_are_answered_or_extended() {
        assert_eq!(answer(Assigned), Ok(Answer { to: Some(InProgress) }));
        assert_eq!(answer(InProgress), Ok(Answer { to: None }));
        for s in [Received, Verified, Dispatched, Completed, Rejected] {
            assert!(answer(s).is_err(), "{s}");
            assert!(extension(s, Some(1)).is_err(), "{s}");
        }
    }

    #[test]
    fn a_citizen_reply_reopens_or_requeues() {
        assert_eq!(citizen_reply(NeedsInfo), Ok(Received));
        assert_eq!(citizen_reply(Completed), Ok(InProgress));
        assert_eq!(citizen_reply(Assigned), Ok(Assigned));
        assert!(citizen_reply(Rejected).is_err());
    }

    #[test]
    fn the_reporter_accepts_an_answer_and_reopens_only_a_completed_report() {
        let answered = citizen_options(InProgress);
        assert!(answered.accept && answered.reply && !answered.reopen);
        let done = citizen_options(Completed);
        assert!(!done.accept && !done.reply && done.reopen);
        assert_eq!(citizen_options(Rejected), CitizenOptions { accept: false, reply: false, reopen: false });
        assert!(citizen_reopen(Completed).is_ok() && citizen_reopen(Assigned).is_err());
    }

    #[test]
    fn a_duplicate_needs_a_live_other_original() {
        assert!(matches!(duplicate_of(1, 1, Received), Err(Refusal::Invalid("of", "same_report", _))));
        assert!(matches!(duplicate_of(1, 2, Duplicate), Err(Refusal::Conflict(_))));
        assert_eq!(duplicate_of(1, 2, InProgress), Ok(()));
    }

    #[test]
    fn breaches_go_to_whoever_supervises_the_stage() {
        assert_eq!(Stage::of(NeedsInfo), Some(Stage::Verification));
        assert_eq!(Stage::of(InProgress), None);
        assert_eq!(
            Stage::FollowUp.breach_audience(),
            &[Audience::OpdLiaison, Audience::InstansiAdmin, Audience::Inspektorat]
        );
        assert!(extension(Assigned, Some(1)).is_ok());
        assert!(extension(Assigned, None).is_err() && extension(InProgress, None).is_err());
        assert_eq!(Audience::Inspektorat.role(), crate::roles::Role::Inspektorat);
        assert!(Stage::Dispatch.breach_escalates() && !Stage::FollowUp.breach_escalates());
        assert!(warns(Assigned) && !warns(InProgress));
        assert!(auto_completes(InProgress) && !auto_completes(Completed));
    }
}
