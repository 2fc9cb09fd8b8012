//! Issued rapots: a period's figures frozen as a dated record (append-only tables, `0011_rapot.sql`), so a
//! frozen rapot never changes as reports move on. One period may be issued again: each issue is a new stage.

use lapor_core::rapot::issue::Line;
use lapor_core::rapot::OpdCard;

use crate::db::{select, transaction, Db, Row, StoreError, Value};
use crate::params;

/// An issued rapot (without its lines).
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub id: i64,
    pub instansi_id: i64,
    pub instansi_name: String,
    pub period: String,
    pub period_label: String,
    pub period_start: i64,
    pub period_end: i64,
    pub stage: i64,
    pub issued_at: i64,
    pub issued_by: i64,
    pub issued_by_name: String,
}

/// What is frozen.
pub struct NewIssue<'a> {
    pub instansi_id: i64,
    pub period: &'a str,
    pub period_label: &'a str,
    pub period_start: i64,
    pub period_end: i64,
    pub issued_by: i64,
    pub issued_at: i64,
    pub lines: &'a [Line],
}

const SELECT: &str = "SELECT r.id, r.instansi_id, i.name, r.period, r.period_label, r.period_start, r.period_end, \
    r.stage, r.issued_at, r.issued_by, a.name FROM rapot_issues r JOIN instansi i ON i.id = r.instansi_id \
    JOIN accounts a ON a.id = r.issued_by";

fn issue(r: &Row) -> Issue {
    Issue {
        id: r.int(0),
        instansi_id: r.int(1),
        instansi_name: r.text(2),
        period: r.text(3),
        period_label: r.text(4),
        period_start: r.int(5),
        period_end: r.int(6),
        stage: r.int(7),
        issued_at: r.int(8),
        issued_by: r.int(9),
        issued_by_name: r.text(10),
    }
}

/// Lines per INSERT statement (17 parameters each).
const CHUNK: usize = 50;

/// Freezes a rapot in one transaction; its stage is one more than the period's last. Returns its id.
pub fn create(db: &dyn Db, n: &NewIssue) -> Result<i64, StoreError> {
    transaction(db, |db| {
        let stage = db
            .query_row(
                "SELECT COALESCE(max(stage), 0) + 1 FROM rapot_issues WHERE instansi_id = ? AND period = ?",
                params![n.instansi_id, n.period],
            )?
            .map_or(1, |r| r.int(0));
        db.execute(
            "INSERT INTO rapot_issues (instansi_id, period, period_label, period_start, period_end, stage, issued_at, \
             issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            params![
                n.instansi_id,
                n.period,
                n.period_label,
                n.period_start,
                n.period_end,
                stage,
                n.issued_at,
                n.issued_by
            ],
        )?;
        let id = db.last_insert_rowid()?;
        for (c, chunk) in n.lines.chunks(CHUNK).enumerate() {
            let mut values: Vec<Value> = Vec::new();
            for (k, l) in chunk.iter().enumerate() {
                let card = &l.card;
                values.extend([
                    Value::from(id),
                    Value::from((c * CHUNK + k) as i64),
                    Value::from(l.instansi_id),
                    Value::from(l.instansi_name.as_str()),
                    Value::from(l.opd_id),
                    Value::from(l.opd_name.as_deref()),
                    Value::from(i64::from(card.received)),
                    Value::from(i64::from(card.answered_on_time)),
                    Value::from(i64::from(card.answered_late)),
                    Value::from(i64::from(card.overdue_now)),
                    Value::from(i64::from(card.reopened)),
                    Value::from(card.median_first_answer),
                    Value::from(i64::from(card.completed)),
                    Value::from(card.satisfaction),
                    Value::from(card.score.map(i64::from)),
                    Value::from(l.note.as_deref()),
                ]);
            }
            let placeholders = vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ");
            db.execute(
                &format!(
                    "INSERT INTO rapot_issue_lines (issue_id, position, instansi_id, instansi_name, opd_id, opd_name, \
                     received, answered_on_time, answered_late, overdue_now, reopened, median_first_answer, completed, \
                     satisfaction, score, note) VALUES {placeholders}"
                ),
                &values,
            )?;
        }
        Ok(id)
    })
}

/// The issued rapots of an instansi, newest first.
pub fn list(db: &dyn Db, instansi_id: i64) -> Result<Vec<Issue>, StoreError> {
    select(
        db,
        &format!("{SELECT} WHERE r.instansi_id = ? ORDER BY r.issued_at DESC, r.id DESC"),
        params![instansi_id],
        issue,
    )
}

/// One issued rapot with its lines, in their frozen order.
pub fn get(db: &dyn Db, id: i64) -> Result<Option<(Issue, Vec<Line>)>, StoreError> {
    let Some(head) = db.query_row(&format!("{SELECT} WHERE r.id = ?"), params![id])? else { return Ok(None) };
    let rows = db.execute(
        "SELECT instansi_id, instansi_name, opd_id, opd_name, received, answered_on_time, answered_late, overdue_now, \
         reopened, median_first_answer, completed, satisfaction, score, note FROM rapot_issue_lines \
         WHERE issue_id = ? ORDER BY position",
        params![id],
    )?;
    let n = |r: &Row, i| r.int(i) as u32;
    let lines = rows
        .rows
        .iter()
        .map(|r| Line {
            instansi_id: r.int(0),
            instansi_name: r.text(1),
            opd_id: r.opt_int(2),
            opd_name: r.opt_text(3),
            card: OpdCard {
                received: n(r, 4),
                answered_on_time: n(r, 5),
                answered_late: n(r, 6),
                overdue_now: n(r, 7),
                reopened: n(r, 8),
                median_first_answer: r.opt_int(9),
                completed: n(r, 10),
                satisfaction: r.opt_real(11),
                score: r.opt_int(12).map(|s| s as u32),
            },
            note: r.opt_text(13),
        })
        .collect();
    Ok(Some((issue(&head), lines)))
}
