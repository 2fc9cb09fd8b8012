//! Open311 GeoReport v2, public statistics and the open-data export, through devhost over HTTP.
//! Shapes are compared with the published spec (wiki.open311.org/GeoReport_v2), including the error form
//! `[{"code","description"}]`; a third-party client (the PyPI `georeport` package) lists services and requests.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use lapor_e2e::{app_with, TestApp, NIK};
use lapor_store::native::NativeDb;
use lapor_store::{params, Db};
use serde_json::{json, Value};

const KEY: &str = "bootstrap-key-for-tests-0123456789";
const NOW: &str = "2026-03-10T03:00:00Z";
/// Personal data used in every seeded report; none of it may appear in a public answer.
const EMAIL: &str = "rahasia.warga@example.id";
const PHONE: &str = "081299887766";
const NAME: &str = "Wulandari";

fn app() -> TestApp {
    app_with(&[("open311_bootstrap_key", KEY), ("now", NOW)])
}

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap_or_else(|| panic!("not an object: {v}")).keys().cloned().collect();
    k.sort();
    k
}

fn sorted(v: &[&str]) -> Vec<String> {
    let mut k: Vec<String> = v.iter().map(|s| s.to_string()).collect();
    k.sort();
    k
}

/// Asserts the spec's error form: a JSON array of `{code, description}` with `code` equal to the status.
fn assert_open311_error(resp: &lapor_e2e::Resp, status: u16) -> Vec<Value> {
    assert_eq!(resp.status, status, "{}", resp.text());
    let body = resp.json();
    let errs = body.as_array().unwrap_or_else(|| panic!("errors are an array: {body}")).clone();
    assert!(!errs.is_empty());
    for e in &errs {
        assert_eq!(keys(e), sorted(&["code", "description"]), "{e}");
        assert_eq!(e["code"], json!(status));
        assert!(e["description"].as_str().is_some_and(|d| !d.is_empty()));
    }
    errs
}

/// Files a service request through Open311 and returns its id.
fn post_request(app: &TestApp, code: &str, region: &str, description: &str) -> String {
    let resp = app.post_form(
        "/open311/v2/requests.json",
        &[
            ("api_key", KEY),
            ("service_code", code),
            ("address_id", region),
            ("address_string", "Jl. Merdeka No. 1"),
            ("email", EMAIL),
            ("phone", PHONE),
            ("first_name", NAME),
            ("last_name", "Siregar"),
            ("description", description),
        ],
    );
    assert_eq!(resp.status, 201, "{}", resp.text());
    let body = resp.json();
    let arr = body.as_array().expect("array");
    assert_eq!(arr.len(), 1);
    assert_eq!(keys(&arr[0]), sorted(&["service_request_id", "service_notice", "account_id"]));
    arr[0]["service_request_id"].as_str().unwrap().to_string()
}

/// Files a web report through the JSON API and returns its tracking ID.
fn post_web(app: &TestApp, visibility: &str, category: &str, region: &str) -> String {
    let resp = app.post_json(
        "/api/v1/reports",
        &json!({
            "kind": "pengaduan", "title": "Jalan berlubang di depan SDN 5",
            "body": "Lubang besar di jalan depan SDN 5 sudah tiga bulan tidak diperbaiki.",
            "category": category, "visibility": visibility,
            "location": {"text": "Jl. Merdeka", "region_code": region},
            "reporter": {"name": NAME, "nik": NIK, "phone": PHONE, "email": EMAIL}
        }),
    );
    assert_eq!(resp.status, 201, "{}", resp.text());
    resp.json()["tracking_id"].as_str().unwrap().to_string()
}

/// Marks reports verified (as the national admin's verification does) so public outputs may show them.
fn verify(app: &TestApp, tracking_ids: &[&str]) {
    let db = NativeDb::open(&app.state_dir().join("sqlite_db.db")).unwrap();
    for id in tracking_ids {
        set_history(&db, id, &[("received", "verified", 1_773_111_600)], None);
    }
}

fn assert_no_personal_data(text: &str) {
    for secret in [EMAIL, "6281299887766", PHONE, NAME, NIK, "Siregar"] {
        assert!(!text.contains(secret), "personal data {secret} leaked: {text}");
    }
}

const REQUEST_FIELDS: &[&str] = &[
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
];

#[test]
fn every_open311_endpoint_answers_in_the_spec_shape() {
    let app = app();

    // Discovery.
    let d = app.get("/open311/v2/discovery.json");
    assert_eq!(d.status, 200, "{}", d.text());
    let d = d.json();
    assert_eq!(keys(&d), sorted(&["changeset", "contact", "key_service", "endpoints"]));
    let ep = &d["endpoints"][0];
    assert_eq!(keys(ep), sorted(&["specification", "url", "changeset", "type", "formats"]));
    assert_eq!(ep["specification"], "http://wiki.open311.org/GeoReport_v2");
    assert!(ep["formats"].as_array().unwrap().contains(&json!("text/xml")));

    // Services, as JSON and XML.
    let s = app.get("/open311/v2/services.json");
    assert_eq!(s.status, 200);
    assert!(s.header("content-type").unwrap().starts_with("application/json"));
    let services = s.json();
    let services = services.as_array().unwrap();
    assert_eq!(services.len(), 10);
    for svc in services {
        assert_eq!(
            keys(svc),
            sorted(&["service_code", "service_name", "description", "metadata", "type", "keywords", "group"])
        );
        assert_eq!(svc["metadata"], json!(false));
        assert_eq!(svc["type"], "realtime");
    }
    let sx = app.get_text("/open311/v2/services.xml", "text/xml");
    assert!(sx.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), "{sx}");
    assert!(sx.contains("<services><service>") && sx.contains("<service_code>kesehatan</service_code>"), "{sx}");
    assert_eq!(sx.matches("<service>").count(), 10);
    // `&` in a service name is escaped.
    assert!(sx.contains("Transportasi &amp; Perhubungan"), "{sx}");

    // Service definition.
    let def = app.get("/open311/v2/services/kesehatan.json").json();
    assert_eq!(def, json!({"service_code": "kesehatan", "attributes": []}));
    assert!(app.get("/open311/v2/services/kesehatan.xml").text().contains("<service_definition>"));
    assert_open311_error(&app.get("/open311/v2/services/potholes.json"), 404);

    // POST without a key, with a wrong key: 403 in the spec's error form (JSON and XML).
    let form = [("service_code", "kesehatan"), ("description", "Puskesmas tutup pada jam kerja."), ("email", EMAIL)];
    assert_open311_error(&app.post_form("/open311/v2/requests.json", &form), 403);
    let mut wrong = form.to_vec();
    wrong.push(("api_key", "not-a-key"));
    assert_open311_error(&app.post_form("/open311/v2/requests.json", &wrong), 403);
    let x403 = app.post_form("/open311/v2/requests.xml", &wrong);
    assert_eq!(x403.status, 403);
    assert!(x403.text().contains("<errors><error><code>403</code><description>"), "{}", x403.text());

    // POST with a key but broken fields: 400, one entry per broken rule; nothing stored.
    let bad = app.post_form(
        "/open311/v2/requests.json",
        &[("api_key", KEY), ("service_code", "potholes"), ("description", "short")],
    );
    let errs = assert_open311_error(&bad, 400);
    assert!(errs.len() >= 3, "{errs:?}");

    // Good POSTs, plus web reports (one confidential).
    let id = post_request(&app, "infrastruktur", "17.71", "Lampu jalan <mati> & gelap di Jl. Merdeka sejak seminggu.");
    let web_public = post_web(&app, "public", "kesehatan", "19.04");
    let web_secret = post_web(&app, "confidential", "kesehatan", "19.04");
    verify(&app, &[&id, &web_public, &web_secret]);

    // GET requests: every spec field, colours mapped to open/closed, no confidential report, no personal data.
    let list = app.get("/open311/v2/requests.json");
    assert_eq!(list.status, 200, "{}", list.text());
    assert_no_personal_data(&list.text());
    let list = list.json();
    let list = list.as_array().unwrap();
    let ids: Vec<&str> = list.iter().map(|r| r["service_request_id"].as_str().unwrap()).collect();
    assert!(ids.contains(&id.as_str()) && ids.contains(&web_public.as_str()), "{ids:?}");
    assert!(!ids.contains(&web_secret.as_str()));
    for r in list {
        assert_eq!(keys(r), sorted(REQUEST_FIELDS), "{r}");
        assert_eq!(r["status"], "open");
        assert!(r["requested_datetime"].as_str().unwrap().ends_with('Z'));
    }
    let mine = list.iter().find(|r| r["service_request_id"] == json!(id)).unwrap();
    assert_eq!(mine["service_code"], "infrastruktur");
    assert_eq!(mine["address_id"], "17.71");
    assert_eq!(mine["requested_datetime"], NOW);

    // One request; unknown, malformed and confidential ids are 404 in the error form.
    let one = app.get(&format!("/open311/v2/requests/{id}.json"));
    assert_eq!(one.status, 200);
    let one = one.json();
    assert_eq!(one.as_array().unwrap().len(), 1);
    assert_eq!(keys(&one[0]), sorted(REQUEST_FIELDS));
    assert_open311_error(&app.get(&format!("/open311/v2/requests/{web_secret}.json")), 404);
    assert_open311_error(&app.get("/open311/v2/requests/12345.json"), 404);
    let xml = app.get(&format!("/open311/v2/requests/{id}.xml")).text();
    assert!(xml.contains("<service_requests><request>"), "{xml}");
    assert!(xml.contains("&lt;mati&gt; &amp; gelap"), "{xml}");

    // Filters and paging.
    let filtered = |q: &str| -> Vec<String> {
        let r = app.get(&format!("/open311/v2/requests.json?{q}"));
        assert_eq!(r.status, 200, "{q}: {}", r.text());
        r.json().as_array().unwrap().iter().map(|r| r["service_request_id"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(filtered("service_code=infrastruktur"), vec![id.clone()]);
    assert_eq!(filtered("status=closed"), Vec::<String>::new());
    assert_eq!(filtered("status=open").len(), 2);
    assert_eq!(filtered(&format!("service_request_id={id},{web_secret}")), vec![id.clone()]);
    assert_eq!(filtered("page_size=1").len(), 1);
    assert_eq!(filtered("page_size=1&page=3").len(), 0);
    assert_eq!(filtered("start_date=2026-03-01T00:00:00Z&end_date=2026-03-09T00:00:00Z").len(), 0);
    assert_eq!(filtered("start_date=2026-03-01T00:00:00Z&end_date=2026-03-11T00:00:00Z").len(), 2);
    assert_open311_error(&app.get("/open311/v2/requests.json?status=pending"), 400);
    assert_open311_error(&app.get("/open311/v2/requests.json?start_date=yesterday"), 400);
    assert_open311_error(
        &app.get("/open311/v2/requests.json?start_date=2025-01-01T00:00:00Z&end_date=2026-01-01T00:00:00Z"),
        400,
    );
    assert_open311_error(&app.request("DELETE", "/open311/v2/requests.json", &[], b""), 405);
    assert_open311_error(&app.get("/open311/v2/nothing.json"), 404);

    // The reporter's personal data went to the reporters table only.
    let db = NativeDb::open(&app.state_dir().join("sqlite_db.db")).unwrap();
    let row = db
        .query_row(
            "SELECT p.email, p.phone, p.name, r.channel, r.kind, r.visibility FROM reports r \
             JOIN reporters p ON p.report_id = r.id WHERE r.tracking_id = ?",
            params![id.as_str()],
        )
        .unwrap()
        .unwrap();
    assert_eq!(
        (row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5)),
        (
            EMAIL.into(),
            "+6281299887766".into(),
            format!("{NAME} Siregar"),
            "open311".into(),
            "pengaduan".into(),
            "public".into()
        )
    );
}

/// Moves a report along the life cycle by writing the state dir's SQLite directly (the staff workflow
/// endpoints are built elsewhere): status events at the given times, then the current status (and the time
/// it passed verification, as `lifecycle::transition` records it).
fn set_history(db: &NativeDb, tracking_id: &str, steps: &[(&str, &str, i64)], answer_at: Option<i64>) {
    let id =
        db.query_row("SELECT id FROM reports WHERE tracking_id = ?", params![tracking_id]).unwrap().unwrap().int(0);
    let mut last = "received".to_string();
    for (from, to, at) in steps {
        db.execute(
            "INSERT INTO events (report_id, at, actor, kind, from_status, to_status, public) VALUES (?, ?, 'staff:1', 'status', ?, ?, 1)",
            params![id, *at, *from, *to],
        )
        .unwrap();
        last = to.to_string();
        if *to == "verified" {
            db.execute("UPDATE reports SET verified_at = ? WHERE id = ? AND verified_at IS NULL", params![*at, id])
                .unwrap();
        }
    }
    if let Some(at) = answer_at {
        db.execute(
            "INSERT INTO events (report_id, at, actor, kind, body, public) VALUES (?, ?, 'staff:2', 'answer', 'Sudah diperbaiki.', 1)",
            params![id, at],
        )
        .unwrap();
    }
    db.execute("UPDATE reports SET status = ? WHERE id = ?", params![last, id]).unwrap();
}

#[test]
fn statistics_match_counts_made_here_and_the_csv_streams_without_personal_data() {
    let app = app();
    // (category, region, visibility) of each seeded report.
    let plan: Vec<(&str, &str, &str)> = vec![
        ("kesehatan", "17.71", "public"),
        ("kesehatan", "17.01", "public"),
        ("pendidikan", "17.71", "public"),
        ("pendidikan", "19.04", "confidential"),
        ("infrastruktur", "19.04", "public"),
        ("lainnya", "31.71", "anonymous"),
    ];
    let mut seeded = Vec::new();
    for (i, (cat, region, vis)) in plan.iter().enumerate() {
        let id = if i % 2 == 0 && *vis == "public" {
            post_request(&app, cat, region, "Pelayanan di kantor ini sangat lambat dan tidak jelas.")
        } else {
            post_web(&app, vis, cat, region)
        };
        seeded.push(id);
    }
    let db = NativeDb::open(&app.state_dir().join("sqlite_db.db")).unwrap();
    let t = 1_773_111_600; // NOW
                           // Report 0: reached the OPD, answered 2 h later (in_progress). Report 1: reached, answered by an
                           // `answer` event 30 min later. Report 2: reached, not answered. Report 4: completed (answered after 1 h).
    let path = |reached: i64| {
        vec![
            ("received", "verified", reached - 20),
            ("verified", "dispatched", reached - 10),
            ("dispatched", "assigned", reached),
        ]
    };
    let mut p0 = path(t + 100);
    p0.push(("assigned", "in_progress", t + 100 + 7200));
    set_history(&db, &seeded[0], &p0, None);
    set_history(&db, &seeded[1], &path(t + 200), Some(t + 200 + 1800));
    set_history(&db, &seeded[2], &path(t + 300), None);
    let mut p4 = path(t + 400);
    p4.push(("assigned", "in_progress", t + 400 + 3600));
    p4.push(("in_progress", "completed", t + 9000));
    set_history(&db, &seeded[4], &p4, None);
    set_history(&db, &seeded[5], &[("received", "verified", t + 500)], None);
    // Statuses as seeded, for the independent count below.
    let statuses = ["in_progress", "assigned", "assigned", "received", "completed", "verified"];
    let colour = |s: &str| match s {
        "received" | "verified" => "grey",
        "assigned" => "red",
        "in_progress" => "yellow",
        "completed" => "green",
        _ => unreachable!(),
    };
    let count_by = |f: &dyn Fn(usize) -> String| {
        let mut m: BTreeMap<String, i64> = BTreeMap::new();
        for i in 0..plan.len() {
            *m.entry(f(i)).or_default() += 1;
        }
        m
    };
    let from_api = |group_by: &str, filter: &str| -> BTreeMap<String, i64> {
        let r = app.get(&format!("/api/v1/stats?group_by={group_by}{filter}"));
        assert_eq!(r.status, 200, "{}", r.text());
        let v = r.json();
        v["groups"][group_by]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| (g["key"].as_str().unwrap_or("").to_string(), g["count"].as_i64().unwrap()))
            .collect()
    };
    assert_eq!(from_api("category", ""), count_by(&|i| plan[i].0.to_string()));
    assert_eq!(from_api("region", ""), count_by(&|i| plan[i].1.to_string()));
    assert_eq!(from_api("province", ""), count_by(&|i| plan[i].1[..2].to_string()));
    assert_eq!(from_api("color", ""), count_by(&|i| colour(statuses[i]).to_string()));
    assert_eq!(
        from_api("channel", ""),
        count_by(&|i| if i % 2 == 0 && plan[i].2 == "public" { "open311" } else { "web" }.to_string())
    );
    assert_eq!(from_api("year", ""), BTreeMap::from([("2026".to_string(), plan.len() as i64)]));
    assert_eq!(from_api("month", ""), BTreeMap::from([("2026-03".to_string(), plan.len() as i64)]));
    let in_17: Vec<usize> = (0..plan.len()).filter(|i| plan[*i].1.starts_with("17")).collect();
    let cat_17 = count_by(&|i| if in_17.contains(&i) { plan[i].0.to_string() } else { String::new() });
    let mut cat_17 = cat_17;
    cat_17.remove("");
    assert_eq!(from_api("category", "&region=17&year=2026"), cat_17);
    assert_eq!(from_api("category", "&year=2025"), BTreeMap::new());

    // Median time to first answer: 7200, 1800, 3600 → 3600.
    let all = app.get("/api/v1/stats").json();
    assert_eq!(all["total"], json!(plan.len()));
    assert_eq!(all["first_answer"], json!({"answered": 3, "median_seconds": 3600}));
    assert_eq!(keys(&all["groups"]), sorted(&["region", "province", "year", "month", "category", "channel", "color"]));
    let bad = app.get("/api/v1/stats?group_by=weather");
    assert_eq!(bad.status, 422);
    assert_eq!(bad.json()["error"]["fields"][0]["field"], "group_by");

    // The page: server-rendered, with the same numbers.
    let html = app.get_text("/stats", "text/html");
    assert!(html.contains("Jumlah laporan: <strong>6</strong>"), "{html}");
    assert!(html.contains("Kota Bengkulu") && html.contains("1 jam 0 menit"), "{html}");
    // In province 17 only reports 0 and 1 were answered: median of 7200 s and 1800 s is 4500 s.
    let html = app.get("/stats?region=17").text();
    assert!(html.contains("Jumlah laporan: <strong>3</strong>") && html.contains("1 jam 15 menit"), "{html}");
    assert_eq!(app.get("/stats?region=%3Cscript%3E").status, 400);

    // Open311 now sees the completed report as closed, with the answer as status notes.
    let closed = app.get("/open311/v2/requests.json?status=closed").json();
    let closed: Vec<&str> =
        closed.as_array().unwrap().iter().map(|r| r["service_request_id"].as_str().unwrap()).collect();
    assert_eq!(closed, vec![seeded[4].as_str()]);
    let answered = app.get(&format!("/open311/v2/requests/{}.json", seeded[1])).json();
    assert_eq!(answered[0]["status_notes"], "Sudah diperbaiki.");

    // CSV: streamed, every non-confidential report once, no personal data, anonymous without title/body.
    let text = app.get_text("/open-data/reports.csv", "text/csv");
    assert_no_personal_data(&text);
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], lapor_core_columns());
    assert_eq!(lines.len() - 1, plan.iter().filter(|p| p.2 != "confidential").count());
    assert!(!text.contains(&seeded[3]));
    let anon = lines.iter().find(|l| l.starts_with(&seeded[5])).unwrap();
    assert!(anon.ends_with(",,"), "{anon}");
}

fn lapor_core_columns() -> &'static str {
    "tracking_id,created_at,kind,category,region_code,region_name,channel,status,color,instansi,opd,title,body"
}

#[test]
fn the_open_data_export_streams_thousands_of_rows() {
    let app = app();
    let id = post_request(&app, "kesehatan", "17.71", "Puskesmas tutup pada jam kerja hari Senin pagi.");
    verify(&app, &[&id]);
    // Copy the report 1,200 times directly in SQLite (fast seeding; more than two export pages).
    let db = NativeDb::open(&app.state_dir().join("sqlite_db.db")).unwrap();
    for i in 0..1200 {
        db.execute(
            "INSERT INTO reports (tracking_id, kind, title, body, category, region_code, channel, visibility, status, created_at, updated_at, verified_at) \
             SELECT ?, kind, title, body, category, region_code, channel, ?, status, created_at, updated_at, verified_at FROM reports WHERE tracking_id = ?",
            params![format!("9{i:09}"), if i % 4 == 0 { "confidential" } else { "public" }, id.as_str()],
        )
        .unwrap();
    }
    let text = app.get("/open-data/reports.csv").text();
    let rows = text.split("\r\n").filter(|l| !l.is_empty()).count() - 1;
    assert_eq!(rows, 1 + 900);
    assert_eq!(app.get("/api/v1/stats").json()["total"], json!(1201));
}

/// Installs the PyPI `georeport` package (an Open311 client someone else wrote) once.
fn install_georeport() -> PathBuf {
    lapor_e2e::pip_install("pydeps", "georeport==0.3.1", "georeport", false)
}

#[test]
fn the_georeport_python_client_lists_services_and_requests() {
    let deps = install_georeport();
    let app = app();
    let id = post_request(&app, "lingkungan", "17.71", "Sampah menumpuk di pasar sejak tiga hari yang lalu.");
    verify(&app, &[&id]);
    let script = r#"
import json, sys
from georeport import GeoReport
root = sys.argv[1]
out = {}
for fmt in ("json", "xml"):
    c = GeoReport(root, output_format=fmt)
    services = c.get_service_list()
    requests = c.get_service_requests(service_code="lingkungan", status="open")
    if isinstance(requests, dict):
        requests = [requests]
    one = c.get_service_request(sys.argv[2])
    out[fmt] = {
        "service_codes": [s["service_code"] for s in services],
        "request_ids": [r["service_request_id"] for r in requests],
        "one": {"id": one["service_request_id"], "status": one["status"], "code": one["service_code"]},
        "definition": c.get_service_definition("lingkungan")["service_code"],
    }
print(json.dumps(out))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(app.url("/open311/v2"))
        .arg(&id)
        .env("PYTHONPATH", &deps)
        .output()
        .expect("running python3");
    assert!(out.status.success(), "georeport client failed: {}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("script prints JSON");
    for fmt in ["json", "xml"] {
        let r = &v[fmt];
        assert_eq!(r["service_codes"].as_array().unwrap().len(), 10, "{fmt}: {r}");
        assert!(r["service_codes"].as_array().unwrap().contains(&json!("lingkungan")));
        assert_eq!(r["request_ids"], json!([id]), "{fmt}");
        assert_eq!(r["one"], json!({"id": id, "status": "open", "code": "lingkungan"}), "{fmt}");
        assert_eq!(r["definition"], "lingkungan", "{fmt}");
    }
}

/// Issue 28, finding 11: Open311, the statistics and the open-data export answered HEAD with 405 (only the
/// `/stats` page took it). HEAD is now GET without the body everywhere, and a 405 names the methods in `Allow`.
#[test]
fn head_is_answered_like_get_on_open311_statistics_and_open_data() {
    let app = app();
    for path in [
        "/open311/v2/discovery.json",
        "/open311/v2/services.xml",
        "/open311/v2/requests.json",
        "/api/v1/stats",
        "/open-data/reports.csv",
    ] {
        lapor_e2e::assert_head_like_get(&app, path);
    }
    for (method, path, allow) in [
        ("DELETE", "/open311/v2/requests.json", "GET, HEAD, POST"),
        ("PUT", "/open311/v2/services.json", "GET, HEAD"),
        ("PATCH", "/open311/v2/requests/1.json", "GET, HEAD"),
        ("POST", "/api/v1/stats", "GET, HEAD"),
        ("POST", "/open-data/reports.csv", "GET, HEAD"),
    ] {
        lapor_e2e::assert_not_allowed(&app, method, path, allow);
    }
}
