//! Timers: the instants at which the SLA sweep acts on a report. Each armed timer is one row of `report_timers`
//! — report, part, [`TimerKind`], when it is due, and the deadline it is about — so a report (or, once reports
//! have OPD parts, each part) has any number of them, and the sweep finds every due timer through one index
//! (`docs/adr/0008-timers-as-rows.md`).
//!
//! Two halves, both pure:
//! - **Arming.** [`for_status`] (what a status's [`Timers`] mean), [`answered`], [`citizen_replied`] and
//!   [`extended`] return the [`TimerChange`]s the store writes (`lapor_store::timers::write`).
//! - **Deciding.** When a timer is due, [`TimerKind::decide`] turns the report's [`Facts`] into the [`Outcome`]
//!   the store applies in the sweep's transaction (`lapor_store::sla::sweep`): the action recorded once in the
//!   ledger, a status change, history events, staff notices, the reporter's message, timers set or cleared, and
//!   what the sweep's summary counts; or `None` when the timer no longer applies (it is simply consumed).
//!
//! A new kind of timer (a new escalation rule) is a variant of [`TimerKind`] with its wire name, its decide
//! function, and the [`TimerChange`] that arms it where the workflow starts it — no migration of `reports`.

use crate::workflow::{self, Audience, Stage, Timers};
use crate::{messages, sla, Status};

/// The part of a report a timer belongs to: 0 is the whole report (the only part until reports have OPD parts).
pub const WHOLE: i64 = 0;

/// What a timer does when it is due. The wire name ([`TimerKind::as_str`]) is stored in `report_timers.kind`
/// and is also the action recorded in the `sla_actions` ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimerKind {
    /// The end of the working day before the follow-up deadline: warn the OPD's liaison and its supervisors.
    Warning,
    /// The current stage's deadline: record the breach, tell whoever supervises the stage.
    Breach,
    /// Sixty days after the report reached an OPD: the Ombudsman mediates.
    Ombudsman,
    /// Ten days after the OPD's last answer the citizen did not reply to: the report is completed.
    AutoComplete,
}

impl TimerKind {
    /// Every kind, in the order the sweep acts on the timers of one batch, so a report with several timers due
    /// at once sees them in this order (escalated to the Ombudsman before it is auto-completed).
    pub const ALL: [TimerKind; 4] =
        [TimerKind::Warning, TimerKind::Breach, TimerKind::Ombudsman, TimerKind::AutoComplete];

    /// The stable name stored with the timer and in the ledger.
    pub fn as_str(self) -> &'static str {
        match self {
            TimerKind::Warning => "warning",
            TimerKind::Breach => "breach",
            TimerKind::Ombudsman => "ombudsman",
            TimerKind::AutoComplete => "auto_complete",
        }
    }

    /// The kind of a stored name; `None` for a kind this build does not know (one a newer release added).
    pub fn parse(s: &str) -> Option<TimerKind> {
        TimerKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// What the sweep does for a due timer of this kind, given the report as it stands.
    pub fn decide(self, f: &Facts) -> Option<Outcome> {
        match self {
            TimerKind::Warning => warning(f),
            TimerKind::Breach => breach(f),
            TimerKind::Ombudsman => ombudsman(f),
            TimerKind::AutoComplete => auto_complete(f),
        }
    }
}

/// An armed timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timer {
    pub kind: TimerKind,
    /// [`WHOLE`], or the report's OPD part.
    pub part: i64,
    /// When the sweep acts (Unix seconds).
    pub due_at: i64,
    /// The deadline the action is about, when it is not `due_at` (a warning's is the deadline it warns of).
    pub deadline: Option<i64>,
}

impl Timer {
    /// A timer of the whole report.
    pub fn new(kind: TimerKind, due_at: i64) -> Timer {
        Timer { kind, part: WHOLE, due_at, deadline: None }
    }

    /// The deadline the action is about: recorded once in the ledger, shown in the texts.
    pub fn deadline(&self) -> i64 {
        self.deadline.unwrap_or(self.due_at)
    }
}

/// A change to a report's timers, for the store to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerChange {
    /// Arms the timer, replacing the one of its kind and part.
    Set(Timer),
    /// Arms the timer unless one of its kind and part is armed already.
    SetIfUnset(Timer),
    /// Disarms the timer of this kind and part, if any.
    Clear(TimerKind, i64),
    /// Disarms every timer of this part.
    ClearAll(i64),
}

/// The timers a status sets ([`workflow::timers_for`]) as changes to the whole report's timers. `due` is the
/// stage's deadline (`reports.due_at`, set before the status changes); `warn_at` is when to warn of it
/// (`sla::warning_before` in the instansi's zone), needed only when [`needs_warning_time`] says so; `now` starts
/// the 60-day clock of a first assignment.
pub fn for_status(timers: Timers, due: Option<i64>, warn_at: Option<i64>, now: i64) -> Vec<TimerChange> {
    use TimerChange::*;
    use TimerKind::*;
    let breach = |due: Option<i64>| due.map_or(Clear(Breach, WHOLE), |d| Set(Timer::new(Breach, d)));
    match timers {
        // Breach at the deadline, a warning before it, the answer clock stopped, and the 60-day clock started
        // unless it runs already.
        Timers::FollowUp => vec![
            breach(due),
            match (warn_at, due) {
                (Some(w), Some(d)) => Set(Timer { deadline: Some(d), ..Timer::new(Warning, w) }),
                _ => Clear(Warning, WHOLE),
            },
            Clear(AutoComplete, WHOLE),
            SetIfUnset(Timer::new(Ombudsman, sla::follow_up_limit(now))),
        ],
        Timers::CitizensTurn => vec![Clear(Breach, WHOLE), Clear(Warning, WHOLE)],
        Timers::Stopped => vec![ClearAll(WHOLE)],
        Timers::Stage => vec![breach(due), Clear(Warning, WHOLE)],
    }
}

/// Whether [`for_status`] needs the warning time for these timers (so the store loads the calendar only then).
pub fn needs_warning_time(timers: Timers) -> bool {
    timers == Timers::FollowUp
}

/// The OPD answered at `now`: the auto-completion clock starts (again).
pub fn answered(now: i64) -> Vec<TimerChange> {
    vec![TimerChange::Set(Timer::new(TimerKind::AutoComplete, sla::auto_complete_due(now)))]
}

/// The citizen replied: the report waits for the OPD again, not for the citizen.
pub fn citizen_replied() -> Vec<TimerChange> {
    vec![TimerChange::Clear(TimerKind::AutoComplete, WHOLE)]
}

/// An approved extension moved the follow-up deadline to `new_due` (`sla::approved_due`), warned of at `warn_at`
/// (`sla::warning_before`) unless that has passed at `now`.
pub fn extended(new_due: i64, warn_at: i64, now: i64) -> Vec<TimerChange> {
    vec![
        TimerChange::Set(Timer::new(TimerKind::Breach, new_due)),
        if warn_at > now {
            TimerChange::Set(Timer { deadline: Some(new_due), ..Timer::new(TimerKind::Warning, warn_at) })
        } else {
            TimerChange::Clear(TimerKind::Warning, WHOLE)
        },
    ]
}

/// What a decide function knows when a timer is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts<'a> {
    pub tracking_id: &'a str,
    /// The report's status now (after any earlier action of the same sweep on it).
    pub status: Status,
    /// The due timer.
    pub timer: Timer,
    pub now: i64,
}

/// What the sweep does for one due timer, for the store to apply in the sweep's transaction, in this order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The ledger entry (`sla_actions`, unique per report, action and deadline): when it is there already the
    /// action happened, and nothing else is done.
    pub once: Once,
    /// A status change, through the life cycle (which sets the new status's timers and tells the reporter of a
    /// new colour); if the life cycle refuses it, nothing after it is done.
    pub status: Option<StatusChange>,
    /// History entries, by the system.
    pub events: Vec<Event>,
    /// Staff notices.
    pub notices: Vec<Notice>,
    /// A message to the reporter on each of their channels.
    pub reporter: Option<ReporterMessage>,
    /// Timers set or cleared besides those of a status change.
    pub timers: Vec<TimerChange>,
    /// What the sweep's summary counts once it is done.
    pub counts: Summary,
}

impl Outcome {
    fn new(action: TimerKind, stage: Option<Stage>, f: &Facts, counts: Summary) -> Outcome {
        Outcome {
            once: Once { action: action.as_str(), stage, deadline: f.timer.deadline() },
            status: None,
            events: Vec::new(),
            notices: Vec::new(),
            reporter: None,
            timers: Vec::new(),
            counts,
        }
    }
}

/// The ledger entry of an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Once {
    pub action: &'static str,
    /// The stage whose deadline it is, when it is a stage's.
    pub stage: Option<Stage>,
    pub deadline: i64,
}

/// A status change the sweep makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusChange {
    pub to: Status,
    /// The history entry's text.
    pub note: &'static str,
    pub public: bool,
}

/// A history entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: &'static str,
    pub body: String,
    /// Shown in the public thread.
    pub public: bool,
}

/// Staff notices: one per audience, in the report's instansi and OPD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub to: &'static [Audience],
    pub kind: &'static str,
    pub body: String,
}

/// A message to the reporter, sent once per report and `key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReporterMessage {
    pub key: &'static str,
    pub text: String,
}

/// What one sweep did (and, in an [`Outcome`], what one action adds to it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub warnings: u32,
    pub breaches: u32,
    /// Missed deadlines that went up a level (verification and dispatch breaches).
    pub escalations: u32,
    pub ombudsman: u32,
    pub auto_completed: u32,
}

impl Summary {
    /// Adds what one action did.
    pub fn add(&mut self, o: Summary) {
        self.warnings += o.warnings;
        self.breaches += o.breaches;
        self.escalations += o.escalations;
        self.ombudsman += o.ombudsman;
        self.auto_completed += o.auto_completed;
    }
}

/// The follow-up deadline is near: the liaison, the instansi admin and the Inspektorat are warned (an internal
/// history entry and their notices). Only while the OPD's answer is awaited.
pub fn warning(f: &Facts) -> Option<Outcome> {
    if !workflow::warns(f.status) {
        return None;
    }
    let text = messages::sla_warning(f.tracking_id, f.timer.deadline());
    let counts = Summary { warnings: 1, ..Summary::default() };
    Some(Outcome {
        events: vec![Event { kind: "sla_warning", body: text.clone(), public: false }],
        notices: vec![Notice { to: workflow::WARNING_AUDIENCE, kind: "sla_warning", body: text }],
        ..Outcome::new(TimerKind::Warning, Some(Stage::FollowUp), f, counts)
    })
}

/// A stage's deadline passed: recorded once (against the OPD for a follow-up), in the public history, and told
/// to whoever supervises the stage; a missed verification or dispatch deadline goes up a level.
pub fn breach(f: &Facts) -> Option<Outcome> {
    let stage = Stage::of(f.status)?;
    let text = messages::sla_breach(f.tracking_id, stage);
    let counts = Summary { breaches: 1, escalations: stage.breach_escalates().into(), ..Summary::default() };
    Some(Outcome {
        events: vec![Event { kind: "sla_breach", body: text.clone(), public: true }],
        notices: vec![Notice { to: stage.breach_audience(), kind: "sla_breach", body: text }],
        ..Outcome::new(TimerKind::Breach, Some(stage), f, counts)
    })
}

/// Sixty days after reaching the OPD and still open: the Ombudsman mediates. The history says so, the Ombudsman
/// and the instansi's staff get notices, the citizen is told.
pub fn ombudsman(f: &Facts) -> Option<Outcome> {
    if !workflow::escalates_to_ombudsman(f.status) {
        return None;
    }
    let note = messages::escalated_note(f.tracking_id);
    let counts = Summary { ombudsman: 1, ..Summary::default() };
    Some(Outcome {
        events: vec![Event { kind: "escalated", body: note.clone(), public: true }],
        notices: vec![Notice { to: workflow::ESCALATION_AUDIENCE, kind: "escalated", body: note }],
        reporter: Some(ReporterMessage { key: "ombudsman", text: messages::escalated_to_ombudsman(f.tracking_id) }),
        ..Outcome::new(TimerKind::Ombudsman, None, f, counts)
    })
}

/// The citizen did not reply to the last answer in time: the report is completed on their behalf, and they are
/// told how to reopen it.
pub fn auto_complete(f: &Facts) -> Option<Outcome> {
    if !workflow::auto_completes(f.status) {
        return None;
    }
    let counts = Summary { auto_completed: 1, ..Summary::default() };
    Some(Outcome {
        status: Some(StatusChange { to: Status::Completed, note: messages::AUTO_COMPLETED_NOTE, public: true }),
        reporter: Some(ReporterMessage { key: "auto-complete", text: messages::auto_completed(f.tracking_id) }),
        ..Outcome::new(TimerKind::AutoComplete, None, f, counts)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;
    use TimerKind::*;

    /// What a due timer of `kind` (due at 4000; a warning of the deadline 5000) does on a report in `status`.
    fn decide(kind: TimerKind, status: Status) -> Option<Outcome> {
        let timer = Timer { deadline: (kind == Warning).then_some(5_000), ..Timer::new(kind, 4_000) };
        kind.decide(&Facts { tracking_id: "1234567890", status, timer, now: 4_100 })
    }

    #[test]
    fn wire_names_round_trip_and_unknown_kinds_are_left_alone() {
        for k in TimerKind::ALL {
            assert_eq!(TimerKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(TimerKind::parse("reminder"), None);
        assert_eq!(TimerKind::ALL.map(TimerKind::as_str), ["warning", "breach", "ombudsman", "auto_complete"]);
    }

    #[test]
    fn a_status_arms_its_timers() {
        use TimerChange::*;
        let limit = sla::follow_up_limit(100);
        assert_eq!(
            for_status(Timers::FollowUp, Some(900), Some(800), 100),
            vec![
                Set(Timer::new(Breach, 900)),
                Set(Timer { deadline: Some(900), ..Timer::new(Warning, 800) }),
                Clear(AutoComplete, WHOLE),
                SetIfUnset(Timer::new(Ombudsman, limit)),
            ]
        );
        assert!(needs_warning_time(Timers::FollowUp) && !needs_warning_time(Timers::Stage));
        assert_eq!(
            for_status(Timers::Stage, Some(900), None, 100),
            vec![Set(Timer::new(Breach, 900)), Clear(Warning, WHOLE)]
        );
        assert_eq!(for_status(Timers::Stage, None, None, 100), vec![Clear(Breach, WHOLE), Clear(Warning, WHOLE)]);
        assert_eq!(
            for_status(Timers::CitizensTurn, Some(900), None, 100),
            vec![Clear(Breach, WHOLE), Clear(Warning, WHOLE)]
        );
        assert_eq!(for_status(Timers::Stopped, None, None, 100), vec![ClearAll(WHOLE)]);
        assert_eq!(answered(100), vec![Set(Timer::new(AutoComplete, 100 + 10 * 86_400))]);
        assert_eq!(citizen_replied(), vec![Clear(AutoComplete, WHOLE)]);
        assert_eq!(
            extended(900, 800, 100),
            vec![Set(Timer::new(Breach, 900)), Set(Timer { deadline: Some(900), ..Timer::new(Warning, 800) })]
        );
        assert_eq!(extended(900, 800, 850)[1], Clear(Warning, WHOLE), "a warning time already passed is not armed");
    }

    #[test]
    fn a_warning_is_for_a_report_still_awaiting_the_opd() {
        let o = decide(Warning, Assigned).unwrap();
        assert_eq!(o.once, Once { action: "warning", stage: Some(Stage::FollowUp), deadline: 5_000 });
        assert_eq!(o.notices[0].to, workflow::WARNING_AUDIENCE);
        assert!(!o.events[0].public && o.events[0].body.contains("#1234567890"));
        assert_eq!(o.counts, Summary { warnings: 1, ..Summary::default() });
        assert!(o.status.is_none() && o.reporter.is_none() && o.timers.is_empty());
        assert_eq!(decide(Warning, InProgress), None);
    }

    #[test]
    fn a_breach_goes_to_whoever_supervises_the_stage() {
        let o = decide(Breach, Assigned).unwrap();
        assert_eq!(o.once, Once { action: "breach", stage: Some(Stage::FollowUp), deadline: 4_000 });
        assert_eq!(o.counts, Summary { breaches: 1, ..Summary::default() });
        assert!(o.events[0].public);
        let o = decide(Breach, Received).unwrap();
        assert_eq!(o.notices[0].to, &[Audience::NationalAdmin]);
        assert_eq!(o.counts, Summary { breaches: 1, escalations: 1, ..Summary::default() });
        assert_eq!(decide(Breach, InProgress), None, "no deadline runs while the citizen has the turn");
    }

    #[test]
    fn the_ombudsman_takes_open_reports_and_silence_completes_answered_ones() {
        let o = decide(Ombudsman, InProgress).unwrap();
        assert_eq!((o.once.action, o.once.deadline), ("ombudsman", 4_000));
        assert_eq!(o.notices[0].to, workflow::ESCALATION_AUDIENCE);
        assert_eq!(o.reporter.as_ref().map(|m| m.key), Some("ombudsman"));
        assert_eq!(decide(Ombudsman, Completed), None);
        let o = decide(AutoComplete, InProgress).unwrap();
        assert_eq!(o.status.map(|s| s.to), Some(Completed));
        assert_eq!(o.reporter.as_ref().map(|m| m.key), Some("auto-complete"));
        assert_eq!(o.counts, Summary { auto_completed: 1, ..Summary::default() });
        assert_eq!(decide(AutoComplete, Assigned), None);
        let mut s = Summary::default();
        s.add(o.counts);
        s.add(o.counts);
        assert_eq!(s.auto_completed, 2);
    }
}
