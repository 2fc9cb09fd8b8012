//! The leader's dashboard ("rapot", `GET /dashboard`): per OPD of the instansi — received, answered on
//! time, overdue now, median first-answer time, completed, satisfaction and the 0–100 score (rules in
//! `lapor_core::rapot`) — sortable by `?sort=`, with a bar chart drawn as SVG on the server and OPDs under
//! 60 flagged in words as well as colour. For a leader, Inspektorat or instansi admin of the instansi, or
//! the national admin (`?instansi=`). No personal data appears here.

use lapor_core::rapot::{OpdCard, LOW_SCORE};
use lapor_core::roles::Role;
use lapor_spin::html::{error_page, layout_with_nav, page, Lang};
use lapor_spin::request::Req;
use lapor_spin::{clock, staff, try_store};
use lapor_store::dashboard::{self, OpdLine};
use lapor_store::{organisation, Db};
use maud::{html, Markup};
use spin_sdk::http::Response;

const COLUMNS: &[(&str, &str, &str)] = &[
    ("opd", "OPD", "OPD"),
    ("received", "Diterima", "Received"),
    ("on_time", "Dijawab tepat waktu", "Answered on time"),
    ("overdue", "Terlambat kini", "Overdue now"),
    ("median", "Median jawaban pertama", "Median first answer"),
    ("completed", "Selesai", "Completed"),
    ("satisfaction", "Kepuasan", "Satisfaction"),
    ("score", "Nilai", "Score"),
];

fn hours(secs: i64) -> String {
    if secs < 86_400 {
        format!("{:.1} j", secs as f64 / 3600.0)
    } else {
        format!("{:.1} h", secs as f64 / 86_400.0)
    }
}

fn sort(lines: &mut [OpdLine], key: &str) {
    let k = |c: &OpdCard| -> f64 {
        match key {
            "received" => f64::from(c.received),
            "on_time" => f64::from(c.answered_on_time),
            "overdue" => f64::from(c.overdue_now),
            "median" => c.median_first_answer.map_or(f64::MAX, |m| m as f64),
            "completed" => f64::from(c.completed),
            "satisfaction" => c.satisfaction.unwrap_or(-1.0),
            _ => c.score.map_or(f64::MAX, f64::from),
        }
    };
    match key {
        "opd" => lines.sort_by(|a, b| a.opd_name.cmp(&b.opd_name)),
        // Worst first: lowest score, most overdue, slowest answer.
        "overdue" | "median" => lines.sort_by(|a, b| k(&b.card).total_cmp(&k(&a.card))),
        "score" | "" => lines.sort_by(|a, b| k(&a.card).total_cmp(&k(&b.card))),
        _ => lines.sort_by(|a, b| k(&b.card).total_cmp(&k(&a.card))),
    }
}

/// A horizontal bar chart of the scores (no script: plain SVG with text labels and a 60 line).
fn chart(l: Lang, lines: &[OpdLine]) -> Markup {
    let scored: Vec<&OpdLine> = lines.iter().filter(|x| x.card.score.is_some()).collect();
    let (label_w, bar_w, row_h) = (260.0, 400.0, 22.0);
    let height = row_h * scored.len() as f64 + 30.0;
    let x60 = label_w + bar_w * f64::from(LOW_SCORE) / 100.0;
    html! {
        @if !scored.is_empty() {
            figure {
                svg.chart viewBox={ "0 0 " (label_w + bar_w + 50.0) " " (height) } role="img"
                    aria-label=(l.t("Nilai per OPD", "Score per OPD")) {
                    title { (l.t("Nilai per OPD (0–100)", "Score per OPD (0–100)")) }
                    @for (i, x) in scored.iter().enumerate() {
                        @let y = 20.0 + row_h * i as f64;
                        @let s = x.card.score.unwrap_or(0);
                        text x="0" y=(y + 14.0) { (x.opd_name.chars().take(38).collect::<String>()) }
                        rect class=(if x.card.is_low() { "bar low" } else { "bar" }) x=(label_w) y=(y + 2.0)
                            width=(bar_w * f64::from(s) / 100.0) height=(row_h - 6.0) {}
                        text x=(label_w + bar_w * f64::from(s) / 100.0 + 4.0) y=(y + 14.0) { (s) }
                    }
                    line.line60 x1=(x60) x2=(x60) y1="12" y2=(height) {}
                    text x=(x60 - 8.0) y="10" { "60" }
                }
                figcaption.small { (l.t("Garis putus-putus: batas 60. Merah: di bawah 60.", "Dashed line: the 60 threshold. Red: under 60.")) }
            }
        }
    }
}

/// `GET /dashboard[?instansi=&sort=]`.
pub fn show(req: &Req, db: &dyn Db) -> Response {
    let l = Lang::of(req);
    let who = match staff::from_cookie(req, db) {
        Ok(Some((s, _))) => s,
        Ok(None) => {
            let mut r = page(req, 303, html! { a href="/staff/masuk" { "/staff/masuk" } });
            r.set_header("location", "/staff/masuk");
            return r;
        }
        Err(e) => return lapor_spin::internal("page session", &e),
    };
    let mut allowed: Vec<i64> = who.watcher_of_instansi();
    allowed.extend(who.admin_of_instansi());
    let national = who.has_role(Role::NationalAdmin);
    let chosen = req.query_param("instansi").and_then(|i| i.parse::<i64>().ok());
    let instansi_id = match chosen {
        Some(i) if national || allowed.contains(&i) => i,
        None if !allowed.is_empty() => allowed[0],
        _ => {
            if national {
                return error_page(req, 400, "Pilih instansi", "Choose an instansi", "?instansi=<id>");
            }
            return error_page(req, 403, "Tidak diizinkan", "Not allowed", "");
        }
    };
    let Some(instansi) = try_store!(organisation::get_instansi(db, instansi_id), "instansi") else {
        return error_page(req, 404, "Instansi tidak ditemukan", "Instansi not found", "");
    };
    let mut lines = try_store!(dashboard::instansi_cards(db, instansi_id, clock::now()), "dashboard");
    let key = req.query_param("sort").filter(|k| COLUMNS.iter().any(|c| c.0 == k)).unwrap_or_else(|| "score".into());
    sort(&mut lines, &key);
    let low = lines.iter().filter(|x| x.card.is_low()).count();
    let title = l.t("Rapor OPD", "OPD report card");
    let lang_q = if l == Lang::En { "&lang=en" } else { "" };
    let content = html! {
        h1 { (title) ": " (instansi.name) }
        p { (l.t("Nilai 0–100 = 40% jawaban tepat waktu + 20% (1 − bagian terlambat) + 20% selesai + 20% kepuasan. Di bawah 60: OPD dievaluasi.",
                 "Score 0–100 = 40% answered on time + 20% (1 − overdue share) + 20% completed + 20% satisfaction. Under 60: the OPD is evaluated.")) }
        @if low > 0 { p.flag role="status" { (low) " " (l.t("OPD dengan nilai di bawah 60.", "OPDs score under 60.")) } }
        (chart(l, &lines))
        div.table-wrap {
            table #rapot {
                thead { tr {
                    @for (k, id, en) in COLUMNS {
                        th scope="col" aria-sort=(if *k == key { "descending" } else { "none" }) {
                            a href={ "/dashboard?instansi=" (instansi_id) "&sort=" (k) (lang_q) } { (l.t(id, en)) }
                        }
                    }
                } }
                tbody {
                    @for x in &lines {
                        @let c = &x.card;
                        tr class=(if c.is_low() { "low" } else { "" }) data-opd=(x.opd_name) {
                            th scope="row" { (x.opd_name) @if c.is_low() { " " span.flag { (l.t("(di bawah 60)", "(under 60)")) } } }
                            td.received { (c.received) }
                            td.on_time { (c.answered_on_time) }
                            td.overdue { (c.overdue_now) }
                            td.median { (c.median_first_answer.map(hours).unwrap_or_else(|| "—".into())) }
                            td.completed { (c.completed) }
                            td.satisfaction { (c.satisfaction.map(|s| format!("{:.0}%", s * 100.0)).unwrap_or_else(|| "—".into())) }
                            td.score { strong { (c.score.map(|s| s.to_string()).unwrap_or_else(|| "—".into())) } }
                        }
                    }
                }
            }
        }
        p.small { (l.t("j = jam, h = hari. Kepuasan: bagian laporan terjawab yang diterima pelapor (atau tanpa balasan hingga selesai) dibanding yang dinyatakan belum selesai.",
                       "j = hours, h = days. Satisfaction: share of answered reports the citizen accepted (or let complete) versus those they said were not resolved.")) }
    };
    let nav = html! {
        a href="/staff" { (l.t("Beranda petugas", "Staff home")) }
        a href="/dashboard" { (title) }
    };
    page(req, 200, layout_with_nav(l, "/dashboard", title, nav, content))
}
