//! The home page: the three kinds of report and the other channels.

use lapor_spin::request::Req;
use maud::html;
use spin_sdk::http::Response;

use super::{layout, page, Lang};

/// `GET /`.
pub fn show(req: &Req) -> Response {
    let l = Lang::of(req);
    let content = html! {
        h1 { (l.t("Layanan Aspirasi dan Pengaduan Online Rakyat", "The people's online complaints and aspirations service")) }
        p { (l.t("Laporkan pelayanan publik yang buruk. Laporan Anda diverifikasi, diteruskan ke instansi dan unit kerja yang wajib menjawab, dan Anda diberi tahu di setiap langkah.",
                 "Report poor public service. Your report is verified, forwarded to the government body and work unit that must answer, and you are told at every step.")) }
        ul.kinds {
            li { h2 { (l.t("Pengaduan", "Complaint")) } p { (l.t("Pelayanan publik yang buruk atau tidak sesuai aturan.", "Public service that is poor or breaks the rules.")) }
                 a href="/lapor?kind=pengaduan" { (l.t("Buat pengaduan", "File a complaint")) } }
            li { h2 { (l.t("Aspirasi", "Aspiration")) } p { (l.t("Usulan untuk perbaikan pelayanan.", "A suggestion to improve a service.")) }
                 a href="/lapor?kind=aspirasi" { (l.t("Sampaikan aspirasi", "Send an aspiration")) } }
            li { h2 { (l.t("Permintaan informasi", "Information request")) } p { (l.t("Meminta informasi publik dari instansi.", "Ask a government body for public information.")) }
                 a href="/lapor?kind=permintaan_informasi" { (l.t("Minta informasi", "Request information")) } }
        }
        h2 { (l.t("Saluran lain", "Other channels")) }
        ul {
            li { (l.t("SMS ke ", "SMS to ")) strong { "1708" } ": " code { "KOTA BENGKULU_jalan berlubang di depan SDN 5" } }
            li { (l.t("Sebut ", "Mention ")) strong { "@lapor1708" } (l.t(" di X, atau pakai tagar ", " on X, or use the hashtag ")) strong { "#lapor" } }
        }
        p { a href="/lacak" { (l.t("Sudah melapor? Lacak laporan Anda", "Already reported? Track your report")) } }
    };
    page(req, 200, layout(l, "/", l.t("Beranda", "Home"), content))
}
