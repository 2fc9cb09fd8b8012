//! Server-rendered citizen pages: Bahasa Indonesia first, English by `?lang=en`, no JavaScript needed,
//! every user text escaped by maud, a strict Content-Security-Policy, every asset served by the app.

pub mod form;
pub mod home;
pub mod list;
pub mod track;

pub use lapor_spin::html::{badge, error_page, layout, page, when, Lang};
