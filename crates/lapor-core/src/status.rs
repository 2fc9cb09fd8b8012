//! The report life cycle: statuses, the allowed transitions (and nothing else), and the colours
//! citizens and dashboards see.

use crate::model::wire_enum;

wire_enum!(
    /// Where a report is in its life cycle.
    Status {
        /// Arrived; waiting for the national admin.
        Received = "received",
        /// The verifier asked the reporter for more.
        NeedsInfo = "needs_info",
        /// Checked by the national admin; to be sent to an instansi.
        Verified = "verified",
        /// Sent to an instansi, whose admin picks the OPD.
        Dispatched = "dispatched",
        /// With an OPD, whose liaison must answer.
        Assigned = "assigned",
        /// The OPD answered; the citizen may reply until satisfied.
        InProgress = "in_progress",
        /// The citizen accepted the answer, or did not reply in time after the final answer.
        Completed = "completed",
        /// Not verifiable, a hoax, not a public service, or incomplete after a request for more.
        Rejected = "rejected",
        /// Merged into another report.
        Duplicate = "duplicate",
        /// Closed and kept for the record.
        Archived = "archived",
    }
);

wire_enum!(
    /// The colour shown to citizens and leaders.
    Color {
        /// Not forwarded yet (waiting for verification), or closed without an answer.
        Grey = "grey",
        /// Forwarded but not followed up.
        Red = "red",
        /// Being processed: an answer was given.
        Yellow = "yellow",
        /// Completed.
        Green = "green",
    }
);

impl Color {
    /// Words for people who do not see colours, in Bahasa Indonesia.
    pub fn label_id(self) -> &'static str {
        match self {
            Color::Grey => "Abu-abu: belum diteruskan",
            Color::Red => "Merah: belum ditindaklanjuti",
            Color::Yellow => "Kuning: sedang diproses",
            Color::Green => "Hijau: selesai",
        }
    }

    /// Words for people who do not see colours, in English.
    pub fn label_en(self) -> &'static str {
        match self {
            Color::Grey => "Grey: not forwarded yet",
            Color::Red => "Red: not followed up",
            Color::Yellow => "Yellow: being processed",
            Color::Green => "Green: completed",
        }
    }

    /// Words for people who do not see colours, in both languages.
    pub fn label(self) -> crate::texts::Text {
        crate::texts::Text { id: self.label_id(), en: self.label_en() }
    }
}

impl Color {
    /// The statuses shown in this colour.
    pub fn statuses(self) -> Vec<Status> {
        Status::ALL.iter().copied().filter(|s| s.color() == self).collect()
    }
}

impl Status {
    /// Whether anyone may read a report in this status, or only its status (issue 28, finding 9): a rejected report
    /// (a hoax, not a public service, …) shows the public its tracking ID, status, colour and dates only; never its
    /// title, text, place, reporter, thread or the rejection note. Its reporter, with the reporter code, sees
    /// everything as before.
    pub fn content_is_public(self) -> bool {
        self != Status::Rejected
    }

    /// Whether the public may see the reporter's name (of a report that is not anonymous): only once the report is
    /// verified, so a report not yet checked never puts a name before the public (issue 28, finding 9).
    pub fn reporter_name_is_public(self) -> bool {
        !matches!(self, Status::Received | Status::NeedsInfo | Status::Rejected)
    }

    /// The colour of a report in this status.
    pub fn color(self) -> Color {
        match self {
            Status::Received | Status::NeedsInfo | Status::Verified => Color::Grey,
            Status::Dispatched | Status::Assigned => Color::Red,
            Status::InProgress => Color::Yellow,
            Status::Completed => Color::Green,
            Status::Rejected | Status::Duplicate | Status::Archived => Color::Grey,
        }
    }

    /// The status in words, in Bahasa Indonesia and in English.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Status::Received => ("Diterima, menunggu verifikasi", "Received, awaiting verification"),
            Status::NeedsInfo => ("Menunggu keterangan pelapor", "Waiting for more from the reporter"),
            Status::Verified => ("Terverifikasi", "Verified"),
            Status::Dispatched => ("Diteruskan ke instansi", "Forwarded to the government body"),
            Status::Assigned => ("Diteruskan ke OPD", "Forwarded to the work unit"),
            Status::InProgress => ("Ditanggapi OPD", "Answered by the work unit"),
            Status::Completed => ("Selesai", "Completed"),
            Status::Rejected => ("Ditolak", "Rejected"),
            Status::Duplicate => ("Digabung dengan laporan lain", "Merged into another report"),
            Status::Archived => ("Diarsipkan", "Archived"),
        }
    }

    /// Whether moving to this status means the report has passed verification. From then on (and for good) it
    /// is published: the public list, Open311 and the open-data CSV show it unless it is confidential. Before,
    /// only its reporter sees it (with the reporter code) and staff.
    pub fn passes_verification(self) -> bool {
        self == Status::Verified
    }

    /// Whether the report still needs work from someone.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Completed | Status::Rejected | Status::Duplicate | Status::Archived)
    }

    /// The Open311 GeoReport v2 status: `open` while someone still has work to do, `closed` once the
    /// report is completed, rejected, merged as a duplicate or archived.
    pub fn open311(self) -> &'static str {
        if self.is_open() {
            "open"
        } else {
            "closed"
        }
    }

    /// The statuses an Open311 `status` filter value (`open` or `closed`) stands for.
    pub fn with_open311(value: &str) -> Option<Vec<Status>> {
        let open = match value {
            "open" => true,
            "closed" => false,
            _ => return None,
        };
        Some(Status::ALL.iter().copied().filter(|s| s.is_open() == open).collect())
    }

    /// The statuses this one may move to. Every allowed transition is listed here and nowhere else.
    pub fn next(self) -> &'static [Status] {
        use Status::*;
        match self {
            Received => &[Verified, NeedsInfo, Rejected, Duplicate],
            // The reporter answered (back to the queue), or the verifier decides.
            NeedsInfo => &[Received, Verified, Rejected, Duplicate],
            Verified => &[Dispatched, Duplicate],
            // The instansi admin assigns an OPD, or sends it back to the national admin as wrongly routed.
            Dispatched => &[Assigned, Verified],
            // The OPD answers, or sends it back to the instansi admin as wrongly routed.
            Assigned => &[InProgress, Dispatched],
            // Accepted (or no reply in time after the final answer), or forwarded to another instansi after
            // an answer the citizen rejected (`crate::forward`).
            InProgress => &[Completed, Dispatched],
            // The citizen reopens: not resolved after all.
            Completed => &[InProgress, Archived],
            Rejected => &[Archived],
            Duplicate => &[Archived],
            Archived => &[],
        }
    }

    /// Checks a transition against the life cycle.
    pub fn can_move_to(self, to: Status) -> bool {
        self.next().contains(&to)
    }

    /// Checks a transition, returning a message for the caller on refusal.
    pub fn transition(self, to: Status) -> Result<Status, String> {
        if self.can_move_to(to) {
            Ok(to)
        } else {
            Err(format!("a report that is {} cannot become {}", self.as_str(), to.as_str()))
        }
    }
}

wire_enum!(
    /// Where the Ombudsman's mediation of an escalated report is (none yet: escalated, not taken up).
    Mediation {
        /// Taken up: the Ombudsman mediates (may ask the instansi for information).
        Mediating = "mediating",
        /// The outcome is recorded; the case may be closed.
        OutcomeRecorded = "outcome_recorded",
        /// Closed.
        Closed = "closed",
    }
);

wire_enum!(
    /// How a mediation ended.
    MediationOutcome {
        /// Resolved by mediation.
        Resolved = "resolved",
        /// A recommendation was issued (with its text).
        Recommendation = "recommendation",
        /// The complaint was not substantiated.
        NotSubstantiated = "not_substantiated",
    }
);

impl MediationOutcome {
    /// Whether recording this outcome needs a text (the recommendation's).
    pub fn needs_text(self) -> bool {
        self == MediationOutcome::Recommendation
    }

    /// The outcome in words, in Bahasa Indonesia and in English.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            MediationOutcome::Resolved => ("Selesai melalui mediasi", "Resolved by mediation"),
            MediationOutcome::Recommendation => ("Rekomendasi diterbitkan", "Recommendation issued"),
            MediationOutcome::NotSubstantiated => ("Tidak terbukti", "Not substantiated"),
        }
    }
}

impl Mediation {
    /// The stage in words, in Bahasa Indonesia and in English.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Mediation::Mediating => ("Dalam mediasi Ombudsman", "In mediation by the Ombudsman"),
            Mediation::OutcomeRecorded => ("Hasil mediasi Ombudsman tercatat", "Ombudsman mediation outcome recorded"),
            Mediation::Closed => ("Mediasi Ombudsman ditutup", "Ombudsman mediation closed"),
        }
    }
}

wire_enum!(
    /// Something the Ombudsman does to an escalated report (wire names `take_up`, `request_info`, `outcome`,
    /// `close`).
    MediationStep {
        /// Take the report up for mediation.
        TakeUp = "take_up",
        /// Ask the instansi for information.
        RequestInfo = "request_info",
        /// Record how the mediation ended.
        RecordOutcome = "outcome",
        /// Close the case.
        Close = "close",
    }
);

impl MediationStep {
    /// The mediation stage after this step from `current` (`None`: escalated, not taken up), or why the step
    /// does not fit. Every allowed step is listed here and nowhere else.
    pub fn apply(self, current: Option<Mediation>) -> Result<Mediation, &'static str> {
        use Mediation::*;
        match (self, current) {
            (MediationStep::TakeUp, None) => Ok(Mediating),
            (MediationStep::TakeUp, Some(_)) => Err("sudah dimediasi / already taken up"),
            (MediationStep::RequestInfo, Some(Mediating)) => Ok(Mediating),
            (MediationStep::RecordOutcome, Some(Mediating)) => Ok(OutcomeRecorded),
            (MediationStep::Close, Some(OutcomeRecorded)) => Ok(Closed),
            (MediationStep::Close, Some(Mediating)) => Err("catat hasil mediasi dahulu / record the outcome first"),
            (_, None) => Err("belum diambil untuk mediasi / not taken up yet"),
            (_, Some(Closed)) => Err("mediasi sudah ditutup / the mediation is closed"),
            (_, Some(OutcomeRecorded)) => Err("hasil mediasi sudah tercatat / the outcome is already recorded"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn mediation_runs_take_up_then_outcome_then_close() {
        use Mediation::*;
        use MediationStep::*;
        assert_eq!(TakeUp.apply(None), Ok(Mediating));
        assert_eq!(RequestInfo.apply(Some(Mediating)), Ok(Mediating));
        assert_eq!(RecordOutcome.apply(Some(Mediating)), Ok(OutcomeRecorded));
        assert_eq!(Close.apply(Some(OutcomeRecorded)), Ok(Closed));
        for step in [RequestInfo, RecordOutcome, Close] {
            assert!(step.apply(None).is_err(), "{step:?} before taking up");
            assert!(step.apply(Some(Closed)).is_err(), "{step:?} after closing");
        }
        assert!(TakeUp.apply(Some(Mediating)).is_err());
        assert!(Close.apply(Some(Mediating)).is_err(), "no closing without an outcome");
        assert!(RecordOutcome.apply(Some(OutcomeRecorded)).is_err(), "one outcome");
        assert!(RequestInfo.apply(Some(OutcomeRecorded)).is_err());
        for s in ["take_up", "request_info", "outcome", "close"] {
            assert_eq!(MediationStep::parse(s).unwrap().as_str(), s);
        }
        assert_eq!(MediationStep::parse("approve"), None);
    }

    #[test]
    fn the_happy_path_is_allowed_step_by_step() {
        let path = [Received, Verified, Dispatched, Assigned, InProgress, Completed];
        for w in path.windows(2) {
            assert!(w[0].can_move_to(w[1]), "{:?} -> {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn colours_follow_the_seed_articles() {
        assert_eq!(Received.color(), Color::Grey);
        assert_eq!(Dispatched.color(), Color::Red);
        assert_eq!(Assigned.color(), Color::Red);
        assert_eq!(InProgress.color(), Color::Yellow);
        assert_eq!(Completed.color(), Color::Green);
    }

    #[test]
    fn exactly_the_listed_transitions_are_allowed() {
        let allowed: Vec<(Status, Status)> = vec![
            (Received, Verified),
            (Received, NeedsInfo),
            (Received, Rejected),
            (Received, Duplicate),
            (NeedsInfo, Received),
            (NeedsInfo, Verified),
            (NeedsInfo, Rejected),
            (NeedsInfo, Duplicate),
            (Verified, Dispatched),
            (Verified, Duplicate),
            (Dispatched, Assigned),
            (Dispatched, Verified),
            (Assigned, InProgress),
            (Assigned, Dispatched),
            (InProgress, Completed),
            (InProgress, Dispatched),
            (Completed, InProgress),
            (Completed, Archived),
            (Rejected, Archived),
            (Duplicate, Archived),
        ];
        for &from in Status::ALL {
            for &to in Status::ALL {
                assert_eq!(from.can_move_to(to), allowed.contains(&(from, to)), "{from} -> {to}");
            }
        }
    }

    #[test]
    fn skipping_steps_or_reviving_closed_reports_is_refused() {
        assert!(Received.transition(Completed).is_err());
        assert!(Received.transition(Assigned).is_err());
        assert!(Rejected.transition(Verified).is_err());
        assert!(Archived.transition(Received).is_err());
        assert!(Duplicate.transition(InProgress).is_err());
    }

    #[test]
    fn open311_status_follows_open_and_closed() {
        assert_eq!(Assigned.open311(), "open");
        assert_eq!(Received.open311(), "open");
        for s in [Completed, Rejected, Duplicate, Archived] {
            assert_eq!(s.open311(), "closed", "{s}");
        }
        let closed = Status::with_open311("closed").unwrap();
        assert_eq!(closed, vec![Completed, Rejected, Duplicate, Archived]);
        let open = Status::with_open311("open").unwrap();
        assert_eq!(open.len() + closed.len(), Status::ALL.len());
        assert!(open.iter().all(|s| s.open311() == "open"));
        assert_eq!(Status::with_open311("pending"), None);
    }

    #[test]
    fn colour_and_mediation_step_wire_names_stay_as_they_were() {
        let colours: Vec<_> = Color::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(colours, ["grey", "red", "yellow", "green"]);
        let steps: Vec<_> = MediationStep::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(steps, ["take_up", "request_info", "outcome", "close"]);
        let figures: Vec<_> = crate::rapot::Figure::ALL.iter().map(|f| f.as_str()).collect();
        assert_eq!(figures, ["received", "overdue", "late", "reopened"]);
        assert_eq!(serde_json::to_value(Color::Yellow).unwrap(), "yellow");
    }

    #[test]
    fn colour_filters_cover_every_status_once() {
        let all: Vec<Status> =
            [Color::Grey, Color::Red, Color::Yellow, Color::Green].iter().flat_map(|c| c.statuses()).collect();
        assert_eq!(all.len(), Status::ALL.len());
        assert_eq!(Color::parse("red").unwrap().statuses(), vec![Dispatched, Assigned]);
        assert_eq!(Color::parse("purple"), None);
    }

    #[test]
    fn every_status_has_words_in_both_languages() {
        for s in Status::ALL {
            let (id, en) = s.labels();
            assert!(!id.is_empty() && !en.is_empty() && id != s.as_str(), "{s}");
        }
    }

    #[test]
    fn open_and_closed() {
        assert!(Received.is_open() && InProgress.is_open());
        assert!(!Completed.is_open() && !Rejected.is_open() && !Archived.is_open());
    }
}
