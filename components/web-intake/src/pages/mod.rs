//! Server-rendered citizen pages: Bahasa Indonesia first, English by `?lang=en`, no JavaScript needed,
//! every user text escaped by maud, a strict Content-Security-Policy, every asset served by the app.

pub mod form;
pub mod home;
pub mod list;
pub mod track;

use lapor_spin::request::Req;
use lapor_spin::respond;
use maud::{html, Markup, DOCTYPE};
use spin_sdk::http::Response;

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

    /// Picks the text for this language.
    pub fn t<'a>(self, id: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    fn code(self) -> &'static str {
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

/// The Content-Security-Policy of every page: nothing from elsewhere, no inline script or style.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
                       frame-ancestors 'none'; base-uri 'none'";

/// The page frame: header with navigation and language switch, the content, and the other channels.
pub fn layout(lang: Lang, path: &str, title: &str, content: Markup) -> Markup {
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
                a.skip href="#isi" { (lang.t("Langsung ke isi", "Skip to content")) }
                header.top {
                    a.brand href="/" { "LAPOR!" }
                    nav aria-label=(lang.t("Navigasi utama", "Main navigation")) {
                        a href="/lapor" { (lang.t("Buat laporan", "Report")) }
                        a href="/lacak" { (lang.t("Lacak", "Track")) }
                        a href="/laporan" { (lang.t("Laporan publik", "Public reports")) }
                        a href={ (path) "?lang=" (other.0) } lang=(other.0) { (other.1) }
                    }
                }
                main id="isi" { (content) }
                footer {
                    p { (lang.t("SMS ke", "SMS to")) " " strong { "1708" } " · X " strong { "@lapor1708" } " · "
                        a href="/stats" { (lang.t("Statistik", "Statistics")) } }
                    p.small { (lang.t("Data wilayah: idn-area-data (ODbL).", "Region data: idn-area-data (ODbL).")) }
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

/// A readable error page.
pub fn error_page(req: &Req, status: u16, title_id: &str, title_en: &str, detail: &str) -> Response {
    let lang = Lang::of(req);
    let title = lang.t(title_id, title_en).to_string();
    page(
        req,
        status,
        layout(
            lang,
            &req.path,
            &title,
            html! {
                h1 { (title) }
                p { (detail) }
                p { a href="/" { (lang.t("Kembali ke beranda", "Back to the home page")) } }
            },
        ),
    )
}

/// The colour badge: colour and words, for people who do not see colours.
pub fn badge(lang: Lang, color: lapor_core::Color) -> Markup {
    html! {
        span class={ "badge " (color.as_str()) } { (lang.t(color.label_id(), color.label_en())) }
    }
}

/// A date-time in WIB for people.
pub fn when(ts: i64) -> String {
    let wib = chrono::FixedOffset::east_opt(7 * 3600).expect("offset");
    chrono::DateTime::from_timestamp(ts, 0)
        .unwrap_or_default()
        .with_timezone(&wib)
        .format("%d-%m-%Y %H:%M WIB")
        .to_string()
}
