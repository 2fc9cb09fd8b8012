//! Handler errors, so handlers return `Result<Response, _>` and use `?`: [`ApiError`] answers
//! `{"error":{"code","message"}}`, [`PageError`] a readable HTML page. Both take a store failure (logged without
//! personal data, answered 500, or 503 with `Retry-After` when the database stayed busy) and a refused action.

use crate::request::Req;
use crate::{html, respond};
use lapor_core::texts;
use lapor_core::{ErrorCode, FieldError};
use lapor_store::action::ActionError;
use lapor_store::StoreError;
use spin_sdk::http::Response;

/// What an API handler returns.
pub type ApiResult = Result<Response, ApiError>;

/// An API failure, already in its response form.
pub struct ApiError(Response);

impl std::fmt::Debug for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ApiError({})", self.0.status())
    }
}

impl ApiError {
    /// An error with its stable code and a message (Indonesian / English).
    pub fn new(code: ErrorCode, message: &str) -> Self {
        ApiError(respond::error(code, message))
    }

    /// A validation failure listing each broken rule.
    pub fn invalid(fields: &[FieldError]) -> Self {
        ApiError(respond::invalid(fields))
    }

    /// One broken rule on one field.
    pub fn field(field: &str, code: &'static str, message: &str) -> Self {
        Self::invalid(&[FieldError::new(field, code, message)])
    }

    /// Nothing the caller may see at that address.
    pub fn not_found() -> Self {
        Self::new(ErrorCode::NotFound, "tidak ditemukan / not found")
    }

    /// The response to send.
    pub fn into_response(self) -> Response {
        self.0
    }
}

impl From<Response> for ApiError {
    /// An error response built elsewhere (the helpers that return `Result<_, Response>`).
    fn from(resp: Response) -> Self {
        ApiError(resp)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError(store_failure(&e))
    }
}

impl From<ActionError> for ApiError {
    fn from(e: ActionError) -> Self {
        ApiError(crate::staff::action_error(e))
    }
}

/// The response for a store failure: 503 with `Retry-After` when the database stayed locked, else 500. The
/// error text is SQLite's (statement shape, never bound values), so it may be logged.
pub fn store_failure(e: &StoreError) -> Response {
    match e {
        StoreError::Busy(_) => {
            eprintln!("warning: store busy: {e}");
            let mut resp =
                respond::error(ErrorCode::Unavailable, "server sedang sibuk; coba lagi / server busy; try again");
            resp.set_header("retry-after", "1");
            resp
        }
        _ => crate::internal("store", e),
    }
}

/// What a page handler returns.
pub type PageResult = Result<Response, PageError>;

/// A page failure: a readable page in the reader's language, or a response built elsewhere (a redirect to sign in).
#[derive(Debug)]
pub enum PageError {
    /// A ready response.
    Response(DebugResp),
    /// A store failure, to be shown as "something went wrong" (or "busy") on a page.
    Store(StoreError),
    /// A refused action, shown with its message.
    Action(ActionError),
    /// Nothing at this address for this reader.
    NotFound,
}

/// A response kept inside [`PageError`].
pub struct DebugResp(pub Response);

impl std::fmt::Debug for DebugResp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "response {}", self.0.status())
    }
}

impl From<Response> for PageError {
    fn from(resp: Response) -> Self {
        PageError::Response(DebugResp(resp))
    }
}

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> Self {
        PageError::Store(e)
    }
}

impl From<ActionError> for PageError {
    fn from(e: ActionError) -> Self {
        PageError::Action(e)
    }
}

impl PageError {
    /// The page to send for this failure.
    pub fn into_page(self, req: &Req) -> Response {
        match self {
            PageError::Response(r) => r.0,
            PageError::NotFound => html::error_page(req, 404, texts::common::PAGE_NOT_FOUND, ""),
            PageError::Store(StoreError::Busy(m)) => {
                eprintln!("warning: store busy: {m}");
                let mut resp = html::error_page(
                    req,
                    503,
                    texts::common::SERVER_BUSY,
                    html::Lang::of(req).t(texts::common::PLEASE_TRY_AGAIN_SHORTLY),
                );
                resp.set_header("retry-after", "1");
                resp
            }
            PageError::Store(e) => {
                eprintln!("error: store: {e}");
                html::error_page(
                    req,
                    500,
                    texts::common::SOMETHING_WENT_WRONG,
                    html::Lang::of(req).t(texts::common::PLEASE_TRY_AGAIN_LATER),
                )
            }
            PageError::Action(e) => {
                let (status, detail) = match e {
                    ActionError::NotFound(_) => {
                        return html::error_page(req, 404, texts::common::NOT_FOUND, "");
                    }
                    ActionError::Conflict(m) => (409, m),
                    ActionError::Invalid(_, _, m) => (422, m),
                    ActionError::Store(e) => return PageError::Store(e).into_page(req),
                };
                html::error_page(req, status, texts::common::ACTION_CANNOT_DONE, &detail)
            }
        }
    }
}
