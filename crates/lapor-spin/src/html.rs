//! The page frame every server-rendered LAPOR page shares (citizen pages, the staff console, the leader
//! dashboard): Bahasa Indonesia first with English by `?lang=en`, no JavaScript, every user text escaped by
//! maud, a strict Content-Security-Policy, and the stylesheet served by web-intake at `/static/app.css`.

use lapor_core::texts::{self, Piece, Text};
use maud::{html, Markup, DOCTYPE};
use spin_sdk::http::Response;

use crate::request::Req;
use crate::respond;

/// The page language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Id,
    En,
}

impl Lang {
    /// From `?lang=`, else the `lang` cookie, else Bahasa Indonesia.
    pub fn of(req: &Req) -> Lang {
        let chosen = req.query_param("lang").or_else(|| cookie(req, "lang"));
        match chosen.as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Id,
        }
    }

    /// A catalogue text in this language.
    pub fn t(self, text: Text) -> &'static str {
        text.pick(self == Lang::En)
    }

    /// A catalogue text in this language with its `{placeholder}`s filled (`Text::fill`).
    pub fn fill(self, text: Text, values: &[(&str, &dyn std::fmt::Display)]) -> String {
        text.fill(self == Lang::En, values)
    }

    /// A catalogue text in this language as markup: its words escaped, its `{placeholder}`s filled with markup
    /// (a link, a `strong`), for a sentence with a formatted value inside.
    pub fn fill_html(self, text: Text, values: &[(&str, Markup)]) -> Markup {
        html! {
            @for piece in text.pieces(self == Lang::En) {
                @match piece {
                    Piece::Words(w) => { (w) }
                    Piece::Value(name) => {
                        @match values.iter().find(|(n, _)| *n == name) {
                            Some((_, v)) => { (v) }
                            None => { "{" (name) "}" }
                        }
                    }
                }
            }
        }
    }

    /// The language code for `lang=`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
}

/// A cookie's value.
pub fn cookie(req: &Req, name: &str) -> Option<String> {
    req.header("cookie")?.split(';').find_map(|c| {
        let (k, v) = c.trim().split_once('=')?;
        (k == name).then(|| v.to_string())
    })
}

/// Whether the browser reached the app over https: the scheme of Spin's `spin-full-url`, or a `public_base_url`
/// that is https (TLS ended at a proxy in front).
pub fn over_https(req: &Req) -> bool {
    req.spin_header("spin-full-url").is_some_and(|u| u.starts_with("https://"))
        || crate::vars::get("public_base_url").is_some_and(|u| u.starts_with("https://"))
}

/// The name cookie `base` has on this request: `__Host-<base>` over https (the browser then keeps it only if it
/// is `Secure`, host-only and for `Path=/`, so no other host or plain-http page can set or overwrite it).
pub fn cookie_name(req: &Req, base: &str) -> String {
    if over_https(req) {
        format!("__Host-{base}")
    } else {
        base.to_string()
    }
}

/// Reads cookie `base` under the name it has on this request (see [`cookie_name`]).
pub fn app_cookie(req: &Req, base: &str) -> Option<String> {
    cookie(req, &cookie_name(req, base))
}

/// The `Set-Cookie` value of an app cookie: HttpOnly, SameSite=Strict, `Path=/`, with `Max-Age` when given;
/// `Secure` and the `__Host-` prefix over https.
pub fn set_app_cookie(req: &Req, base: &str, value: &str, max_age: Option<i64>) -> String {
    let mut c = format!("{}={value}; Path=/; HttpOnly; SameSite=Strict", cookie_name(req, base));
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if over_https(req) {
        c.push_str("; Secure");
    }
    c
}

/// The Content-Security-Policy of every page: nothing from elsewhere, no inline script or style.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
                       frame-ancestors 'none'; base-uri 'none'";

/// The citizen page frame: header with the citizen navigation and language switch, the content, and the
/// other channels.
pub fn layout(lang: Lang, path: &str, title: &str, content: Markup) -> Markup {
    let nav = html! {
        a href="/lapor" { (lang.t(texts::common::MAKE_REPORT)) }
        a href="/lacak" { (lang.t(texts::common::TRACK)) }
        a href="/laporan" { (lang.t(texts::common::PUBLIC_REPORTS)) }
    };
    layout_with_nav(lang, path, title, nav, content)
}

/// `path` when it is a plain path of this app (one leading `/`, then letters, digits, `/`, `-`, `_`, `.`, never
/// `//`), else `/`. Links are built from routes; this keeps a raw request path such as `//evil.example` from
/// ever becoming a protocol-relative link to another site.
pub fn local_path(path: &str) -> &str {
    let plain = path.starts_with('/')
        && !path.contains("//")
        && path.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.'));
    if plain {
        path
    } else {
        "/"
    }
}

/// The page frame with the given navigation links (the language switch, to `path` in the other language, is
/// added after them; `path` is the page's route, see [`local_path`]).
pub fn layout_with_nav(lang: Lang, path: &str, title: &str, nav: Markup, content: Markup) -> Markup {
    let path = local_path(path);
    let other = match lang {
        Lang::Id => ("en", "English"),
        Lang::En => ("id", "Bahasa Indonesia"),
    };
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — LAPOR!" }
                link rel="stylesheet" href="/static/app.css";
            }
            body {
                a.skip href="#isi" { (lang.t(texts::common::SKIP_CONTENT)) }
                header.top {
                    a.brand href="/" { "LAPOR!" }
                    nav aria-label=(lang.t(texts::common::MAIN_NAVIGATION)) {
                        (nav)
                        a href={ (path) "?lang=" (other.0) } lang=(other.0) { (other.1) }
                    }
                }
                main id="isi" { (content) }
                footer {
                    p { (lang.t(texts::common::SMS)) " " strong { "1708" } " · X " strong { "@lapor1708" } " · "
                        a href="/stats" { (lang.t(texts::common::STATISTICS)) } }
                    p.small { (lang.t(texts::common::REGION_DATA_IDN_AREA_DATA)) }
                }
            }
        }
    }
}

/// An HTML response with the page headers (and the language cookie when `?lang=` chose it).
pub fn page(req: &Req, status: u16, markup: Markup) -> Response {
    let mut resp = respond::with_body(status, "text/html; charset=utf-8", markup.into_string().into_bytes());
    resp.set_header("content-security-policy", CSP);
    if let Some(l) = req.query_param("lang").filter(|l| l == "en" || l == "id") {
        resp.set_header("set-cookie", format!("lang={l}; Path=/; Max-Age=31536000; SameSite=Lax"));
    }
    resp
}

/// A readable error page. Its language link goes to the same path only for a path of this app that exists
/// (not for a 404, whose path is whatever the client sent), else to the home page.
pub fn error_page(req: &Req, status: u16, title: Text, detail: &str) -> Response {
    let lang = Lang::of(req);
    let title = lang.t(title);
    let route = if status == 404 { "/" } else { local_path(&req.path) };
    page(
        req,
        status,
        layout(
            lang,
            route,
            title,
            html! {
                h1 { (title) }
                p { (detail) }
                p { a href="/" { (lang.t(texts::common::BACK_HOME_PAGE)) } }
            },
        ),
    )
}

/// A page path that exists, asked with a method it does not take: 405 with `Allow` (not 404).
pub fn method_not_allowed(req: &Req, allow: &str) -> Response {
    let detail = Lang::of(req).fill(texts::common::ALLOWED_METHODS, &[("methods", &allow)]);
    let mut resp = error_page(req, 405, texts::common::METHOD_NOT_ALLOWED, &detail);
    resp.set_header("allow", allow);
    resp
}

/// The colour badge: colour and words, for people who do not see colours.
pub fn badge(lang: Lang, color: lapor_core::Color) -> Markup {
    html! {
        span class={ "badge " (color.as_str()) } { (lang.t(color.label())) }
    }
}

/// A table's head: one row of column headers (`th scope="col"`), in order.
pub fn table_head(columns: &[&str]) -> Markup {
    html! {
        thead { tr { @for c in columns { th scope="col" { (c) } } } }
    }
}

/// A date-time in WIB for people.
pub fn when(ts: i64) -> String {
    lapor_core::time::wib_when(ts)
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_plain_local_paths_become_links() {
        assert_eq!(local_path("/laporan"), "/laporan");
        assert_eq!(local_path("/lacak/1234567890"), "/lacak/1234567890");
        for bad in ["//evil.example", "/\\evil.example", "https://evil.example", "/a//b", "/%2F%2Fevil", "", "evil"] {
            assert_eq!(local_path(bad), "/", "{bad}");
        }
    }
}
