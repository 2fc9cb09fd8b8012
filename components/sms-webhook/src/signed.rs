//! The provider's signature: every request must carry a valid `X-Twilio-Signature` computed over the public
//! URL (the `public_base_url` variable plus the request path, never the Host header) and the form fields.

use lapor_core::{twilio, ErrorCode};
use lapor_spin::request::{url_decode_pairs, Req};
use lapor_spin::{respond, vars};
use spin_sdk::http::Response;

/// The form fields of a correctly signed request, or the refusal to send back.
pub fn params(req: &Req) -> Result<Vec<(String, String)>, Response> {
    let forbidden = || respond::error(ErrorCode::Forbidden, "tanda tangan tidak sah / invalid signature");
    let (Some(token), Some(base)) = (vars::get("twilio_auth_token"), vars::get("public_base_url")) else {
        return Err(forbidden());
    };
    if req.content_type() != "application/x-www-form-urlencoded" {
        return Err(respond::error(
            ErrorCode::UnsupportedMediaType,
            "kirim application/x-www-form-urlencoded / send application/x-www-form-urlencoded",
        ));
    }
    let Ok(body) = std::str::from_utf8(&req.body) else { return Err(forbidden()) };
    let params = url_decode_pairs(body);
    let mut url = format!("{}{}", base.trim_end_matches('/'), req.path);
    if !req.query.is_empty() {
        url = format!("{url}?{}", req.query);
    }
    let signature = req.header("x-twilio-signature").unwrap_or("");
    if twilio::verify(&token, &url, &params, signature) {
        Ok(params)
    } else {
        eprintln!("sms webhook: refused a request with a missing or invalid signature on {}", req.path);
        Err(forbidden())
    }
}

/// The first value of a form field.
pub fn field<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}
