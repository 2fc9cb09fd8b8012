//! Routing, the same in every component: a table of method + path pattern → handler, matched in order. A
//! pattern's segments are literals or `{name}` (one segment, read back by name); a trailing `/*` takes the rest
//! of the path (a prefix handled by a sub-router, see [`Params::rest`]). A path no entry matches answers 404; a
//! path some entry matches with another method answers 405 with `Allow` — JSON `{"error":{...}}` on the
//! machine paths ([`JSON_PREFIXES`], the API included: an operation docs/openapi.yaml does not list is never
//! routed, and `Allow` names the ones it does), the readable page elsewhere. HEAD is answered as GET by
//! [`crate::request::serve`] before routing, so a GET entry also allows HEAD.

use lapor_core::ErrorCode;
use lapor_store::spin::SpinDb;
use spin_sdk::http::{Method, Response};

use crate::error::{ApiResult, PageResult};
use crate::request::Req;
use crate::{html, respond};

/// Path prefixes whose 404 and 405 are JSON (the APIs, webhooks and scheduled calls); other paths get a page.
pub const JSON_PREFIXES: &[&str] = &["/api/", "/webhooks/", "/internal/", "/open311/", "/open-data/"];

/// What a handler returns, turned into the response: a [`Response`], an [`ApiResult`] (the error as JSON) or a
/// [`PageResult`] (the error as a page).
pub trait Reply {
    /// The response to send for `req`.
    fn reply(self, req: &Req) -> Response;
}

impl Reply for Response {
    fn reply(self, _: &Req) -> Response {
        self
    }
}

impl Reply for ApiResult {
    fn reply(self, _: &Req) -> Response {
        self.unwrap_or_else(crate::error::ApiError::into_response)
    }
}

impl Reply for PageResult {
    fn reply(self, req: &Req) -> Response {
        self.unwrap_or_else(|e| e.into_page(req))
    }
}

/// The path parameters of a matched entry.
#[derive(Debug, Default, PartialEq)]
pub struct Params<'p> {
    named: Vec<(&'static str, &'p str)>,
    rest: Vec<&'p str>,
}

impl<'p> Params<'p> {
    /// The segment matched by `{name}`, if the pattern has it.
    pub fn get(&self, name: &str) -> Option<&'p str> {
        self.named.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    /// The segments matched by a trailing `/*` (empty when the pattern has none or the path ends there).
    pub fn rest(&self) -> &[&'p str] {
        &self.rest
    }
}

impl std::ops::Index<&str> for Params<'_> {
    type Output = str;

    /// The segment matched by `{name}`; a name the pattern does not have is a mistake in the table.
    fn index(&self, name: &str) -> &str {
        self.get(name).unwrap_or_else(|| panic!("route pattern has no {{{name}}}"))
    }
}

/// The segments of a path or pattern, without leading or trailing `/` (`/` is one empty segment).
fn segments(path: &str) -> Vec<&str> {
    path.trim_matches('/').split('/').collect()
}

/// The parameters when `pattern` matches `path`.
fn matches<'p>(pattern: &'static str, path: &[&'p str]) -> Option<Params<'p>> {
    let mut pat = segments(pattern);
    let prefix = pat.last() == Some(&"*");
    if prefix {
        pat.pop();
    }
    if path.len() < pat.len() || (!prefix && path.len() != pat.len()) {
        return None;
    }
    let mut params = Params::default();
    for (p, s) in pat.iter().zip(path) {
        match p.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(name) => params.named.push((name, s)),
            None if p == s => {}
            None => return None,
        }
    }
    // `/staff/*` takes `/staff` itself (no rest) as well as `/staff/...`; `/` has the one empty segment.
    params.rest = path[pat.len()..].iter().copied().filter(|s| !s.is_empty() || path.len() > 1).collect();
    Some(params)
}

/// Why no entry answered: nothing at that path, or not with that method.
#[derive(Debug, PartialEq)]
pub enum Miss {
    /// No pattern matches the path.
    NotFound,
    /// Patterns match the path with other methods; the `Allow` value.
    NotAllowed(String),
}

impl Miss {
    /// The shared answer: JSON under [`JSON_PREFIXES`], the readable page elsewhere; 405 carries `Allow`.
    pub fn answer(&self, req: &Req) -> Response {
        let json = JSON_PREFIXES.iter().any(|p| req.path.starts_with(p));
        match (self, json) {
            (Miss::NotFound, true) => respond::error(ErrorCode::NotFound, "tidak ditemukan / not found"),
            (Miss::NotFound, false) => html::error_page(req, 404, lapor_core::texts::common::PAGE_NOT_FOUND, ""),
            (Miss::NotAllowed(allow), true) => {
                let mut resp =
                    respond::error(ErrorCode::MethodNotAllowed, "metode tidak diizinkan / method not allowed");
                resp.set_header("allow", allow.as_str());
                resp
            }
            (Miss::NotAllowed(allow), false) => html::method_not_allowed(req, allow),
        }
    }
}

/// The methods in the order `Allow` lists them.
const ALLOW_ORDER: [&str; 6] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

/// The `Allow` names of an entry's method: a GET entry also answers HEAD.
fn allow_names(m: &Method) -> &'static [&'static str] {
    match m {
        Method::Get => &["GET", "HEAD"],
        Method::Head => &["HEAD"],
        Method::Post => &["POST"],
        Method::Put => &["PUT"],
        Method::Patch => &["PATCH"],
        Method::Delete => &["DELETE"],
        _ => &[],
    }
}

/// A routing table whose entries carry a `T`: a handler ([`Router`]), or a tag the caller matches on (the
/// components whose handlers are `async`).
pub struct Table<T> {
    /// Method (`None`: any method), pattern, value.
    entries: Vec<(Option<Method>, &'static str, T)>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table { entries: Vec::new() }
    }
}

impl<T> Table<T> {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an entry (matched after the ones before it).
    pub fn at(mut self, method: Method, pattern: &'static str, value: T) -> Self {
        self.entries.push((Some(method), pattern, value));
        self
    }

    /// Adds an entry for every method (a sub-router that answers its own 405s).
    pub fn any(mut self, pattern: &'static str, value: T) -> Self {
        self.entries.push((None, pattern, value));
        self
    }

    /// Adds the entries of another table (a module's own routes) after these.
    pub fn merge(mut self, more: Table<T>) -> Self {
        self.entries.extend(more.entries);
        self
    }

    /// The first entry matching the method and path, with its parameters; otherwise why none did.
    pub fn find<'s, 'p>(&'s self, method: &Method, path: &'p str) -> Result<(&'s T, Params<'p>), Miss> {
        let path = segments(path);
        let mut allowed: Vec<&Method> = Vec::new();
        for (m, pattern, value) in &self.entries {
            if let Some(params) = matches(pattern, &path) {
                match m {
                    Some(m) if m != method => allowed.push(m),
                    _ => return Ok((value, params)),
                }
            }
        }
        if allowed.is_empty() {
            return Err(Miss::NotFound);
        }
        let allow: Vec<&str> =
            ALLOW_ORDER.into_iter().filter(|name| allowed.iter().any(|m| allow_names(m).contains(name))).collect();
        Err(Miss::NotAllowed(allow.join(", ")))
    }
}

/// Opens the database and serves `req` with the table `routes` builds over it; a database that cannot be
/// opened answers 503 ([`crate::db`]).
pub fn with_db(req: &Req, routes: impl for<'d> FnOnce(&'d SpinDb) -> Router<'d>) -> Response {
    match crate::db() {
        Ok(db) => routes(&db).serve(req),
        Err(resp) => resp,
    }
}

/// A handler of a [`Router`].
pub type Handler<'a> = Box<dyn Fn(&Req, &Params) -> Response + 'a>;

/// A routing table of handlers: `Router::new().get("/api/v1/x/{id}", |req, p| x::get(req, &p["id"]))...`.
pub type Router<'a> = Table<Handler<'a>>;

impl<'a> Table<Handler<'a>> {
    /// Adds a handler for `method` (its [`Reply`] becomes the response).
    pub fn on<R: Reply>(self, method: Method, pattern: &'static str, f: impl Fn(&Req, &Params) -> R + 'a) -> Self {
        self.at(method, pattern, Box::new(move |req: &Req, p: &Params| f(req, p).reply(req)))
    }

    /// Adds a GET handler (HEAD too, see the module).
    pub fn get<R: Reply>(self, pattern: &'static str, f: impl Fn(&Req, &Params) -> R + 'a) -> Self {
        self.on(Method::Get, pattern, f)
    }

    /// Adds a POST handler.
    pub fn post<R: Reply>(self, pattern: &'static str, f: impl Fn(&Req, &Params) -> R + 'a) -> Self {
        self.on(Method::Post, pattern, f)
    }

    /// Adds a PUT handler.
    pub fn put<R: Reply>(self, pattern: &'static str, f: impl Fn(&Req, &Params) -> R + 'a) -> Self {
        self.on(Method::Put, pattern, f)
    }

    /// Adds a PATCH handler.
    pub fn patch<R: Reply>(self, pattern: &'static str, f: impl Fn(&Req, &Params) -> R + 'a) -> Self {
        self.on(Method::Patch, pattern, f)
    }

    /// Runs the first matching handler, or answers the shared 404 / 405.
    pub fn serve(&self, req: &Req) -> Response {
        match self.find(&req.method, &req.path) {
            Ok((handler, params)) => handler(req, &params),
            Err(miss) => miss.answer(req),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(method: Method, path: &str) -> Req {
        Req { method, path: path.into(), query: String::new(), headers: Vec::new(), body: Vec::new() }
    }

    fn table() -> Table<u8> {
        Table::new()
            .at(Method::Get, "/api/v1/reports/{tid}/attachments/{n}", 1)
            .at(Method::Post, "/api/v1/reports/{tid}/forward", 2)
            .at(Method::Post, "/api/v1/reports/{tid}/{action}", 3)
            .at(Method::Get, "/", 4)
            .at(Method::Get, "/staff/*", 5)
            .at(Method::Post, "/lapor", 6)
            .at(Method::Get, "/lapor", 7)
            .any("/open311/v2/*", 8)
    }

    #[test]
    fn parameters_are_read_by_name() {
        let t = table();
        let (v, p) = t.find(&Method::Get, "/api/v1/reports/123/attachments/2").unwrap();
        assert_eq!((*v, &p["tid"], &p["n"]), (1, "123", "2"));
        assert_eq!(p.get("x"), None);
        assert!(p.rest().is_empty());
    }

    #[test]
    fn the_first_matching_entry_wins() {
        let t = table();
        assert_eq!(*t.find(&Method::Post, "/api/v1/reports/9/forward").unwrap().0, 2);
        let (v, p) = t.find(&Method::Post, "/api/v1/reports/9/close").unwrap();
        assert_eq!((*v, &p["action"]), (3, "close"));
    }

    #[test]
    fn trailing_slashes_and_the_root() {
        let t = table();
        assert_eq!(*t.find(&Method::Get, "/").unwrap().0, 4);
        assert_eq!(*t.find(&Method::Get, "/lapor/").unwrap().0, 7);
        assert_eq!(t.find(&Method::Get, "/lapor/x").unwrap_err(), Miss::NotFound);
    }

    #[test]
    fn a_prefix_takes_the_rest() {
        let t = table();
        let (v, p) = t.find(&Method::Get, "/staff/laporan/1").unwrap();
        assert_eq!((*v, p.rest()), (5, &["laporan", "1"][..]));
        let (_, p) = t.find(&Method::Get, "/staff").unwrap();
        assert!(p.rest().is_empty());
        assert_eq!(t.find(&Method::Get, "/staffx").unwrap_err(), Miss::NotFound);
        let (v, p) = t.find(&Method::Delete, "/open311/v2/requests.json").unwrap();
        assert_eq!((*v, p.rest()), (8, &["requests.json"][..]));
    }

    #[test]
    fn another_method_is_405_with_allow_in_a_fixed_order() {
        let t = table();
        assert_eq!(t.find(&Method::Delete, "/lapor").unwrap_err(), Miss::NotAllowed("GET, HEAD, POST".into()));
        assert_eq!(t.find(&Method::Post, "/").unwrap_err(), Miss::NotAllowed("GET, HEAD".into()));
        assert_eq!(t.find(&Method::Get, "/api/v1/reports/1/x").unwrap_err(), Miss::NotAllowed("POST".into()));
        assert_eq!(t.find(&Method::Get, "/api/v1/nothing").unwrap_err(), Miss::NotFound);
    }

    fn header(r: &Response, name: &str) -> Option<String> {
        r.header(name).and_then(|v| v.as_str()).map(str::to_string)
    }

    #[test]
    fn misses_are_json_on_machine_paths_and_pages_elsewhere() {
        let r = Miss::NotAllowed("POST".into()).answer(&req(Method::Get, "/internal/sweep"));
        assert_eq!((*r.status(), header(&r, "allow").as_deref()), (405, Some("POST")));
        assert!(header(&r, "content-type").unwrap().starts_with("application/json"));
        let body: serde_json::Value = serde_json::from_slice(r.body()).unwrap();
        assert_eq!(body["error"]["code"], "method_not_allowed");

        // Under the API too: another method on a path it routes is 405 with `Allow` (issue 28, finding 11).
        let r = Miss::NotAllowed("GET, HEAD".into()).answer(&req(Method::Delete, "/api/v1/admin/accounts/1"));
        assert_eq!((*r.status(), header(&r, "allow").as_deref()), (405, Some("GET, HEAD")));
        let body: serde_json::Value = serde_json::from_slice(r.body()).unwrap();
        assert_eq!(body["error"]["code"], "method_not_allowed");

        let r = Miss::NotFound.answer(&req(Method::Get, "/webhooks/x"));
        assert_eq!(*r.status(), 404);
        let body: serde_json::Value = serde_json::from_slice(r.body()).unwrap();
        assert_eq!(body["error"]["code"], "not_found");

        let r = Miss::NotAllowed("GET, HEAD".into()).answer(&req(Method::Delete, "/laporan"));
        assert_eq!((*r.status(), header(&r, "allow").as_deref()), (405, Some("GET, HEAD")));
        assert!(header(&r, "content-type").unwrap().starts_with("text/html"));
        let r = Miss::NotFound.answer(&req(Method::Get, "/tidak-ada"));
        assert_eq!(*r.status(), 404);
        assert!(header(&r, "content-type").unwrap().starts_with("text/html"));
    }

    #[test]
    fn a_router_runs_the_handler_and_converts_its_result() {
        let router = Router::new()
            .get("/api/v1/x/{id}", |_, p| -> ApiResult {
                Err(crate::error::ApiError::new(ErrorCode::NotFound, &p["id"]))
            })
            .post("/page", |_, _| -> PageResult { Err(crate::error::PageError::NotFound) })
            .put("/raw", |_, _| respond::with_body(204, "text/plain", Vec::new()));
        let r = router.serve(&req(Method::Get, "/api/v1/x/42"));
        assert_eq!(*r.status(), 404);
        assert!(String::from_utf8_lossy(r.body()).contains("42"));
        let r = router.serve(&req(Method::Post, "/page"));
        assert!(header(&r, "content-type").unwrap().starts_with("text/html"));
        assert_eq!(*router.serve(&req(Method::Put, "/raw")).status(), 204);
        assert_eq!(*router.serve(&req(Method::Patch, "/raw")).status(), 405);
        assert_eq!(*router.serve(&req(Method::Delete, "/api/v1/x/1")).status(), 405);
        assert_eq!(*router.serve(&req(Method::Delete, "/api/v1/y")).status(), 404);
    }
}
