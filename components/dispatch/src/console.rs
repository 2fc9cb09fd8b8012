//! The console's answer form with files (`POST /staff/jawab/{tracking_id}`, issue 14 §1): the liaison answers
//! with an optional photo or scan, as the API takes it (`POST /api/v1/opd/reports/{id}/answer`). The form lives
//! on the verification component's report page (`/staff/laporan/{id}`); it posts here because an answer with a
//! file needs this component's body limit. Same session cookie and anti-forgery value as every staff form.

use lapor_core::multipart;
use lapor_core::texts;
use lapor_spin::error::{PageError, PageResult};
use lapor_spin::html::{error_page, page, Lang};
use lapor_spin::request::{url_decode_pairs, Req};
use lapor_spin::{answering, clock, staff};
use lapor_store::action::ActionError;
use lapor_store::Db;
use maud::html;
use spin_sdk::http::Response;

/// The fields and the one file of the form.
#[derive(Default)]
struct Form {
    csrf: String,
    body: String,
    file: Option<Vec<u8>>,
}

fn parse(req: &Req) -> Option<Form> {
    let ct = req.header("content-type").unwrap_or("");
    let mut f = Form::default();
    if let Some(boundary) = multipart::boundary(ct) {
        for part in multipart::parse(&req.body, &boundary)? {
            match (part.name.as_str(), part.filename.is_some()) {
                ("attachment", true) if !part.data.is_empty() => f.file = Some(part.data.to_vec()),
                ("csrf", false) => f.csrf = String::from_utf8_lossy(part.data).into_owned(),
                ("body", false) => f.body = String::from_utf8_lossy(part.data).into_owned(),
                _ => {}
            }
        }
    } else if req.content_type() == "application/x-www-form-urlencoded" {
        for (k, v) in url_decode_pairs(std::str::from_utf8(&req.body).ok()?) {
            match k.as_str() {
                "csrf" => f.csrf = v,
                "body" => f.body = v,
                _ => {}
            }
        }
    } else {
        return None;
    }
    Some(f)
}

fn see_other(req: &Req, to: &str) -> Response {
    let to = if Lang::of(req) == Lang::En {
        format!("{to}{}lang=en", if to.contains('?') { '&' } else { '?' })
    } else {
        to.to_string()
    };
    let mut resp = page(req, 303, html! { a href=(to) { (to) } });
    resp.set_header("location", to);
    resp
}

/// `POST /staff/jawab/{tracking_id}`: the liaison's answer, with an optional file.
pub fn answer(req: &Req, db: &dyn Db, tid: &str) -> PageResult {
    let l = Lang::of(req);
    let (who, token) = lapor_spin::console::session(req, db)?;
    let form = parse(req).unwrap_or_default();
    if !staff::csrf_ok(&token, &form.csrf) {
        return Ok(error_page(req, 403, texts::common::FORM_EXPIRED, l.t(texts::common::RELOAD_PAGE_SEND_AGAIN)));
    }
    match answering::answer(db, &who, tid, Some(&form.body), form.file.as_deref(), clock::now()) {
        Ok(_) => {}
        Err(answering::Refusal::NotFound) => return Err(PageError::NotFound),
        Err(answering::Refusal::Forbidden) => return Ok(error_page(req, 403, texts::common::NOT_ALLOWED, "")),
        Err(answering::Refusal::Invalid(f)) => {
            let field = if f.field == "body" { "body" } else { "attachment" };
            return Err(ActionError::Invalid(field, f.code, f.message).into());
        }
        Err(answering::Refusal::Action(e)) => return Err(e.into()),
    }
    Ok(see_other(req, &format!("/staff/laporan/{tid}?ok=answer")))
}
