//! The rapot's JSON API (`/api/v1/rapot/...`, bearer sessions): the rapot of a period, the reports behind an
//! OPD's figures, and issued (frozen) rapots with their CSV.

use std::collections::HashMap;

use lapor_core::rapot::issue::Line;
use lapor_core::rapot::{Figure, OpdCard};
use lapor_core::texts::rapot::FORMULA;
use lapor_core::time::rfc3339;
use lapor_spin::request::Req;
use lapor_spin::{respond, staff};
use lapor_store::rapot_issues::Issue;
use lapor_store::Db;
use serde::Deserialize;
use serde_json::{json, Value};
use spin_sdk::http::Response;

use super::{Refusal, Viewer};

fn viewer(req: &Req, db: &dyn Db) -> Result<Viewer, Refusal> {
    let s = staff::require(req, db).map_err(|_| Refusal::Unauthenticated)?;
    Viewer::of(db, s)
}

fn run(f: impl FnOnce() -> Result<Response, Refusal>) -> Response {
    f().unwrap_or_else(Refusal::json)
}

/// The figures of a card.
pub fn card_json(c: &OpdCard) -> Value {
    json!({
        "received": c.received, "answered_on_time": c.answered_on_time, "answered_late": c.answered_late,
        "overdue_now": c.overdue_now, "reopened": c.reopened, "median_first_answer_seconds": c.median_first_answer,
        "completed": c.completed, "satisfaction": c.satisfaction, "score": c.score, "under_60": c.is_low(),
    })
}

fn period_json(p: &lapor_core::rapot::period::Period, tz: lapor_core::regions::TimeZone) -> Value {
    let (from, to) = p.bounds(tz);
    json!({ "key": p.key(), "label": p.label(false), "label_en": p.label(true), "start": rfc3339(from),
            "end": rfc3339(to), "time_zone": tz.as_str() })
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
            &json!({
                "period": period_json(&r.period, r.tz),
                "formula": { "id": FORMULA.id, "en": FORMULA.en },
                "instansi": r.instansi.as_ref().map(|i| json!({ "id": i.id, "name": i.name, "kind": i.kind, "region_code": i.region_code })),
                "opds": r.opds.iter().map(|o| json!({
                    "opd_id": o.opd_id, "name": o.opd_name, "figures": card_json(&o.card),
                    "reprimands": r.reprimands.get(&o.opd_id).copied().unwrap_or(0),
                })).collect::<Vec<_>>(),
                "instansi_lines": r.members.iter().map(|m| json!({
                    "instansi_id": m.instansi.id, "name": m.instansi.name, "kind": m.instansi.kind, "figures": card_json(&m.card),
                })).collect::<Vec<_>>(),
                "total": r.total.as_ref().map(card_json),
            }),
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
        let list: Vec<Value> = d
            .of(figure)
            .iter()
            .map(|r| {
                json!({
                    "tracking_id": r.tracking_id,
                    "title": if d.may_open { Some(&r.title) } else { None },
                    "status": r.status,
                    "dispatched_at": rfc3339(r.dispatched_at),
                    "assigned_at": rfc3339(r.facts.assigned_at),
                    "due_at": rfc3339(r.facts.due_at),
                    "first_answer_at": r.facts.first_answer_at.map(rfc3339),
                    "console_url": format!("/staff/laporan/{}", r.tracking_id),
                })
            })
            .collect();
        Ok(respond::json(
            200,
            &json!({
                "opd": { "id": d.opd.id, "name": d.opd.name, "instansi_id": d.instansi.id, "instansi": d.instansi.name },
                "figure": figure.as_str(),
                "period": period_json(&d.period, lapor_core::regions::TimeZone::from_abbreviation(&d.instansi.time_zone)),
                "reports": list,
            }),
        ))
    })
}

fn issue_json(i: &Issue) -> Value {
    json!({
        "id": i.id, "instansi_id": i.instansi_id, "instansi": i.instansi_name, "period": i.period,
        "period_label": i.period_label, "period_start": rfc3339(i.period_start), "period_end": rfc3339(i.period_end),
        "stage": i.stage, "issued_at": rfc3339(i.issued_at), "issued_by": { "id": i.issued_by, "name": i.issued_by_name },
        "csv_url": format!("/api/v1/rapot/issues/{}/csv", i.id),
    })
}

fn line_json(l: &Line) -> Value {
    json!({ "instansi_id": l.instansi_id, "instansi": l.instansi_name, "opd_id": l.opd_id, "opd": l.opd_name,
            "figures": card_json(&l.card), "note": l.note })
}

/// `GET /api/v1/rapot/issues?instansi=`: the issued rapots of an instansi, newest first.
pub fn list_issues(req: &Req, db: &dyn Db) -> Response {
    run(|| {
        let v = viewer(req, db)?;
        let id = super::instansi_param(req)?.or_else(|| v.default_instansi()).ok_or_else(|| {
            Refusal::Invalid(vec![lapor_core::FieldError::new("instansi", "required", "wajib diisi / required")])
        })?;
        let (_, list) = super::issues(db, &v, id)?;
        Ok(respond::json(200, &json!({ "issues": list.iter().map(issue_json).collect::<Vec<_>>() })))
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
        let mut body = issue_json(&head);
        body["lines"] = lines.iter().map(line_json).collect();
        Ok(respond::json(201, &body))
    })
}

/// `GET /api/v1/rapot/issues/{id}`: an issued rapot with its frozen lines.
pub fn get_issue(req: &Req, db: &dyn Db, id: &str) -> Response {
    run(|| {
        let v = viewer(req, db)?;
        let id: i64 = id.parse().map_err(|_| Refusal::NotFound("rapor"))?;
        let (head, lines) = super::issued(db, &v, id)?;
        let mut body = issue_json(&head);
        body["lines"] = lines.iter().map(line_json).collect();
        Ok(respond::json(200, &body))
    })
}

/// `GET /api/v1/rapot/issues/{id}/csv`: the CSV of an issued rapot.
pub fn issue_csv(req: &Req, db: &dyn Db, id: &str) -> Response {
    run(|| {
        let v = viewer(req, db)?;
        let id: i64 = id.parse().map_err(|_| Refusal::NotFound("rapor"))?;
        let (head, lines) = super::issued(db, &v, id)?;
        Ok(super::csv_response(&head, &lines))
    })
}
