//! The SQL of the leader's rapot: one row of facts per report dispatched in a period (with the OPD and
//! instansi it belongs to), and the cards of OPDs and instansi built from them by `lapor_core::rapot`.

use std::collections::HashMap;

use lapor_core::rapot::{self, OpdCard, ReportFacts};
use lapor_core::regions::TimeZone;
use lapor_core::Status;

use crate::db::{placeholders, Db, StoreError, Value};
use crate::organisation::{self, Instansi};
use crate::reports;

/// One OPD's line on the dashboard.
#[derive(Debug, Clone, PartialEq)]
pub struct OpdLine {
    pub opd_id: i64,
    pub opd_name: String,
    pub card: OpdCard,
}

/// One instansi's line (all its OPDs together).
#[derive(Debug, Clone, PartialEq)]
pub struct InstansiLine {
    pub instansi: Instansi,
    pub card: OpdCard,
}

/// A report behind the figures: what the rules need, and what a drill-down lists.
#[derive(Debug, Clone, PartialEq)]
pub struct FactRow {
    pub report_id: i64,
    pub tracking_id: String,
    pub title: String,
    pub status: Status,
    pub instansi_id: i64,
    pub opd_id: i64,
    /// When it was first dispatched to an instansi.
    pub dispatched_at: i64,
    pub facts: ReportFacts,
}

/// Which reports to read.
#[derive(Debug, Clone, Copy)]
pub enum Within<'a> {
    /// Those of the OPDs of these instansi.
    Instansi(&'a [i64]),
    /// Those of one OPD.
    Opd(i64),
    /// Every report with an OPD.
    Everywhere,
}

/// The reports with an OPD first dispatched in `[from, to)`, oldest dispatch first, with their facts.
pub fn report_facts(db: &dyn Db, within: Within, from: i64, to: i64) -> Result<Vec<FactRow>, StoreError> {
    let mut params: Vec<Value> = Vec::new();
    let filter = match within {
        Within::Instansi([]) => return Ok(Vec::new()),
        Within::Instansi(ids) => {
            params.extend(ids.iter().map(|i| Value::Integer(*i)));
            format!("o.instansi_id IN ({})", placeholders(ids.len()))
        }
        Within::Opd(id) => {
            params.push(Value::Integer(id));
            "r.opd_id = ?".to_string()
        }
        Within::Everywhere => "1 = 1".to_string(),
    };
    params.push(Value::Integer(from));
    params.push(Value::Integer(to));
    let sql = format!(
        "SELECT * FROM (SELECT r.id, r.tracking_id, r.title, r.status, o.instansi_id, r.opd_id, r.due_at, i.time_zone, \
           COALESCE((SELECT max(e.at) FROM events e WHERE e.report_id = r.id AND e.kind = 'status' \
                     AND e.to_status = 'assigned'), r.created_at), \
           (SELECT min(e.at) FROM events e WHERE e.report_id = r.id AND e.kind = 'answer'), \
           EXISTS (SELECT 1 FROM events c WHERE c.report_id = r.id AND c.kind = 'reply' AND c.actor = 'citizen' \
                   AND c.at >= (SELECT min(a.at) FROM events a WHERE a.report_id = r.id AND a.kind = 'answer')), \
           (SELECT min(e.at) FROM events e WHERE e.report_id = r.id AND e.kind = 'status' \
                   AND e.to_status = 'dispatched') AS dispatched_at \
         FROM reports r JOIN opds o ON o.id = r.opd_id JOIN instansi i ON i.id = o.instansi_id WHERE {filter}) \
         WHERE dispatched_at >= ? AND dispatched_at < ? ORDER BY dispatched_at, id"
    );
    let rows = db.execute(&sql, &params)?;
    let cal = reports::calendar(db)?;
    Ok(rows
        .rows
        .iter()
        .map(|r| {
            let status = r.status(3);
            FactRow {
                report_id: r.int(0),
                tracking_id: r.text(1),
                title: r.text(2),
                status,
                instansi_id: r.int(4),
                opd_id: r.int(5),
                dispatched_at: r.int(11),
                facts: ReportFacts::of(
                    status,
                    r.int(8),
                    r.opt_int(6),
                    TimeZone::from_abbreviation(&r.text(7)),
                    &cal,
                    r.opt_int(9),
                    r.int(10) == 1,
                ),
            }
        })
        .collect())
}

fn group<K: std::hash::Hash + Eq>(rows: &[FactRow], key: impl Fn(&FactRow) -> K) -> HashMap<K, Vec<ReportFacts>> {
    let mut by: HashMap<K, Vec<ReportFacts>> = HashMap::new();
    for r in rows {
        by.entry(key(r)).or_default().push(r.facts);
    }
    by
}

/// The cards of every active OPD of `instansi_id` (the Inspektorat too) at `now`, from `rows`.
pub fn opd_lines(db: &dyn Db, instansi_id: i64, rows: &[FactRow], now: i64) -> Result<Vec<OpdLine>, StoreError> {
    let by_opd = group(rows, |r| r.opd_id);
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

/// The cards of every active OPD of `instansi_id` for the reports dispatched in `[from, to)`, at `now`.
pub fn instansi_cards(db: &dyn Db, instansi_id: i64, now: i64, from: i64, to: i64) -> Result<Vec<OpdLine>, StoreError> {
    let rows = report_facts(db, Within::Instansi(&[instansi_id]), from, to)?;
    opd_lines(db, instansi_id, &rows, now)
}

/// One card per instansi (all its OPDs' reports together) from `rows`, in the order given.
pub fn instansi_lines(list: Vec<Instansi>, rows: &[FactRow], now: i64) -> Vec<InstansiLine> {
    let by = group(rows, |r| r.instansi_id);
    list.into_iter()
        .map(|i| InstansiLine { card: rapot::card(by.get(&i.id).map(Vec::as_slice).unwrap_or(&[]), now), instansi: i })
        .collect()
}
