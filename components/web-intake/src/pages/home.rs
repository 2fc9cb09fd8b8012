//! The home page: the three kinds of report and the other channels.

use lapor_core::texts;
use lapor_spin::request::Req;
use maud::html;
use spin_sdk::http::Response;

use super::{layout, page, Lang};

/// `GET /`.
pub fn show(req: &Req) -> Response {
    let l = Lang::of(req);
    let content = html! {
        h1 { (l.t(texts::intake::PEOPLE_S_ONLINE_COMPLAINTS_ASPIRATIONS)) }
        p { (l.t(texts::intake::REPORT_POOR_PUBLIC_SERVICE_YOUR)) }
        ul.kinds {
            li { h2 { (l.t(texts::intake::COMPLAINT)) } p { (l.t(texts::intake::PUBLIC_SERVICE_THAT_POOR_BREAKS)) }
                 a href="/lapor?kind=pengaduan" { (l.t(texts::intake::FILE_COMPLAINT)) } }
            li { h2 { (l.t(texts::intake::ASPIRATION)) } p { (l.t(texts::intake::SUGGESTION_IMPROVE_SERVICE)) }
                 a href="/lapor?kind=aspirasi" { (l.t(texts::intake::SEND_ASPIRATION)) } }
            li { h2 { (l.t(texts::intake::INFORMATION_REQUEST)) } p { (l.t(texts::intake::ASK_GOVERNMENT_BODY_PUBLIC_INFORMATION)) }
                 a href="/lapor?kind=permintaan_informasi" { (l.t(texts::intake::REQUEST_INFORMATION)) } }
        }
        h2 { (l.t(texts::intake::OTHER_CHANNELS)) }
        ul {
            li { (l.fill_html(texts::intake::SMS_EXAMPLE, &[
                ("number", html! { strong { "1708" } }),
                ("example", html! { code { "KOTA BENGKULU_jalan berlubang di depan SDN 5" } }),
            ])) }
            li { (l.fill_html(texts::intake::MENTION_X, &[
                ("account", html! { strong { "@lapor1708" } }),
                ("hashtag", html! { strong { "#lapor" } }),
            ])) }
        }
        p { a href="/lacak" { (l.t(texts::intake::ALREADY_REPORTED_TRACK_YOUR_REPORT)) } }
    };
    page(req, 200, layout(l, "/", l.t(texts::intake::HOME), content))
}
