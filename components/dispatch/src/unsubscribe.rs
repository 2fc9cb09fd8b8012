//! The e-mail's unsubscribe link (issue 16): `/berhenti/{tracking_id}/{token}` works without signing in. GET shows
//! what it does and a button (mail scanners that open links change nothing); POST — the button, or a mail
//! client's RFC 8058 one-click `List-Unsubscribe=One-Click` — stops every e-mail about that report and drops those
//! still queued. The token is an HMAC of the report and its address (`lapor_core::notify::unsubscribe_token`), so
//! a wrong, forged or stale one (another report, a changed address) is a plain 404, and nothing changes.

use lapor_core::texts;
use lapor_core::{notify, TrackingId};
use lapor_spin::error::{PageError, PageResult};
use lapor_spin::html::{self, Lang};
use lapor_spin::request::Req;
use lapor_spin::{clock, vars};
use lapor_store::{notify as store, Db};
use maud::html;
use spin_sdk::http::Method;

/// The address shown on the page, half hidden: `s***@example.id`.
fn masked(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => format!("{}***@{domain}", local.chars().next().unwrap_or('*')),
        None => "***".into(),
    }
}

/// `GET|POST /berhenti/{tracking_id}/{token}`.
pub fn handle(req: &Req, db: &dyn Db, tid: &str, token: &str) -> PageResult {
    let tid = TrackingId::parse(tid).ok_or(PageError::NotFound)?;
    let (report_id, address, already) = store::email_of(db, tid.as_str())?.ok_or(PageError::NotFound)?;
    let secret = vars::get("email_link_secret").unwrap_or_default();
    if !notify::unsubscribe_valid(&secret, tid.as_str(), &address, token) {
        return Err(PageError::NotFound);
    }
    let l = Lang::of(req);
    let path = format!("/berhenti/{}/{}", tid.as_str(), token.trim());
    let done = req.method == Method::Post;
    if done && !already {
        store::unsubscribe_email(db, report_id, clock::now())?;
    }
    let title = if done || already {
        l.t(texts::dispatch::YOU_ARE_UNSUBSCRIBED)
    } else {
        l.t(texts::dispatch::STOP_E_MAILS_QUESTION)
    };
    let content = html! {
        h1 { (title) }
        @if done || already {
            div.notice role="status" {
                p { (l.fill(texts::dispatch::NO_MORE_E_MAIL_ABOUT, &[("report", &tid.as_str()), ("address", &masked(&address))])) }
            }
            p { (l.t(texts::dispatch::YOU_CAN_STILL_FOLLOW_REPORT)) }
        } @else {
            p { (l.fill(texts::dispatch::E_MAILS_ABOUT_REPORT, &[("report", &tid.as_str()), ("address", &masked(&address))])) }
            form method="post" action=(path) {
                button type="submit" { (l.t(texts::dispatch::STOP_E_MAILS_BUTTON)) }
            }
        }
        p { a href={ "/lacak/" (tid.as_str()) } { (l.t(texts::dispatch::REPORT_S_TRACKING_PAGE)) } }
    };
    Ok(html::page(req, 200, html::layout(l, &path, title, content)))
}
