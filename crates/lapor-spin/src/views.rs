//! Builds the JSON views of `lapor_core::views` from what the store read.

use lapor_core::time::rfc3339;
use lapor_core::views::{Location, PublicReport, PublicReporter, ReportCore, ReportSummary, ThreadItem};
use lapor_core::Visibility;
use lapor_store::reports::{ReportView, ThreadEntry};
use lapor_store::workflow::Summary;

/// What the public and staff views of a report share.
pub fn core(v: &ReportView) -> ReportCore {
    let color = v.status.color();
    ReportCore {
        tracking_id: v.tracking_id.clone(),
        kind: v.kind.clone(),
        title: v.title.clone(),
        body: v.body.clone(),
        category: v.category.clone(),
        incident_date: v.incident_date.clone(),
        location: Location {
            text: v.location_text.clone(),
            lat: v.lat,
            lon: v.lon,
            region_code: v.region_code.clone(),
            region_name: v.region_name.clone(),
        },
        channel: v.channel.clone(),
        visibility: v.visibility,
        status: v.status,
        color,
        color_label: color.into(),
        instansi: v.instansi_name.clone(),
        opd: v.opd_name.clone(),
        due_at: v.due_at.map(rfc3339),
        created_at: rfc3339(v.created_at),
        updated_at: rfc3339(v.updated_at),
    }
}

/// What the public sees of a report whose content is not public (`Status::content_is_public`): its status only.
pub fn public_status(v: &ReportView) -> lapor_core::views::PublicStatus {
    let color = v.status.color();
    lapor_core::views::PublicStatus {
        tracking_id: v.tracking_id.clone(),
        status: v.status,
        color,
        color_label: color.into(),
        created_at: rfc3339(v.created_at),
        updated_at: rfc3339(v.updated_at),
        content_withheld: true,
        is_reporter: false,
    }
}

/// The public view of a report (no NIK, phone or e-mail; no name when anonymous) with its public thread.
pub fn public_report(v: &ReportView, thread: &[ThreadEntry], is_reporter: bool) -> PublicReport {
    PublicReport {
        core: core(v),
        reporter: match v.visibility {
            Visibility::Anonymous => PublicReporter::Anonymous { anonymous: true },
            _ if !is_reporter && !v.status.reporter_name_is_public() => PublicReporter::Named { name: None },
            _ => PublicReporter::Named { name: v.reporter_name.clone() },
        },
        is_reporter,
        thread: thread
            .iter()
            .map(|e| ThreadItem {
                at: rfc3339(e.at),
                actor: e.actor.clone(),
                kind: e.kind.clone(),
                status: e.to_status.clone(),
                body: e.body.clone(),
            })
            .collect(),
    }
}

/// A list of work-list lines, as `{"reports": [...]}`.
#[derive(serde::Serialize)]
pub struct Reports {
    pub reports: Vec<ReportSummary>,
}

impl Reports {
    /// The list of `items`.
    pub fn of(items: Vec<Summary>) -> Self {
        Reports { reports: items.into_iter().map(Summary::shown).collect() }
    }
}
