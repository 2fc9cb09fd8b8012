//! Responses: JSON, errors as `{"error":{"code","message"}}`, and the security headers every response carries.

use lapor_core::{ErrorCode, FieldError};
use spin_sdk::http::Response;

/// Headers on every response.
pub const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("cache-control", "no-store"),
];

/// A JSON response of any serialisable view.
pub fn json<T: serde::Serialize + ?Sized>(status: u16, value: &T) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec());
    with_body(status, "application/json; charset=utf-8", body)
}

/// An error response for an API.
pub fn error(code: ErrorCode, message: &str) -> Response {
    json(code.http_status(), &code.body(message, &[]))
}

/// A validation error response listing each broken rule.
pub fn invalid(fields: &[FieldError]) -> Response {
    let code = ErrorCode::ValidationFailed;
    json(code.http_status(), &code.body("data tidak valid / invalid input", fields))
}

/// A response with the given content type and body, plus the security headers.
pub fn with_body(status: u16, content_type: &str, body: Vec<u8>) -> Response {
    let mut b = Response::builder();
    b.status(status).header("content-type", content_type);
    for (k, v) in SECURITY_HEADERS {
        b.header(*k, *v);
    }
    b.body(body).build()
}

/// The answer to a `HEAD` request made `GET` by [`crate::request::Req::head_as_get`]: the same status and
/// headers, without the body.
pub fn for_head(mut resp: Response, head: bool) -> Response {
    if head {
        resp.body_mut().clear();
    }
    resp
}
