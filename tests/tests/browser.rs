//! Browser tests: Debian's headless Chromium driven through chromedriver (plain W3C WebDriver over HTTP)
//! against the app on devhost. A citizen files a report with an image and sees the tracking page; the
//! national admin verifies and the instansi admin assigns through the staff console; the liaison signs in
//! and answers; the citizen accepts (green); the leader's dashboard shows the OPD's numbers. Also: a report
//! body with `<script>` shows as text and runs nothing, and the pages carry a strict CSP. Screenshots of
//! every page visited are saved under `target/screenshots/`.
//!
//! Set-up: when `/usr/bin/chromedriver` is missing the test installs `chromium chromium-driver` with
//! apt-get (root, network to Debian); if that fails, the test fails.

use crate::staff_support;

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use base64::Engine;
use lapor_e2e::{request, TestApp};
use serde_json::{json, Value};
use staff_support::*;

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Installs Chromium and chromedriver once per process if missing; panics with the reason otherwise.
fn ensure_chromedriver() {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    let r = DONE.get_or_init(|| {
        if std::path::Path::new("/usr/bin/chromedriver").exists() && std::path::Path::new("/usr/bin/chromium").exists()
        {
            return Ok(());
        }
        let status = Command::new("sh")
            .arg("-c")
            .arg("apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver")
            .status()
            .map_err(|e| format!("running apt-get: {e}"))?;
        if !status.success() || !std::path::Path::new("/usr/bin/chromedriver").exists() {
            return Err(format!("apt-get install chromium chromium-driver failed ({status})"));
        }
        Ok(())
    });
    if let Err(e) = r {
        panic!("browser tests need Debian's chromium and chromium-driver: {e}");
    }
}

fn screenshot_dir() -> PathBuf {
    let d = lapor_e2e::repo_root().join("target/screenshots");
    std::fs::create_dir_all(&d).expect("creating target/screenshots");
    d
}

/// A chromedriver process with one browser session.
struct Browser {
    driver: Child,
    base: String,
    session: String,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = ureq_delete(&format!("{}/session/{}", self.base, self.session));
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn ureq_delete(url: &str) -> u16 {
    request("DELETE", url, &[], b"").status
}

fn wd(method: &str, url: &str, body: Option<Value>) -> Value {
    let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
    let headers: &[(&str, &str)] = if bytes.is_empty() { &[] } else { &[("content-type", "application/json")] };
    let r = request(method, url, headers, &bytes);
    assert!(r.status < 300, "WebDriver {method} {url}: {} {}", r.status, r.text());
    r.json()["value"].clone()
}

impl Browser {
    fn start() -> Browser {
        ensure_chromedriver();
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let driver = Command::new("/usr/bin/chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting chromedriver");
        let base = format!("http://127.0.0.1:{port}");
        let start = Instant::now();
        loop {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::Builder::new().prefix("lapor-chromium-").tempdir().unwrap();
        let args = [
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-dev-shm-usage".into(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": "/usr/bin/chromium", "args": args }
        } } });
        let v = wd("POST", &format!("{base}/session"), Some(caps));
        let session = v["sessionId"].as_str().expect("session id").to_string();
        Browser { driver, base, session, _profile: profile }
    }

    fn url(&self, rest: &str) -> String {
        format!("{}/session/{}{rest}", self.base, self.session)
    }

    fn window(&self, w: u32, h: u32) {
        wd("POST", &self.url("/window/rect"), Some(json!({ "width": w, "height": h })));
    }

    fn goto(&self, url: &str) {
        wd("POST", &self.url("/url"), Some(json!({ "url": url })));
    }

    fn find(&self, css: &str) -> String {
        let v = wd("POST", &self.url("/element"), Some(json!({ "using": "css selector", "value": css })));
        v[ELEMENT].as_str().unwrap_or_else(|| panic!("no element {css}: {v}")).to_string()
    }

    fn type_in(&self, css: &str, text: &str) {
        let el = self.find(css);
        wd("POST", &self.url(&format!("/element/{el}/value")), Some(json!({ "text": text })));
    }

    fn click(&self, css: &str) {
        let el = self.find(css);
        wd("POST", &self.url(&format!("/element/{el}/click")), Some(json!({})));
    }

    /// Fills what the citizen's form and the admins' offline form share: a complaint's title, body, category and
    /// region (Bangka Tengah, 19.04).
    /// Fills the reporter's part of a report form: the evidence file, name, NIK ([`lapor_e2e::NIK`]) and phone.
    fn fill_reporter(&self, evidence: &std::path::Path, name: &str, phone: &str) {
        self.type_in("#evidence", &evidence.display().to_string());
        self.type_in("#name", name);
        self.type_in("#nik", lapor_e2e::NIK);
        self.type_in("#phone", phone);
    }

    fn fill_complaint(&self, title: &str, body: &str, category: &str) {
        self.click("input[name=kind][value=pengaduan]");
        self.type_in("#title", title);
        self.type_in("#body", body);
        self.click(&format!("#category option[value={category}]"));
        self.click("#region_code option[value='19.04']");
    }

    /// Clicks something that loads a new page (a link or a submit button) and waits for that page.
    fn submit(&self, css: &str) {
        self.script("window.__lapor_old_page = true; return null;");
        self.click(css);
        let start = Instant::now();
        loop {
            let v = self.script("return window.__lapor_old_page === undefined && document.readyState === 'complete';");
            if v == json!(true) {
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(15), "{css}: no new page loaded");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn text(&self, css: &str) -> String {
        let el = self.find(css);
        wd("GET", &self.url(&format!("/element/{el}/text")), None).as_str().unwrap_or("").to_string()
    }

    fn source(&self) -> String {
        wd("GET", &self.url("/source"), None).as_str().unwrap_or("").to_string()
    }

    fn script(&self, js: &str) -> Value {
        wd("POST", &self.url("/execute/sync"), Some(json!({ "script": js, "args": [] })))
    }

    fn current_url(&self) -> String {
        wd("GET", &self.url("/url"), None).as_str().unwrap_or("").to_string()
    }

    /// Waits (up to 10 s) until the current URL passes `ok` (a form POST's redirect may still be loading).
    fn wait_url(&self, ok: impl Fn(&str) -> bool, what: &str) {
        let start = Instant::now();
        loop {
            let u = self.current_url();
            if ok(&u) {
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "{what}: still at {u}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn shot(&self, name: &str) {
        let b64 = wd("GET", &self.url("/screenshot"), None);
        let png = base64::engine::general_purpose::STANDARD.decode(b64.as_str().unwrap()).unwrap();
        std::fs::write(screenshot_dir().join(format!("{name}.png")), png).unwrap();
    }

    /// Signs in on the page, typing the two-step code when the account uses it (admins must).
    fn sign_in(&self, app: &TestApp, email: &str, password: &str) {
        self.sign_in_to(app, email, password, "/staff");
    }

    /// Signs in and waits for the page the console sends the account to.
    fn sign_in_to(&self, app: &TestApp, email: &str, password: &str, lands_on: &str) {
        self.goto(&app.url("/staff/masuk"));
        self.type_in("#email", email);
        self.type_in("#password", password);
        if let Some(code) = two_step::code_for(app, email) {
            self.type_in("#code", &code);
        }
        self.submit("form.stack button[type=submit]");
        self.wait_url(|u| u.ends_with(lands_on), "signed in");
    }

    fn sign_out(&self) {
        self.submit("form.inline button");
        self.wait_url(|u| u.contains("/staff/masuk"), "signed out");
    }
}

/// A 1×1 PNG.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82";

#[test]
fn citizen_staff_leader_journey_in_a_real_browser() {
    let app = app();
    let b = Browser::start();
    b.window(412, 915);

    // The citizen files a report with an image through the form.
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("bukti.png");
    std::fs::write(&png, PNG).unwrap();
    b.goto(&app.url("/lapor"));
    b.shot("01-citizen-form");
    let body = "Puskesmas di Koba tutup pada hari Senin pukul 10 pagi. Warga tidak bisa berobat.";
    b.fill_complaint("Puskesmas Koba tutup pada jam kerja", body, "kesehatan");
    b.type_in("#location_text", "Koba");
    b.fill_reporter(&png, "Siti Aminah", "081234567890");
    b.submit("form.report button[type=submit]");
    let tid = b.text("#tracking-id");
    let token = b.text("#reporter-token");
    assert_eq!(tid.len(), 10, "tracking id {tid:?}");
    b.shot("02-citizen-sent");
    let db = rusqlite::Connection::open(app.state_dir().join("sqlite_db.db")).unwrap();
    let mime: String = db
        .query_row(
            "SELECT a.mime FROM attachments a JOIN reports r ON r.id = a.report_id WHERE r.tracking_id = ?1",
            [&tid],
            |r| r.get(0),
        )
        .expect("the image is stored with the report");
    assert_eq!(mime, "image/png");

    // The public tracking page.
    b.submit("main a[href^='/lacak/']");
    assert!(b.source().contains("Puskesmas Koba"));
    b.shot("03-citizen-tracking");

    // Staff accounts through the JSON API (as journey.rs), a leader of Bangka Tengah too.
    let org = organisation(&app);
    create_account(
        &app,
        &org.admin,
        "bupati@bangkatengahkab.go.id",
        "Bupati Bateng",
        json!({ "role": "leader", "instansi_id": org.instansi }),
    );

    // Issue 15: an admin is sent to turn two-step sign-in on before anything else, and enrols on the page.
    b.window(1280, 1000);
    let operator = "operator@babelprov.go.id";
    create_account(&app, &org.admin, operator, "Operator Babel", json!({ "role": "national_admin" }));
    b.sign_in_to(&app, operator, &password_of(operator), "/staff/dua-langkah");
    assert!(b.text("#two-step-required").contains("wajib"), "{}", b.text("main"));
    b.shot("36-two-step-required");
    b.submit("#two-step-start");
    let secret = lapor_core::totp::base32_decode(&b.text("#two-step-secret")).expect("the secret on the page");
    let now = chrono::DateTime::parse_from_rfc3339(START).unwrap().timestamp();
    b.type_in("#code", &lapor_core::totp::code(&secret, now));
    b.submit("form[action$='/konfirmasi'] button");
    assert_eq!(b.script("return document.querySelectorAll('#recovery-codes li').length;"), json!(10));
    b.shot("37-two-step-recovery-codes");
    b.goto(&app.url("/staff/verifikasi"));
    assert!(b.source().contains(&tid), "the console opens once two-step sign-in is on");
    b.sign_out();

    // The national admin verifies on the console (queue with due times, then the report page).
    b.sign_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    b.shot("04-staff-home-admin");
    b.goto(&app.url("/staff/verifikasi"));
    assert!(b.source().contains(&tid));
    b.shot("05-verification-queue");
    b.submit(&format!("a[href='/staff/laporan/{tid}']"));
    assert!(b.source().contains("1771015708900001"), "the national admin sees the NIK");
    b.shot("06-verification-report");
    b.submit("form[action$='/verify'] button");
    assert!(b.text("main").contains("Diteruskan ke instansi"), "{}", b.text("main"));
    b.sign_out();

    // The instansi admin assigns it to Dinas Kesehatan (suggested) on the board.
    b.sign_in(&app, "admin@bangkatengahkab.go.id", &password_of("admin@bangkatengahkab.go.id"));
    b.goto(&app.url("/staff/disposisi"));
    b.shot("07-dispatch-board");
    b.submit(&format!("a[href='/staff/laporan/{tid}']"));
    assert!(!b.source().contains("1771015708900001"), "the instansi admin never sees the NIK");
    b.shot("08-dispatch-report");
    b.submit("form[action$='/assign'] button");
    assert!(b.text("main").contains("Diteruskan ke OPD"), "{}", b.text("main"));
    b.goto(&app.url("/staff/penghubung"));
    b.shot("09-liaison-assignments");
    b.sign_out();

    // The liaison signs in through the page and answers.
    b.window(412, 915);
    b.sign_in(&app, "penghubung.dinkes@bangkatengahkab.go.id", &password_of("penghubung.dinkes@bangkatengahkab.go.id"));
    b.goto(&app.url("/staff/kotak-masuk"));
    b.shot("10-opd-inbox");
    b.submit(&format!("a[href='/staff/laporan/{tid}']"));
    let page = b.source();
    assert!(page.contains("Siti Aminah") && !page.contains("1771015708900001") && !page.contains("081234567890"));
    b.type_in("#answer", "Puskesmas Koba buka kembali mulai Selasa; kepala puskesmas sudah ditegur.");
    // The answer carries a photo (issue 14 §1): the form posts multipart to /staff/jawab/{id}.
    b.type_in("#answer_file", &png.display().to_string());
    b.submit("form[action^='/staff/jawab/'] button");
    assert!(b.text("main").contains("Ditanggapi OPD"), "{}", b.text("main"));
    assert!(b.source().contains(&format!("/staff/laporan/{tid}/berkas/2")), "the answer's photo is linked");
    b.shot("11-opd-answered");
    b.sign_out();
    assert_eq!(public_color(&app, &tid), "yellow");

    // The citizen opens the tracking page with the reporter code and accepts: green.
    b.goto(&app.url(&format!("/lacak/{tid}")));
    b.type_in("#token", &token);
    b.submit("form.stack button[type=submit]");
    assert!(b.source().contains("kepala puskesmas sudah ditegur"));
    assert!(b.source().contains("Lihat lampiran jawaban"), "the reporter can open the answer's photo");
    b.shot("12-citizen-owner-view");
    b.submit("#accept");
    assert!(b.text("#outcome").contains("tersimpan"), "{}", b.text("main"));
    assert!(b.source().contains("badge green"));
    b.shot("13-citizen-accepted");
    assert_eq!(public_color(&app, &tid), "green");

    // The leader's dashboard shows Dinas Kesehatan: received 1, completed 1.
    b.window(1280, 1000);
    b.sign_in(&app, "bupati@bangkatengahkab.go.id", &password_of("bupati@bangkatengahkab.go.id"));
    b.goto(&app.url("/dashboard"));
    b.shot("14-leader-dashboard");
    let row = "tr[data-opd='Dinas Kesehatan']";
    assert_eq!(b.text(&format!("{row} td.received")), "1", "{}", b.text("#rapot"));
    assert_eq!(b.text(&format!("{row} td.completed")), "1");
    assert_eq!(b.text(&format!("{row} td.on_time")), "1");
    assert_eq!(b.text(&format!("{row} td.score")), "100");
    assert!(b.source().contains("<svg"), "the chart is server-side SVG");
    b.goto(&app.url("/dashboard?sort=received&lang=en"));
    assert!(b.text("h1").starts_with("OPD report card"));
    b.window(412, 915);
    b.shot("15-leader-dashboard-phone-en");

    // The drill-down: from Dinas Kesehatan to the report behind its figures, linked to its console page.
    b.window(1280, 1000);
    b.goto(&app.url("/dashboard?lang=id"));
    b.submit("tr[data-opd='Dinas Kesehatan'] th a");
    assert!(b.source().contains(&format!("href=\"/staff/laporan/{tid}\"")), "{}", b.text("main"));
    b.shot("16-rapot-drill-down");
    b.sign_out();

    // The governor of Bangka Belitung: the province and its regencies side by side, then issues the rapot.
    let babel = instansi_id(&app, &org.admin, "Provinsi Kepulauan Bangka Belitung");
    create_account(
        &app,
        &org.admin,
        "gubernur@babelprov.go.id",
        "Gubernur Babel",
        json!({ "role": "leader", "instansi_id": babel }),
    );
    b.sign_in(&app, "gubernur@babelprov.go.id", &password_of("gubernur@babelprov.go.id"));
    b.goto(&app.url("/dashboard"));
    let row = "tr[data-instansi='Pemerintah Kabupaten Bangka Tengah']";
    assert_eq!(b.text(&format!("{row} td.received")), "1", "{}", b.text("main"));
    assert!(b.text("#instansi-rapot tfoot").contains("Total provinsi"));
    b.shot("17-province-rapot");
    b.goto(&app.url("/dashboard/terbit"));
    b.submit("form[action='/dashboard/terbit'] button");
    assert!(b.text("#stage") == "1", "{}", b.text("main"));
    b.shot("18-rapot-issued");

    // Issue 15: the governor drills into a regency's OPD and may open its reports.
    b.goto(&app.url(&format!("/dashboard/opd/{}?lang=id", org.dinkes)));
    assert!(b.source().contains(&format!("href=\"/staff/laporan/{tid}\"")), "{}", b.text("main"));
    b.shot("19-governor-regency-drill-down");
    b.goto(&app.url("/staff"));
    b.sign_out();

    // The Dinkes liaison is transferred: the instansi admin hands the assignment to the successor's new
    // account and, on the same page, deactivates the old account.
    let me = call(&app, "GET", "/api/v1/auth/me", &org.liaison, None).json();
    let aid = me["assignments"][0]["id"].as_i64().unwrap();
    b.sign_in(&app, "admin@bangkatengahkab.go.id", &password_of("admin@bangkatengahkab.go.id"));
    b.goto(&app.url("/staff/penghubung"));
    b.type_in(&format!("#new-name-{aid}"), "Pengganti Dinkes");
    b.type_in(&format!("#new-email-{aid}"), "pengganti.dinkes@bangkatengahkab.go.id");
    b.submit(&format!("form[action='/staff/penghubung/{aid}/pengganti'] button"));
    assert!(b.source().contains("/staff/atur-sandi/"), "{}", b.text("main"));
    b.shot("20-handover-offers-deactivation");
    b.submit("#deactivate-old");
    b.wait_url(|u| u.contains("/staff/akun"), "deactivated");
    assert!(b.text("main").contains("nonaktif"), "{}", b.text("main"));
    b.shot("21-accounts-after-deactivation");
    assert_eq!(call(&app, "GET", "/api/v1/auth/me", &org.liaison, None).status, 401);

    // Any staff member changes their own password.
    b.goto(&app.url("/staff/sandi"));
    b.type_in("#old_password", &password_of("admin@bangkatengahkab.go.id"));
    b.type_in("#new_password", "kuda-laut-berenang-pagi");
    b.submit("form.stack button[type=submit]");
    assert!(b.text("main").contains("Kata sandi diganti"), "{}", b.text("main"));
    b.shot("22-password-changed");
    b.sign_out();

    // Issue 14: the instansi admin enters a complaint that came by letter (form, then the printable receipt) ...
    b.sign_in(&app, "admin@bangkatengahkab.go.id", "kuda-laut-berenang-pagi");
    b.goto(&app.url("/staff/luring"));
    b.shot("23-offline-form");
    b.click("input[name=arrived_by][value=letter]");
    b.script("document.getElementById('received_on').value = '2026-11-28'; return null;");
    let body = "Warga Desa Kulur menulis surat: jembatan kayu desa putus sejak banjir bulan lalu.";
    b.fill_complaint("Surat warga: jembatan desa putus", body, "infrastruktur");
    b.fill_reporter(&png, "Pak Harun", "081234567891");
    b.submit("form.report button[type=submit]");
    let offline_tid = b.text("#tracking-id");
    assert_eq!(offline_tid.len(), 10, "{}", b.text("main"));
    assert!(b.text("main").contains("1708"));
    b.shot("24-offline-receipt");
    b.sign_out();
    // ... and the national admin forwards it from the queue to a ministry, picked by name from a search.
    b.sign_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    b.goto(&app.url(&format!("/staff/laporan/{offline_tid}")));
    b.type_in("#instansi_q", "Pekerjaan Umum");
    b.submit("form[method=get] button");
    assert!(b.source().contains("Kementerian Pekerjaan Umum"), "{}", b.text("main"));
    b.type_in("#forward_reason", "Jembatan di jalan nasional: kewenangan kementerian.");
    b.shot("25-forward-search");
    b.submit("form[action$='/forward'] button");
    assert!(b.text("main").contains("Kementerian Pekerjaan Umum"), "{}", b.text("main"));
    b.shot("26-forwarded");
}

#[test]
fn a_script_in_a_report_shows_as_text_and_pages_have_a_strict_csp() {
    let app = app();
    let r = app.post_json(
        "/api/v1/reports",
        &json!({
            "kind": "pengaduan",
            "title": "Jalan rusak <b>parah</b>",
            "body": "Jalan berlubang. <script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">",
            "category": "infrastruktur",
            "location": { "region_code": "19.04" },
            "reporter": { "name": "Budi <script>alert(1)</script>", "nik": "1771011708900001", "phone": "081234567890" }
        }),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let tid = r.json()["tracking_id"].as_str().unwrap().to_string();

    let b = Browser::start();
    b.window(412, 915);
    b.goto(&app.url(&format!("/lacak/{tid}")));
    b.shot("20-xss-tracking");
    let title = b.script("return document.title;");
    assert!(title.as_str().unwrap().contains("LAPOR"), "no script ran: {title}");
    assert!(b.text("main").contains("<script>document.title='pwned'</script>"), "shown as text");
    assert!(b.source().contains("&lt;script&gt;"));

    // The national admin's console escapes it too.
    let org_admin = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    assert!(!org_admin.is_empty());
    b.sign_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    b.goto(&app.url(&format!("/staff/laporan/{tid}")));
    b.shot("21-xss-staff");
    assert!(b.script("return document.title;").as_str().unwrap().contains("LAPOR"));
    assert!(b.text("main").contains("<script>document.title='pwned'</script>"));

    // A strict CSP on citizen, staff and dashboard pages; the session cookie is HttpOnly and SameSite=Strict.
    for path in ["/lapor", "/staff/masuk", &format!("/lacak/{tid}")] {
        let r = app.get(path);
        let csp = r.header("content-security-policy").unwrap_or_else(|| panic!("CSP on {path}"));
        assert!(csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(!csp.contains("script-src"), "no script allowed: {csp}");
    }
    let r = app.request("GET", "/staff", &[], b"");
    assert!(r.status == 303 || r.status == 200, "signed-out /staff redirects to the sign-in page");
    // A staff form without the anti-forgery value is refused.
    let token = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let cookie = format!("lapor_staff={token}");
    let r = app.request(
        "POST",
        &format!("/staff/laporan/{tid}/reject"),
        &[("cookie", &cookie), ("content-type", "application/x-www-form-urlencoded")],
        b"reason=hoax",
    );
    assert_eq!(r.status, 403, "{}", r.text());
    let r = app.request("GET", "/dashboard", &[("cookie", &cookie)], b"");
    assert!(r.header("content-security-policy").is_some(), "CSP on /dashboard ({})", r.status);
}

#[test]
fn notices_oversight_and_mediation_in_a_real_browser() {
    let mut app = app_plus(&[("sweep_token", "sweep-secret")]);
    let sweep = |app: &TestApp| {
        let r = app.request("POST", "/internal/sweep", &[("authorization", "Bearer sweep-secret")], b"");
        assert_eq!(r.status, 200, "{}", r.text());
    };
    let org = organisation(&app);
    let insp = INSP_EMAIL;
    create_account(
        &app,
        &org.admin,
        insp,
        "Inspektorat Bateng",
        json!({ "role": "inspektorat", "instansi_id": org.instansi }),
    );
    let ombudsman = MEDIATOR_EMAIL;
    create_account(&app, &org.admin, ombudsman, "Asisten Ombudsman", json!({ "role": "ombudsman" }));
    let tid = assigned_report(&app, &org);
    let second = assigned_report(&app, &org);

    // A week later both follow-up deadlines are missed: the liaison's notices.
    app.set_variable("now", "2026-12-08T02:00:00Z");
    sweep(&app);
    let liaison = "penghubung.dinkes@bangkatengahkab.go.id";
    let b = Browser::start();
    b.window(1280, 1000);
    b.sign_in(&app, liaison, &password_of(liaison));
    assert!(b.text("header").contains("Pemberitahuan (4)"), "{}", b.text("header"));
    b.goto(&app.url("/staff/pemberitahuan"));
    assert!(b.text("main").contains("Batas waktu terlewati"), "{}", b.text("main"));
    b.shot("30-notices");
    b.submit("form[action$='/baca'] button");
    assert_eq!(b.text("#unread"), "3");
    b.sign_out();
    let token = login_as(&app, liaison);
    let r = request_extension(&app, &token, &second, "Menunggu suku cadang");
    assert_eq!(r.status, 200, "{}", r.text());

    // The Inspektorat: the overdue page, Tegur the OPD, approve the extension.
    b.sign_in(&app, insp, &password_of(insp));
    b.goto(&app.url("/staff/pengawasan"));
    assert!(b.text("main").contains("Dinas Kesehatan") && b.text("main").contains(&tid), "{}", b.text("main"));
    b.shot("31-oversight");
    b.type_in(&format!("#reason-opd-{}", org.dinkes), "Dua laporan terlambat");
    b.submit("form.stack[action$='/tegur'] button");
    assert!(b.text("main").contains("Teguran tercatat"), "{}", b.text("main"));
    b.submit("form[action*='/perpanjangan/'] button[value=approve]");
    assert!(b.text("main").contains("Perpanjangan disetujui"), "{}", b.text("main"));
    b.shot("32-oversight-after");
    b.sign_out();

    // Sixty days on, the Ombudsman mediates; the citizen sees the outcome on the tracking page.
    app.set_variable("now", "2027-01-30T02:00:00Z");
    sweep(&app);
    b.sign_in(&app, ombudsman, &password_of(ombudsman));
    b.goto(&app.url("/staff/ombudsman"));
    b.shot("33-ombudsman-inbox");
    b.submit(&format!("a[href='/staff/ombudsman/{tid}']"));
    b.submit("form[action$='/take_up'] button");
    assert_eq!(b.text("#stage"), "Dalam mediasi Ombudsman");
    b.click("#outcome option[value=recommendation]");
    b.type_in("#recommendation", "Buka puskesmas sesuai jam layanan.");
    b.submit("form[action$='/outcome'] button");
    b.shot("34-ombudsman-mediation");
    b.sign_out();
    b.window(412, 915);
    b.goto(&app.url(&format!("/lacak/{tid}")));
    assert!(b.text("#mediation-outcome").contains("Rekomendasi diterbitkan"), "{}", b.text("main"));
    b.shot("35-citizen-mediation-outcome");
}
