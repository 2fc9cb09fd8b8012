//! Who may file a report through the web, the app or Open311, decided from exact counters (issue 28, finding 2):
//! at most [`FILING_CONTACT`] reports a day per NIK, phone number and e-mail address, [`FILING_APP`] an hour per
//! Open311 app, and at most [`ACK_UNPROVEN`] acknowledgements a day to a contact that has not proven itself.
//!
//! The use case takes the [`Plan`]'s slots (one statement, `lapor_store::limits::take`), asks which contacts over
//! the acknowledgement limit have proven themselves ([`Plan::ack_candidates`]), and [`Plan::decide`]s. A refused
//! attempt gives all its slots back, so only filed reports count.

use crate::blind_index::BlindIndex;
use crate::notify::Medium;
use crate::rate_limit::{Slot, ACK_UNPROVEN, FILING_APP, FILING_CONTACT};
use crate::report::Reporter;

/// What a refused filing was over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Over {
    /// A NIK, phone number or e-mail address has filed its reports for the day.
    Contact,
    /// The Open311 app has filed its reports for the hour.
    App,
}

/// What a counter of the plan counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counts {
    Filing(Over),
    Ack(Medium),
}

/// The counters one filing takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The slots, in the order `lapor_store::limits::take` answers them.
    pub slots: Vec<Slot>,
    counts: Vec<Counts>,
}

/// The decision on one filing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// File it, without an acknowledgement on these media (unproven contacts past their daily limit).
    File { withheld: Vec<Medium> },
    /// Refuse it: give the slots back.
    Refuse(Over),
}

impl Plan {
    /// The slots a filing by `reporter` takes at `now`: one filing slot per NIK, phone and e-mail given, one per
    /// Open311 `app`, and one acknowledgement slot per phone and e-mail.
    pub fn of(index: &BlindIndex, reporter: &Reporter, app: Option<&str>, now: i64) -> Plan {
        let mut plan = Plan { slots: Vec::new(), counts: Vec::new() };
        let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        for (scope, value) in
            [("filing-nik", &reporter.nik), ("filing-phone", &reporter.phone), ("filing-email", &reporter.email)]
        {
            if let Some(v) = given(value) {
                plan.slots.push(FILING_CONTACT.personal_slot(index, scope, &v, now));
                plan.counts.push(Counts::Filing(Over::Contact));
            }
        }
        if let Some(app) = app {
            plan.slots.push(FILING_APP.slot("filing-app", app, now));
            plan.counts.push(Counts::Filing(Over::App));
        }
        for (scope, value, medium) in
            [("ack-phone", &reporter.phone, Medium::Sms), ("ack-email", &reporter.email, Medium::Email)]
        {
            if let Some(v) = given(value) {
                plan.slots.push(ACK_UNPROVEN.personal_slot(index, scope, &v, now));
                plan.counts.push(Counts::Ack(medium));
            }
        }
        plan
    }

    /// The media whose acknowledgement slot is past the limit: the use case asks whether those contacts have
    /// proven themselves (only then, so a filing within the limits costs no look-up).
    pub fn ack_candidates(&self, taken: &[u64]) -> Vec<Medium> {
        self.over(taken)
            .filter_map(|c| match c {
                Counts::Ack(m) => Some(m),
                Counts::Filing(_) => None,
            })
            .collect()
    }

    /// The decision from the counts `taken` (one per slot) and the media whose contact has `proven` itself.
    pub fn decide(&self, taken: &[u64], proven: &[Medium]) -> Decision {
        if let Some(over) = self.over(taken).find_map(|c| match c {
            Counts::Filing(o) => Some(o),
            Counts::Ack(_) => None,
        }) {
            return Decision::Refuse(over);
        }
        let withheld = self.ack_candidates(taken).into_iter().filter(|m| !proven.contains(m)).collect();
        Decision::File { withheld }
    }

    fn over<'a>(&'a self, taken: &'a [u64]) -> impl Iterator<Item = Counts> + 'a {
        self.slots.iter().zip(&self.counts).zip(taken).filter(|((s, _), n)| !s.allows(**n)).map(|((_, c), _)| *c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_800_000_000;

    fn reporter(nik: Option<&str>, phone: Option<&str>, email: Option<&str>) -> Reporter {
        Reporter {
            nik: nik.map(Into::into),
            phone: phone.map(Into::into),
            email: email.map(Into::into),
            ..Reporter::default()
        }
    }

    fn index() -> BlindIndex {
        BlindIndex::new(b"test key")
    }

    #[test]
    fn an_anonymous_report_takes_no_slot() {
        let plan = Plan::of(&index(), &reporter(None, Some("  "), None), None, T);
        assert!(plan.slots.is_empty());
        assert_eq!(plan.decide(&[], &[]), Decision::File { withheld: vec![] });
    }

    #[test]
    fn the_eleventh_report_of_a_nik_in_a_day_is_refused_whatever_else() {
        let plan = Plan::of(&index(), &reporter(Some("3171234567890123"), Some("+6281234567890"), None), None, T);
        // nik, phone filing, phone ack
        assert_eq!(plan.slots.len(), 3);
        assert_eq!(plan.decide(&[10, 1, 1], &[]), Decision::File { withheld: vec![] });
        assert_eq!(plan.decide(&[11, 1, 1], &[]), Decision::Refuse(Over::Contact));
        assert_eq!(plan.decide(&[1, 11, 11], &[Medium::Sms]), Decision::Refuse(Over::Contact));
    }

    #[test]
    fn an_app_is_limited_per_key() {
        let plan = Plan::of(&index(), &reporter(None, None, None), Some("app-1"), T);
        assert_eq!(plan.decide(&[600], &[]), Decision::File { withheld: vec![] });
        assert_eq!(plan.decide(&[601], &[]), Decision::Refuse(Over::App));
    }

    #[test]
    fn acknowledgements_to_an_unproven_contact_stop_after_three_a_day() {
        let plan = Plan::of(&index(), &reporter(None, Some("+6281234567890"), Some("a@b.id")), None, T);
        // phone filing, e-mail filing, phone ack, e-mail ack
        assert_eq!(plan.decide(&[3, 3, 3, 3], &[]), Decision::File { withheld: vec![] });
        assert_eq!(plan.ack_candidates(&[4, 4, 4, 3]), vec![Medium::Sms]);
        assert_eq!(plan.decide(&[4, 4, 4, 4], &[]), Decision::File { withheld: vec![Medium::Sms, Medium::Email] });
        assert_eq!(plan.decide(&[4, 4, 4, 4], &[Medium::Sms]), Decision::File { withheld: vec![Medium::Email] });
    }

    #[test]
    fn the_slots_name_no_contact_in_clear() {
        let plan =
            Plan::of(&index(), &reporter(Some("3171234567890123"), Some("+6281234567890"), Some("a@b.id")), None, T);
        for s in &plan.slots {
            assert!(
                !s.key.contains("3171234567890123") && !s.key.contains("6281234567890") && !s.key.contains("a@b.id")
            );
        }
        let keys: std::collections::HashSet<_> = plan.slots.iter().map(|s| &s.key).collect();
        assert_eq!(keys.len(), plan.slots.len(), "every counter is its own");
    }
}
