//! A new report as submitted, and the rules it must pass before anything is stored.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::FieldError;
use crate::model::{Category, Channel, Kind, Visibility};
use crate::{nik, phone, regions};

/// Longest title, in characters.
pub const TITLE_MAX: usize = 200;
/// Shortest title, in characters.
pub const TITLE_MIN: usize = 5;
/// Longest body, in characters.
pub const BODY_MAX: usize = 10_000;
/// Shortest body, in characters.
pub const BODY_MIN: usize = 10;
/// Longest name, location text or target instansi, in characters.
pub const SHORT_TEXT_MAX: usize = 300;

/// A report as it arrives from the web form or the JSON API. Every field is optional here so that
/// each missing or wrong field gets its own precise error.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewReport {
    pub kind: Option<String>,
    pub title: Option<String>,
    pub body: Option<String>,
    pub category: Option<String>,
    /// `YYYY-MM-DD`.
    pub incident_date: Option<String>,
    pub location: Option<LocationInput>,
    /// Name of the instansi the citizen thinks is responsible (free text; the verifier decides).
    pub target_instansi: Option<String>,
    pub visibility: Option<String>,
    pub reporter: Option<ReporterInput>,
}

/// Where the incident happened.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LocationInput {
    pub text: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// A province (`17`) or regency (`17.71`) code.
    pub region_code: Option<String>,
}

/// Who is reporting.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReporterInput {
    pub name: Option<String>,
    pub nik: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// `false`: no SMS updates to `phone` (issue 16; default: updates on).
    pub notify_sms: Option<bool>,
    /// `false`: no e-mail updates to `email` (default: updates on).
    pub notify_email: Option<bool>,
}

/// The reporter's personal data, kept apart from the report and never shown publicly.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reporter {
    pub name: Option<String>,
    pub nik: Option<String>,
    /// E.164.
    pub phone: Option<String>,
    pub email: Option<String>,
    /// X handle without `@`.
    pub handle: Option<String>,
    /// Channels the reporter asked not to be told on.
    pub opt_out: crate::notify::OptOut,
}

/// A report that passed every rule, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidReport {
    pub kind: Kind,
    pub title: String,
    pub body: String,
    pub category: Category,
    pub incident_date: Option<NaiveDate>,
    pub location_text: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub region_code: Option<String>,
    pub target_instansi: Option<String>,
    pub visibility: Visibility,
    pub channel: Channel,
    pub reporter: Reporter,
}

/// Indonesia's bounding box, generously rounded.
const LAT_RANGE: std::ops::RangeInclusive<f64> = -11.5..=6.5;
const LON_RANGE: std::ops::RangeInclusive<f64> = 94.0..=141.5;

/// Whether a point lies in Indonesia's (generously rounded) bounding box.
pub fn in_indonesia(lat: f64, lon: f64) -> bool {
    LAT_RANGE.contains(&lat) && LON_RANGE.contains(&lon)
}

/// Trims a text field; empty counts as absent.
fn text(v: &Option<String>) -> Option<String> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

fn check_len(errors: &mut Vec<FieldError>, field: &str, value: &str, min: usize, max: usize) {
    let n = value.chars().count();
    if n < min {
        errors.push(FieldError::new(field, "too_short", format!("minimal {min} karakter / at least {min} characters")));
    } else if n > max {
        errors.push(FieldError::new(field, "too_long", format!("maksimal {max} karakter / at most {max} characters")));
    }
}

fn required(errors: &mut Vec<FieldError>, field: &str) {
    errors.push(FieldError::new(field, "required", "wajib diisi / required"));
}

/// Parses a wire-named value; a missing one uses `default` (when there is one) or is reported as required.
fn choice<T: Copy>(
    errors: &mut Vec<FieldError>,
    field: &str,
    raw: &Option<String>,
    parse: fn(&str) -> Option<T>,
    all: &[T],
    name: fn(T) -> &'static str,
    default: Option<T>,
) -> Option<T> {
    match text(raw) {
        None => {
            if default.is_none() {
                required(errors, field);
            }
            default
        }
        Some(s) => parse(&s).or_else(|| {
            let allowed: Vec<&str> = all.iter().map(|v| name(*v)).collect();
            errors.push(FieldError::new(
                field,
                "unknown_value",
                format!("nilai tidak dikenal / unknown value; one of: {}", allowed.join(", ")),
            ));
            None
        }),
    }
}

/// A plausible e-mail address (one `@`, a dot in the domain, no spaces).
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && s.len() <= 254
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

impl NewReport {
    /// Checks every rule for a report arriving on the web form or the JSON API. A web report needs a real
    /// identity to deter hoaxes: name, a well-formed NIK, and a phone number or e-mail address.
    /// `today` is the current date in Indonesia (the incident cannot be in the future).
    pub fn validate_web(&self, today: NaiveDate) -> Result<ValidReport, Vec<FieldError>> {
        let mut e = Vec::new();
        let kind = choice(&mut e, "kind", &self.kind, Kind::parse, Kind::ALL, Kind::as_str, None);
        let category =
            choice(&mut e, "category", &self.category, Category::parse, Category::ALL, Category::as_str, None);
        let visibility = choice(
            &mut e,
            "visibility",
            &self.visibility,
            Visibility::parse,
            Visibility::ALL,
            Visibility::as_str,
            Some(Visibility::Public),
        );
        let title = text(&self.title);
        match &title {
            None => required(&mut e, "title"),
            Some(t) => check_len(&mut e, "title", t, TITLE_MIN, TITLE_MAX),
        }
        let body = text(&self.body);
        match &body {
            None => required(&mut e, "body"),
            Some(b) => check_len(&mut e, "body", b, BODY_MIN, BODY_MAX),
        }
        let incident_date = text(&self.incident_date).and_then(|d| match crate::time::parse_date(&d).ok_or(()) {
            Ok(date) if date > today => {
                e.push(FieldError::new(
                    "incident_date",
                    "in_future",
                    "tanggal belum terjadi / the date is in the future",
                ));
                None
            }
            Ok(date) => Some(date),
            Err(_) => {
                e.push(FieldError::new("incident_date", "invalid_date", "format YYYY-MM-DD / use YYYY-MM-DD"));
                None
            }
        });
        let loc = self.location.clone().unwrap_or_default();
        let location_text = text(&loc.text);
        if let Some(t) = &location_text {
            check_len(&mut e, "location.text", t, 1, SHORT_TEXT_MAX);
        }
        match (loc.lat, loc.lon) {
            (None, None) => {}
            (Some(lat), Some(lon)) => {
                if !LAT_RANGE.contains(&lat) || !LON_RANGE.contains(&lon) {
                    e.push(FieldError::new(
                        "location",
                        "outside_indonesia",
                        "koordinat di luar Indonesia / coordinates outside Indonesia",
                    ));
                }
            }
            _ => e.push(FieldError::new(
                "location",
                "incomplete_coordinates",
                "lat dan lon harus bersama / give both lat and lon",
            )),
        }
        let region_code = text(&loc.region_code);
        if let Some(code) = &region_code {
            if let Err(f) = regions::known("location.region_code", code) {
                e.push(f);
            }
        }
        let target_instansi = text(&self.target_instansi);
        if let Some(t) = &target_instansi {
            check_len(&mut e, "target_instansi", t, 1, SHORT_TEXT_MAX);
        }
        let reporter = self.validate_web_reporter(&mut e);
        if !e.is_empty() {
            return Err(e);
        }
        Ok(ValidReport {
            kind: kind.expect("checked"),
            title: title.expect("checked"),
            body: body.expect("checked"),
            category: category.expect("checked"),
            incident_date,
            location_text,
            lat: loc.lat,
            lon: loc.lon,
            region_code,
            target_instansi,
            visibility: visibility.expect("has default"),
            channel: Channel::Web,
            reporter,
        })
    }

    fn validate_web_reporter(&self, e: &mut Vec<FieldError>) -> Reporter {
        let Some(r) = &self.reporter else {
            required(e, "reporter");
            return Reporter::default();
        };
        let name = text(&r.name);
        match &name {
            None => required(e, "reporter.name"),
            Some(n) => check_len(e, "reporter.name", n, 2, SHORT_TEXT_MAX),
        }
        let nik = text(&r.nik);
        match &nik {
            None => required(e, "reporter.nik"),
            Some(n) => {
                if let Err(err) = nik::validate(n) {
                    e.push(FieldError::new("reporter.nik", err.code(), err.message()));
                }
            }
        }
        let phone = text(&r.phone).and_then(|p| {
            let n = phone::normalize(&p);
            if n.is_none() {
                e.push(FieldError::new(
                    "reporter.phone",
                    "invalid_phone",
                    "nomor telepon tidak valid / invalid phone number",
                ));
            }
            n
        });
        let email = text(&r.email).and_then(|m| {
            if is_email(&m) {
                Some(m.to_lowercase())
            } else {
                e.push(FieldError::new(
                    "reporter.email",
                    "invalid_email",
                    "alamat e-mail tidak valid / invalid e-mail address",
                ));
                None
            }
        });
        if text(&r.phone).is_none() && text(&r.email).is_none() {
            e.push(FieldError::new(
                "reporter",
                "contact_required",
                "isi nomor telepon atau e-mail / give a phone number or e-mail",
            ));
        }
        let opt_out = crate::notify::OptOut { sms: r.notify_sms == Some(false), email: r.notify_email == Some(false) };
        Reporter { name, nik, phone, email, handle: None, opt_out }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    fn good() -> NewReport {
        serde_json::from_value(serde_json::json!({
            "kind": "pengaduan",
            "title": "Jalan berlubang di depan SDN 5",
            "body": "Lubang besar di jalan depan SDN 5 sudah tiga bulan tidak diperbaiki.",
            "category": "infrastruktur",
            "incident_date": "2026-11-20",
            "location": {"text": "Jl. Merdeka", "lat": -3.8, "lon": 102.26, "region_code": "17.71"},
            "reporter": {"name": "Siti Aminah", "nik": "1771015708900001", "phone": "0812-3456-7890", "email": "Siti@Example.id"}
        }))
        .unwrap()
    }

    fn codes(r: &NewReport) -> Vec<(String, &'static str)> {
        r.validate_web(today()).unwrap_err().into_iter().map(|f| (f.field, f.code)).collect()
    }

    #[test]
    fn a_complete_report_passes_and_is_normalised() {
        let v = good().validate_web(today()).unwrap();
        assert_eq!(v.kind, Kind::Pengaduan);
        assert_eq!(v.visibility, Visibility::Public);
        assert_eq!(v.reporter.phone.as_deref(), Some("+6281234567890"));
        assert_eq!(v.reporter.email.as_deref(), Some("siti@example.id"));
        assert_eq!(v.region_code.as_deref(), Some("17.71"));
    }

    #[test]
    fn unknown_kind_and_category() {
        let mut r = good();
        r.kind = Some("complaint".into());
        r.category = Some("roads".into());
        let c = codes(&r);
        assert!(c.contains(&("kind".into(), "unknown_value")));
        assert!(c.contains(&("category".into(), "unknown_value")));
    }

    #[test]
    fn missing_fields_are_each_reported() {
        let c = codes(&NewReport::default());
        for f in ["kind", "title", "body", "category", "reporter"] {
            assert!(c.contains(&(f.to_string(), "required")), "{f}: {c:?}");
        }
    }

    #[test]
    fn bad_nik_is_reported_with_its_reason() {
        let mut r = good();
        r.reporter.as_mut().unwrap().nik = Some("9999991708900001".into());
        assert_eq!(codes(&r), vec![("reporter.nik".to_string(), "nik_unknown_district")]);
    }

    #[test]
    fn identity_needs_a_contact() {
        let mut r = good();
        let rep = r.reporter.as_mut().unwrap();
        rep.phone = None;
        rep.email = None;
        assert_eq!(codes(&r), vec![("reporter".to_string(), "contact_required")]);
    }

    #[test]
    fn dates_coordinates_and_regions() {
        let mut r = good();
        r.incident_date = Some("2026-12-01".into());
        r.location =
            Some(LocationInput { lat: Some(51.5), lon: Some(0.1), region_code: Some("99.99".into()), text: None });
        let c = codes(&r);
        assert!(c.contains(&("incident_date".into(), "in_future")));
        assert!(c.contains(&("location".into(), "outside_indonesia")));
        assert!(c.contains(&("location.region_code".into(), "unknown_region")));
        r.incident_date = Some("20-11-2026".into());
        assert!(codes(&r).contains(&("incident_date".into(), "invalid_date")));
    }

    #[test]
    fn lengths() {
        let mut r = good();
        r.title = Some("abc".into());
        r.body = Some("x".repeat(BODY_MAX + 1));
        let c = codes(&r);
        assert!(c.contains(&("title".into(), "too_short")));
        assert!(c.contains(&("body".into(), "too_long")));
    }

    #[test]
    fn emails() {
        assert!(is_email("a@b.id"));
        for bad in ["a@b", "@b.id", "a b@c.id", "a@@b.id", "a@.id", "a@b.id."] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
