//! `allowed_outbound_hosts` enforcement for `wasi:http/outgoing-handler`.

use anyhow::{bail, Context, Result};
use std::future::Future;
use std::sync::Arc;
use wasmtime_wasi_http::{ForbiddenHeaderFilter, RequestOptions, WasiBody, WasiHttpHooks, DEFAULT_FORBIDDEN_HEADERS};

/// One parsed `allowed_outbound_hosts` entry (`scheme://host[:port]`, each part may be `*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedHost {
    scheme: Pattern,
    host: HostPattern,
    port: Pattern,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Pattern {
    Any,
    Exact(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum HostPattern {
    Any,
    /// `*.example.com`: any subdomain (not the domain itself).
    Subdomain(String),
    Exact(String),
}

impl AllowedHost {
    /// Parses an entry such as `https://api.twilio.com`, `http://localhost:*` or `*://*:*`.
    pub fn parse(entry: &str) -> Result<Self> {
        let entry = entry.trim();
        let (scheme, rest) =
            entry.split_once("://").with_context(|| format!("allowed_outbound_hosts entry {entry:?} has no scheme"))?;
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if rest.contains('/') {
            bail!("allowed_outbound_hosts entry {entry:?} must not have a path");
        }
        let scheme = scheme.to_ascii_lowercase();
        let (host, port) = match rest.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || rest.starts_with('[') => (h, Some(p)),
            _ => (rest, None),
        };
        if host.is_empty() {
            bail!("allowed_outbound_hosts entry {entry:?} has no host");
        }
        let port = match port {
            Some("*") => Pattern::Any,
            Some(p) => {
                p.parse::<u16>().with_context(|| format!("bad port in allowed_outbound_hosts entry {entry:?}"))?;
                Pattern::Exact(p.to_owned())
            }
            None => match scheme.as_str() {
                "http" => Pattern::Exact("80".into()),
                "https" => Pattern::Exact("443".into()),
                _ => bail!("allowed_outbound_hosts entry {entry:?} needs a port for scheme {scheme:?}"),
            },
        };
        let host = host.to_ascii_lowercase();
        let host = if host == "*" {
            HostPattern::Any
        } else if let Some(domain) = host.strip_prefix("*.") {
            HostPattern::Subdomain(domain.to_owned())
        } else {
            HostPattern::Exact(host)
        };
        let scheme = if scheme == "*" { Pattern::Any } else { Pattern::Exact(scheme) };
        Ok(Self { scheme, host, port })
    }

    /// Whether a request to `scheme://host:port` is allowed by this entry.
    pub fn allows(&self, scheme: &str, host: &str, port: u16) -> bool {
        let scheme_ok = match &self.scheme {
            Pattern::Any => true,
            Pattern::Exact(s) => s.eq_ignore_ascii_case(scheme),
        };
        let host = host.to_ascii_lowercase();
        let host_ok = match &self.host {
            HostPattern::Any => true,
            HostPattern::Exact(h) => *h == host,
            HostPattern::Subdomain(d) => {
                host.strip_suffix(d.as_str()).is_some_and(|sub| sub.ends_with('.') && sub.len() > 1)
            }
        };
        let port_ok = match &self.port {
            Pattern::Any => true,
            Pattern::Exact(p) => *p == port.to_string(),
        };
        scheme_ok && host_ok && port_ok
    }
}

/// The allowed destinations of one component instance.
#[derive(Debug, Clone, Default)]
pub struct OutboundPolicy {
    /// Component id, for log messages.
    pub component: String,
    /// Parsed entries; empty means no outbound HTTP at all.
    pub allowed: Vec<AllowedHost>,
}

impl OutboundPolicy {
    /// Whether `uri` (absolute) may be requested.
    pub fn allows_uri(&self, uri: &http::Uri) -> bool {
        let Some(scheme) = uri.scheme_str() else {
            return false;
        };
        let Some(host) = uri.host() else {
            return false;
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let port = uri.port_u16().unwrap_or(match scheme {
            "https" => 443,
            _ => 80,
        });
        self.allowed.iter().any(|a| a.allows(scheme, host, port))
    }
}

impl WasiHttpHooks for OutboundPolicy {
    /// Spin passes the client's `Host` header through to the guest, so it is not forbidden here.
    fn forbidden_header_filter(&mut self) -> ForbiddenHeaderFilter {
        Arc::new(|name| *name != http::header::HOST && DEFAULT_FORBIDDEN_HEADERS.contains(name))
    }

    fn send_request(
        &mut self,
        request: http::Request<WasiBody>,
        options: Option<RequestOptions>,
        fut: Box<dyn Future<Output = wasmtime_wasi_http::Result<(), wasmtime_wasi_http::Error>> + Send>,
    ) -> Box<
        dyn Future<
                Output = wasmtime_wasi_http::Result<(
                    http::Response<WasiBody>,
                    Box<dyn Future<Output = wasmtime_wasi_http::Result<(), wasmtime_wasi_http::Error>> + Send>,
                )>,
            > + Send,
    > {
        if !self.allows_uri(request.uri()) {
            eprintln!(
                "devhost: component {:?} tried to send a request to {}, which is not in its allowed_outbound_hosts: destination not allowed",
                self.component,
                request.uri()
            );
            return Box::new(async { Err(wasmtime_wasi_http::Error::HttpRequestDenied) });
        }
        let default: &mut dyn WasiHttpHooks = wasmtime_wasi_http::default_hooks();
        default.send_request(request, options, fut)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allows(entry: &str, url: &str) -> bool {
        let policy = OutboundPolicy { component: "t".into(), allowed: vec![AllowedHost::parse(entry).unwrap()] };
        policy.allows_uri(&url.parse().unwrap())
    }

    #[test]
    fn matching() {
        assert!(allows("https://api.twilio.com", "https://api.twilio.com/2010-04-01/x"));
        assert!(allows("https://api.twilio.com", "https://api.twilio.com:443/"));
        assert!(!allows("https://api.twilio.com", "http://api.twilio.com/"));
        assert!(!allows("https://api.twilio.com", "https://api.twilio.com:8443/"));
        assert!(!allows("https://api.twilio.com", "https://evil.com/"));
        assert!(allows("http://127.0.0.1:4567", "http://127.0.0.1:4567/x"));
        assert!(!allows("http://127.0.0.1:4567", "http://127.0.0.1:4568/x"));
        assert!(allows("http://localhost:*", "http://localhost:1234/"));
        assert!(allows("http://localhost:*", "http://localhost/"));
        assert!(allows("*://*:*", "https://anything.example:9/"));
        assert!(allows("https://*.x.com", "https://api.x.com/"));
        assert!(!allows("https://*.x.com", "https://x.com/"));
        assert!(allows("http://127.0.0.1:4567/", "http://127.0.0.1:4567/"));
        assert!(AllowedHost::parse("api.twilio.com").is_err());
        assert!(AllowedHost::parse("https://a.com/path").is_err());
    }
}
