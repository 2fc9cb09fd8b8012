//! Complaints that arrive on paper, at a desk or by phone (issue 14 §6): a national or instansi admin enters them
//! on the citizen's behalf, with the web form's fields and rules, how the complaint arrived and the date it was
//! received; channel `offline`. The report then goes through the same verification and dispatch as any other.

use chrono::NaiveDate;

use crate::error::FieldError;
use crate::model::{wire_enum, Channel};
use crate::report::{NewReport, ValidReport};
use crate::roles::{Role, Staff};

wire_enum!(
    /// How an offline complaint reached the government.
    Arrival {
        /// A letter (its scans are the evidence).
        Letter = "letter",
        /// The citizen came to a service desk.
        WalkIn = "walk_in",
        /// A phone call.
        Phone = "phone",
    }
);

impl Arrival {
    /// In words (Bahasa Indonesia, English).
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Arrival::Letter => ("Surat", "Letter"),
            Arrival::WalkIn => ("Datang langsung", "Walk-in"),
            Arrival::Phone => ("Telepon", "Phone call"),
        }
    }
}

/// How far back a received date may lie, in days.
pub const RECEIVED_MAX_AGE_DAYS: i64 = 365;

/// An offline complaint as entered: the web form's fields plus how and when it arrived.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct OfflineInput {
    #[serde(flatten)]
    pub report: NewReport,
    pub arrived_by: Option<String>,
    /// `YYYY-MM-DD`.
    pub received_on: Option<String>,
}

/// A checked offline complaint.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidOffline {
    /// Channel `offline`.
    pub report: ValidReport,
    pub arrived_by: Arrival,
    pub received_on: NaiveDate,
}

/// The role in which `staff` may enter an offline complaint: a national or an instansi admin.
pub fn may_enter(staff: &Staff) -> Option<Role> {
    [Role::NationalAdmin, Role::InstansiAdmin].into_iter().find(|r| staff.has_role(*r))
}

/// Checks an offline complaint: every rule of the web form, plus how it arrived and a received date that is not in
/// the future nor more than [`RECEIVED_MAX_AGE_DAYS`] ago. `today` is the date in Indonesia.
pub fn validate(input: &OfflineInput, today: NaiveDate) -> Result<ValidOffline, Vec<FieldError>> {
    let mut errors = Vec::new();
    let report = input.report.validate_web(today).map_err(|e| errors.extend(e)).ok();
    let arrived_by = match input.arrived_by.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => {
            errors.push(FieldError::new("arrived_by", "required", "wajib diisi / required"));
            None
        }
        Some(a) => Arrival::parse(a).or_else(|| {
            errors.push(FieldError::new(
                "arrived_by",
                "unknown_value",
                "pilih letter, walk_in atau phone / one of letter, walk_in, phone",
            ));
            None
        }),
    };
    let received_on = match input.received_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => {
            errors.push(FieldError::new("received_on", "required", "wajib diisi / required"));
            None
        }
        Some(d) => match crate::time::parse_date(d).ok_or(()) {
            Ok(date) if date > today => {
                errors.push(FieldError::new(
                    "received_on",
                    "in_future",
                    "tanggal belum terjadi / the date is in the future",
                ));
                None
            }
            Ok(date) if (today - date).num_days() > RECEIVED_MAX_AGE_DAYS => {
                errors.push(FieldError::new(
                    "received_on",
                    "too_old",
                    "lebih dari setahun yang lalu / more than a year ago",
                ));
                None
            }
            Ok(date) => Some(date),
            Err(_) => {
                errors.push(FieldError::new("received_on", "invalid_date", "format YYYY-MM-DD / use YYYY-MM-DD"));
                None
            }
        },
    };
    match (report, arrived_by, received_on) {
        (Some(mut report), Some(arrived_by), Some(received_on)) if errors.is_empty() => {
            report.channel = Channel::Offline;
            Ok(ValidOffline { report, arrived_by, received_on })
        }
        _ => Err(errors),
    }
}

/// The internal history entry of an offline complaint: how and when it arrived.
pub fn arrival_note(arrival: Arrival, received_on: NaiveDate) -> String {
    format!(
        "Pengaduan luring ({}) diterima {}; dicatat petugas atas nama pelapor",
        arrival.labels().0.to_lowercase(),
        received_on
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::Assignment;

    fn input() -> OfflineInput {
        serde_json::from_value(serde_json::json!({
            "kind": "pengaduan", "title": "Surat tentang jalan rusak",
            "body": "Warga menulis surat: jalan desa rusak berat sejak musim hujan.",
            "category": "infrastruktur", "location": {"region_code": "19.04"},
            "reporter": {"name": "Pak Harun", "nik": "1771015708900001", "phone": "081234567890"},
            "arrived_by": "letter", "received_on": "2026-11-27"
        }))
        .unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    #[test]
    fn a_letter_becomes_an_offline_report() {
        let v = validate(&input(), today()).unwrap();
        assert_eq!(v.report.channel, Channel::Offline);
        assert_eq!((v.arrived_by, v.received_on), (Arrival::Letter, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()));
        assert!(arrival_note(v.arrived_by, v.received_on).contains("surat"));
    }

    #[test]
    fn every_rule_is_reported_at_once() {
        let mut i = input();
        i.arrived_by = Some("pigeon".into());
        i.received_on = Some("2026-12-25".into());
        i.report.title = None;
        let e = validate(&i, today()).unwrap_err();
        let fields: Vec<_> = e.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert!(fields.contains(&("title", "required")), "{fields:?}");
        assert!(fields.contains(&("arrived_by", "unknown_value")));
        assert!(fields.contains(&("received_on", "in_future")));
        i = input();
        i.arrived_by = None;
        i.received_on = Some("2020-01-01".into());
        let e = validate(&i, today()).unwrap_err();
        assert_eq!(e.iter().map(|e| e.code).collect::<Vec<_>>(), vec!["required", "too_old"]);
        i.received_on = Some("27/11/2026".into());
        assert!(validate(&i, today()).unwrap_err().iter().any(|e| e.code == "invalid_date"));
    }

    #[test]
    fn admins_enter_offline_complaints_and_nobody_else() {
        let s = |role, instansi_id, opd_id| Staff {
            account_id: 1,
            assignments: vec![Assignment { id: 1, role, instansi_id, opd_id }],
        };
        assert_eq!(may_enter(&s(Role::NationalAdmin, None, None)), Some(Role::NationalAdmin));
        assert_eq!(may_enter(&s(Role::InstansiAdmin, Some(1), None)), Some(Role::InstansiAdmin));
        for role in [Role::Inspektorat, Role::Leader] {
            assert_eq!(may_enter(&s(role, Some(1), None)), None);
        }
        assert_eq!(may_enter(&s(Role::OpdLiaison, Some(1), Some(2))), None);
        assert_eq!(may_enter(&s(Role::Ombudsman, None, None)), None);
    }
}
