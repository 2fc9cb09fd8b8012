//! The leader's "rapot" (report card) of an instansi's OPDs: the per-OPD figures and the 0–100 score.
//! Pure: the store gathers one [`ReportFacts`] per report, these rules turn them into a [`OpdCard`].
//!
//! Definitions (per OPD, over the reports currently assigned to it):
//! - **received**: reports that reached the OPD (assigned to it, whatever their status now).
//! - **answered on time**: the first answer came no later than the follow-up deadline (5 working days
//!   from the latest assignment, in the instansi's time zone, or the extended deadline when one was given).
//! - **overdue now**: still `assigned` (never answered) and the deadline has passed.
//! - **median first answer**: median time from the latest assignment to the first answer, answered ones only.
//! - **completed**: `completed` now (green).
//! - **satisfaction**: of the answered reports on which the citizen has a verdict, the share they are
//!   satisfied with: a completed report counts as satisfied (accepted, or no reply within the period);
//!   an answered report that is not completed and on which the citizen replied after the first answer
//!   (not resolved, or reopened) counts as not satisfied. `None` while there is no verdict.
//! - **score** = 100 × (0.4 × on-time rate + 0.2 × (1 − overdue share) + 0.2 × completion rate +
//!   0.2 × satisfaction), the rates over *received*; without a satisfaction verdict the other three
//!   weights are scaled to 100 %. `None` for an OPD that received nothing. Below [`LOW_SCORE`] the OPD
//!   is flagged (seed 000: its head is evaluated).
//!
//! Which reports count: those *dispatched* (first sent to an instansi) in the chosen [`period::Period`].
//! Who sees which instansi: [`reach`]. Issued (frozen) rapots and their CSV: [`issue`].

pub mod issue;
pub mod period;
pub mod reach;

/// Scores below this are flagged on the dashboard.
pub const LOW_SCORE: u32 = 60;

/// What the rules need to know about one report of an OPD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportFacts {
    /// When it was (last) assigned to the OPD.
    pub assigned_at: i64,
    /// The follow-up deadline (from the assignment, or extended).
    pub due_at: i64,
    /// The first answer, if any.
    pub first_answer_at: Option<i64>,
    /// Still waiting for the OPD's first answer (`assigned`).
    pub waiting: bool,
    /// `completed` now.
    pub completed: bool,
    /// The citizen replied after the first answer.
    pub citizen_replied_after_answer: bool,
}

impl ReportFacts {
    /// The facts of a report in `status`: a report still waiting for its first answer is judged on its stored
    /// (possibly extended) deadline; any other on the follow-up deadline counted from its assignment.
    pub fn of(
        status: crate::Status,
        assigned_at: i64,
        stored_due: Option<i64>,
        zone: crate::regions::TimeZone,
        cal: &crate::sla::Calendar,
        first_answer_at: Option<i64>,
        citizen_replied_after_answer: bool,
    ) -> ReportFacts {
        let waiting = status == crate::Status::Assigned;
        let due_at = match stored_due {
            Some(d) if waiting => d,
            _ => crate::sla::follow_up_due(cal, assigned_at, zone),
        };
        ReportFacts {
            assigned_at,
            due_at,
            first_answer_at,
            waiting,
            completed: status == crate::Status::Completed,
            citizen_replied_after_answer,
        }
    }
}

/// The figures of one OPD.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OpdCard {
    pub received: u32,
    pub answered_on_time: u32,
    /// First answer after the deadline.
    pub answered_late: u32,
    pub overdue_now: u32,
    /// The citizen replied after the first answer (not resolved, or reopened after completion).
    pub reopened: u32,
    /// Seconds.
    pub median_first_answer: Option<i64>,
    pub completed: u32,
    /// 0.0–1.0.
    pub satisfaction: Option<f64>,
    pub score: Option<u32>,
}

impl OpdCard {
    /// Whether the OPD is flagged for a score under [`LOW_SCORE`].
    pub fn is_low(&self) -> bool {
        self.score.is_some_and(|s| s < LOW_SCORE)
    }
}

crate::model::wire_enum!(
    /// A figure of the card whose reports can be listed (the drill-down), in display order; the wire name is
    /// `?figure=`.
    Figure {
        /// Every report received.
        Received = "received",
        /// Never answered and past the deadline now.
        OverdueNow = "overdue",
        /// First answered after the deadline.
        AnsweredLate = "late",
        /// The citizen replied after the first answer (not resolved, or reopened).
        Reopened = "reopened",
    }
);

impl Figure {
    /// (Bahasa Indonesia, English) label.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Figure::Received => ("Diterima", "Received"),
            Figure::OverdueNow => ("Terlambat kini", "Overdue now"),
            Figure::AnsweredLate => ("Dijawab terlambat", "Answered late"),
            Figure::Reopened => ("Dibuka kembali / belum selesai", "Reopened / not resolved"),
        }
    }

    /// Whether a report counts in this figure at `now`.
    pub fn matches(self, r: &ReportFacts, now: i64) -> bool {
        match self {
            Figure::Received => true,
            Figure::OverdueNow => r.waiting && r.due_at < now,
            Figure::AnsweredLate => r.first_answer_at.is_some_and(|a| a > r.due_at),
            Figure::Reopened => r.first_answer_at.is_some() && r.citizen_replied_after_answer,
        }
    }
}

/// The median of some durations (the mean of the two middle ones for an even count).
pub fn median(mut v: Vec<i64>) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2 })
}

/// The 0–100 score from the rates (each 0.0–1.0); see the module documentation.
pub fn score(on_time: f64, overdue_share: f64, completion: f64, satisfaction: Option<f64>) -> u32 {
    let base = 0.4 * on_time + 0.2 * (1.0 - overdue_share) + 0.2 * completion;
    let total = match satisfaction {
        Some(s) => base + 0.2 * s,
        None => base / 0.8,
    };
    (100.0 * total.clamp(0.0, 1.0)).round() as u32
}

/// The card of one OPD from its reports at `now`.
pub fn card(reports: &[ReportFacts], now: i64) -> OpdCard {
    let received = reports.len() as u32;
    let answered_on_time = reports.iter().filter(|r| r.first_answer_at.is_some_and(|a| a <= r.due_at)).count() as u32;
    let count = |f: Figure| reports.iter().filter(|r| f.matches(r, now)).count() as u32;
    let (overdue_now, answered_late, reopened) =
        (count(Figure::OverdueNow), count(Figure::AnsweredLate), count(Figure::Reopened));
    let completed = reports.iter().filter(|r| r.completed).count() as u32;
    let median_first_answer =
        median(reports.iter().filter_map(|r| r.first_answer_at.map(|a| (a - r.assigned_at).max(0))).collect());
    let satisfied = reports.iter().filter(|r| r.first_answer_at.is_some() && r.completed).count();
    let unsatisfied = reports
        .iter()
        .filter(|r| r.first_answer_at.is_some() && !r.completed && r.citizen_replied_after_answer)
        .count();
    let satisfaction = (satisfied + unsatisfied > 0).then(|| satisfied as f64 / (satisfied + unsatisfied) as f64);
    let score = (received > 0).then(|| {
        let n = f64::from(received);
        score(f64::from(answered_on_time) / n, f64::from(overdue_now) / n, f64::from(completed) / n, satisfaction)
    });
    OpdCard {
        received,
        answered_on_time,
        answered_late,
        overdue_now,
        reopened,
        median_first_answer,
        completed,
        satisfaction,
        score,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    #[test]
    fn score_formula() {
        assert_eq!(score(1.0, 0.0, 1.0, Some(1.0)), 100);
        assert_eq!(score(0.0, 1.0, 0.0, Some(0.0)), 0);
        // 40·0.5 + 20·(1 − 0.25) + 20·0.5 + 20·0.5 = 20 + 15 + 10 + 10 = 55.
        assert_eq!(score(0.5, 0.25, 0.5, Some(0.5)), 55);
        // Without a verdict the other weights scale up: (40 + 20 + 0) / 0.8 = 75.
        assert_eq!(score(1.0, 0.0, 0.0, None), 75);
    }

    #[test]
    fn card_of_an_opd() {
        let now = 100 * DAY;
        let reports = [
            // Answered in 1 day, accepted.
            ReportFacts {
                assigned_at: 0,
                due_at: 7 * DAY,
                first_answer_at: Some(DAY),
                completed: true,
                ..Default::default()
            },
            // Answered late (day 10), the citizen says not resolved.
            ReportFacts {
                assigned_at: 0,
                due_at: 7 * DAY,
                first_answer_at: Some(10 * DAY),
                citizen_replied_after_answer: true,
                ..Default::default()
            },
            // Never answered, overdue.
            ReportFacts { assigned_at: 0, due_at: 7 * DAY, waiting: true, ..Default::default() },
            // Just assigned, not due yet.
            ReportFacts { assigned_at: now, due_at: now + 7 * DAY, waiting: true, ..Default::default() },
        ];
        let c = card(&reports, now);
        assert_eq!((c.received, c.answered_on_time, c.overdue_now, c.completed), (4, 1, 1, 1));
        assert_eq!((c.answered_late, c.reopened), (1, 1));
        assert!(Figure::AnsweredLate.matches(&reports[1], now) && !Figure::AnsweredLate.matches(&reports[0], now));
        assert!(Figure::OverdueNow.matches(&reports[2], now) && !Figure::OverdueNow.matches(&reports[3], now));
        assert!(Figure::ALL.iter().all(|f| Figure::parse(f.as_str()) == Some(*f)));
        assert_eq!(c.median_first_answer, Some(5 * DAY + DAY / 2));
        assert_eq!(c.satisfaction, Some(0.5));
        // 40·0.25 + 20·0.75 + 20·0.25 + 20·0.5 = 10 + 15 + 5 + 10 = 40.
        assert_eq!(c.score, Some(40));
        assert!(c.is_low());
        assert_eq!(card(&[], now).score, None);
        assert_eq!(median(vec![3, 1, 2]), Some(2));
    }
}
