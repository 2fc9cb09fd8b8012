//! Reading a request: method, path, query, headers, and a body read with a size limit (a larger body is
//! refused with 413 before it is all in memory).

use futures::StreamExt;
use lapor_core::ErrorCode;
use spin_sdk::http::{IncomingRequest, Method, Response};

use crate::respond;

/// A request with its body read.
pub struct Req {
    pub method: Method,
    /// Path without the query, e.g. `/api/v1/reports/1234567890`.
    pub path: String,
    /// Query string without `?` (may be empty).
    pub query: String,
    /// Headers with lower-case names.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Req {
    /// First value of a header (name in lower case). Never for Spin's own `spin-*` headers, which a client can
    /// send too: see [`Req::spin_header`].
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Every value of a header, in order.
    pub fn header_all(&self, name: &str) -> Vec<&str> {
        self.headers.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }

    /// A header Spin sets (`spin-full-url`, `spin-client-addr`, …): the *last* value. Spin 4.0.2 appends its
    /// own after the client's headers, so a value the client sent under the same name comes first.
    pub fn spin_header(&self, name: &str) -> Option<&str> {
        self.headers.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The client's address, for per-client limits (`lapor_core::client`): the peer Spin saw, or behind a
    /// trusted proxy (variable `trusted_proxies`) the address that proxy put in `X-Forwarded-For`.
    pub fn client_ip(&self) -> Option<std::net::IpAddr> {
        let trusted = crate::vars::get("trusted_proxies").map_or_else(Default::default, |v| {
            lapor_core::client::TrustedProxies::parse(&v).unwrap_or_else(|e| {
                eprintln!("error: trusted_proxies is unusable ({e}); X-Forwarded-For is ignored");
                Default::default()
            })
        });
        lapor_core::client::client_ip(
            &self.header_all("spin-client-addr"),
            &self.header_all("x-forwarded-for"),
            &trusted,
        )
    }

    /// The subject per-client limits count ([`lapor_core::client::subject`] of [`Req::client_ip`]).
    pub fn client_subject(&self) -> String {
        lapor_core::client::subject(self.client_ip())
    }

    /// The media type of the body, lower case, without parameters.
    pub fn content_type(&self) -> String {
        self.header("content-type").unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase()
    }

    /// Value of a query parameter.
    pub fn query_param(&self, name: &str) -> Option<String> {
        url_decode_pairs(&self.query).into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// Makes a `HEAD` request a `GET` (pages answer HEAD as GET without the body, see
    /// [`crate::respond::for_head`]); `true` if it was HEAD.
    pub fn head_as_get(&mut self) -> bool {
        let head = self.method == Method::Head;
        if head {
            self.method = Method::Get;
        }
        head
    }

    /// A bearer token from `Authorization`.
    pub fn bearer(&self) -> Option<&str> {
        self.header("authorization").and_then(|v| v.strip_prefix("Bearer ")).map(str::trim)
    }

    /// Whether the bearer token is `secret` (compared in constant time); never when `secret` is empty. The
    /// scheduler's calls (`/internal/...`, bearer `sweep_token`) are checked so.
    pub fn bearer_is(&self, secret: &str) -> bool {
        !secret.is_empty()
            && self.bearer().is_some_and(|t| lapor_core::secret::constant_time_eq(t.as_bytes(), secret.as_bytes()))
    }
}

/// Decodes `application/x-www-form-urlencoded` pairs (query strings and form bodies).
pub fn url_decode_pairs(s: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(s.as_bytes()).into_owned().collect()
}

/// Encodes a value for a query string.
pub fn url_encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Reads the request (a body of at most `limit` bytes), answers HEAD as GET without the body, and hands the rest to
/// `route`: the front door of every component that serves pages.
pub async fn serve(req: IncomingRequest, limit: usize, route: impl FnOnce(&Req) -> Response) -> Response {
    match read(req, limit).await {
        Ok(mut req) => {
            let head = req.head_as_get();
            respond::for_head(route(&req), head)
        }
        Err(resp) => resp,
    }
}

/// Reads the request, refusing a body over `limit` bytes with 413.
pub async fn read(req: IncomingRequest, limit: usize) -> Result<Req, Response> {
    let method = req.method();
    let full = req.path_with_query().unwrap_or_else(|| "/".into());
    let (path, query) = match full.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (full.clone(), String::new()),
    };
    let headers: Vec<(String, String)> = req
        .headers()
        .entries()
        .into_iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), String::from_utf8_lossy(&v).into_owned()))
        .collect();
    let too_large = || {
        respond::error(
            ErrorCode::BodyTooLarge,
            &format!("isi permintaan melebihi {limit} byte / body exceeds {limit} bytes"),
        )
    };
    let declared =
        headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    let mut stream = req.into_body_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| {
            respond::error(ErrorCode::MalformedBody, "isi permintaan terputus / body could not be read")
        })?;
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Req { method, path, query, headers, body })
}
