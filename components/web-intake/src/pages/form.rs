//! The report form (`GET /lapor`), its submission (`POST /lapor`, multipart with evidence files or
//! url-encoded) and the confirmation page with the tracking ID and the reporter token.

use std::collections::HashMap;

use lapor_core::report::{LocationInput, NewReport, ReporterInput};
use lapor_core::texts;
use lapor_core::{multipart, regions, secret, Category, FieldError, Kind, Visibility};
use lapor_spin::error::PageResult;
use lapor_spin::request::{url_decode_pairs, Req};
use lapor_spin::{admission, clock, secrets};

use crate::filing::Refused;
use maud::{html, Markup};
use spin_sdk::http::Response;

use lapor_spin::html::{app_cookie, set_app_cookie};

use super::{error_page, layout, page, Lang};

/// The submitted form: text fields and evidence files.
#[derive(Default)]
pub(crate) struct Submitted {
    pub fields: HashMap<String, String>,
    pub files: Vec<Vec<u8>>,
}

impl Submitted {
    pub fn get(&self, k: &str) -> Option<String> {
        self.fields.get(k).cloned()
    }

    pub fn to_report(&self) -> NewReport {
        let num = |k: &str| self.get(k).and_then(|v| v.trim().parse::<f64>().ok());
        NewReport {
            kind: self.get("kind"),
            title: self.get("title"),
            body: self.get("body"),
            category: self.get("category"),
            incident_date: self.get("incident_date"),
            location: Some(LocationInput {
                text: self.get("location_text"),
                lat: num("lat"),
                lon: num("lon"),
                region_code: self.get("region_code"),
            }),
            target_instansi: self.get("target_instansi"),
            visibility: self.get("visibility"),
            reporter: Some(ReporterInput {
                name: self.get("name"),
                nik: self.get("nik"),
                phone: self.get("phone"),
                email: self.get("email"),
                // Opt-out boxes (issue 16): ticked means no updates on that channel.
                notify_sms: self.get("no_sms").map(|_| false),
                notify_email: self.get("no_email").map(|_| false),
            }),
        }
    }
}

pub(crate) fn parse(req: &Req) -> Option<Submitted> {
    let ct = req.header("content-type").unwrap_or("");
    if let Some(boundary) = multipart::boundary(ct) {
        let mut s = Submitted::default();
        for part in multipart::parse(&req.body, &boundary)? {
            if part.filename.is_some() {
                if !part.data.is_empty() {
                    s.files.push(part.data.to_vec());
                }
            } else {
                s.fields.insert(part.name, String::from_utf8_lossy(part.data).into_owned());
            }
        }
        Some(s)
    } else if req.content_type() == "application/x-www-form-urlencoded" {
        let body = std::str::from_utf8(&req.body).ok()?;
        Some(Submitted { fields: url_decode_pairs(body).into_iter().collect(), files: Vec::new() })
    } else {
        None
    }
}

/// `GET /lapor`: the empty form, with a fresh anti-forgery token in a cookie and a hidden field.
pub fn show(req: &Req) -> Response {
    let mut s = Submitted::default();
    if let Some(k) = req.query_param("kind").filter(|k| Kind::parse(k).is_some()) {
        s.fields.insert("kind".into(), k);
    }
    render(req, 200, &s, &[])
}

fn render(req: &Req, status: u16, s: &Submitted, errors: &[FieldError]) -> Response {
    let l = Lang::of(req);
    let csrf = secret::token_from_random(secrets::random());
    let content = form_markup(l, s, errors, &csrf, &FormFrame::citizen(l));
    let mut resp = page(req, status, layout(l, "/lapor", l.t(texts::intake::MAKE_REPORT), content));
    resp.set_header("set-cookie", set_app_cookie(req, "csrf", &csrf, None));
    resp
}

fn field_error<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a FieldError> {
    errors.iter().find(|e| e.field == field)
}

/// What differs between the citizen's form and the staff's offline-complaint form (`crate::offline`).
pub(crate) struct FormFrame<'a> {
    pub heading: &'a str,
    pub action: &'a str,
    /// Fields after the anti-forgery one (how and when an offline complaint arrived).
    pub extra: Markup,
    pub evidence_label: &'a str,
    pub submit: &'a str,
}

impl FormFrame<'_> {
    fn citizen(l: Lang) -> FormFrame<'static> {
        FormFrame {
            heading: l.t(texts::intake::MAKE_REPORT),
            action: "/lapor",
            extra: html! {},
            evidence_label: l.t(texts::intake::EVIDENCE_OPTIONAL),
            submit: l.t(texts::intake::SEND_REPORT),
        }
    }
}

/// The report form's fields (the web form's, shared with the offline-complaint form).
pub(crate) fn form_markup(l: Lang, s: &Submitted, errors: &[FieldError], csrf: &str, frame: &FormFrame) -> Markup {
    let v = |k: &str| s.get(k).unwrap_or_default();
    let err = |f: &str| field_error(errors, f).map(|e| html! { span.hint role="alert" { "⚠ " (e.message) } });
    let kind = v("kind");
    let visibility = s.get("visibility").unwrap_or_else(|| "public".into());
    html! {
        h1 { (frame.heading) }
        @if !errors.is_empty() {
            div.errors role="alert" {
                p { strong { (l.t(texts::intake::NOT_SENT_YET_PLEASE_CHECK)) } }
                ul { @for e in errors { li { code { (e.field) } ": " (e.message) } } }
            }
        }
        form.report method="post" action=(frame.action) enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(csrf);
            (frame.extra)
            fieldset {
                legend { (l.t(texts::intake::KIND_REPORT)) }
                @for k in Kind::ALL {
                    label { input type="radio" name="kind" value=(k.as_str()) checked[kind == k.as_str()] required;
                        " " (kind_label(l, *k)) }
                }
                (err("kind").unwrap_or_default())
            }
            label for="title" { (l.t(texts::common::TITLE)) span.hint { (l.t(texts::intake::SHORT_CLEAR_5_200_CHARACTERS)) } }
            input #title type="text" name="title" value=(v("title")) maxlength="200" required;
            (err("title").unwrap_or_default())
            label for="body" { (l.t(texts::intake::REPORT_BODY)) span.hint { (l.t(texts::intake::WHAT_WHERE_WHEN_WHO_WAS)) } }
            textarea #body name="body" maxlength="10000" required { (v("body")) }
            (err("body").unwrap_or_default())
            label for="category" { (l.t(texts::common::CATEGORY)) }
            select #category name="category" required {
                option value="" { (l.t(texts::intake::CHOOSE)) }
                @for c in Category::ALL { option value=(c.as_str()) selected[v("category") == c.as_str()] { (c.label_id()) } }
            }
            (err("category").unwrap_or_default())
            label for="incident_date" { (l.t(texts::intake::DATE_INCIDENT)) }
            input #incident_date type="date" name="incident_date" value=(v("incident_date"));
            (err("incident_date").unwrap_or_default())
            label for="region_code" { (l.t(texts::common::REGION)) span.hint { (l.t(texts::intake::PROVINCE_THEN_REGENCY_CITY)) } }
            select #region_code name="region_code" {
                option value="" { (l.t(texts::intake::DON_T_KNOW)) }
                @for p in regions::provinces() {
                    optgroup label=(p.name) {
                        option value=(p.code) selected[v("region_code") == p.code] { (l.fill(texts::intake::WHOLE_PROVINCE, &[("province", &p.name)])) }
                        @for r in regions::regencies().iter().filter(|r| r.province_code == p.code) {
                            option value=(r.code) selected[v("region_code") == r.code] { (r.name) }
                        }
                    }
                }
            }
            (err("location.region_code").unwrap_or_default())
            label for="location_text" { (l.t(texts::common::LOCATION)) span.hint { (l.t(texts::intake::ADDRESS_LANDMARK)) } }
            input #location_text type="text" name="location_text" value=(v("location_text")) maxlength="300";
            label for="target_instansi" { (l.t(texts::intake::GOVERNMENT_BODY_IF_YOU_KNOW)) }
            input #target_instansi type="text" name="target_instansi" value=(v("target_instansi")) maxlength="300";
            label for="evidence" { (frame.evidence_label) span.hint { (l.t(texts::intake::JPEG_PNG_WEBP_PHOTOS_PDF)) } }
            input #evidence type="file" name="evidence" accept="image/jpeg,image/png,image/webp,application/pdf" multiple;
            (err("evidence").unwrap_or_default())
            fieldset {
                legend { (l.t(texts::intake::WHO_REPORTING)) }
                p.hint { (l.t(texts::intake::DETER_HOAXES_YOUR_IDENTITY_REQUIRED)) }
                label for="name" { (l.t(texts::common::NAME)) }
                input #name type="text" name="name" value=(v("name")) autocomplete="name" required;
                (err("reporter.name").unwrap_or_default())
                label for="nik" { "NIK" span.hint { (l.t(texts::intake::N16_DIGITS_ID_CARD)) } }
                input #nik type="text" name="nik" value=(v("nik")) inputmode="numeric" pattern="[0-9]{16}" maxlength="16" required;
                (err("reporter.nik").unwrap_or_default())
                label for="phone" { (l.t(texts::intake::PHONE_NUMBER)) }
                input #phone type="tel" name="phone" value=(v("phone")) autocomplete="tel";
                (err("reporter.phone").unwrap_or_default())
                label for="email" { "E-mail" }
                input #email type="email" name="email" value=(v("email")) autocomplete="email";
                (err("reporter.email").unwrap_or_default())
                (err("reporter").unwrap_or_default())
                p.hint { (l.t(texts::intake::UPDATES_REPORT_ARE_SENT_SMS)) }
                label { input type="checkbox" name="no_sms" value="1" checked[s.get("no_sms").is_some()];
                    " " (l.t(texts::intake::DO_NOT_SEND_ME_SMS)) }
                label { input type="checkbox" name="no_email" value="1" checked[s.get("no_email").is_some()];
                    " " (l.t(texts::intake::DO_NOT_SEND_ME_E)) }
            }
            fieldset {
                legend { (l.t(texts::intake::WHO_MAY_SEE)) }
                @for vis in Visibility::ALL {
                    label { input type="radio" name="visibility" value=(vis.as_str()) checked[visibility == vis.as_str()];
                        " " strong { (visibility_label(l, *vis).0) } " — " (visibility_label(l, *vis).1) }
                }
            }
            button type="submit" { (frame.submit) }
        }
    }
}

fn kind_label(l: Lang, k: Kind) -> &'static str {
    l.t(k.label())
}

fn visibility_label(l: Lang, v: Visibility) -> (&'static str, &'static str) {
    match v {
        Visibility::Public => (l.t(texts::intake::PUBLIC), l.t(texts::intake::YOUR_REPORT_YOUR_NAME_APPEAR)),
        Visibility::Anonymous => (l.t(texts::intake::ANONYMOUS), l.t(texts::intake::REPORT_APPEARS_BUT_YOUR_NAME)),
        Visibility::Confidential => {
            (l.t(texts::intake::CONFIDENTIAL), l.t(texts::intake::WHOLE_REPORT_HIDDEN_FROM_PUBLIC))
        }
    }
}

/// `POST /lapor`.
pub fn submit(req: &Req) -> PageResult {
    let l = Lang::of(req);
    let Some(s) = parse(req) else {
        return Ok(error_page(req, 415, texts::common::FORM_NOT_UNDERSTOOD, l.t(texts::intake::SEND_FROM_FORM_LAPOR)));
    };
    let expected = app_cookie(req, "csrf").unwrap_or_default();
    let given = s.get("csrf").unwrap_or_default();
    if expected.is_empty() || !secret::constant_time_eq(expected.as_bytes(), given.as_bytes()) {
        return Ok(error_page(req, 403, texts::common::FORM_EXPIRED, l.t(texts::intake::RELOAD_FORM_PAGE_SEND_AGAIN)));
    }
    let mut errors = match s.to_report().validate_web(clock::today_wib()) {
        Ok(_) => Vec::new(),
        Err(e) => e,
    };
    let evidence = crate::files::checked(&s.files, "evidence", |_| "evidence".into(), &mut errors);
    let report = match s.to_report().validate_web(clock::today_wib()) {
        Ok(r) if errors.is_empty() => r,
        _ => return Ok(render(req, 422, &s, &errors)),
    };
    let filed = match crate::filing::file(&req.client_subject(), &report, &evidence, clock::now())? {
        Ok(f) => f,
        Err(Refused::Client) => {
            return Ok(render(req, 429, &s, &[FieldError::new("form", "filing_limit", crate::filing::REFUSED)]))
        }
        Err(Refused::Evidence) => {
            let message = "batas unggah bukti hari ini tercapai; kirim laporan tanpa lampiran atau coba besok / \
                           today's evidence upload limit is reached; send the report without files or try tomorrow";
            return Ok(render(req, 429, &s, &[FieldError::new("evidence", "evidence_quota", message)]));
        }
        Err(Refused::Limit(over)) => {
            let text = l.t(admission::refusal(over));
            return Ok(render(req, 429, &s, &[FieldError::new("form", "filing_limit", text)]));
        }
    };
    let (created, token) = (&filed.created, &filed.token);
    let content = html! {
        h1 { (l.t(texts::intake::REPORT_SENT)) }
        div.notice role="status" {
            p { (l.t(texts::intake::YOUR_TRACKING_NUMBER)) }
            p.secret id="tracking-id" { (created.tracking_id.as_str()) }
            p { (l.t(texts::intake::YOUR_SECRET_REPORTER_CODE_KEEP)) }
            p.secret id="reporter-token" { (token) }
        }
        @if filed.withheld { p.notice role="note" { (l.t(texts::intake::ACK_WITHHELD)) } }
        p { a href={ "/lacak/" (created.tracking_id.as_str()) } { (l.t(texts::intake::OPEN_TRACKING_PAGE)) } }
    };
    Ok(page(req, 201, layout(l, "/lapor", l.t(texts::intake::REPORT_SENT), content)))
}
