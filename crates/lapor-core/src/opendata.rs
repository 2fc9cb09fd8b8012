//! The open-data export: which fields of a report are published, and how a CSV row is written (RFC 4180).
//! Confidential reports are never exported; no reporter field is ever among the columns; title and body are
//! published only for reports the reporter made public (an anonymous reporter may have written identifying
//! details in them).

use crate::model::Visibility;
use crate::status::Status;
use crate::time;

/// The columns, in order.
pub const COLUMNS: &[&str] = &[
    "tracking_id",
    "created_at",
    "kind",
    "category",
    "region_code",
    "region_name",
    "channel",
    "status",
    "color",
    "instansi",
    "opd",
    "title",
    "body",
];

/// Rows fetched per query while streaming the export.
pub const PAGE_ROWS: u32 = 500;

/// A report as exported.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRow {
    /// Row id, for keyset paging; not exported.
    pub id: i64,
    pub tracking_id: String,
    pub created_at: i64,
    pub kind: String,
    pub category: String,
    pub region_code: Option<String>,
    pub region_name: Option<String>,
    pub channel: String,
    pub visibility: Visibility,
    pub status: Status,
    pub instansi: Option<String>,
    pub opd: Option<String>,
    pub title: String,
    pub body: String,
}

/// Quotes a field when it needs it, and neutralises text a spreadsheet would run as a formula
/// (a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'` in front).
pub fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The header line.
pub fn header() -> String {
    format!("{}\r\n", COLUMNS.join(","))
}

/// One CSV line for a report, or `None` when the report must not be exported (confidential).
pub fn row(r: &ExportRow) -> Option<String> {
    if r.visibility == Visibility::Confidential {
        return None;
    }
    let public = r.visibility == Visibility::Public;
    let fields = [
        r.tracking_id.clone(),
        time::rfc3339(r.created_at),
        r.kind.clone(),
        r.category.clone(),
        r.region_code.clone().unwrap_or_default(),
        r.region_name.clone().unwrap_or_default(),
        r.channel.clone(),
        r.status.as_str().to_string(),
        r.status.color().as_str().to_string(),
        r.instansi.clone().unwrap_or_default(),
        r.opd.clone().unwrap_or_default(),
        if public { r.title.clone() } else { String::new() },
        if public { r.body.clone() } else { String::new() },
    ];
    Some(format!("{}\r\n", fields.iter().map(|f| field(f)).collect::<Vec<_>>().join(",")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(visibility: Visibility) -> ExportRow {
        ExportRow {
            id: 1,
            tracking_id: "1234567890".into(),
            created_at: 0,
            kind: "pengaduan".into(),
            category: "kesehatan".into(),
            region_code: Some("17.71".into()),
            region_name: Some("Kota Bengkulu".into()),
            channel: "web".into(),
            visibility,
            status: Status::Assigned,
            instansi: None,
            opd: None,
            title: "Puskesmas, \"tutup\"".into(),
            body: "=HYPERLINK(\"x\")\nbaris dua".into(),
        }
    }

    #[test]
    fn quoting_and_formula_neutralising() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("-5"), "'-5");
    }

    #[test]
    fn a_public_row_has_every_column() {
        let line = row(&sample(Visibility::Public)).unwrap();
        assert!(line.starts_with(
            "1234567890,1970-01-01T00:00:00Z,pengaduan,kesehatan,17.71,Kota Bengkulu,web,assigned,red,,,"
        ));
        assert!(line.contains("\"Puskesmas, \"\"tutup\"\"\""));
        assert!(line.contains("\"'=HYPERLINK(\"\"x\"\")\nbaris dua\""));
        assert!(line.ends_with("\r\n"));
        assert_eq!(header().trim_end().split(',').count(), COLUMNS.len());
    }

    #[test]
    fn anonymous_rows_hide_title_and_body_and_confidential_rows_are_left_out() {
        let line = row(&sample(Visibility::Anonymous)).unwrap();
        assert!(line.ends_with(",red,,,,\r\n"), "{line}");
        assert_eq!(row(&sample(Visibility::Confidential)), None);
    }
}
