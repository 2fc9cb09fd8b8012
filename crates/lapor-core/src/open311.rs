//! Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2): our categories as services, reports as service
//! requests (the tracking ID is the `service_request_id`), the `GET requests` filters, and the rules a
//! `POST requests` must pass. Errors are the spec's `[{"code","description"}]`, `code` being the HTTP status.

use serde::Serialize;

use crate::model::{Category, Channel, Kind, Visibility};
use crate::report::{is_email, Reporter, ValidReport, BODY_MAX, BODY_MIN, TITLE_MAX, TITLE_MIN};
use crate::status::Status;
use crate::{phone, regions, time, TrackingId};

/// Longest span `GET requests` may cover, and its default window (the most recent 90 days).
pub const MAX_RANGE_SECS: i64 = 90 * 86_400;
/// Requests per page when the client does not say.
pub const DEFAULT_PAGE_SIZE: u32 = 100;
/// Most requests per page.
pub const MAX_PAGE_SIZE: u32 = 500;
/// Most requests a client may page past (`(page - 1) × page_size`): deeper pages would make the database
/// skip ever more rows; narrower dates reach the same requests.
pub const MAX_OFFSET: u32 = 10_000;
/// Longest title made from the start of a description, in characters.
const TITLE_FROM_DESCRIPTION: usize = 80;

/// One element of an Open311 error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Open311Error {
    /// The HTTP status (400, 403, 404, ...).
    pub code: u16,
    pub description: String,
}

impl Open311Error {
    /// An error with the HTTP status `code`.
    pub fn new(code: u16, description: impl Into<String>) -> Self {
        Open311Error { code, description: description.into() }
    }
}

/// When this Open311 endpoint last changed (discovery's `changeset`).
pub const CHANGESET: &str = "2026-01-01T00:00:00Z";

/// The service discovery document for an app served at `base_url` (no trailing slash).
pub fn discovery(base_url: &str) -> serde_json::Value {
    serde_json::json!({
        "changeset": CHANGESET,
        "contact": "LAPOR! SP4N, Kementerian PANRB. Pengaduan juga lewat SMS 1708 / complaints also by SMS to 1708.",
        "key_service": format!("{base_url}/open311/v2/ : api_key diberikan oleh admin nasional LAPOR / api_key issued by the LAPOR national admin"),
        "endpoints": [{
            "specification": "http://wiki.open311.org/GeoReport_v2",
            "url": format!("{base_url}/open311/v2"),
            "changeset": CHANGESET,
            "type": "production",
            "formats": ["application/json", "text/xml"],
        }],
    })
}

/// A service (one of our categories) as `GET services` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Service {
    pub service_code: &'static str,
    pub service_name: &'static str,
    pub description: &'static str,
    /// Whether the service has extra attributes (a service definition); ours have none.
    pub metadata: bool,
    /// `realtime`: a request gets its `service_request_id` at once.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Comma-separated.
    pub keywords: &'static str,
    pub group: &'static str,
}

/// Description, keywords and group of a category, in Bahasa Indonesia.
fn describe(c: Category) -> (&'static str, &'static str, &'static str) {
    match c {
        Category::Infrastruktur => {
            ("Jalan, jembatan, drainase, penerangan jalan", "jalan, jembatan, drainase, lampu jalan", "Infrastruktur")
        }
        Category::Kesehatan => {
            ("Puskesmas, rumah sakit, BPJS Kesehatan", "puskesmas, rumah sakit, bpjs", "Layanan Dasar")
        }
        Category::Pendidikan => ("Sekolah, guru, beasiswa, PPDB", "sekolah, guru, beasiswa, ppdb", "Layanan Dasar"),
        Category::Kepegawaian => {
            ("Disiplin dan perilaku aparatur sipil negara", "asn, pns, disiplin, pungli", "Tata Kelola Pemerintahan")
        }
        Category::Transportasi => {
            ("Angkutan umum, perizinan kendaraan, perhubungan", "angkutan, terminal, bus, parkir", "Infrastruktur")
        }
        Category::Kependudukan => {
            ("KTP-el, KK, akta kelahiran, pindah domisili", "ktp, kk, akta, dukcapil", "Administrasi")
        }
        Category::Lingkungan => {
            ("Sampah, pencemaran, banjir, taman kota", "sampah, limbah, banjir, polusi", "Lingkungan")
        }
        Category::Sosial => ("Bantuan sosial, PKH, kesejahteraan sosial", "bansos, pkh, dtks", "Layanan Dasar"),
        Category::Ketertiban => {
            ("Ketertiban umum dan keamanan lingkungan", "satpol pp, pkl, keamanan", "Tata Kelola Pemerintahan")
        }
        Category::Lainnya => ("Layanan publik lainnya", "lainnya", "Lainnya"),
    }
}

/// The service of a category.
pub fn service(c: Category) -> Service {
    let (description, keywords, group) = describe(c);
    Service {
        service_code: c.as_str(),
        service_name: c.label_id(),
        description,
        metadata: false,
        kind: "realtime",
        keywords,
        group,
    }
}

/// Every service, one per category.
pub fn services() -> Vec<Service> {
    Category::ALL.iter().map(|c| service(*c)).collect()
}

/// A service definition (`GET services/{code}`): our services have no extra attributes.
pub fn service_definition(c: Category) -> serde_json::Value {
    serde_json::json!({ "service_code": c.as_str(), "attributes": [] })
}

/// What the store knows of a non-confidential report, to show as a service request.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestFacts {
    pub tracking_id: String,
    pub status: Status,
    pub category: String,
    pub body: String,
    pub opd_name: Option<String>,
    pub instansi_name: Option<String>,
    pub location_text: Option<String>,
    pub region_code: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// The latest public answer (or reason given with a status change).
    pub latest_answer: Option<String>,
    pub due_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A service request as `GET requests` shows it. No personal data: nothing here comes from the reporter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceRequest {
    pub service_request_id: String,
    /// `open` or `closed`.
    pub status: &'static str,
    pub status_notes: Option<String>,
    pub service_name: Option<&'static str>,
    pub service_code: String,
    pub description: String,
    /// The OPD that must answer (the instansi until an OPD is chosen).
    pub agency_responsible: Option<String>,
    pub service_notice: Option<String>,
    pub requested_datetime: String,
    pub updated_datetime: String,
    /// The deadline of the current stage while the report is open.
    pub expected_datetime: Option<String>,
    pub address: Option<String>,
    /// The region code (province `17` or regency `17.71`).
    pub address_id: Option<String>,
    pub zipcode: Option<String>,
    pub lat: Option<f64>,
    pub long: Option<f64>,
    pub media_url: Option<String>,
}

impl ServiceRequest {
    /// The public Open311 view of a report.
    pub fn from_facts(f: RequestFacts) -> Self {
        let color = f.status.color();
        ServiceRequest {
            service_request_id: f.tracking_id,
            status: f.status.open311(),
            status_notes: f.latest_answer,
            service_name: Category::parse(&f.category).map(Category::label_id),
            service_code: f.category,
            description: f.body,
            agency_responsible: f.opd_name.or(f.instansi_name),
            service_notice: Some(color.label_id().to_string()),
            requested_datetime: time::rfc3339(f.created_at),
            updated_datetime: time::rfc3339(f.updated_at),
            expected_datetime: f.due_at.filter(|_| f.status.is_open()).map(time::rfc3339),
            address: f.location_text,
            address_id: f.region_code,
            zipcode: None,
            lat: f.lat,
            long: f.lon,
            media_url: None,
        }
    }
}

/// The filters of `GET requests`, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestQuery {
    /// `service_request_id` (comma-separated): when given, every other filter is ignored.
    pub ids: Option<Vec<String>>,
    /// Empty means every service.
    pub service_codes: Vec<Category>,
    /// Empty means every status.
    pub statuses: Vec<Status>,
    /// `requested_datetime` from (inclusive), Unix seconds.
    pub start: i64,
    /// `requested_datetime` to (inclusive), Unix seconds.
    pub end: i64,
    pub limit: u32,
    pub offset: u32,
}

fn get<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
}

fn list(v: &str) -> impl Iterator<Item = &str> {
    v.split(',').map(str::trim).filter(|s| !s.is_empty())
}

fn datetime(errors: &mut Vec<Open311Error>, name: &str, v: Option<&str>) -> Option<i64> {
    let v = v?;
    match chrono::DateTime::parse_from_rfc3339(v) {
        Ok(t) => Some(t.timestamp()),
        Err(_) => {
            errors.push(Open311Error::new(400, format!("{name}: use the w3 format, e.g. 2026-01-01T00:00:00Z")));
            None
        }
    }
}

fn number(errors: &mut Vec<Open311Error>, name: &str, v: Option<&str>, default: u32, max: u32) -> u32 {
    match v.map(str::parse::<u32>) {
        None => default,
        Some(Ok(n)) if (1..=max).contains(&n) => n,
        _ => {
            errors.push(Open311Error::new(400, format!("{name}: a whole number from 1 to {max}")));
            default
        }
    }
}

impl RequestQuery {
    /// Parses the query of `GET requests` at time `now`. Without dates the window is the most recent 90
    /// days; a window may not span more than 90 days.
    pub fn parse(pairs: &[(String, String)], now: i64) -> Result<Self, Vec<Open311Error>> {
        let mut e = Vec::new();
        let ids = get(pairs, "service_request_id")
            .map(|v| list(v).filter_map(TrackingId::parse).map(|t| t.as_str().to_string()).collect());
        let mut service_codes = Vec::new();
        for code in get(pairs, "service_code").map(list).into_iter().flatten() {
            match Category::parse(code) {
                Some(c) => service_codes.push(c),
                None => e.push(Open311Error::new(400, format!("service_code: unknown service {code}"))),
            }
        }
        let mut statuses = Vec::new();
        for s in get(pairs, "status").map(list).into_iter().flatten() {
            match Status::with_open311(s) {
                Some(v) => statuses.extend(v),
                None => e.push(Open311Error::new(400, "status: open or closed")),
            }
        }
        let start = datetime(&mut e, "start_date", get(pairs, "start_date"));
        let end = datetime(&mut e, "end_date", get(pairs, "end_date"));
        let end_at = end.unwrap_or_else(|| start.map_or(now, |s| s + MAX_RANGE_SECS));
        let start_at = start.unwrap_or(end_at - MAX_RANGE_SECS);
        if end_at < start_at {
            e.push(Open311Error::new(400, "end_date is before start_date"));
        } else if end_at - start_at > MAX_RANGE_SECS {
            e.push(Open311Error::new(400, "start_date to end_date may not span more than 90 days"));
        }
        let page = number(&mut e, "page", get(pairs, "page"), 1, u32::MAX / MAX_PAGE_SIZE);
        let limit = number(&mut e, "page_size", get(pairs, "page_size"), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        if (page - 1).saturating_mul(limit) > MAX_OFFSET {
            e.push(Open311Error::new(
                400,
                format!("page: at most {MAX_OFFSET} requests may be skipped; narrow start_date and end_date"),
            ));
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(RequestQuery {
            ids,
            service_codes,
            statuses,
            start: start_at,
            end: end_at,
            limit,
            offset: (page - 1) * limit,
        })
    }
}

/// A `POST requests` as the form arrives (`application/x-www-form-urlencoded`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewServiceRequest {
    pub service_code: Option<String>,
    pub lat: Option<String>,
    pub long: Option<String>,
    pub address_string: Option<String>,
    /// Our region code (`17` or `17.71`).
    pub address_id: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub description: Option<String>,
}

impl NewServiceRequest {
    /// Reads the form fields (unknown ones, such as `api_key`, `device_id` or `media_url`, are left out).
    pub fn from_form(pairs: &[(String, String)]) -> Self {
        let f = |n: &str| get(pairs, n).map(str::to_string);
        NewServiceRequest {
            service_code: f("service_code"),
            lat: f("lat"),
            long: f("long"),
            address_string: f("address_string"),
            address_id: f("address_id"),
            email: f("email"),
            phone: f("phone"),
            first_name: f("first_name"),
            last_name: f("last_name"),
            description: f("description"),
        }
    }

    /// Checks a request from a registered Open311 app and makes it a public complaint (`pengaduan`) on the
    /// `open311` channel. Apps vouch for their users, so no NIK is asked, but the reporter must be reachable:
    /// an e-mail address or a phone number. A location is required (lat/long, `address_string` or a region
    /// code as `address_id`), as the spec says.
    pub fn validate_open311(&self) -> Result<ValidReport, Vec<Open311Error>> {
        let mut e = Vec::new();
        let bad = |e: &mut Vec<Open311Error>, msg: String| e.push(Open311Error::new(400, msg));
        let category = match self.service_code.as_deref() {
            None => {
                bad(&mut e, "service_code: required".into());
                None
            }
            Some(code) => {
                let c = Category::parse(code);
                if c.is_none() {
                    bad(&mut e, format!("service_code: unknown service {code}"));
                }
                c
            }
        };
        let description = self.description.as_deref().map(collapse_whitespace);
        match &description {
            None => bad(&mut e, "description: required".into()),
            Some(d) if d.chars().count() < BODY_MIN => {
                bad(&mut e, format!("description: at least {BODY_MIN} characters"))
            }
            Some(d) if d.chars().count() > BODY_MAX => {
                bad(&mut e, format!("description: at most {BODY_MAX} characters"))
            }
            Some(_) => {}
        }
        let coordinate = |e: &mut Vec<Open311Error>, name: &str, v: &Option<String>| {
            v.as_deref().and_then(|s| match s.parse::<f64>() {
                Ok(x) if x.is_finite() => Some(x),
                _ => {
                    bad(e, format!("{name}: not a number"));
                    None
                }
            })
        };
        let lat = coordinate(&mut e, "lat", &self.lat);
        let lon = coordinate(&mut e, "long", &self.long);
        match (lat, lon) {
            (Some(la), Some(lo)) if !crate::report::in_indonesia(la, lo) => {
                bad(&mut e, "lat/long: outside Indonesia".into())
            }
            (Some(_), None) | (None, Some(_)) => bad(&mut e, "lat and long: give both".into()),
            _ => {}
        }
        let address_id = self.address_id.clone();
        if let Some(code) = &address_id {
            if regions::find(code).is_none() {
                bad(&mut e, format!("address_id: unknown region code {code}"));
            }
        }
        let address = self.address_string.as_deref().map(collapse_whitespace);
        if let Some(a) = &address {
            if a.chars().count() > crate::report::SHORT_TEXT_MAX {
                bad(&mut e, "address_string: too long".into());
            }
        }
        if self.lat.is_none() && self.long.is_none() && address.is_none() && address_id.is_none() {
            bad(&mut e, "location: give lat and long, address_string or address_id".into());
        }
        let email = self.email.as_deref().map(str::to_lowercase);
        if let Some(m) = &email {
            if !is_email(m) {
                bad(&mut e, "email: not a valid address".into());
            }
        }
        let phone = self.phone.as_deref().map(|p| (p, phone::normalize(p)));
        if let Some((_, None)) = phone {
            bad(&mut e, "phone: not a valid number".into());
        }
        if email.is_none() && phone.is_none() {
            bad(&mut e, "email or phone: required, so that the reporter can be reached".into());
        }
        let name =
            [self.first_name.as_deref(), self.last_name.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
        if name.chars().count() > crate::report::SHORT_TEXT_MAX {
            bad(&mut e, "first_name/last_name: too long".into());
        }
        if !e.is_empty() {
            return Err(e);
        }
        let category = category.expect("checked");
        let body = description.expect("checked");
        Ok(ValidReport {
            kind: Kind::Pengaduan,
            title: title_from(&body, category),
            body,
            category,
            incident_date: None,
            location_text: address,
            lat,
            lon,
            region_code: address_id,
            target_instansi: None,
            visibility: Visibility::Public,
            channel: Channel::Open311,
            reporter: Reporter {
                name: Some(name).filter(|n| !n.is_empty()),
                nik: None,
                phone: phone.and_then(|(_, n)| n),
                email,
                handle: None,
                opt_out: Default::default(),
            },
        })
    }
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A title from the start of a description: up to 80 characters, cut at a word, with `…` when cut. A start
/// too short for a title is prefixed with the service name.
pub fn title_from(description: &str, category: Category) -> String {
    let text = collapse_whitespace(description);
    let mut title = if text.chars().count() <= TITLE_FROM_DESCRIPTION {
        text
    } else {
        let cut: String = text.chars().take(TITLE_FROM_DESCRIPTION - 1).collect();
        let at_word = match cut.rfind(' ') {
            Some(i) if i > TITLE_FROM_DESCRIPTION / 2 => cut[..i].to_string(),
            _ => cut,
        };
        format!("{at_word}…")
    };
    if title.chars().count() < TITLE_MIN {
        title = format!("{}: {title}", category.label_id());
    }
    title.chars().take(TITLE_MAX).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    const NOW: i64 = 1_796_000_000;

    #[test]
    fn every_category_is_a_service_with_group_and_keywords() {
        let s = services();
        assert_eq!(s.len(), Category::ALL.len());
        for svc in &s {
            assert!(Category::parse(svc.service_code).is_some());
            assert!(!svc.group.is_empty() && !svc.keywords.is_empty(), "{svc:?}");
        }
        let json = serde_json::to_value(&s[0]).unwrap();
        let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["description", "group", "keywords", "metadata", "service_code", "service_name", "type"]);
    }

    #[test]
    fn default_window_is_the_last_90_days() {
        let q = RequestQuery::parse(&[], NOW).unwrap();
        assert_eq!((q.start, q.end), (NOW - MAX_RANGE_SECS, NOW));
        assert_eq!((q.limit, q.offset), (DEFAULT_PAGE_SIZE, 0));
        assert!(q.ids.is_none() && q.statuses.is_empty() && q.service_codes.is_empty());
    }

    #[test]
    fn filters_are_parsed() {
        let q = RequestQuery::parse(
            &pairs(&[
                ("service_code", "kesehatan,pendidikan"),
                ("status", "closed"),
                ("start_date", "2026-01-01T00:00:00Z"),
                ("end_date", "2026-02-01T00:00:00+07:00"),
                ("page", "3"),
                ("page_size", "10"),
            ]),
            NOW,
        )
        .unwrap();
        assert_eq!(q.service_codes, vec![Category::Kesehatan, Category::Pendidikan]);
        assert_eq!(q.statuses, vec![Status::Completed, Status::Rejected, Status::Duplicate, Status::Archived]);
        assert_eq!(time::rfc3339(q.start), "2026-01-01T00:00:00Z");
        assert_eq!(time::rfc3339(q.end), "2026-01-31T17:00:00Z");
        assert_eq!((q.limit, q.offset), (10, 20));
    }

    #[test]
    fn bad_filters_are_400_errors_each() {
        let err = RequestQuery::parse(
            &pairs(&[
                ("service_code", "potholes"),
                ("status", "pending"),
                ("start_date", "yesterday"),
                ("page_size", "0"),
            ]),
            NOW,
        )
        .unwrap_err();
        assert_eq!(err.len(), 4, "{err:?}");
        assert!(err.iter().all(|e| e.code == 400));
        let wide = RequestQuery::parse(
            &pairs(&[("start_date", "2026-01-01T00:00:00Z"), ("end_date", "2026-06-01T00:00:00Z")]),
            NOW,
        )
        .unwrap_err();
        assert!(wide[0].description.contains("90 days"));
        let deep = RequestQuery::parse(&pairs(&[("page", "1000000"), ("page_size", "500")]), NOW).unwrap_err();
        assert!(deep[0].description.starts_with("page:"), "{deep:?}");
        assert!(RequestQuery::parse(&pairs(&[("page", "21"), ("page_size", "500")]), NOW).is_ok(), "offset 10,000");
    }

    #[test]
    fn ids_keep_only_well_formed_tracking_ids() {
        let id = TrackingId::from_random([1; 8]);
        let q = RequestQuery::parse(&pairs(&[("service_request_id", &format!("{id}, 123"))]), NOW).unwrap();
        assert_eq!(q.ids, Some(vec![id.as_str().to_string()]));
    }

    fn post() -> Vec<(String, String)> {
        pairs(&[
            ("api_key", "k"),
            ("service_code", "infrastruktur"),
            ("lat", "-3.8"),
            ("long", "102.26"),
            ("address_id", "17.71"),
            ("email", "Warga@Example.id"),
            ("first_name", "Siti"),
            ("last_name", "Aminah"),
            (
                "description",
                "Lubang besar   di jalan depan SDN 5 sudah tiga bulan tidak diperbaiki oleh dinas terkait sama sekali.",
            ),
        ])
    }

    #[test]
    fn a_good_post_becomes_a_public_open311_complaint() {
        let v = NewServiceRequest::from_form(&post()).validate_open311().unwrap();
        assert_eq!((v.kind, v.channel, v.visibility), (Kind::Pengaduan, Channel::Open311, Visibility::Public));
        assert_eq!(v.category, Category::Infrastruktur);
        assert_eq!(v.region_code.as_deref(), Some("17.71"));
        assert_eq!(v.reporter.email.as_deref(), Some("warga@example.id"));
        assert_eq!(v.reporter.name.as_deref(), Some("Siti Aminah"));
        assert!(v.body.starts_with("Lubang besar di jalan"));
        assert!(v.title.ends_with('…') && v.title.chars().count() <= 80, "{}", v.title);
    }

    #[test]
    fn a_post_needs_a_contact_a_location_and_a_known_service() {
        let form = pairs(&[("service_code", "potholes"), ("description", "short")]);
        let err = NewServiceRequest::from_form(&form).validate_open311().unwrap_err();
        let text: Vec<_> = err.iter().map(|e| e.description.as_str()).collect();
        assert!(text.iter().any(|d| d.starts_with("service_code")), "{text:?}");
        assert!(text.iter().any(|d| d.starts_with("description")), "{text:?}");
        assert!(text.iter().any(|d| d.starts_with("location")), "{text:?}");
        assert!(text.iter().any(|d| d.starts_with("email or phone")), "{text:?}");
        assert!(err.iter().all(|e| e.code == 400));
    }

    #[test]
    fn coordinates_must_be_in_indonesia_and_phone_is_normalised() {
        let mut form = post();
        form.retain(|(k, _)| k != "email" && k != "address_id");
        form.push(("phone".into(), "0812-3456-7890".into()));
        let v = NewServiceRequest::from_form(&form).validate_open311().unwrap();
        assert_eq!(v.reporter.phone.as_deref(), Some("+6281234567890"));
        form.retain(|(k, _)| k != "lat");
        form.push(("lat".into(), "51.5".into()));
        let err = NewServiceRequest::from_form(&form).validate_open311().unwrap_err();
        assert_eq!(err[0].description, "lat/long: outside Indonesia");
    }

    #[test]
    fn short_descriptions_get_the_service_name_in_the_title() {
        assert_eq!(title_from("Bau  sekali sampahnya", Category::Lingkungan), "Bau sekali sampahnya");
        assert_eq!(title_from("ab", Category::Lingkungan), "Lingkungan Hidup: ab");
    }

    #[test]
    fn service_requests_map_colours_and_show_no_reporter_fields() {
        let facts = RequestFacts {
            tracking_id: "1234567890".into(),
            status: Status::Assigned,
            category: "kesehatan".into(),
            body: "Puskesmas tutup".into(),
            opd_name: Some("Dinas Kesehatan".into()),
            instansi_name: Some("Pemerintah Kota Bengkulu".into()),
            location_text: None,
            region_code: Some("17.71".into()),
            lat: None,
            lon: None,
            latest_answer: None,
            due_at: Some(NOW),
            created_at: 0,
            updated_at: 0,
        };
        let r = ServiceRequest::from_facts(facts.clone());
        assert_eq!((r.status, r.agency_responsible.as_deref()), ("open", Some("Dinas Kesehatan")));
        assert_eq!(r.service_name, Some("Kesehatan"));
        assert_eq!(r.expected_datetime.as_deref(), Some("2026-11-30T00:53:20Z"));
        let closed = ServiceRequest::from_facts(RequestFacts { status: Status::Completed, opd_name: None, ..facts });
        assert_eq!((closed.status, closed.expected_datetime), ("closed", None));
        assert_eq!(closed.agency_responsible.as_deref(), Some("Pemerintah Kota Bengkulu"));
    }
}
