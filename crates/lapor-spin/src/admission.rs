//! Filing admission, shared by the web form, the JSON API and Open311: the counters of `lapor_core::admission`
//! (per NIK, phone and e-mail, per Open311 app, acknowledgements to unproven contacts) taken in one statement,
//! the proof of a contact looked up only when its acknowledgements are past the limit, and the decision.

use lapor_core::admission::{Decision, Over, Plan};
use lapor_core::blind_index::BlindIndex;
use lapor_core::notify::Medium;
use lapor_core::rate_limit::Slot;
use lapor_core::report::Reporter;
use lapor_core::texts::{self, Text};
use lapor_store::{limits, reports, Db, StoreError};

/// A filing that may go ahead.
#[derive(Debug)]
pub struct Admitted {
    /// Media on which the reporter gets no acknowledgement (`reports::NewRow::withheld`).
    pub withheld: Vec<Medium>,
    slots: Vec<Slot>,
}

impl Admitted {
    /// Gives the slots back after the filing failed, so that it does not count (logged when that fails too).
    pub fn give_back(&self, db: &dyn Db) {
        if let Err(e) = limits::give_back(db, &self.slots.iter().collect::<Vec<_>>()) {
            eprintln!("error: give back filing slots: {e}");
        }
    }
}

/// Whether `reporter` (through the Open311 app `app`, if any) may file at `now`; a refusal says what it was over
/// and has taken nothing. `index` is the deployment's (`secrets::blind_index`).
pub fn admit(
    db: &dyn Db,
    index: &BlindIndex,
    reporter: &Reporter,
    app: Option<&str>,
    now: i64,
) -> Result<Result<Admitted, Over>, StoreError> {
    let plan = Plan::of(index, reporter, app, now);
    let slots: Vec<&Slot> = plan.slots.iter().collect();
    let taken = limits::take(db, &slots)?;
    let mut proven = Vec::new();
    for medium in plan.ack_candidates(&taken) {
        // Only a phone can prove itself today (a report sent by SMS from it); e-mail has no proof yet.
        if let (Medium::Sms, Some(phone)) = (medium, reporter.phone.as_deref()) {
            if reports::phone_proven(db, phone)? {
                proven.push(medium);
            }
        }
    }
    match plan.decide(&taken, &proven) {
        Decision::Refuse(over) => {
            limits::give_back(db, &slots)?;
            Ok(Err(over))
        }
        Decision::File { withheld } => Ok(Ok(Admitted { withheld, slots: plan.slots })),
    }
}

/// The text of a refusal.
pub fn refusal(over: Over) -> Text {
    match over {
        Over::Contact => texts::intake::FILING_LIMIT_CONTACT,
        Over::App => texts::intake::FILING_LIMIT_APP,
    }
}
