//! The rapot's JSON API (`/api/v1/rapot/...`, bearer sessions): the rapot of a period, the reports behind an
//! OPD's figures, and issued (frozen) rapots with their CSV.

use std::collections::HashMap;

use lapor_core::rapot::issue::Line;
use lapor_core::rapot::{Figure, OpdCard};
use lapor_core::texts::rapot::FORMULA;
use lapor_core::texts::Text;
use lapor_core::time::rfc3339;
use lapor_spin::error::DebugResp;
use lapor_spin::request::Req;
use lapor_spin::{respond, staff};
use lapor_store::rapot_issues::Issue;
use lapor_store::Db;
use serde::{Deserialize, Serialize};
use spin_sdk::http::Response;

use super::{Refusal, Viewer};

fn viewer(req: &Req, db: &dyn Db) -> Result<Viewer, Refusal> {
    let s = staff::require(req, db).map_err(|r| Refusal::Unauthenticated(DebugResp(r)))?;
    Viewer::of(db, s)
}

fn run(f: impl FnOnce() -> Result<Response, Refusal>) -> Response {
    f().unwrap_or_else(Refusal::json)
}

/// The figures of a card (`RapotFigures` in docs/openapi.yaml).
#[derive(Serialize)]
struct Figures {
    received: u32,
    answered_on_time: u32,
    answered_late: u32,
    overdue_now: u32,
    reopened: u32,
    median_first_answer_seconds: Option<i64>,
    completed: u32,
    satisfaction: Option<f64>,
    score: Option<u32>,
    under_60: bool,
}

impl From<&OpdCard> for Figures {
    fn from(c: &OpdCard) -> Figures {
        Figures {
            received: c.received,
            answered_on_time: c.answered_on_time,
            answered_late: c.answered_late,
            overdue_now: c.overdue_now,
            reopened: c.reopened,
            median_first_answer_seconds: c.median_first_answer,
            completed: c.completed,
            satisfaction: c.satisfaction,
            score: c.score,
            under_60: c.is_low(),
        }
    }
}

/// A rapot's period (`RapotPeriod`): its key, its words in both languages and its bounds in the instansi's time zone.
#[derive(Serialize)]
struct PeriodView {
    key: String,
    label: String,
    label_en: String,
    start: String,
    end: String,
    time_zone: &'static str,
}

impl PeriodView {
    fn of(p: &lapor_core::rapot::period::Period, tz: lapor_core::regions::TimeZone) -> PeriodView {
        let (from, to) = p.bounds(tz);
        PeriodView {
            key: p.key(),
            label: p.label(false),
            label_en: p.label(true),
            start: rfc3339(from),
            end: rfc3339(to),
            time_zone: tz.as_str(),
        }
    }
}

/// `GET /api/v1/rapot`: the period, the formula, and the lines of the OPDs or of the member instansi.
#[derive(Serialize)]
struct RapotView<'a> {
    period: PeriodView,
    formula: Text,
    instansi: Option<InstansiView<'a>>,
    opds: Vec<OpdLineView<'a>>,
    instansi_lines: Vec<InstansiLineView<'a>>,
    total: Option<Figures>,
}

#[derive(Serialize)]
struct InstansiView<'a> {
    id: i64,
    name: &'a str,
    kind: &'a str,
    region_code: Option<&'a str>,
}

#[derive(Serialize)]
struct OpdLineView<'a> {
    opd_id: i64,
    name: &'a str,
    figures: Figures,
    reprimands: i64,
}

/// `GET /api/v1/rapot/opds/{id}/reports`: the reports behind one figure of an OPD.
#[derive(Serialize)]
struct FigureReports<'a> {
    opd: OpdView<'a>,
    figure: &'static str,
    period: PeriodView,
    reports: Vec<FigureReport<'a>>,
}

#[derive(Serialize)]
struct OpdView<'a> {
    id: i64,
    name: &'a str,
    instansi_id: i64,
    instansi: &'a str,
}

/// A report behind a figure (its title only for a viewer who may open it).
#[derive(Serialize)]
struct FigureReport<'a> {
    tracking_id: &'a str,
    title: Option<&'a String>,
    status: lapor_core::Status,
    dispatched_at: String,
    assigned_at: String,
    due_at: String,
    first_answer_at: Option<String>,
    console_url: String,
}

#[derive(Serialize)]
struct InstansiLineView<'a> {
    instansi_id: i64,
    name: &'a str,
    kind: &'a str,
    figures: Figures,
}

/// `GET /api/v1/rapot?instansi=&period=|from=&to=&sort=&q=&kind=`.
pub fn show(req: &Req, db: &dyn Db) -> Response {
    run(|| {
        let v = viewer(req, db)?;
        let target = super::instansi_param(req)?;
        let get = |k: &str| req.query_param(k);
        let mut r = super::compute(db, &v, target, get)?;
        let key = super::sort_key(get);
        super::sort(&mut r.opds, &key);
        super::sort(&mut r.members, &key);
        Ok(respond::json(
            200,
            &RapotView {
                period: PeriodView::of(&r.period, r.tz),
                formula: FORMULA,
                instansi: r.instansi.as_ref().map(|i| InstansiView {
                    id: i.id,
                    name: &i.name,
                    kind: &i.kind,
                    region_code: i.region_code.as_deref(),
                }),
                opds: r
                    .opds
                    .iter()
                    .map(|o| OpdLineView {
                        opd_id: o.opd_id,
                        name: &o.opd_name,
                        figures: Figures::from(&o.card),
                        reprimands: r.reprimands.get(&o.opd_id).copied().unwrap_or(0),
                    })
                    .collect(),
                instansi_lines: r
                    .members
                    .iter()
                    .map(|m| InstansiLineView {
                        instansi_id: m.instansi.id,
                        name: &m.instansi.name,
                        kind: &m.instansi.kind,
                        figures: Figures::from(&m.card),
                    })
                    .collect(),
                total: r.total.as_ref().map(Figures::from),
            },
        ))
    })
}

/// `GET /api/v1/rapot/opds/{id}/reports?figure=&period=|from=&to=`: the reports behind a figure.
pub fn reports(req: &Req, db: &dyn Db, id: &str) -> Response {
    run(|| {
        let v = viewer(req, db)?;
        let id: i64 = id.parse().map_err(|_| Refusal::NotFound("OPD"))?;
        let figure = match req.query_param("figure").filter(|f| !f.is_empty()) {
            None => Figure::Received,
            Some(f) => Figure::parse(&f).ok_or_else(|| {
                Refusal::Invalid(vec![lapor_core::FieldError::new(
                    "figure",
                    "unknown_value",
                    "received, overdue, late atau/or reopened",
                )])
            })?,
        };
        let d = super::drill(db, &v, id, |k| req.query_param(k))?;
        let reports = d
            .of(figure)
            .iter()
            .map(|r| FigureReport {
                tracking_id: &r.tracking_id,
                title: if d.may_open { Some(&r.title) } else { None },
                status: r.status,
                dispatched_at: rfc3339(r.dispatched_at),
                assigned_at: rfc3339(r.facts.assigned_at),
                due_at: rfc3339(r.facts.due_at),
                first_answer_at: r.facts.first_answer_at.map(rfc3339),
                console_url: format!("/staff/laporan/{}", r.tracking_id),
            })
            .collect();
        Ok(respond::json(
            200,
            &FigureReports {
                opd: OpdView {
                    id: d.opd.id,
                    name: &d.opd.name,
                    instansi_id: d.instansi.id,
                    instansi: &d.instansi.name,
                },
                figure: figure.as_str(),
                period: PeriodView::of(
                    &d.period,
                    lapor_core::regions::TimeZone::from_abbreviation(&d.instansi.time_zone),
                ),
                reports,
            },
        ))
    })
}

/// An issued rapot (`RapotIssue`); with its frozen `lines` when one is read or created.
#[derive(Serialize)]
struct IssueView<'a> {
    id: i64,
    instansi_id: i64,
    instansi: &'a str,
    period: &'a str,
    period_label: &'a str,
    period_start: String,
    period_end: String,
    stage: i64,
    issued_at: String,
    issued_by: Person<'a>,
    csv_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    lines: Option<Vec<LineView<'a>>>,
}

impl<'a> IssueView<'a> {
    fn of(i: &'a Issue, lines: Option<&'a [Line]>) -> IssueView<'a> {
        IssueView {
            id: i.id,
            instansi_id: i.instansi_id,
            instansi: &i.instansi_name,
            period: &i.period,
            period_label: &i.period_label,
            period_start: rfc3339(i.period_start),
            period_end: rfc3339(i.period_end),
            stage: i.stage,
            issued_at: rfc3339(i.issued_at),
            issued_by: Person { id: i.issued_by, name: &i.issued_by_name },
            csv_url: format!("/api/v1/rapot/issues/{}/csv", i.id),
            lines: lines.map(|l| l.iter().map(LineView::of).collect()),
        }
    }
}

#[derive(Serialize)]
struct Person<'a> {
    id: i64,
    name: &'a str,
}

/// A frozen line of an issued rapot.
#[derive(Serialize)]
struct LineView<'a> {
    instansi_id: i64,
    instansi: &'a str,
    opd_id: Option<i64>,
    opd: Option<&'a str>,
    figures: Figures,
    note: Option<&'a str>,
}

impl<'a> LineView<'a> {
    fn of(l: &'a Line) -> LineView<'a> {
        LineView {
            instansi_id: l.instansi_id,
            instansi: &l.instansi_name,
            opd_id: l.opd_id,
            opd: l.opd_name.as_deref(),
            figures: Figures::from(&l.card),
            note: l.note.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct IssueList<'a> {
    issues: Vec<IssueView<'a>>,
}

/// `GET /api/v1/rapot/issues?instansi=`: the issued rapots of an instansi, newest first.
pub fn list_issues(req: &Req, db: &dyn Db) -> Response {
    run(|| {
        let v = viewer(req, db)?;
        let id = super::instansi_param(req)?.or_else(|| v.default_instansi()).ok_or_else(|| {
            Refusal::Invalid(vec![lapor_core::FieldError::new("instansi", "required", "wajib diisi / required")])
        })?;
        let (_, list) = super::issues(db, &v, id)?;
        Ok(respond::json(200, &IssueList { issues: list.iter().map(|i| IssueView::of(i, None)).collect() }))
    })
}

#[derive(Deserialize)]
struct NewIssue {
    instansi_id: Option<i64>,
    period: Option<String>,
    from: Option<String>,
    to: Option<String>,
    #[serde(default)]
    notes: HashMap<String, String>,
}

/// `POST /api/v1/rapot/issues` `{instansi_id, period? | from, to, notes?: {"<opd id>": "catatan"}}` → 201.
pub fn create_issue(req: &Req, db: &dyn Db) -> Response {
    run(|| {
        let v = viewer(req, db)?;
        let input: NewIssue = match staff::body(req) {
            Ok(b) => b,
            Err(resp) => return Ok(resp),
        };
        let id = input.instansi_id.or_else(|| v.default_instansi()).ok_or_else(|| {
            Refusal::Invalid(vec![lapor_core::FieldError::new("instansi_id", "required", "wajib diisi / required")])
        })?;
        let mut notes = HashMap::new();
        for (k, text) in input.notes {
            let opd: i64 = k.parse().map_err(|_| {
                Refusal::Invalid(vec![lapor_core::FieldError::new(&format!("notes.{k}"), "invalid", "id OPD / OPD id")])
            })?;
            notes.insert(opd, text);
        }
        let get = |k: &str| match k {
            "period" => input.period.clone(),
            "from" => input.from.clone(),
            "to" => input.to.clone(),
            _ => None,
        };
        let issue_id = super::issue(db, &v, id, get, &notes)?;
        let (head, lines) = super::issued(db, &v, issue_id)?;
        Ok(respond::json(201, &IssueView::of(&head, Some(&lines))))
    })
}

/// `GET /api/v1/rapot/issues/{id}`: an issued rapot with its frozen lines.
pub fn get_issue(req: &Req, db: &dyn Db, id: &str) -> Response {
    run(|| {
        let v = viewer(req, db)?;
        let (head, lines) = super::issued_from_path(db, &v, id)?;
        Ok(respond::json(200, &IssueView::of(&head, Some(&lines))))
    })
}

/// `GET /api/v1/rapot/issues/{id}/csv`: the CSV of an issued rapot.
pub fn issue_csv(req: &Req, db: &dyn Db, id: &str) -> Response {
    run(|| {
        let v = viewer(req, db)?;
        let (head, lines) = super::issued_from_path(db, &v, id)?;
        Ok(super::csv_response(&head, &lines))
    })
}
