//! Error codes shared by every API: each maps to one HTTP status and a stable `code` string.

use serde::Serialize;

/// A machine-readable error, rendered as `{"error":{"code","message"}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// The body is not valid JSON / form data.
    MalformedBody,
    /// The body is larger than the endpoint accepts.
    BodyTooLarge,
    /// The Content-Type is not one the endpoint accepts.
    UnsupportedMediaType,
    /// Well-formed input that breaks a rule (see `FieldError`s).
    ValidationFailed,
    /// Nothing (visible to this caller) at that address.
    NotFound,
    /// The method is not allowed on this route.
    MethodNotAllowed,
    /// No valid credentials.
    Unauthorized,
    /// Credentials valid but not allowed to do this.
    Forbidden,
    /// An admin signed in without two-step sign-in: nothing but enrolling (and signing out) until it is on.
    TwoStepEnrolmentRequired,
    /// The action does not fit the report's current state.
    Conflict,
    /// Too many requests from one source.
    RateLimited,
    /// Something failed on our side.
    Internal,
    /// Temporarily unable to serve (busy, or the database schema is older than this code needs).
    Unavailable,
    /// The endpoint exists but is not built yet.
    NotImplemented,
}

impl ErrorCode {
    /// The HTTP status for this error.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::MalformedBody => 400,
            ErrorCode::Unauthorized => 401,
            ErrorCode::Forbidden | ErrorCode::TwoStepEnrolmentRequired => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::Conflict => 409,
            ErrorCode::BodyTooLarge => 413,
            ErrorCode::UnsupportedMediaType => 415,
            ErrorCode::ValidationFailed => 422,
            ErrorCode::RateLimited => 429,
            ErrorCode::Internal => 500,
            ErrorCode::NotImplemented => 501,
            ErrorCode::Unavailable => 503,
        }
    }

    /// The stable `code` string of the JSON error body.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::MalformedBody => "malformed_body",
            ErrorCode::BodyTooLarge => "body_too_large",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::TwoStepEnrolmentRequired => "two_step_enrolment_required",
            ErrorCode::Conflict => "conflict",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::Internal => "internal",
            ErrorCode::NotImplemented => "not_implemented",
            ErrorCode::Unavailable => "unavailable",
        }
    }

    /// The JSON error body `{"error":{"code","message",...}}`, with field errors when there are any.
    pub fn body(self, message: &str, fields: &[FieldError]) -> serde_json::Value {
        let mut error = serde_json::json!({ "code": self.as_str(), "message": message });
        if !fields.is_empty() {
            error["fields"] = serde_json::to_value(fields).unwrap_or_default();
        }
        serde_json::json!({ "error": error })
    }
}

/// One rule broken by one input field, e.g. `reporter.nik` / `nik_unknown_district`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// Dotted path of the field in the request.
    pub field: String,
    /// Stable code of the broken rule.
    pub code: &'static str,
    /// Human-readable explanation (Bahasa Indonesia first, English after the slash).
    pub message: String,
}

impl FieldError {
    /// Creates a field error.
    pub fn new(field: &str, code: &'static str, message: impl Into<String>) -> Self {
        FieldError { field: field.to_string(), code, message: message.into() }
    }
}
