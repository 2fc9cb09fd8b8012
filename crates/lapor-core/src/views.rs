//! The JSON shapes the APIs answer with, one type for each thing shown, used by every component that shows it.
//! `docs/openapi.yaml` describes the same shapes; `tests/tests/openapi_views.rs` fails when the two drift.
//! Times are RFC 3339 strings (`crate::time::rfc3339`).

use serde::Serialize;

use crate::{Color, Status, Visibility};

/// Where a report is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location {
    pub text: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub region_code: Option<String>,
    pub region_name: Option<String>,
}

/// A colour's words, for people who do not see colours.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColorLabel {
    pub id: &'static str,
    pub en: &'static str,
}

impl From<Color> for ColorLabel {
    fn from(c: Color) -> Self {
        ColorLabel { id: c.label_id(), en: c.label_en() }
    }
}

/// What the public and staff views of a report share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportCore {
    pub tracking_id: String,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub category: String,
    pub incident_date: Option<String>,
    pub location: Location,
    pub channel: String,
    pub visibility: Visibility,
    pub status: Status,
    pub color: Color,
    pub color_label: ColorLabel,
    /// The instansi's name.
    pub instansi: Option<String>,
    /// The OPD's name.
    pub opd: Option<String>,
    pub due_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// The reporter on the public view: the name, or `anonymous`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum PublicReporter {
    Named { name: Option<String> },
    Anonymous { anonymous: bool },
}

/// One public entry of a report's thread.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThreadItem {
    pub at: String,
    /// `citizen`, `system` or `staff` (never which staff account).
    pub actor: String,
    pub kind: String,
    pub status: Option<String>,
    pub body: Option<String>,
}

/// `GET /api/v1/reports/{tracking_id}` of a report whose content is not public
/// ([`crate::Status::content_is_public`]: a rejected one), for anyone without the reporter token: its status only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicStatus {
    pub tracking_id: String,
    pub status: Status,
    pub color: Color,
    pub color_label: ColorLabel,
    pub created_at: String,
    pub updated_at: String,
    /// Always `true`: the content is shown only to the reporter.
    pub content_withheld: bool,
    /// Always `false`: the caller did not send this report's reporter token.
    pub is_reporter: bool,
}

/// `GET /api/v1/reports/{tracking_id}`: what anyone (or the reporter, with the token) sees.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicReport {
    #[serde(flatten)]
    pub core: ReportCore,
    pub reporter: PublicReporter,
    /// The caller holds the reporter token.
    pub is_reporter: bool,
    pub thread: Vec<ThreadItem>,
}

/// The reporter on the staff view, as far as the caller's role may see them (`crate::roles::ReporterAccess`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum StaffReporter {
    /// The national admin: everything, to verify identity and contact the reporter.
    Full {
        name: Option<String>,
        nik: Option<String>,
        phone: Option<String>,
        email: Option<String>,
        handle: Option<String>,
    },
    /// Other roles: the name only.
    Named { name: Option<String> },
    /// Nothing (`anonymous` says whether the report is anonymous).
    Hidden { anonymous: bool },
}

/// One entry of a report's full history, for staff, with its time as `T`: Unix seconds (`i64`) as the store
/// reads it, an RFC 3339 string as the APIs show it ([`HistoryItem`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryItemOf<T> {
    pub at: T,
    pub actor: String,
    pub role: Option<String>,
    pub channel: Option<String>,
    pub kind: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub body: Option<String>,
    pub public: bool,
    /// Public ids of the files attached to this event (an answer's evidence).
    pub attachments: Vec<String>,
}

/// One entry of a report's full history, as the staff view shows it.
pub type HistoryItem = HistoryItemOf<String>;

impl HistoryItemOf<i64> {
    /// The entry as shown (RFC 3339 time).
    pub fn shown(self) -> HistoryItem {
        HistoryItemOf {
            at: crate::time::rfc3339(self.at),
            actor: self.actor,
            role: self.role,
            channel: self.channel,
            kind: self.kind,
            from_status: self.from_status,
            to_status: self.to_status,
            body: self.body,
            public: self.public,
            attachments: self.attachments,
        }
    }
}

/// The staff view of a report: everything about it and the full history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StaffReport {
    #[serde(flatten)]
    pub core: ReportCore,
    pub instansi_id: Option<i64>,
    pub opd_id: Option<i64>,
    pub reporter: StaffReporter,
    pub history: Vec<HistoryItem>,
}

/// A line of a staff work list (queue, board, inbox), with its times as `T`: Unix seconds (`i64`) as the store
/// reads it, RFC 3339 strings as the APIs show it ([`ReportSummary`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportSummaryOf<T> {
    pub tracking_id: String,
    pub title: String,
    pub kind: String,
    pub category: String,
    pub channel: String,
    pub visibility: String,
    pub status: Status,
    pub color: Color,
    pub region_code: Option<String>,
    pub instansi_id: Option<i64>,
    pub opd_id: Option<i64>,
    pub opd_name: Option<String>,
    pub created_at: T,
    pub updated_at: T,
    pub due_at: Option<T>,
    /// The instansi it was last forwarded from directly ("no wrong door"), by name.
    pub forwarded_from: Option<String>,
}

/// A line of a staff work list, as the APIs show it.
pub type ReportSummary = ReportSummaryOf<String>;

impl ReportSummaryOf<i64> {
    /// The line as shown (RFC 3339 times).
    pub fn shown(self) -> ReportSummary {
        let t = crate::time::rfc3339;
        ReportSummaryOf {
            tracking_id: self.tracking_id,
            title: self.title,
            kind: self.kind,
            category: self.category,
            channel: self.channel,
            visibility: self.visibility,
            status: self.status,
            color: self.color,
            region_code: self.region_code,
            instansi_id: self.instansi_id,
            opd_id: self.opd_id,
            opd_name: self.opd_name,
            created_at: t(self.created_at),
            updated_at: t(self.updated_at),
            due_at: self.due_at.map(t),
            forwarded_from: self.forwarded_from,
        }
    }
}
