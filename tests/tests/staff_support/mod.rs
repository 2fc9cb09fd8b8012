//! Shared steps of the staff e2e tests: sign-in, setting up the Bangka Tengah organisation, a citizen report.

#![allow(dead_code)]

use lapor_e2e::{Resp, TestApp};
use serde_json::{json, Value};

pub const ADMIN_EMAIL: &str = "admin@lapor.go.id";
pub const ADMIN_PASSWORD: &str = "rahasia-nasional-1708";
/// A minimal PDF (a scan or an answer's letter).
pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
/// Monday 30 November 2026, 09:00 WIB.
pub const START: &str = "2026-11-30T02:00:00Z";

/// The app with the bootstrap admin variables and the test clock at [`START`].
pub fn app() -> TestApp {
    app_plus(&[])
}

/// [`app`] with more variables (a sweep token, a provider's URL, ...).
pub fn app_plus(extra: &[(&str, &str)]) -> TestApp {
    lapor_e2e::app_with(&staff_variables(extra))
}

/// The bootstrap admin variables and the test clock at [`START`], then `extra`.
pub fn staff_variables<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut variables =
        vec![("bootstrap_admin_email", ADMIN_EMAIL), ("bootstrap_admin_password", ADMIN_PASSWORD), ("now", START)];
    variables.extend_from_slice(extra);
    variables
}

/// A request with a bearer token and an optional JSON body.
pub fn call(app: &TestApp, method: &str, path: &str, token: &str, body: Option<Value>) -> Resp {
    let auth = format!("Bearer {token}");
    let mut headers = vec![("authorization", auth.as_str())];
    let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
    if !bytes.is_empty() {
        headers.push(("content-type", "application/json"));
    }
    app.request(method, path, &headers, &bytes)
}

/// The console's anti-forgery value for a session, as its pages derive it.
pub fn csrf(token: &str) -> String {
    lapor_core::secret::sha256_hex(format!("csrf:{token}").as_bytes())
}

/// A console page read with an API session token as the console cookie (the same sessions).
pub fn page(app: &TestApp, path: &str, token: &str) -> Resp {
    app.request("GET", path, &[("cookie", &format!("lapor_staff={token}"))], b"")
}

/// A console form posted with the console cookie; `fields` as given (a real form carries `("csrf", &csrf(token))`).
pub fn page_post(app: &TestApp, path: &str, token: &str, fields: &[(&str, &str)]) -> Resp {
    let cookie = format!("lapor_staff={token}");
    let headers = [("cookie", cookie.as_str()), ("content-type", "application/x-www-form-urlencoded")];
    app.request("POST", path, &headers, lapor_e2e::form_encode(fields).as_bytes())
}

/// Signs in and returns the session token. National and instansi admins must use two-step sign-in: the first
/// time an admin signs in on an app, this enrols them as their owner would (enrol, the first code from the
/// secret, confirm) and keeps the secret and the recovery codes; later sign-ins send the next TOTP code, or a
/// recovery code when the app clock has moved past the codes this knows.
pub fn login(app: &TestApp, email: &str, password: &str) -> String {
    let key = (app.base_url(), email.to_lowercase());
    let sign_in = |code: Option<String>| {
        let mut body = json!({ "email": email, "password": password });
        if let Some(c) = code {
            body["code"] = json!(c);
        }
        app.post_json("/api/v1/auth/login", &body)
    };
    let mut r = sign_in(two_step::next_code(&key).or_else(|| two_step::recovery_code(&key)));
    if r.status == 401 && r.json()["error"]["code"] == "two_step_required" {
        r = sign_in(two_step::recovery_code(&key));
    }
    assert_eq!(r.status, 200, "login {email}: {}", r.text());
    let body = r.json();
    let token = body["token"].as_str().expect("token").to_string();
    let clock = two_step::app_clock(&body);
    if body["two_step_enrolment_required"] == json!(true) {
        two_step::enrol(app, &key, &token, clock);
    } else {
        two_step::saw_clock(&key, clock);
    }
    token
}

/// The two-step sign-in state the tests keep per (app, e-mail), as an admin's authenticator app and the
/// recovery codes on paper would.
pub mod two_step {
    use std::collections::HashMap;
    use std::sync::Mutex;

    use lapor_core::{session, totp};
    use lapor_e2e::TestApp;
    use serde_json::{json, Value};

    use super::call;

    struct Known {
        secret: Vec<u8>,
        recovery: Vec<String>,
        last_step: i64,
        clock: i64,
    }

    type Key = (String, String);

    static KNOWN: Mutex<Option<HashMap<Key, Known>>> = Mutex::new(None);

    fn with<T>(f: impl FnOnce(&mut HashMap<Key, Known>) -> T) -> T {
        f(KNOWN.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(HashMap::new))
    }

    /// The app clock at a sign-in: the session's `expires_at` less its lifetime.
    pub fn app_clock(login: &Value) -> i64 {
        let at = login["expires_at"].as_str().expect("expires_at");
        chrono::DateTime::parse_from_rfc3339(at).expect("rfc3339").timestamp() - session::TTL_SECS
    }

    /// The next TOTP code the app would take, if the last known clock still allows one not used before.
    pub fn next_code(key: &Key) -> Option<String> {
        with(|m| {
            let k = m.get_mut(key)?;
            let step = (k.last_step + 1).max(totp::step_of(k.clock));
            (step <= totp::step_of(k.clock) + 1).then(|| {
                k.last_step = step;
                format!("{:06}", totp::code_at_step(&k.secret, step))
            })
        })
    }

    /// An unused recovery code (used up here).
    pub fn recovery_code(key: &Key) -> Option<String> {
        with(|m| m.get_mut(key)?.recovery.pop())
    }

    /// Remembers the app clock seen at a sign-in.
    pub fn saw_clock(key: &Key, clock: i64) {
        with(|m| m.get_mut(key).map(|k| k.clock = clock));
    }

    /// Turns two-step sign-in on for the signed-in account and keeps what its owner would.
    pub fn enrol(app: &TestApp, key: &Key, token: &str, clock: i64) {
        let r = call(app, "POST", "/api/v1/auth/two-step/enrol", token, None);
        assert_eq!(r.status, 200, "two-step enrol: {}", r.text());
        let secret = totp::base32_decode(r.json()["secret"].as_str().expect("secret")).expect("base32 secret");
        let step = totp::step_of(clock);
        let code = format!("{:06}", totp::code_at_step(&secret, step));
        let r = call(app, "POST", "/api/v1/auth/two-step/confirm", token, Some(json!({ "code": code })));
        assert_eq!(r.status, 200, "two-step confirm: {}", r.text());
        let recovery: Vec<String> = r.json()["recovery_codes"]
            .as_array()
            .expect("recovery_codes")
            .iter()
            .map(|c| c.as_str().expect("code").to_string())
            .collect();
        with(|m| m.insert(key.clone(), Known { secret, recovery, last_step: step, clock }));
    }

    /// For sign-ins through the console page: the code to type for `email` on `app` (the next TOTP code, else a
    /// recovery code), if the account has two-step sign-in on.
    pub fn code_for(app: &TestApp, email: &str) -> Option<String> {
        let key = (app.base_url(), email.to_lowercase());
        next_code(&key).or_else(|| recovery_code(&key))
    }

    /// Enrols `email` (signed in with `token` on `app`) when the sign-in response says an admin must.
    pub fn enrol_if_required(app: &TestApp, email: &str, token: &str, login: &Value) {
        if login["two_step_enrolment_required"] == json!(true) {
            enrol(app, &(app.base_url(), email.to_lowercase()), token, app_clock(login));
        }
    }
}

/// Creates an account with one assignment (as `by`) and returns its id. Admins never set passwords: the
/// response carries the one-time set-password link, which the new account's owner (here the test) uses to
/// set [`password_of`]`(email)`.
pub fn create_account(app: &TestApp, by: &str, email: &str, name: &str, assignment: Value) -> i64 {
    let r = post_account(app, by, json!({ "email": email, "name": name, "assignment": assignment }));
    assert_eq!(r.status, 201, "create {email}: {}", r.text());
    let body = r.json();
    set_password(app, &link_token(&body), &password_of(email));
    body["account"]["id"].as_i64().unwrap()
}

/// `POST /api/v1/admin/accounts` (an admin creates an account) with the given body.
pub fn post_account(app: &TestApp, by: &str, body: Value) -> Resp {
    post_as(app, by, "/api/v1/admin/accounts", body)
}

/// The token of the set-password link in a response (`set_password.token`).
pub fn link_token(body: &Value) -> String {
    body["set_password"]["token"].as_str().unwrap_or_else(|| panic!("set_password.token in {body}")).to_string()
}

/// Sets a password through a one-time link token (`POST /api/v1/auth/set-password`), expecting 204.
pub fn set_password(app: &TestApp, token: &str, password: &str) {
    let r = app.post_json("/api/v1/auth/set-password", &json!({ "token": token, "password": password }));
    assert_eq!(r.status, 204, "set-password: {}", r.text());
}

/// Standard base64 of `data` (files in JSON bodies: `data_base64`).
pub fn base64(data: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(data)
}

/// The password [`create_account`] gives `email`.
pub fn password_of(email: &str) -> String {
    format!("{email}-sandi")
}

/// The instansi id of a region's local government, looked up by name.
pub fn instansi_id(app: &TestApp, token: &str, name: &str) -> i64 {
    let r = call(app, "GET", &format!("/api/v1/admin/instansi?q={}", name.replace(' ', "%20")), token, None);
    assert_eq!(r.status, 200, "{}", r.text());
    let list = r.json()["instansi"].as_array().unwrap().clone();
    list.iter().find(|i| i["name"] == format!("Pemerintah {name}")).unwrap_or_else(|| panic!("{name} in {list:?}"))
        ["id"]
        .as_i64()
        .unwrap()
}

/// The id of an OPD of an instansi, by code.
pub fn opd_id(app: &TestApp, token: &str, instansi: i64, code: &str) -> i64 {
    let r = call(app, "GET", &format!("/api/v1/admin/instansi/{instansi}/opds"), token, None);
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["opds"].as_array().unwrap().iter().find(|o| o["code"] == code).expect("opd")["id"].as_i64().unwrap()
}

/// A citizen's web report about the closed puskesmas in Bangka Tengah (seed 004); returns
/// (tracking ID, reporter token).
pub fn citizen_report(app: &TestApp, visibility: &str) -> (String, String) {
    let r = app.post_json(
        "/api/v1/reports",
        &json!({
            "kind": "pengaduan",
            "title": "Puskesmas Koba tutup pada jam kerja",
            "body": "Puskesmas di Koba, Kabupaten Bangka Tengah, tutup pada hari Senin pukul 10 pagi. Warga tidak bisa berobat.",
            "category": "kesehatan",
            "visibility": visibility,
            "location": { "text": "Koba", "region_code": "19.04" },
            "reporter": { "name": "Siti Aminah", "nik": "1771015708900001", "phone": "081234567890" }
        }),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let b = r.json();
    (b["tracking_id"].as_str().unwrap().to_string(), b["reporter_token"].as_str().unwrap().to_string())
}

/// The colour the public sees.
pub fn public_color(app: &TestApp, tid: &str) -> String {
    let r = app.get(&format!("/api/v1/reports/{tid}"));
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["color"].as_str().unwrap().to_string()
}

/// The tokens of the Bangka Tengah organisation.
pub struct Org {
    pub admin: String,
    pub instansi: i64,
    pub instansi_admin: String,
    pub dinkes: i64,
    pub dishub: i64,
    pub liaison_id: i64,
    pub liaison: String,
    pub other_liaison: String,
}

/// Signs in the bootstrap admin, who creates Bangka Tengah's instansi admin, who creates the Dinas
/// Kesehatan liaison and the Dinas Perhubungan liaison.
pub fn organisation(app: &TestApp) -> Org {
    let admin = login(app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let instansi = instansi_id(app, &admin, "Kabupaten Bangka Tengah");
    let role = json!({ "role": "instansi_admin", "instansi_id": instansi });
    let instansi_admin = signed_in_account(app, &admin, IADMIN_EMAIL, "Admin Bateng", role);
    let dinkes = opd_id(app, &instansi_admin, instansi, "dinkes");
    let dishub = opd_id(app, &instansi_admin, instansi, "dishub");
    let role = json!({ "role": "opd_liaison", "opd_id": dinkes });
    let liaison_id = create_account(app, &instansi_admin, LIAISON_EMAIL, "Penghubung Dinkes", role);
    let role = json!({ "role": "opd_liaison", "opd_id": dishub });
    create_account(app, &instansi_admin, OTHER_LIAISON_EMAIL, "Penghubung Dishub", role);
    let liaison = login_as(app, LIAISON_EMAIL);
    let other_liaison = login_as(app, OTHER_LIAISON_EMAIL);
    Org { admin, instansi, instansi_admin, dinkes, dishub, liaison_id, liaison, other_liaison }
}

/// Verifies a report as the national admin (`POST /api/v1/verification/reports/{tid}/verify`).
pub fn verify(app: &TestApp, token: &str, tid: &str) -> Resp {
    post_as(app, token, &format!("/api/v1/verification/reports/{tid}/verify"), json!({}))
}

/// Verifies (→ dispatched to Bangka Tengah) and assigns the report to Dinas Kesehatan.
pub fn verify_and_assign(app: &TestApp, org: &Org, tid: &str) {
    let r = verify(app, &org.admin, tid);
    assert_eq!(r.status, 200, "{}", r.text());
    let r = assign(app, &org.instansi_admin, tid, org.dinkes);
    assert_eq!(r.status, 200, "{}", r.text());
}

/// A new public report, verified, dispatched to Bangka Tengah and assigned to Dinas Kesehatan now.
pub fn assigned_report(app: &TestApp, org: &Org) -> String {
    let (tid, _) = citizen_report(app, "public");
    verify_and_assign(app, org, &tid);
    tid
}

/// Bangka Tengah's Inspektorat (created by [`inspektorat`]).
pub const INSP_EMAIL: &str = "inspektorat@bangkatengahkab.go.id";
/// The Ombudsman's mediator (an account the back-office tests create).
pub const MEDIATOR_EMAIL: &str = "mediator@ombudsman.go.id";
/// Bangka Tengah's instansi admin (created by [`organisation`]).
pub const IADMIN_EMAIL: &str = "admin@bangkatengahkab.go.id";
/// The Dinas Kesehatan liaison (created by [`organisation`]).
pub const LIAISON_EMAIL: &str = "penghubung.dinkes@bangkatengahkab.go.id";
/// The Dinas Perhubungan liaison (created by [`organisation`]).
pub const OTHER_LIAISON_EMAIL: &str = "penghubung.dishub@bangkatengahkab.go.id";

/// `POST path` with a bearer token and a JSON body.
pub fn post_as(app: &TestApp, token: &str, path: &str, body: Value) -> Resp {
    call(app, "POST", path, token, Some(body))
}

/// `GET path` with a bearer token.
pub fn get_as(app: &TestApp, token: &str, path: &str) -> Resp {
    call(app, "GET", path, token, None)
}

/// Signs in with the password [`create_account`] gave `email`.
pub fn login_as(app: &TestApp, email: &str) -> String {
    login(app, email, &password_of(email))
}

/// Creates an account with one assignment (as `by`, see [`create_account`]) and signs it in; returns its token.
pub fn signed_in_account(app: &TestApp, by: &str, email: &str, name: &str, assignment: Value) -> String {
    create_account(app, by, email, name, assignment);
    login_as(app, email)
}

/// The OPD's answer to a report (`POST /api/v1/opd/reports/{tid}/answer`).
pub fn answer(app: &TestApp, token: &str, tid: &str, body: &str) -> Resp {
    post_as(app, token, &format!("/api/v1/opd/reports/{tid}/answer"), json!({ "body": body }))
}

/// The OPD asks for more time (`POST /api/v1/opd/reports/{tid}/extension`).
pub fn request_extension(app: &TestApp, token: &str, tid: &str, reason: &str) -> Resp {
    post_as(app, token, &format!("/api/v1/opd/reports/{tid}/extension"), json!({ "reason": reason }))
}

/// Approves or rejects a requested extension (`POST /api/v1/inspektorat/reports/{tid}/extension`).
pub fn decide_extension(app: &TestApp, token: &str, tid: &str, decision: &str) -> Resp {
    post_as(app, token, &format!("/api/v1/inspektorat/reports/{tid}/extension"), json!({ "decision": decision }))
}

/// Assigns a dispatched report to an OPD (`POST /api/v1/dispatch/reports/{tid}/assign`).
pub fn assign(app: &TestApp, token: &str, tid: &str, opd: i64) -> Resp {
    post_as(app, token, &format!("/api/v1/dispatch/reports/{tid}/assign"), json!({ "opd_id": opd }))
}

/// Bangka Barat's instansi admin, created by the national admin and signed in; returns the token.
pub fn babar_admin(app: &TestApp, org: &Org) -> String {
    let babar = instansi_id(app, &org.admin, "Kabupaten Bangka Barat");
    let role = json!({ "role": "instansi_admin", "instansi_id": babar });
    signed_in_account(app, &org.admin, "admin@bangkabaratkab.go.id", "Admin Babar", role)
}

/// Bangka Tengah's Inspektorat, created by the national admin and signed in; returns the token.
pub fn inspektorat(app: &TestApp, org: &Org) -> String {
    let role = json!({ "role": "inspektorat", "instansi_id": org.instansi });
    signed_in_account(app, &org.admin, INSP_EMAIL, "Inspektorat Bateng", role)
}
