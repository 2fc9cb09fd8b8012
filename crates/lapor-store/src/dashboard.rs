//! The SQL of the leader's dashboard ("rapot"): one row of facts per report of each OPD of an instansi; the
//! figures and the score are computed by `lapor_core::rapot`.

use lapor_core::rapot::{self, OpdCard, ReportFacts};
use lapor_core::regions::TimeZone;
use lapor_core::sla;

use crate::db::{Db, StoreError};
use crate::{organisation, params, reports};

/// One OPD's line on the dashboard.
#[derive(Debug, Clone, PartialEq)]
pub struct OpdLine {
    pub opd_id: i64,
    pub opd_name: String,
    pub card: OpdCard,
}

/// The cards of every active OPD of `instansi_id` (the Inspektorat too) at `now`.
pub fn instansi_cards(db: &dyn Db, instansi_id: i64, now: i64) -> Result<Vec<OpdLine>, StoreError> {
    let tz = organisation::get_instansi(db, instansi_id)?
        .map_or(TimeZone::Wib, |i| TimeZone::from_abbreviation(&i.time_zone));
    let cal = reports::calendar(db)?;
    let rows = db.execute(
        "SELECT r.opd_id, r.status, r.due_at, \
           COALESCE((SELECT max(e.at) FROM events e WHERE e.report_id = r.id AND e.kind = 'status' \
                     AND e.to_status = 'assigned'), r.created_at), \
           (SELECT min(e.at) FROM events e WHERE e.report_id = r.id AND e.kind = 'answer'), \
           EXISTS (SELECT 1 FROM events c WHERE c.report_id = r.id AND c.kind = 'reply' AND c.actor = 'citizen' \
                   AND c.at >= (SELECT min(a.at) FROM events a WHERE a.report_id = r.id AND a.kind = 'answer')) \
         FROM reports r JOIN opds o ON o.id = r.opd_id WHERE o.instansi_id = ?",
        params![instansi_id],
    )?;
    let mut by_opd: std::collections::HashMap<i64, Vec<ReportFacts>> = std::collections::HashMap::new();
    for r in &rows.rows {
        let status = r.text(1);
        let assigned_at = r.int(3);
        let waiting = status == "assigned";
        let due_at = match r.opt_int(2) {
            Some(d) if waiting => d,
            _ => sla::follow_up_due(&cal, assigned_at, tz),
        };
        by_opd.entry(r.int(0)).or_default().push(ReportFacts {
            assigned_at,
            due_at,
            first_answer_at: r.opt_int(4),
            waiting,
            completed: status == "completed",
            citizen_replied_after_answer: r.int(5) == 1,
        });
    }
    Ok(organisation::list_opds(db, instansi_id)?
        .into_iter()
        .filter(|o| o.active)
        .map(|o| OpdLine {
            card: rapot::card(by_opd.get(&o.id).map(Vec::as_slice).unwrap_or(&[]), now),
            opd_id: o.id,
            opd_name: o.name,
        })
        .collect())
}
