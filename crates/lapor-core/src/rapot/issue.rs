//! Issuing a rapot: the figures of a period frozen as a dated record (seed 000: "issued in stages", so one
//! period may be issued several times, each a new stage), with a *catatan khusus* (special note) on every
//! OPD under [`super::LOW_SCORE`], and its CSV.

use super::OpdCard;
use crate::opendata::field;

/// Longest special note, in characters.
pub const NOTE_MAX: usize = 1000;

/// The note an OPD under 60 gets when the leader writes none.
pub const DEFAULT_NOTE: &str = "Nilai di bawah 60: kepala OPD dievaluasi.";

/// One line of a rapot: an OPD of an instansi, or (without `opd_id`) the instansi's total.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub instansi_id: i64,
    pub instansi_name: String,
    pub opd_id: Option<i64>,
    pub opd_name: Option<String>,
    pub card: OpdCard,
    /// The catatan khusus (OPD lines under 60 only).
    pub note: Option<String>,
}

/// The note of an OPD line: only an OPD under 60 gets one (the leader's, trimmed, or [`DEFAULT_NOTE`]).
/// A note for an OPD that is not under 60, or one over [`NOTE_MAX`] characters, is refused (bilingual message).
pub fn note_for(card: &OpdCard, given: Option<&str>) -> Result<Option<String>, String> {
    let given = given.map(str::trim).filter(|s| !s.is_empty());
    match (card.is_low(), given) {
        (false, None) => Ok(None),
        (false, Some(_)) => {
            Err("catatan khusus hanya untuk OPD di bawah 60 / a special note is only for an OPD under 60".into())
        }
        (true, None) => Ok(Some(DEFAULT_NOTE.into())),
        (true, Some(n)) if n.chars().count() > NOTE_MAX => {
            Err(format!("catatan maksimal {NOTE_MAX} karakter / a note has at most {NOTE_MAX} characters"))
        }
        (true, Some(n)) => Ok(Some(n.to_string())),
    }
}

/// The CSV columns.
pub const CSV_COLUMNS: &[&str] = &[
    "periode",
    "tahap",
    "diterbitkan",
    "instansi",
    "opd",
    "diterima",
    "dijawab_tepat_waktu",
    "dijawab_terlambat",
    "terlambat_kini",
    "dibuka_kembali",
    "median_jawaban_pertama_jam",
    "selesai",
    "kepuasan_persen",
    "nilai",
    "di_bawah_60",
    "catatan_khusus",
];

/// The CSV of an issued rapot (header and one line per rapot line, CRLF). Text a spreadsheet would run as a
/// formula gets a leading `'`.
pub fn csv(period: &str, stage: i64, issued_at: &str, lines: &[Line]) -> String {
    let mut out = format!("{}\r\n", CSV_COLUMNS.join(","));
    for l in lines {
        let c = &l.card;
        let opt = |v: Option<String>| v.unwrap_or_default();
        let cells = [
            field(period),
            stage.to_string(),
            field(issued_at),
            field(&l.instansi_name),
            field(l.opd_name.as_deref().unwrap_or("(total)")),
            c.received.to_string(),
            c.answered_on_time.to_string(),
            c.answered_late.to_string(),
            c.overdue_now.to_string(),
            c.reopened.to_string(),
            opt(c.median_first_answer.map(|s| format!("{:.1}", s as f64 / 3600.0))),
            c.completed.to_string(),
            opt(c.satisfaction.map(|s| format!("{:.0}", s * 100.0))),
            opt(c.score.map(|s| s.to_string())),
            if c.is_low() { "ya".into() } else { "tidak".into() },
            field(l.note.as_deref().unwrap_or("")),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(score: Option<u32>) -> OpdCard {
        OpdCard { received: 2, score, ..Default::default() }
    }

    #[test]
    fn notes_only_for_low_opds() {
        assert_eq!(note_for(&card(Some(80)), None), Ok(None));
        assert!(note_for(&card(Some(80)), Some("bagus")).is_err());
        assert_eq!(note_for(&card(Some(40)), Some("  ")), Ok(Some(DEFAULT_NOTE.into())));
        assert_eq!(
            note_for(&card(Some(40)), Some(" Kepala dinas dipanggil ")),
            Ok(Some("Kepala dinas dipanggil".into()))
        );
        assert!(note_for(&card(Some(40)), Some(&"x".repeat(NOTE_MAX + 1))).is_err());
        assert_eq!(note_for(&card(None), None), Ok(None));
    }

    #[test]
    fn csv_neutralises_formulas() {
        let lines = [Line {
            instansi_id: 1,
            instansi_name: "Pemerintah Provinsi Bengkulu".into(),
            opd_id: Some(2),
            opd_name: Some("=HYPERLINK(\"http://x\")".into()),
            card: OpdCard { received: 4, answered_on_time: 1, score: Some(40), ..Default::default() },
            note: Some("@evaluasi, segera".into()),
        }];
        let text = csv("2026-11", 1, "2026-11-30T02:00:00Z", &lines);
        let row = text.lines().nth(1).unwrap();
        assert!(row.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{row}");
        assert!(row.contains("\"'@evaluasi, segera\""), "{row}");
        assert!(row.contains(",40,ya,"), "{row}");
        assert_eq!(text.lines().next().unwrap().split(',').count(), CSV_COLUMNS.len());
    }
}
