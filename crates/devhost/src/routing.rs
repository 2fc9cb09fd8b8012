//! HTTP route matching, as Spin does it (`routefinder`): exact routes beat wildcards, the longest wildcard
//! prefix wins, `:name` captures one segment, and a trailing `/...` matches the rest of the path.

use anyhow::{anyhow, Result};

/// Routes request paths to component ids.
#[derive(Debug)]
pub struct Router {
    router: routefinder::Router<Handler>,
}

#[derive(Debug, Clone)]
struct Handler {
    component: String,
    /// The route as written in the manifest (base is always `/`, so it is also the based route).
    raw_route: String,
}

/// A successful route lookup: everything Spin passes to the component as `spin-*` headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteMatch {
    /// Matched component id.
    pub component: String,
    /// The route as written (`spin-matched-route`, `spin-raw-component-route`).
    pub raw_route: String,
    /// The route without its trailing wildcard (`spin-component-route`).
    pub component_route: String,
    /// The part matched by a trailing wildcard (`spin-path-info`), else empty.
    pub path_info: String,
    /// `:name` captures, in route order.
    pub captures: Vec<(String, String)>,
}

impl Router {
    /// Builds a router from `(route, component)` pairs in manifest order. A route given twice keeps the last
    /// component (Spin logs an error and uses one of them).
    pub fn build<'a>(routes: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self> {
        let mut by_route: Vec<(String, Handler)> = Vec::new();
        for (route, component) in routes {
            let based = sanitize(route);
            let handler = Handler { component: component.to_owned(), raw_route: route.to_owned() };
            if let Some(existing) = by_route.iter_mut().find(|(r, _)| *r == based) {
                eprintln!(
                    "devhost: duplicate route {route:?} (components {:?} and {component:?}); only {component:?} is used",
                    existing.1.component
                );
                existing.1 = handler;
            } else {
                by_route.push((based, handler));
            }
        }
        let mut router = routefinder::Router::new();
        for (based, handler) in by_route {
            let spec = match based.strip_suffix("/...") {
                Some(prefix) => format!("{prefix}/*"),
                None => based.clone(),
            };
            router.add(spec.as_str(), handler).map_err(|e| anyhow!("error parsing route {based:?}: {e}"))?;
        }
        Ok(Self { router })
    }

    /// Finds the component for `path` (no query string).
    pub fn route(&self, path: &str) -> Option<RouteMatch> {
        let m = self.router.best_match(path)?;
        let handler = m.handler();
        let captures = m.captures();
        let path_info = captures
            .wildcard()
            .map(|s| match (s.is_empty(), path.ends_with('/')) {
                (true, false) => s.to_owned(),
                (true, true) => "/".to_owned(),
                (false, false) => format!("/{s}"),
                (false, true) => format!("/{s}/"),
            })
            .unwrap_or_default();
        let captures = captures.iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
        Some(RouteMatch {
            component: handler.component.clone(),
            raw_route: handler.raw_route.clone(),
            component_route: handler.raw_route.strip_suffix("/...").unwrap_or(&handler.raw_route).to_owned(),
            path_info,
            captures,
        })
    }
}

/// Makes a route absolute and strips one trailing slash, as Spin does.
fn sanitize(route: &str) -> String {
    let abs = if route.starts_with('/') { route.to_owned() } else { format!("/{route}") };
    match abs.strip_suffix('/') {
        Some(s) => s.to_owned(),
        None => abs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn router() -> Router {
        Router::build([
            ("/...", "all"),
            ("/api/...", "api"),
            ("/api/v1/auth/...", "auth"),
            ("/internal/sweep", "sweep"),
            ("/items/:id", "item"),
            ("/users/:user/posts/...", "posts"),
        ])
        .unwrap()
    }

    #[test]
    fn precedence() {
        let r = router();
        assert_eq!(r.route("/").unwrap().component, "all");
        assert_eq!(r.route("/x/y").unwrap().component, "all");
        assert_eq!(r.route("/api").unwrap().component, "api");
        assert_eq!(r.route("/api/v1/auth/login").unwrap().component, "auth");
        assert_eq!(r.route("/internal/sweep").unwrap().component, "sweep");
        assert_eq!(r.route("/internal/sweep/x").unwrap().component, "all");
        let m = r.route("/items/42").unwrap();
        assert_eq!(m.component, "item");
        assert_eq!(m.captures, vec![("id".to_owned(), "42".to_owned())]);
    }

    #[test]
    fn path_info() {
        let r = router();
        let m = r.route("/api/v1/auth/login").unwrap();
        assert_eq!(m.path_info, "/login");
        assert_eq!(m.component_route, "/api/v1/auth");
        assert_eq!(m.raw_route, "/api/v1/auth/...");
        assert_eq!(r.route("/api/").unwrap().path_info, "/");
        assert_eq!(r.route("/api").unwrap().path_info, "");
        assert_eq!(r.route("/").unwrap().component_route, "");
        let m = r.route("/users/ann/posts/7/").unwrap();
        assert_eq!(m.path_info, "/7/");
        assert_eq!(m.component_route, "/users/:user/posts");
        assert_eq!(m.captures, vec![("user".to_owned(), "ann".to_owned())]);
    }

    #[test]
    fn no_match() {
        let r = Router::build([("/only", "x")]).unwrap();
        assert!(r.route("/other").is_none());
    }
}
