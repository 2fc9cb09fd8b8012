//! The leader's rapot, shared by the JSON API (`/api/v1/rapot/...`, [`api`]) and the pages (`/dashboard...`,
//! [`pages`]): who is asking and what they may see (`lapor_core::rapot::reach`), the period
//! (`lapor_core::rapot::period`), the figures (`lapor_store::dashboard`) and issued rapots
//! (`lapor_store::rapot_issues`).

pub mod api;
pub mod pages;

use std::collections::HashMap;

use lapor_core::rapot::issue::{self, Line};
use lapor_core::rapot::period::{self, Period};
use lapor_core::rapot::reach::{self, Body};
use lapor_core::rapot::{self as rules, Figure, OpdCard};
use lapor_core::regions::TimeZone;
use lapor_core::roles::{Role, Staff};
use lapor_core::texts::{self, Text};
use lapor_core::{ErrorCode, FieldError};
use lapor_spin::error::{DebugResp, PageError};
use lapor_spin::html::{error_page, Lang};
use lapor_spin::request::Req;
use lapor_spin::{clock, respond};
use lapor_store::dashboard::{self, FactRow, InstansiLine, OpdLine, Within};
use lapor_store::organisation::{self, Instansi};
use lapor_store::rapot_issues::{self, Issue};
use lapor_store::{Db, StoreError};
use spin_sdk::http::Response;

/// Why a rapot request is refused; answered as JSON by the API and as a page by the dashboard.
#[derive(Debug)]
pub enum Refusal {
    /// No (valid) session, or an admin who must enrol in two-step sign-in first: the ready answer (401/403 for
    /// the API, the redirect for pages).
    Unauthenticated(DebugResp),
    /// The caller has no rapot, or may not do this.
    Forbidden,
    /// Missing, or outside the caller's reach (the two look the same).
    NotFound(&'static str),
    /// Bad input.
    Invalid(Vec<FieldError>),
    /// A store failure.
    Internal(StoreError),
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        Refusal::Internal(e)
    }
}

impl From<PageError> for Refusal {
    fn from(e: PageError) -> Self {
        match e {
            PageError::Response(r) => Refusal::Unauthenticated(r),
            PageError::Store(e) => Refusal::Internal(e),
            PageError::Action(_) | PageError::NotFound => Refusal::NotFound("page"),
        }
    }
}

impl Refusal {
    /// The JSON error response.
    pub fn json(self) -> Response {
        match self {
            Refusal::Unauthenticated(r) => r.0,
            Refusal::Forbidden => lapor_spin::staff::forbidden(),
            Refusal::NotFound(what) => {
                respond::error(ErrorCode::NotFound, &format!("{what} tidak ditemukan / {what} not found"))
            }
            Refusal::Invalid(fields) => respond::invalid(&fields),
            Refusal::Internal(e) => lapor_spin::internal("rapot", &e),
        }
    }

    /// The page response.
    pub fn page(self, req: &Req) -> Response {
        match self {
            Refusal::Unauthenticated(r) => r.0,
            Refusal::Forbidden => error_page(
                req,
                403,
                texts::common::NOT_ALLOWED,
                Lang::of(req).t(texts::rapot::RAPOT_LEADERS_INSPEKTORAT_ADMINS),
            ),
            Refusal::NotFound(what) => error_page(req, 404, texts::common::NOT_FOUND, what),
            Refusal::Invalid(fields) => {
                let detail: Vec<String> = fields.iter().map(|f| f.message.clone()).collect();
                error_page(req, 422, texts::common::INVALID_INPUT, &detail.join(" · "))
            }
            Refusal::Internal(e) => lapor_spin::internal("rapot page", &e),
        }
    }
}

/// The caller and the instansi they hold rapot roles in.
pub struct Viewer {
    pub staff: Staff,
    pub homes: Vec<(Body, Role)>,
}

fn body(i: &Instansi) -> Body {
    Body { id: i.id, kind: i.kind.clone(), region_code: i.region_code.clone() }
}

impl Viewer {
    /// The viewer, or 403 for a staff member without a rapot.
    pub fn of(db: &dyn Db, staff: Staff) -> Result<Viewer, Refusal> {
        if !reach::has_rapot(&staff) {
            return Err(Refusal::Forbidden);
        }
        let mut homes = Vec::new();
        for (id, role) in reach::homes(&staff) {
            if let Some(i) = organisation::get_instansi(db, id)? {
                homes.push((body(&i), role));
            }
        }
        Ok(Viewer { staff, homes })
    }

    /// Whether the viewer may see the rapot of `i`.
    pub fn may_view(&self, i: &Instansi) -> bool {
        reach::may_view(&self.staff, &self.homes, &body(i))
    }

    /// Whether the viewer may open the reports of instansi `i` in the console (`Staff::may_view_reports_of`:
    /// their own instansi, a governor's regencies and cities, or national).
    pub fn may_open_reports_of(&self, i: &Instansi) -> bool {
        let target = body(i);
        let province = self.homes.iter().find(|(h, _)| target.is_regency_of(h)).map(|(h, _)| h.id);
        self.staff.may_view_reports_of(i.id, province)
    }

    /// An instansi the viewer may see, or 404.
    pub fn instansi(&self, db: &dyn Db, id: i64) -> Result<Instansi, Refusal> {
        organisation::get_instansi(db, id)?.filter(|i| self.may_view(i)).ok_or(Refusal::NotFound("instansi"))
    }

    /// The instansi a page opens on without `?instansi=`: a leader's first, else any home; `None` for the
    /// national admin (the national overview).
    pub fn default_instansi(&self) -> Option<i64> {
        if self.staff.has_role(Role::NationalAdmin) {
            return None;
        }
        self.homes.iter().find(|(_, r)| *r == Role::Leader).or(self.homes.first()).map(|(b, _)| b.id)
    }
}

fn invalid(field: &str, code: &'static str, message: impl Into<String>) -> Refusal {
    Refusal::Invalid(vec![FieldError::new(field, code, message)])
}

/// `?instansi=` as an id (absent: `None`; not a number: 422).
pub fn instansi_param(req: &Req) -> Result<Option<i64>, Refusal> {
    match req.query_param("instansi").filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => {
            s.parse().map(Some).map_err(|_| invalid("instansi", "invalid", "instansi harus angka / must be a number"))
        }
    }
}

/// The period of the request (`period`, or `from` and `to`), in `tz`; the current month by default.
pub fn period_of(get: impl Fn(&str) -> Option<String>, tz: TimeZone) -> Result<Period, Refusal> {
    let today = period::today(clock::now(), tz);
    Period::parse(get("period").as_deref(), get("from").as_deref(), get("to").as_deref(), today)
        .map_err(|m| invalid("period", "invalid_period", m))
}

/// A rapot as computed now.
pub struct Rapot {
    pub period: Period,
    pub tz: TimeZone,
    /// `None`: the national overview (every instansi).
    pub instansi: Option<Instansi>,
    /// The instansi's own OPDs.
    pub opds: Vec<OpdLine>,
    /// Side by side: for a province, the province and its regencies/cities; nationally, every instansi
    /// (filtered by the search); otherwise empty.
    pub members: Vec<InstansiLine>,
    /// The total over `members` (the province total, the national total).
    pub total: Option<OpdCard>,
    /// The Inspektorat's reprimands per OPD of the instansi in the period (OPD id → count).
    pub reprimands: std::collections::HashMap<i64, i64>,
    pub now: i64,
}

/// Computes the rapot of `target` (or the national overview) for a period, filtering the side-by-side
/// instansi by `search` (name, case-insensitive) and `kind`.
pub fn compute(
    db: &dyn Db,
    v: &Viewer,
    target: Option<i64>,
    get: impl Fn(&str) -> Option<String>,
) -> Result<Rapot, Refusal> {
    let now = clock::now();
    let search = get("q").map(|q| q.trim().to_lowercase()).unwrap_or_default();
    let kind = get("kind").filter(|k| !k.is_empty());
    let matches = |i: &Instansi| i.name.to_lowercase().contains(&search) && kind.as_deref().is_none_or(|k| i.kind == k);
    let Some(id) = target.or_else(|| v.default_instansi()) else {
        if !v.staff.has_role(Role::NationalAdmin) {
            return Err(Refusal::Forbidden);
        }
        let period = period_of(&get, TimeZone::Wib)?;
        let (from, to) = period.bounds(TimeZone::Wib);
        let rows = dashboard::report_facts(db, Within::Everywhere, from, to)?;
        let total = rules::card(&rows.iter().map(|r| r.facts).collect::<Vec<_>>(), now);
        let list: Vec<Instansi> = organisation::all_instansi(db)?.into_iter().filter(|i| matches(i)).collect();
        let members = dashboard::instansi_lines(list, &rows, now);
        return Ok(Rapot {
            period,
            tz: TimeZone::Wib,
            instansi: None,
            opds: Vec::new(),
            members,
            total: Some(total),
            reprimands: Default::default(),
            now,
        });
    };
    let instansi = v.instansi(db, id)?;
    let tz = TimeZone::from_abbreviation(&instansi.time_zone);
    let period = period_of(&get, tz)?;
    let (from, to) = period.bounds(tz);
    let mut group = vec![instansi.clone()];
    if instansi.kind == "province" {
        if let Some(code) = &instansi.region_code {
            group.extend(organisation::regencies_of(db, code)?.into_iter().filter(|i| v.may_view(i)));
        }
    }
    let ids: Vec<i64> = group.iter().map(|i| i.id).collect();
    let rows = dashboard::report_facts(db, Within::Instansi(&ids), from, to)?;
    let own: Vec<FactRow> = rows.iter().filter(|r| r.instansi_id == id).cloned().collect();
    let opds = dashboard::opd_lines(db, id, &own, now)?;
    let (members, total) = if group.len() > 1 {
        let total = rules::card(&rows.iter().map(|r| r.facts).collect::<Vec<_>>(), now);
        (dashboard::instansi_lines(group.into_iter().filter(|i| matches(i)).collect(), &rows, now), Some(total))
    } else {
        (Vec::new(), None)
    };
    let reprimands = lapor_store::oversight::reprimand_counts(db, id, from, to)?;
    Ok(Rapot { period, tz, instansi: Some(instansi), opds, members, total, reprimands, now })
}

/// The rows of a sortable table: a name and a card.
pub trait Sortable {
    fn name(&self) -> &str;
    fn card(&self) -> &OpdCard;
}

impl Sortable for OpdLine {
    fn name(&self) -> &str {
        &self.opd_name
    }
    fn card(&self) -> &OpdCard {
        &self.card
    }
}

impl Sortable for InstansiLine {
    fn name(&self) -> &str {
        &self.instansi.name
    }
    fn card(&self) -> &OpdCard {
        &self.card
    }
}

/// The sort keys (`?sort=`) with their column titles.
pub const COLUMNS: &[(&str, Text)] = &[
    ("name", texts::common::NAME),
    ("received", texts::common::RECEIVED),
    ("on_time", texts::rapot::ANSWERED_ON_TIME),
    ("late", texts::rapot::ANSWERED_LATE),
    ("overdue", texts::rapot::OVERDUE_NOW),
    ("reopened", texts::rapot::REOPENED),
    ("median", texts::rapot::MEDIAN_FIRST_ANSWER),
    ("completed", texts::rapot::COMPLETED),
    ("satisfaction", texts::rapot::SATISFACTION),
    ("score", texts::rapot::SCORE),
];

/// Sorts lines by `key`: names A–Z; the score, worst first (no score last); overdue, late, reopened and the
/// median, worst first; the other counts, largest first.
pub fn sort<T: Sortable>(lines: &mut [T], key: &str) {
    let k = |c: &OpdCard| -> f64 {
        match key {
            "received" => f64::from(c.received),
            "on_time" => f64::from(c.answered_on_time),
            "late" => f64::from(c.answered_late),
            "overdue" => f64::from(c.overdue_now),
            "reopened" => f64::from(c.reopened),
            "median" => c.median_first_answer.map_or(-1.0, |m| m as f64),
            "completed" => f64::from(c.completed),
            "satisfaction" => c.satisfaction.unwrap_or(-1.0),
            _ => c.score.map_or(f64::MAX, f64::from),
        }
    };
    match key {
        "name" => lines.sort_by(|a, b| a.name().cmp(b.name())),
        "score" | "" => lines.sort_by(|a, b| k(a.card()).total_cmp(&k(b.card())).then(a.name().cmp(b.name()))),
        _ => lines.sort_by(|a, b| k(b.card()).total_cmp(&k(a.card())).then(a.name().cmp(b.name()))),
    }
}

/// The sort key of the request (`score` by default).
pub fn sort_key(get: impl Fn(&str) -> Option<String>) -> String {
    get("sort").filter(|k| COLUMNS.iter().any(|c| c.0 == k)).unwrap_or_else(|| "score".into())
}

/// An OPD's drill-down: the OPD, its instansi and its reports dispatched in the period.
pub struct Drill {
    pub opd: organisation::Opd,
    pub instansi: Instansi,
    pub period: Period,
    pub rows: Vec<FactRow>,
    pub now: i64,
    /// Whether the viewer may open these reports in the console.
    pub may_open: bool,
}

/// The reports behind an OPD's figures (404 for an OPD outside the viewer's reach).
pub fn drill(db: &dyn Db, v: &Viewer, opd_id: i64, get: impl Fn(&str) -> Option<String>) -> Result<Drill, Refusal> {
    let opd = organisation::get_opd(db, opd_id)?.ok_or(Refusal::NotFound("OPD"))?;
    let instansi = v.instansi(db, opd.instansi_id).map_err(|_| Refusal::NotFound("OPD"))?;
    let tz = TimeZone::from_abbreviation(&instansi.time_zone);
    let period = period_of(get, tz)?;
    let (from, to) = period.bounds(tz);
    let rows = dashboard::report_facts(db, Within::Opd(opd_id), from, to)?;
    let may_open = v.may_open_reports_of(&instansi);
    Ok(Drill { opd, instansi, period, rows, now: clock::now(), may_open })
}

impl Drill {
    /// The reports counted in `figure`.
    pub fn of(&self, figure: Figure) -> Vec<&FactRow> {
        self.rows.iter().filter(|r| figure.matches(&r.facts, self.now)).collect()
    }
}

/// Issues (freezes) the rapot of instansi `id` for the period: its own OPDs and, for a province, each
/// regency/city the viewer sees (a total line, then its OPDs). `notes` maps OPD ids to catatan khusus.
pub fn issue(
    db: &dyn Db,
    v: &Viewer,
    id: i64,
    get: impl Fn(&str) -> Option<String>,
    notes: &HashMap<i64, String>,
) -> Result<i64, Refusal> {
    let instansi = v.instansi(db, id)?;
    if !reach::may_issue(&v.staff, id) {
        return Err(Refusal::Forbidden);
    }
    let r = compute(db, v, Some(id), &get)?;
    let mut group = vec![instansi.clone()];
    group.extend(r.members.iter().map(|m| m.instansi.clone()).filter(|i| i.id != id));
    let (from, to) = r.period.bounds(r.tz);
    let ids: Vec<i64> = group.iter().map(|i| i.id).collect();
    let rows = dashboard::report_facts(db, Within::Instansi(&ids), from, to)?;
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    let mut used = Vec::new();
    for i in &group {
        let own: Vec<FactRow> = rows.iter().filter(|x| x.instansi_id == i.id).cloned().collect();
        let total = rules::card(&own.iter().map(|x| x.facts).collect::<Vec<_>>(), r.now);
        lines.push(Line {
            instansi_id: i.id,
            instansi_name: i.name.clone(),
            opd_id: None,
            opd_name: None,
            card: total,
            note: None,
        });
        for o in dashboard::opd_lines(db, i.id, &own, r.now)? {
            let given = notes.get(&o.opd_id);
            if given.is_some() {
                used.push(o.opd_id);
            }
            let note = match issue::note_for(&o.card, given.map(String::as_str)) {
                Ok(n) => n,
                Err(m) => {
                    errors.push(FieldError::new(
                        &format!("notes.{}", o.opd_id),
                        "note_not_allowed",
                        format!("{}: {m}", o.opd_name),
                    ));
                    None
                }
            };
            lines.push(Line {
                instansi_id: i.id,
                instansi_name: i.name.clone(),
                opd_id: Some(o.opd_id),
                opd_name: Some(o.opd_name),
                card: o.card,
                note,
            });
        }
    }
    for k in notes.keys().filter(|k| !used.contains(k)) {
        errors.push(FieldError::new(
            &format!("notes.{k}"),
            "unknown_opd",
            "OPD ini tidak ada di rapor / this OPD is not in the rapot",
        ));
    }
    if !errors.is_empty() {
        return Err(Refusal::Invalid(errors));
    }
    let key = r.period.key();
    let label = r.period.label(false);
    Ok(rapot_issues::create(
        db,
        &rapot_issues::NewIssue {
            instansi_id: id,
            period: &key,
            period_label: &label,
            period_start: from,
            period_end: to,
            issued_by: v.staff.account_id,
            issued_at: r.now,
            lines: &lines,
        },
    )?)
}

/// The issued rapots of an instansi the viewer sees.
pub fn issues(db: &dyn Db, v: &Viewer, id: i64) -> Result<(Instansi, Vec<Issue>), Refusal> {
    let instansi = v.instansi(db, id)?;
    Ok((instansi, rapot_issues::list(db, id)?))
}

/// One issued rapot the viewer sees (404 otherwise), with the lines of the instansi whose live rapot they may
/// see (`reach::may_view`, the one rule for live and issued): a province's admin reads the province's lines of
/// the governor's rapot, not its regencies'.
pub fn issued(db: &dyn Db, v: &Viewer, id: i64) -> Result<(Issue, Vec<Line>), Refusal> {
    let (head, lines) = rapot_issues::get(db, id)?.ok_or(Refusal::NotFound("rapor"))?;
    v.instansi(db, head.instansi_id).map_err(|_| Refusal::NotFound("rapor"))?;
    let mut seen: HashMap<i64, bool> = HashMap::new();
    let mut visible = Vec::with_capacity(lines.len());
    for line in lines {
        let may = match seen.get(&line.instansi_id) {
            Some(may) => *may,
            None => {
                let may = organisation::get_instansi(db, line.instansi_id)?.is_some_and(|i| v.may_view(&i));
                *seen.entry(line.instansi_id).or_insert(may)
            }
        };
        if may {
            visible.push(line);
        }
    }
    Ok((head, visible))
}

/// An issued rapot by the id in its path (`/…/issues/{id}`, `/dashboard/terbit/{id}`), as [`issued`]; 404 for an
/// id that is not a number.
pub fn issued_from_path(db: &dyn Db, v: &Viewer, id: &str) -> Result<(Issue, Vec<Line>), Refusal> {
    let id: i64 = id.parse().map_err(|_| Refusal::NotFound("rapor"))?;
    issued(db, v, id)
}

/// The CSV download of an issued rapot.
pub fn csv_response(head: &Issue, lines: &[Line]) -> Response {
    let text = issue::csv(&head.period, head.stage, &lapor_core::time::rfc3339(head.issued_at), lines);
    let mut resp = respond::with_body(200, "text/csv; charset=utf-8", text.into_bytes());
    resp.set_header(
        "content-disposition",
        format!("attachment; filename=\"rapor-{}-{}-tahap-{}.csv\"", head.instansi_id, head.period, head.stage),
    );
    resp
}
