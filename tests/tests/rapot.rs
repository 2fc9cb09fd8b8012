//! The leader's rapot end to end (issue 15, seed 000): the governor of Bengkulu sees the province's OPDs and
//! its regencies/cities side by side and nothing of another province; the period counts only reports
//! dispatched in it; the drill-down lists the reports behind each figure; an issued rapot stays frozen while
//! reports move on, and downloads as CSV; OPDs are imported from CSV all or nothing; and everyone without a
//! rapot is refused.

use crate::staff_support;

use lapor_e2e::TestApp;
use serde_json::{json, Value};
use staff_support::*;

/// Kota Bengkulu with its instansi admin and Dinas Kesehatan liaison, the governors of Bengkulu and of
/// Bangka Belitung, and the mayor of Kota Bengkulu.
struct Bengkulu {
    admin: String,
    province: i64,
    babel: i64,
    kota: i64,
    dinkes: i64,
    kota_admin: String,
    liaison: String,
    governor: String,
    other_governor: String,
    mayor: String,
}

fn signed_in(app: &TestApp, by: &str, email: &str, assignment: Value) -> String {
    create_account(app, by, email, email, assignment);
    login_as(app, email)
}

fn bengkulu(app: &TestApp) -> Bengkulu {
    let admin = login(app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let province = instansi_id(app, &admin, "Provinsi Bengkulu");
    let babel = instansi_id(app, &admin, "Provinsi Kepulauan Bangka Belitung");
    let kota = instansi_id(app, &admin, "Kota Bengkulu");
    let kota_admin =
        signed_in(app, &admin, "admin@bengkulukota.go.id", json!({ "role": "instansi_admin", "instansi_id": kota }));
    let dinkes = opd_id(app, &kota_admin, kota, "dinkes");
    let liaison =
        signed_in(app, &kota_admin, "dinkes@bengkulukota.go.id", json!({ "role": "opd_liaison", "opd_id": dinkes }));
    let leader = |email: &str, id: i64| signed_in(app, &admin, email, json!({ "role": "leader", "instansi_id": id }));
    Bengkulu {
        governor: leader("gubernur@bengkuluprov.go.id", province),
        other_governor: leader("gubernur@babelprov.go.id", babel),
        mayor: leader("walikota@bengkulukota.go.id", kota),
        admin,
        province,
        babel,
        kota,
        dinkes,
        kota_admin,
        liaison,
    }
}

/// A citizen report in Kota Bengkulu, verified (→ dispatched to Kota Bengkulu) and assigned to Dinas
/// Kesehatan now; returns (tracking ID, reporter token).
fn report(app: &TestApp, b: &Bengkulu, title: &str) -> (String, String) {
    let r = app.post_json(
        "/api/v1/reports",
        &json!({
            "kind": "pengaduan", "title": title,
            "body": "Puskesmas Jembatan Kecil tutup pada jam kerja, warga tidak bisa berobat.",
            "category": "kesehatan", "location": { "text": "Jembatan Kecil", "region_code": "17.71" },
            "reporter": { "name": "Rina", "nik": "1771015708900001", "phone": "081234567891" }
        }),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let tid = r.json()["tracking_id"].as_str().unwrap().to_string();
    let token = r.json()["reporter_token"].as_str().unwrap().to_string();
    let r = verify(app, &b.admin, &tid);
    assert_eq!(r.json()["instansi"], "Pemerintah Kota Bengkulu", "{}", r.text());
    let r = assign(app, &b.kota_admin, &tid, b.dinkes);
    assert_eq!(r.status, 200, "{}", r.text());
    (tid, token)
}

fn answered(app: &TestApp, b: &Bengkulu, tid: &str) {
    let r = answer(app, &b.liaison, tid, "Puskesmas sudah buka kembali.");
    assert_eq!(r.status, 200, "{}", r.text());
}

fn rapot(app: &TestApp, token: &str, query: &str) -> Value {
    let r = call(app, "GET", &format!("/api/v1/rapot{query}"), token, None);
    assert_eq!(r.status, 200, "{query}: {}", r.text());
    r.json()
}

fn opd<'a>(rapot: &'a Value, name: &str) -> &'a Value {
    rapot["opds"].as_array().unwrap().iter().find(|o| o["name"] == name).unwrap_or_else(|| panic!("{name}"))
}

#[test]
fn a_governor_sees_the_province_and_its_regencies_and_no_other_province() {
    let app = app();
    let b = bengkulu(&app);
    report(&app, &b, "Puskesmas tutup");

    // The governor: the province's own OPDs, and the province with its nine regencies and one city side by side.
    let g = rapot(&app, &b.governor, "");
    assert_eq!(g["instansi"]["id"], b.province);
    assert_eq!(g["period"]["key"], "2026-11");
    assert!(g["formula"]["id"].as_str().unwrap().contains("40%"), "{}", g["formula"]);
    assert!(!g["opds"].as_array().unwrap().is_empty());
    let lines = g["instansi_lines"].as_array().unwrap();
    assert_eq!(lines.len(), 11, "{lines:?}");
    let kota = lines.iter().find(|l| l["instansi_id"] == b.kota).expect("Kota Bengkulu is beside the province");
    assert_eq!(kota["figures"]["received"], 1);
    assert_eq!(g["total"]["received"], 1);
    assert!(lines.iter().all(|l| l["name"].as_str().unwrap().contains("Bengkulu")
        || ["Rejang Lebong", "Kaur", "Seluma", "Mukomuko", "Lebong", "Kepahiang", "Bengkulu Tengah"]
            .iter()
            .any(|n| l["name"].as_str().unwrap().contains(n))));
    // Searching and sorting.
    let found = rapot(&app, &b.governor, "?q=kota&sort=received");
    assert_eq!(found["instansi_lines"].as_array().unwrap().len(), 1, "{}", found["instansi_lines"]);
    // The regency's own rapot is open to the governor too.
    let k = rapot(&app, &b.governor, &format!("?instansi={}", b.kota));
    assert_eq!(opd(&k, "Dinas Kesehatan")["figures"]["received"], 1);

    // Another province's governor sees nothing of Bengkulu (404, as if it did not exist), nor the reverse.
    for (token, other) in [(&b.other_governor, b.province), (&b.other_governor, b.kota), (&b.governor, b.babel)] {
        let r = call(&app, "GET", &format!("/api/v1/rapot?instansi={other}"), token, None);
        assert_eq!(r.status, 404, "{}", r.text());
        let r = call(&app, "GET", &format!("/api/v1/rapot/opds/{}/reports", b.dinkes), &b.other_governor, None);
        assert_eq!(r.status, 404, "{}", r.text());
        assert_eq!(page(&app, &format!("/dashboard?instansi={other}"), token).status, 404);
    }
    let babel = rapot(&app, &b.other_governor, "");
    assert!(babel["instansi_lines"].as_array().unwrap().iter().all(|l| l["instansi_id"] != b.kota));

    // The mayor: Kota Bengkulu's OPDs only, not the province.
    let m = rapot(&app, &b.mayor, "");
    assert_eq!(m["instansi"]["id"], b.kota);
    assert!(m["instansi_lines"].as_array().unwrap().is_empty());
    assert_eq!(call(&app, "GET", &format!("/api/v1/rapot?instansi={}", b.province), &b.mayor, None).status, 404);

    // The national admin: every instansi, ministries and agencies included, with a search box.
    let n = rapot(&app, &b.admin, "?kind=ministry");
    assert_eq!(n["instansi_lines"].as_array().unwrap().len(), 48);
    let n = rapot(&app, &b.admin, "?q=badan%20gizi");
    assert_eq!(n["instansi_lines"][0]["name"], "Badan Gizi Nasional");
    assert_eq!(rapot(&app, &b.admin, "")["total"]["received"], 1);

    // Refused: no session (401 / sign-in page), a liaison and an instansi-less account (403).
    assert_eq!(app.get("/api/v1/rapot").status, 401);
    assert_eq!(app.get("/api/v1/rapot/issues").status, 401);
    let r = app.get("/dashboard");
    assert_eq!((r.status, r.header("location")), (303, Some("/staff/masuk")));
    assert_eq!(call(&app, "GET", "/api/v1/rapot", &b.liaison, None).status, 403);
    assert_eq!(page(&app, "/dashboard", &b.liaison).status, 403);
    let r = call(&app, "POST", "/api/v1/rapot/issues", &b.liaison, Some(json!({ "instansi_id": b.kota })));
    assert_eq!(r.status, 403, "{}", r.text());

    // The governor's page: the province total, Kota Bengkulu beside it, the formula in words; English too.
    let p = page(&app, "/dashboard", &b.governor);
    assert_eq!(p.status, 200);
    let html = p.text();
    assert!(html.contains("Total provinsi") && html.contains("Pemerintah Kota Bengkulu"), "{html}");
    assert!(html.contains("40% × bagian laporan yang dijawab tepat waktu"), "{html}");
    let html = page(&app, "/dashboard?lang=en", &b.governor).text();
    assert!(html.contains("Province total") && html.contains("40% × share of reports answered on time"));
}

#[test]
fn the_period_counts_only_reports_dispatched_in_it_and_the_drill_down_lists_them() {
    let mut app = app();
    let b = bengkulu(&app);
    // Monday 30 November: three reports dispatched and assigned. One answered at once (then the citizen
    // says it is not resolved), one never answered, one answered after the deadline.
    let (on_time, on_time_token) = report(&app, &b, "Dijawab tepat waktu");
    let (overdue, _) = report(&app, &b, "Tidak pernah dijawab");
    let (late, _) = report(&app, &b, "Dijawab terlambat");
    answered(&app, &b, &on_time);
    let r = app.request(
        "POST",
        &format!("/api/v1/citizen/reports/{on_time}/reply"),
        &[("x-reporter-token", &on_time_token), ("content-type", "application/json")],
        json!({ "message": "Belum selesai, masih tutup." }).to_string().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());

    // Thursday 10 December (past the five working days): the late answer, and one more report dispatched.
    app.set_variable("now", "2026-12-10T02:00:00Z");
    // Sessions last 8 hours: everyone signs in again.
    let again = |email: &str| login_as(&app, email);
    let b = Bengkulu {
        admin: login(&app, ADMIN_EMAIL, ADMIN_PASSWORD),
        kota_admin: again("admin@bengkulukota.go.id"),
        liaison: again("dinkes@bengkulukota.go.id"),
        governor: again("gubernur@bengkuluprov.go.id"),
        other_governor: again("gubernur@babelprov.go.id"),
        mayor: again("walikota@bengkulukota.go.id"),
        ..b
    };
    answered(&app, &b, &late);
    let (december, _) = report(&app, &b, "Laporan Desember");

    let received = |q: &str| opd(&rapot(&app, &b.mayor, q), "Dinas Kesehatan")["figures"]["received"].clone();
    assert_eq!(received("?period=2026-11"), 3);
    assert_eq!(received("?period=2026-12"), 1);
    assert_eq!(received(""), 1, "the current month by default");
    assert_eq!(received("?period=2026-Q4"), 4);
    assert_eq!(received("?period=2026"), 4);
    assert_eq!(received("?from=2026-11-30&to=2026-11-30"), 3);
    assert_eq!(received("?from=2026-12-01&to=2026-12-31"), 1);
    assert_eq!(received("?period=2025"), 0);
    let nov = rapot(&app, &b.governor, &format!("?instansi={}&period=2026-11", b.kota));
    let f = &opd(&nov, "Dinas Kesehatan")["figures"];
    assert_eq!(
        (f["overdue_now"].as_i64(), f["answered_late"].as_i64(), f["reopened"].as_i64()),
        (Some(1), Some(1), Some(1))
    );
    for bad in ["?period=2026-13", "?from=2026-12-31&to=2026-12-01", "?instansi=abc"] {
        assert_eq!(call(&app, "GET", &format!("/api/v1/rapot{bad}"), &b.governor, None).status, 422, "{bad}");
    }

    // The drill-down: each figure lists exactly its reports, each with the console link.
    let drill = |figure: &str, period: &str| -> Vec<String> {
        let path = format!("/api/v1/rapot/opds/{}/reports?figure={figure}&period={period}", b.dinkes);
        let r = get_as(&app, &b.governor, &path);
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()["reports"].as_array().unwrap().iter().map(|x| x["tracking_id"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(drill("overdue", "2026-11"), std::slice::from_ref(&overdue));
    assert_eq!(drill("late", "2026-11"), std::slice::from_ref(&late));
    assert_eq!(drill("reopened", "2026-11"), std::slice::from_ref(&on_time));
    assert_eq!(drill("received", "2026-11").len(), 3);
    assert_eq!(drill("received", "2026-12"), std::slice::from_ref(&december));
    let r = call(&app, "GET", &format!("/api/v1/rapot/opds/{}/reports?figure=late", b.dinkes), &b.mayor, None);
    assert_eq!(r.status, 200);
    let r = call(&app, "GET", &format!("/api/v1/rapot/opds/{}/reports?figure=x", b.dinkes), &b.governor, None);
    assert_eq!(r.status, 422);
    // The mayor's drill-down page links each report to its console page.
    let mayor = b.mayor.clone();
    let html = page(&app, &format!("/dashboard/opd/{}?period=2026-11", b.dinkes), &mayor).text();
    let section = |id: &str| {
        html.split(&format!("<section id=\"{id}\">")).nth(1).unwrap().split("</section>").next().unwrap().to_string()
    };
    assert!(section("overdue").contains(&format!("href=\"/staff/laporan/{overdue}\"")), "{html}");
    assert!(!section("overdue").contains(&late));
    assert!(section("late").contains(&format!("href=\"/staff/laporan/{late}\"")));
    assert!(section("reopened").contains(&format!("href=\"/staff/laporan/{on_time}\"")));
    // The mayor's dashboard links the OPD's figures to those sections.
    let html = page(&app, "/dashboard?period=2026-11", &mayor).text();
    assert!(html.contains(&format!("/dashboard/opd/{}?period=2026-11#overdue", b.dinkes)), "{html}");
}

#[test]
fn an_issued_rapot_stays_frozen_while_reports_move_on() {
    let app = app();
    let b = bengkulu(&app);
    // An OPD whose name a spreadsheet would run as a formula (imported by the instansi admin).
    let r = app.request(
        "POST",
        &format!("/api/v1/admin/instansi/{}/opds/import", b.kota),
        &[("authorization", &format!("Bearer {}", b.kota_admin)), ("content-type", "text/csv")],
        b"kode,nama\r\nrumus,=HYPERLINK(\"http://x\")\r\n",
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let (first, first_token) = report(&app, &b, "Laporan pertama");
    let (second, _) = report(&app, &b, "Laporan kedua");
    answered(&app, &b, &first);

    // Dinas Kesehatan: 2 received, 1 answered on time, nothing completed → (40·½ + 20) / 0.8 = 50, under 60.
    let live = rapot(&app, &b.mayor, "");
    assert_eq!(opd(&live, "Dinas Kesehatan")["figures"]["score"], 50);
    // A note for an OPD that is not under 60 is refused, and nothing is issued.
    let dishub = opd_id(&app, &b.kota_admin, b.kota, "dishub");
    let notes = json!({ b.dinkes.to_string(): "Kepala Dinkes dipanggil gubernur.", dishub.to_string(): "bagus" });
    let r =
        call(&app, "POST", "/api/v1/rapot/issues", &b.mayor, Some(json!({ "instansi_id": b.kota, "notes": notes })));
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["error"]["fields"][0]["field"], format!("notes.{dishub}"));
    assert!(call(&app, "GET", "/api/v1/rapot/issues", &b.mayor, None).json()["issues"].as_array().unwrap().is_empty());

    // The mayor issues November's rapot with a catatan khusus for Dinas Kesehatan.
    let notes = json!({ b.dinkes.to_string(): "Kepala Dinkes dipanggil wali kota." });
    let issue = json!({ "instansi_id": b.kota, "period": "2026-11", "notes": notes });
    let r = post_as(&app, &b.mayor, "/api/v1/rapot/issues", issue);
    assert_eq!(r.status, 201, "{}", r.text());
    let issued = r.json();
    assert_eq!((issued["stage"].as_i64(), issued["period"].as_str()), (Some(1), Some("2026-11")));
    let id = issued["id"].as_i64().unwrap();
    let line = |v: &Value, name: &str| -> Value {
        v["lines"].as_array().unwrap().iter().find(|l| l["opd"] == name).unwrap_or_else(|| panic!("{name}")).clone()
    };
    let frozen = line(&issued, "Dinas Kesehatan");
    assert_eq!(frozen["figures"]["score"], 50);
    assert_eq!(frozen["note"], "Kepala Dinkes dipanggil wali kota.");

    // Reports move on: the second is answered, the first accepted. The live rapot changes, the issued one not.
    answered(&app, &b, &second);
    let r = app.request(
        "POST",
        &format!("/api/v1/citizen/reports/{first}/accept"),
        &[("x-reporter-token", &first_token)],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let live = rapot(&app, &b.mayor, "");
    assert_eq!(opd(&live, "Dinas Kesehatan")["figures"]["answered_on_time"], 2);
    // 40 + 20 + 20·½ + 20·1 = 90.
    assert_eq!(opd(&live, "Dinas Kesehatan")["figures"]["score"], 90);
    let again = call(&app, "GET", &format!("/api/v1/rapot/issues/{id}"), &b.mayor, None);
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(line(&again.json(), "Dinas Kesehatan"), frozen);
    assert_eq!(again.json()["lines"], issued["lines"]);

    // Issued in stages: the same period again is stage 2; both are listed, newest first.
    let r = post_as(&app, &b.mayor, "/api/v1/rapot/issues", json!({ "instansi_id": b.kota, "period": "2026-11" }));
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["stage"], 2);
    let list = call(&app, "GET", "/api/v1/rapot/issues", &b.mayor, None).json();
    assert_eq!(
        list["issues"].as_array().unwrap().iter().map(|i| i["stage"].as_i64().unwrap()).collect::<Vec<_>>(),
        [2, 1]
    );

    // The CSV: one line per OPD (and the total), the note, and no formula a spreadsheet would run.
    let r = call(&app, "GET", &format!("/api/v1/rapot/issues/{id}/csv"), &b.mayor, None);
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/csv"));
    assert!(r.header("content-disposition").unwrap().contains("attachment"));
    let csv = r.text();
    assert!(csv.starts_with("periode,tahap,diterbitkan,instansi,opd,"), "{csv}");
    assert!(
        csv.contains("Dinas Kesehatan,2,1,0,0,0,") && csv.contains(",50,ya,Kepala Dinkes dipanggil wali kota."),
        "{csv}"
    );
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    assert!(!csv.contains(",=HYPERLINK"));
    // The same from the page (cookie session), and the issued rapot's page.
    assert_eq!(page(&app, &format!("/dashboard/terbit/{id}/csv"), &b.mayor).text(), csv);
    let html = page(&app, &format!("/dashboard/terbit/{id}"), &b.mayor).text();
    assert!(html.contains("Kepala Dinkes dipanggil wali kota.") && html.contains("November 2026"), "{html}");

    // Who issues: the governor may view Kota Bengkulu's issued rapots but not issue them; another province
    // sees nothing; the governor issues the province's rapot with Kota Bengkulu in it.
    let r = call(&app, "POST", "/api/v1/rapot/issues", &b.governor, Some(json!({ "instansi_id": b.kota })));
    assert_eq!(r.status, 403, "{}", r.text());
    assert_eq!(call(&app, "GET", &format!("/api/v1/rapot/issues/{id}"), &b.governor, None).status, 200);
    assert_eq!(call(&app, "GET", &format!("/api/v1/rapot/issues/{id}"), &b.other_governor, None).status, 404);
    assert_eq!(call(&app, "GET", &format!("/api/v1/rapot/issues/{id}/csv"), &b.other_governor, None).status, 404);
    let r = call(&app, "POST", "/api/v1/rapot/issues", &b.other_governor, Some(json!({ "instansi_id": b.province })));
    assert_eq!(r.status, 404, "{}", r.text());
    let r = call(&app, "POST", "/api/v1/rapot/issues", &b.governor, Some(json!({ "instansi_id": b.province })));
    assert_eq!(r.status, 201, "{}", r.text());
    let lines = r.json()["lines"].as_array().unwrap().clone();
    assert!(lines.iter().any(|l| l["instansi_id"] == b.kota && l["opd"] == "Dinas Kesehatan"));
    assert!(lines.iter().any(|l| l["instansi_id"] == b.province && l["opd"].is_null()), "the province's total line");

    // The governor issues from the page form too (anti-forgery value from the page).
    let html = page(&app, &format!("/dashboard/terbit?instansi={}", b.province), &b.governor).text();
    let csrf = html.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let form = lapor_e2e::form_encode(&[("csrf", &csrf), ("instansi", &b.province.to_string()), ("period", "2026-11")]);
    let cookie = format!("lapor_staff={}", b.governor);
    let headers = [("cookie", cookie.as_str()), ("content-type", "application/x-www-form-urlencoded")];
    let r = app.request("POST", "/dashboard/terbit", &headers, form.as_bytes());
    assert_eq!(r.status, 303, "{}", r.text());
    assert!(r.header("location").unwrap().starts_with("/dashboard/terbit/"));
    let form = lapor_e2e::form_encode(&[("csrf", "wrong"), ("instansi", &b.province.to_string())]);
    assert_eq!(app.request("POST", "/dashboard/terbit", &headers, form.as_bytes()).status, 403);
}

/// Issue 28, finding 7: a province's instansi admin read, in the issued province rapot, every regency's per-OPD
/// figures, while the live rapot of a regency was 404 to them. One rule for live and issued: a reader gets the
/// lines of the instansi whose live rapot they may see.
#[test]
fn an_issued_rapot_shows_a_reader_only_the_instansi_they_may_see_live() {
    let app = app();
    let b = bengkulu(&app);
    report(&app, &b, "Puskesmas tutup");
    let padmin = signed_in(
        &app,
        &b.admin,
        "admin@bengkuluprov.go.id",
        json!({ "role": "instansi_admin", "instansi_id": b.province }),
    );
    // Live: the province's own rapot, without its regencies; Kota Bengkulu's is 404.
    let live = rapot(&app, &padmin, &format!("?instansi={}", b.province));
    assert!(live["instansi_lines"].as_array().unwrap().is_empty(), "{}", live["instansi_lines"]);
    assert_eq!(call(&app, "GET", &format!("/api/v1/rapot?instansi={}", b.kota), &padmin, None).status, 404);
    // The governor issues the province's rapot, Kota Bengkulu's Dinas Kesehatan in it.
    let r = post_as(&app, &b.governor, "/api/v1/rapot/issues", json!({ "instansi_id": b.province }));
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let kota_lines = |v: &Value| v["lines"].as_array().unwrap().iter().filter(|l| l["instansi_id"] == b.kota).count();
    assert!(kota_lines(&r.json()) > 1, "the governor's rapot has the city and its OPDs");
    // The province's admin reads it with the province's lines only: not by the API, the CSV or the page.
    let issued = call(&app, "GET", &format!("/api/v1/rapot/issues/{id}"), &padmin, None);
    assert_eq!(issued.status, 200, "{}", issued.text());
    assert_eq!(kota_lines(&issued.json()), 0, "{}", issued.text());
    assert!(issued.json()["lines"].as_array().unwrap().iter().all(|l| l["instansi_id"] == b.province));
    let csv = call(&app, "GET", &format!("/api/v1/rapot/issues/{id}/csv"), &padmin, None).text();
    assert!(csv.contains("Provinsi Bengkulu") && !csv.contains("Kota Bengkulu"), "{csv}");
    let html = page(&app, &format!("/dashboard/terbit/{id}"), &padmin).text();
    assert!(!html.contains("Kota Bengkulu"), "{html}");
    assert_eq!(page(&app, &format!("/dashboard/terbit/{id}/csv"), &padmin).text(), csv);
    // The governor still reads the whole of it.
    let whole = call(&app, "GET", &format!("/api/v1/rapot/issues/{id}"), &b.governor, None).json();
    assert_eq!(whole["lines"], r.json()["lines"]);
}

#[test]
fn opds_are_imported_from_csv_all_or_nothing() {
    let app = app();
    let b = bengkulu(&app);
    let import = |token: &str, instansi: i64, csv: &str| {
        app.request(
            "POST",
            &format!("/api/v1/admin/instansi/{instansi}/opds/import"),
            &[("authorization", &format!("Bearer {token}")), ("content-type", "text/csv")],
            csv.as_bytes(),
        )
    };
    let count = || {
        call(&app, "GET", &format!("/api/v1/admin/instansi/{}/opds", b.kota), &b.kota_admin, None).json()["opds"]
            .as_array()
            .unwrap()
            .len()
    };
    let before = count();

    // Bad rows: each named with its line and rule; nothing stored, not even the good row.
    let r = import(
        &b.kota_admin,
        b.kota,
        "kode,nama\nbappeda,Badan Perencanaan Pembangunan Daerah\nDiskominfo,Dinas Kominfo\ndinkes,Dinas Kesehatan Dua\nbapenda,\nbappeda,Lagi\n",
    );
    assert_eq!(r.status, 422, "{}", r.text());
    let fields: Vec<(String, String)> = r.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["field"].as_str().unwrap().to_string(), f["code"].as_str().unwrap().to_string()))
        .collect();
    let expected = [
        ("rows[3]", "invalid_code"),
        ("rows[4]", "code_taken"),
        ("rows[5]", "required"),
        ("rows[6]", "duplicate_code"),
    ];
    assert_eq!(fields, expected.map(|(a, b)| (a.to_string(), b.to_string())));
    assert!(r.json()["error"]["fields"][0]["message"].as_str().unwrap().contains("baris 3"));
    assert_eq!(count(), before);

    // Good rows: all stored.
    let r = import(&b.kota_admin, b.kota, "kode,nama\r\nbappeda,Badan Perencanaan Pembangunan Daerah\r\ndiskominfo,\"Dinas Komunikasi, Informatika dan Statistik\"\r\n");
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["created"], 2);
    assert_eq!(r.json()["opds"][1]["name"], "Dinas Komunikasi, Informatika dan Statistik");
    assert_eq!(count(), before + 2);

    // Refused: another instansi's admin (403), a liaison (403), no session (401), not CSV (415), no instansi (404).
    assert_eq!(import(&b.kota_admin, b.province, "dinas-a,Dinas A\n").status, 403);
    assert_eq!(import(&b.liaison, b.kota, "dinas-a,Dinas A\n").status, 403);
    assert_eq!(import("", b.kota, "dinas-a,Dinas A\n").status, 401);
    assert_eq!(import(&b.admin, 999_999, "dinas-a,Dinas A\n").status, 404);
    let r =
        call(&app, "POST", &format!("/api/v1/admin/instansi/{}/opds/import", b.kota), &b.kota_admin, Some(json!({})));
    assert_eq!(r.status, 415);
    // The national admin imports for a ministry.
    let kemenkes = call(&app, "GET", "/api/v1/admin/instansi?q=Kementerian%20Kesehatan&kind=ministry", &b.admin, None)
        .json()["instansi"][0]["id"]
        .as_i64()
        .unwrap();
    assert_eq!(import(&b.admin, kemenkes, "rsup-m-djamil,RSUP Dr. M. Djamil\n").status, 201);

    // The console form: a bad row shows a readable page naming the line, nothing stored; a good one redirects.
    let cookie = format!("lapor_staff={}", b.kota_admin);
    let html = app.request("GET", &format!("/staff/instansi/{}/opd", b.kota), &[("cookie", &cookie)], b"").text();
    assert!(html.contains("Impor OPD dari CSV") && html.contains("Dinas Komunikasi, Informatika dan Statistik"));
    let csrf = html.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let headers = [("cookie", cookie.as_str()), ("content-type", "application/x-www-form-urlencoded")];
    let post = |csv: &str| {
        let body = lapor_e2e::form_encode(&[("csrf", &csrf), ("csv", csv)]);
        app.request("POST", &format!("/staff/instansi/{}/opd/impor", b.kota), &headers, body.as_bytes())
    };
    let r = post("dinas-pangan,Dinas Pangan\nBAD CODE,Dinas\n");
    assert_eq!(r.status, 422);
    assert!(r.text().contains("baris 2") && r.text().contains("Tidak ada yang disimpan"), "{}", r.text());
    assert_eq!(count(), before + 2);
    let r = post("dinas-pangan,Dinas Pangan\n");
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(count(), before + 3);
    // Another instansi's page is not theirs.
    let r = app.request("GET", &format!("/staff/instansi/{}/opd", b.province), &[("cookie", &cookie)], b"");
    assert_eq!(r.status, 404);
}

#[test]
fn a_governor_opens_the_reports_of_the_provinces_regencies_from_the_drill_down() {
    let app = app();
    let b = bengkulu(&app);
    let (tid, _) = report(&app, &b, "Puskesmas Kota Bengkulu tutup");
    // The governor's drill-down into a Kota Bengkulu OPD links the report to its console page ...
    let html = page(&app, &format!("/dashboard/opd/{}?period=2026-11", b.dinkes), &b.governor).text();
    assert!(html.contains(&format!("href=\"/staff/laporan/{tid}\"")), "{html}");
    assert!(html.contains("Puskesmas Kota Bengkulu tutup"), "{html}");
    let r =
        get_as(&app, &b.governor, &format!("/api/v1/rapot/opds/{}/reports?figure=received&period=2026-11", b.dinkes));
    assert_eq!(r.json()["reports"][0]["title"], "Puskesmas Kota Bengkulu tutup", "{}", r.text());
    // ... which opens for them (watching only: no answer form), with the reporter's NIK and phone hidden.
    let report_page = page(&app, &format!("/staff/laporan/{tid}"), &b.governor);
    assert_eq!(report_page.status, 200, "{}", report_page.text());
    let text = report_page.text();
    assert!(text.contains("Puskesmas Kota Bengkulu tutup"));
    assert!(!text.contains(&format!("/staff/laporan/{tid}/answer")) && !text.contains("1771015708900001"), "{text}");
    // Another province's governor sees neither the drill-down nor the report.
    let other = page(&app, &format!("/dashboard/opd/{}?period=2026-11", b.dinkes), &b.other_governor);
    assert_eq!(other.status, 404);
    assert_eq!(page(&app, &format!("/staff/laporan/{tid}"), &b.other_governor).status, 404);
    // The mayor still sees only their own city: the province's rapot is not theirs.
    assert_eq!(call(&app, "GET", &format!("/api/v1/rapot?instansi={}", b.province), &b.mayor, None).status, 404);
}
