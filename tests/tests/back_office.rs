//! Issue 14 §2-4 end to end, with several roles: notices reach the accounts whose scope they concern (and
//! urgent ones go out by SMS), the Inspektorat watches, reprimands and decides extensions (with the instansi
//! admin), the Ombudsman mediates escalated reports. Each role is also refused what is not theirs.

use crate::staff_support;

use lapor_e2e::TestApp;
use lapor_e2e::PUBLIC_URL as PUBLIC;
use lapor_store::native::NativeDb;
use lapor_store::Db;
use serde_json::{json, Value};
use staff_support::*;

const SWEEP: &str = "sweep-secret";
const TWILIO_TOKEN: &str = "test-auth-token";

fn back_office_app() -> TestApp {
    app_plus(&[("sweep_token", SWEEP), ("twilio_auth_token", TWILIO_TOKEN), ("public_base_url", PUBLIC)])
}

/// A citizen's report by SMS to 1708 through the signed webhook (as Twilio signs it); returns its tracking ID.
fn sms_report(app: &TestApp, from: &str, body: &str) -> String {
    let path = "/webhooks/sms/twilio";
    let params = [("MessageSid", "SMombudsman1"), ("From", from), ("To", "1708"), ("Body", body)];
    let sig = lapor_e2e::twilio_signature(TWILIO_TOKEN, &format!("{PUBLIC}{path}"), &params);
    let r = app.twilio_webhook(path, &sig, &params);
    assert_eq!(r.status, 200, "{}", r.text());
    query(app, "SELECT tracking_id FROM reports WHERE channel = 'sms' ORDER BY id DESC LIMIT 1")[0].text(0)
}

fn sweep(app: &TestApp) -> Value {
    let r = app.request("POST", "/internal/sweep", &[("authorization", &format!("Bearer {SWEEP}"))], b"");
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

fn query(app: &TestApp, sql: &str) -> Vec<lapor_store::Row> {
    NativeDb::open(&app.state_dir().join("sqlite_db.db")).unwrap().execute(sql, &[]).unwrap().rows
}

const OTHER_INSP: &str = "inspektorat@bangkabaratkab.go.id";

/// Everyone's session tokens (sessions last 8 hours: sign in again after moving the clock).
struct People {
    admin: String,
    iadmin: String,
    liaison: String,
    other_liaison: String,
    insp: String,
    other_insp: String,
    ombudsman: String,
}

fn sign_in_all(app: &TestApp) -> People {
    let l = |e: &str| login_as(app, e);
    People {
        admin: login(app, ADMIN_EMAIL, ADMIN_PASSWORD),
        iadmin: l(IADMIN_EMAIL),
        liaison: l(LIAISON_EMAIL),
        other_liaison: l(OTHER_LIAISON_EMAIL),
        insp: l(INSP_EMAIL),
        other_insp: l(OTHER_INSP),
        ombudsman: l(MEDIATOR_EMAIL),
    }
}

/// The Bangka Tengah organisation plus its Inspektorat, Bangka Barat's Inspektorat and an Ombudsman account.
fn setup(app: &TestApp) -> (Org, People) {
    let org = organisation(app);
    create_account(
        app,
        &org.admin,
        INSP_EMAIL,
        "Inspektorat Bateng",
        json!({ "role": "inspektorat", "instansi_id": org.instansi }),
    );
    let bangka_barat = instansi_id(app, &org.admin, "Kabupaten Bangka Barat");
    create_account(
        app,
        &org.admin,
        OTHER_INSP,
        "Inspektorat Babar",
        json!({ "role": "inspektorat", "instansi_id": bangka_barat }),
    );
    create_account(app, &org.admin, MEDIATOR_EMAIL, "Asisten Ombudsman", json!({ "role": "ombudsman" }));
    let people = sign_in_all(app);
    (org, people)
}

fn notices(app: &TestApp, token: &str) -> Value {
    let r = call(app, "GET", "/api/v1/notices", token, None);
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

fn kinds(v: &Value) -> Vec<String> {
    v["notices"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap().to_string()).collect()
}

/// The session cookie under both of its names (`__Host-` when `public_base_url` is https).
fn cookie(token: &str) -> String {
    format!("lapor_staff={token}; __Host-lapor_staff={token}")
}

fn page(app: &TestApp, path: &str, token: &str) -> lapor_e2e::Resp {
    app.get_with(path, &[("cookie", &cookie(token))])
}

fn form(app: &TestApp, path: &str, token: &str, fields: &[(&str, &str)]) -> lapor_e2e::Resp {
    let body = lapor_e2e::form_encode(fields);
    app.request(
        "POST",
        path,
        &[("content-type", "application/x-www-form-urlencoded"), ("cookie", &cookie(token))],
        body.as_bytes(),
    )
}

#[test]
fn notices_reach_the_accounts_in_scope_and_urgent_ones_go_out_by_sms() {
    let mut app = back_office_app();
    let (_org, p) = setup(&app);
    let tid = assigned_report(&app, &_org);

    // The liaison gives a number for urgent notices (their own only); a bad one is refused, nothing stored.
    let r = call(&app, "PUT", "/api/v1/notices/phone", &p.liaison, Some(json!({ "phone": "bukan nomor" })));
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["error"]["code"], "validation_failed");
    let r = call(&app, "PUT", "/api/v1/notices/phone", &p.liaison, Some(json!({ "phone": "0812 3456 7001" })));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["phone"], "+6281234567001");
    let r = call(&app, "PUT", "/api/v1/notices/phone", &p.iadmin, Some(json!({ "phone": "081234567002" })));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(app.get("/api/v1/notices").status, 401, "no session, no notices");

    // The warning (end of Friday 4 Dec): liaison, instansi admin and Inspektorat; nobody else.
    app.set_variable("now", "2026-12-04T18:00:00Z");
    assert_eq!(sweep(&app)["warnings"], 1);
    let p = sign_in_all(&app);
    for (who, token) in [("liaison", &p.liaison), ("instansi admin", &p.iadmin), ("Inspektorat", &p.insp)] {
        let n = notices(&app, token);
        assert_eq!(kinds(&n), ["sla_warning"], "{who}: {n}");
        assert_eq!(n["unread"], 1, "{who}");
        assert_eq!(n["notices"][0]["tracking_id"], tid.as_str());
        assert_eq!(n["notices"][0]["link"], format!("/staff/laporan/{tid}"));
    }
    for (who, token) in
        [("other liaison", &p.other_liaison), ("other Inspektorat", &p.other_insp), ("Ombudsman", &p.ombudsman)]
    {
        assert_eq!(notices(&app, token)["unread"], 0, "{who}");
    }
    let sms_to = |app: &TestApp, number: &str| {
        query(app, &format!("SELECT body FROM outbox WHERE channel = 'sms' AND recipient = '{number}'"))
            .iter()
            .map(|r| r.text(0))
            .collect::<Vec<_>>()
    };
    assert!(sms_to(&app, "+6281234567001").is_empty(), "a warning is not urgent: no SMS");
    let mail_to = |app: &TestApp, address: &str| {
        query(
            app,
            &format!(
                "SELECT body, subject, tracking_id FROM outbox WHERE channel = 'email' AND recipient = '{address}'"
            ),
        )
    };
    assert!(mail_to(&app, LIAISON_EMAIL).is_empty(), "a warning is not urgent: no e-mail");

    // The breach (Tuesday 8 Dec) is urgent: a notice for each, and an SMS to each reader who gave a number.
    app.set_variable("now", "2026-12-08T02:00:00Z");
    assert_eq!(sweep(&app)["breaches"], 1);
    let p = sign_in_all(&app);
    let n = notices(&app, &p.liaison);
    assert_eq!(kinds(&n), ["sla_breach", "sla_warning"], "newest first: {n}");
    assert_eq!(n["unread"], 2);
    let liaison_sms = sms_to(&app, "+6281234567001");
    assert_eq!(liaison_sms.len(), 1, "{liaison_sms:?}");
    assert!(liaison_sms[0].contains(&tid) && !liaison_sms[0].contains("Siti"), "{}", liaison_sms[0]);
    assert_eq!(sms_to(&app, "+6281234567002").len(), 1, "the instansi admin too");
    // And an e-mail to each reader's account address, with no tracking ID: the sender adds no reporter link and
    // no unsubscribe link (a staff address must never reach the reporter's unsubscribe page).
    let mail = mail_to(&app, LIAISON_EMAIL);
    assert_eq!(mail.len(), 1);
    assert!(mail[0].text(0).contains(&tid) && !mail[0].text(0).contains("Siti"), "{}", mail[0].text(0));
    assert_eq!((mail[0].text(1).as_str(), mail[0].opt_text(2)), (lapor_core::messages::STAFF_EMAIL_SUBJECT, None));
    assert_eq!(mail_to(&app, IADMIN_EMAIL).len(), 1, "the instansi admin too");
    assert_eq!(sweep(&app)["breaches"], 0);
    assert_eq!(sms_to(&app, "+6281234567001").len(), 1, "once");
    assert_eq!(mail_to(&app, LIAISON_EMAIL).len(), 1, "once");

    // Mark read: one's own notice only; another account's answers 404 like a missing one.
    let breach_id = n["notices"][0]["id"].as_i64().unwrap();
    let other = call(&app, "POST", &format!("/api/v1/notices/{breach_id}/read"), &p.other_liaison, None);
    assert_eq!(other.status, 404, "{}", other.text());
    let admin_breach = notices(&app, &p.iadmin)["notices"][0]["id"].as_i64().unwrap();
    assert_ne!(admin_breach, breach_id);
    let r = call(&app, "POST", &format!("/api/v1/notices/{admin_breach}/read"), &p.liaison, None);
    assert_eq!(r.status, 404, "the instansi admin's notice is not the liaison's");
    assert_eq!(call(&app, "POST", "/api/v1/notices/abc/read", &p.liaison, None).status, 404);
    let r = call(&app, "POST", &format!("/api/v1/notices/{breach_id}/read"), &p.liaison, None);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["unread"], 1);
    let n = notices(&app, &p.liaison);
    assert_eq!((n["notices"][0]["read"].as_bool(), n["notices"][1]["read"].as_bool()), (Some(true), Some(false)));
    assert_eq!(notices(&app, &p.iadmin)["unread"], 2, "read per account");
    let r = call(&app, "GET", "/api/v1/notices?unread=1", &p.liaison, None);
    assert_eq!(kinds(&r.json()), ["sla_warning"]);

    // The console: unread count in the header, the notices page, mark all read with the form's CSRF value.
    let home = page(&app, "/staff", &p.iadmin);
    assert_eq!(home.status, 200);
    assert!(home.text().contains("Pemberitahuan (2)"), "header count");
    let list = page(&app, "/staff/pemberitahuan", &p.iadmin);
    assert_eq!(list.status, 200);
    let html = list.text();
    assert!(html.contains("Batas waktu terlewati") && html.contains(&format!("/staff/laporan/{tid}")));
    assert!(!html.contains(">sla_breach<"), "no raw codes where a person reads");
    let forged = form(&app, "/staff/pemberitahuan/semua", &p.iadmin, &[("csrf", "forged")]);
    assert_eq!(forged.status, 403);
    assert_eq!(notices(&app, &p.iadmin)["unread"], 2, "a forged form changes nothing");
    let r = form(&app, "/staff/pemberitahuan/semua", &p.iadmin, &[("csrf", &csrf(&p.iadmin))]);
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(notices(&app, &p.iadmin)["unread"], 0);
    assert_eq!(notices(&app, &p.insp)["unread"], 2, "the Inspektorat's stay unread");
    assert_eq!(page(&app, "/staff/pemberitahuan", "no-session").status, 303, "to the sign-in page");
}

#[test]
fn the_inspektorat_watches_reprimands_and_decides_extensions() {
    let mut app = back_office_app();
    let (org, _) = setup(&app);
    let first = assigned_report(&app, &org);
    let second = assigned_report(&app, &org);
    let instansi = org.instansi;
    let overdue_path = format!("/api/v1/inspektorat/instansi/{instansi}/overdue");

    // Nothing overdue on day one.
    let p = sign_in_all(&app);
    let r = call(&app, "GET", &overdue_path, &p.insp, None);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["groups"], json!([]));

    // Wednesday 9 Dec: both are overdue (due end of Monday 7 Dec), grouped under Dinas Kesehatan, oldest first.
    app.set_variable("now", "2026-12-09T05:00:00Z");
    let p = sign_in_all(&app);
    let r = call(&app, "GET", &overdue_path, &p.insp, None);
    assert_eq!(r.status, 200, "{}", r.text());
    let groups = r.json()["groups"].clone();
    assert_eq!(groups.as_array().unwrap().len(), 1, "{groups}");
    assert_eq!(groups[0]["opd_id"], org.dinkes);
    let ids: Vec<&str> =
        groups[0]["reports"].as_array().unwrap().iter().map(|r| r["tracking_id"].as_str().unwrap()).collect();
    assert_eq!(ids, [first.as_str(), second.as_str()]);
    assert_eq!(groups[0]["reports"][0]["overdue"], true);
    assert_eq!(groups[0]["reports"][0]["days_overdue"], 1);
    // The instansi admin sees it too; another instansi's Inspektorat does not (404), a liaison is refused (403).
    assert_eq!(call(&app, "GET", &overdue_path, &p.iadmin, None).status, 200);
    assert_eq!(call(&app, "GET", &overdue_path, &p.other_insp, None).status, 404);
    assert_eq!(call(&app, "GET", &overdue_path, &p.liaison, None).status, 403);
    assert_eq!(call(&app, "GET", &overdue_path, &p.ombudsman, None).status, 403);
    assert_eq!(app.get(&overdue_path).status, 401);

    // Tegur one report: an event on it, a notice to the liaison and the instansi admin.
    let reprimands = format!("/api/v1/inspektorat/instansi/{instansi}/reprimands");
    let body = json!({ "tracking_id": first, "reason": "Tidak menjawab dalam lima hari kerja" });
    let r = call(&app, "POST", &reprimands, &p.iadmin, Some(body.clone()));
    assert_eq!(r.status, 403, "the instansi admin does not reprimand");
    let r = call(&app, "POST", &reprimands, &p.other_insp, Some(body.clone()));
    assert_eq!(r.status, 404, "another instansi's Inspektorat");
    let other_path =
        format!("/api/v1/inspektorat/instansi/{}/reprimands", instansi_id(&app, &p.admin, "Kabupaten Bangka Barat"));
    let r = call(&app, "POST", &other_path, &p.other_insp, Some(body.clone()));
    assert_eq!(r.status, 404, "a report of another instansi is not there: {}", r.text());
    let r = call(&app, "POST", &reprimands, &p.insp, Some(json!({ "tracking_id": first })));
    assert_eq!(r.status, 422, "a reason is required");
    let r = post_as(&app, &p.insp, &reprimands, json!({ "tracking_id": first, "opd_id": org.dinkes, "reason": "x" }));
    assert_eq!(r.status, 422, "one target only");
    let r = call(&app, "POST", &reprimands, &p.insp, Some(json!({ "opd_id": org.dishub, "reason": "Lambat" })));
    assert_eq!(r.status, 409, "Dinas Perhubungan has no overdue report: {}", r.text());
    assert_eq!(query(&app, "SELECT count(*) FROM reprimands")[0].int(0), 0, "refusals store nothing");
    let r = call(&app, "POST", &reprimands, &p.insp, Some(body));
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["reports_concerned"], 1);
    let history = call(&app, "GET", &format!("/api/v1/dispatch/reports/{first}"), &p.iadmin, None).json();
    let reprimand_events: Vec<&Value> =
        history["history"].as_array().unwrap().iter().filter(|e| e["kind"] == "reprimand").collect();
    assert_eq!(reprimand_events.len(), 1);
    assert_eq!(reprimand_events[0]["role"], "inspektorat");
    assert_eq!(reprimand_events[0]["public"], false);
    assert!(kinds(&notices(&app, &p.liaison)).contains(&"reprimand".to_string()));
    assert!(kinds(&notices(&app, &p.iadmin)).contains(&"reprimand".to_string()));
    assert!(!kinds(&notices(&app, &p.other_liaison)).contains(&"reprimand".to_string()));
    // Tegur the OPD: both overdue reports are concerned.
    let r = post_as(&app, &p.insp, &reprimands, json!({ "opd_id": org.dinkes, "reason": "Dua laporan terlambat" }));
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["reports_concerned"], 2);
    let list = call(&app, "GET", &format!("{reprimands}?opd_id={}", org.dinkes), &p.iadmin, None);
    assert_eq!(list.status, 200);
    let list = list.json()["reprimands"].as_array().unwrap().clone();
    assert_eq!(list.len(), 2, "listed per OPD with dates");
    assert!(list[0]["at"].as_str().unwrap().starts_with("2026-12-09"));

    // Extensions: the liaison asks; until decided the deadline stands.
    let due_of = |app: &TestApp, token: &str, tid: &str| {
        call(app, "GET", &format!("/api/v1/opd/reports/{tid}"), token, None).json()["due_at"].clone()
    };
    let before = due_of(&app, &p.liaison, &second);
    let ask = |app: &TestApp| request_extension(app, &p.liaison, &second, "Menunggu suku cadang");
    assert_eq!(ask(&app).status, 200);
    assert_eq!(due_of(&app, &p.liaison, &second), before, "not moved before a decision");
    assert_eq!(ask(&app).status, 409, "one undecided request at a time");
    assert!(kinds(&notices(&app, &p.insp)).contains(&"extension_requested".to_string()));
    let decide = |app: &TestApp, token: &str, decision: &str| decide_extension(app, token, &second, decision);
    assert_eq!(decide(&app, &p.liaison, "approve").status, 403, "no one decides their own request");
    assert_eq!(decide(&app, &p.other_insp, "approve").status, 404);
    assert_eq!(decide(&app, &p.insp, "maybe").status, 422);
    let r = decide(&app, &p.insp, "refuse");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(due_of(&app, &p.liaison, &second), before, "refused: the deadline stands");
    assert!(kinds(&notices(&app, &p.liaison)).contains(&"extension_refused".to_string()));
    assert_eq!(decide(&app, &p.insp, "approve").status, 409, "nothing pending any more");
    assert_eq!(ask(&app).status, 200);
    let r = decide(&app, &p.iadmin, "approve");
    assert_eq!(r.status, 200, "{}", r.text());
    let after = due_of(&app, &p.liaison, &second);
    assert_ne!(after, before);
    // Ten working days from Wednesday 9 Dec: Wednesday 23 Dec (no holidays in the seed around then? 24-25 are off).
    assert!(after.as_str().unwrap() > "2026-12-20", "{after}");
    assert_eq!(r.json()["due_at"], after);
    assert!(kinds(&notices(&app, &p.liaison)).contains(&"extension_approved".to_string()));
    let history = call(&app, "GET", &format!("/api/v1/opd/reports/{second}"), &p.liaison, None).json();
    let granted = history["history"].as_array().unwrap().iter().filter(|e| e["kind"] == "extension_granted").count();
    assert_eq!(granted, 1);

    // The console page: groups, days overdue, Tegur forms with the CSRF value; a forged one is refused.
    let html = page(&app, &format!("/staff/pengawasan/{instansi}"), &p.insp);
    assert_eq!(html.status, 200);
    let text = html.text();
    assert!(text.contains("Dinas Kesehatan") && text.contains(&first) && text.contains("Tegur OPD ini"), "{text}");
    assert!(text.contains("Dua laporan terlambat"), "reprimands listed");
    assert_eq!(page(&app, &format!("/staff/pengawasan/{instansi}"), &p.other_insp).status, 404);
    assert_eq!(page(&app, "/staff/pengawasan", &p.liaison).status, 403);
    let tegur = format!("/staff/pengawasan/{instansi}/tegur");
    let r = form(&app, &tegur, &p.insp, &[("csrf", "forged"), ("tracking_id", &first), ("reason", "x")]);
    assert_eq!(r.status, 403);
    let r =
        form(&app, &tegur, &p.insp, &[("csrf", &csrf(&p.insp)), ("tracking_id", &first), ("reason", "Teguran kedua")]);
    assert_eq!(r.status, 303, "{}", r.text());
    let r = form(&app, &tegur, &p.iadmin, &[("csrf", &csrf(&p.iadmin)), ("tracking_id", &first), ("reason", "x")]);
    assert_eq!(r.status, 403, "the admin has no Tegur");
    assert_eq!(query(&app, "SELECT count(*) FROM reprimands")[0].int(0), 3);

    // The rapot shows the count per OPD for the period.
    let r = call(&app, "GET", &format!("/api/v1/rapot?instansi={instansi}&period=2026-12"), &p.iadmin, None);
    assert_eq!(r.status, 200, "{}", r.text());
    let opds = r.json()["opds"].as_array().unwrap().clone();
    let count = |id: i64| opds.iter().find(|o| o["opd_id"] == id).map(|o| o["reprimands"].clone());
    assert_eq!((count(org.dinkes), count(org.dishub)), (Some(json!(3)), Some(json!(0))), "{opds:?}");
    let r = call(&app, "GET", &format!("/api/v1/rapot?instansi={instansi}&period=2026-11"), &p.iadmin, None);
    let nov =
        r.json()["opds"].as_array().unwrap().iter().find(|o| o["opd_id"] == org.dinkes).unwrap()["reprimands"].clone();
    assert_eq!(nov, 0, "counted in the period they were given");
}

#[test]
fn the_ombudsman_mediates_escalated_reports_and_the_citizen_sees_it() {
    let mut app = back_office_app();
    let (org, p) = setup(&app);
    let tid = assigned_report(&app, &org);
    // A second report came by SMS: its reporter is told on SMS.
    let by_sms = sms_report(&app, "081234567890", "KAB BANGKA TENGAH puskesmas Koba tutup pada jam kerja");
    verify_and_assign(&app, &org, &by_sms);
    let inbox = |app: &TestApp, token: &str| call(app, "GET", "/api/v1/ombudsman/inbox", token, None);
    assert_eq!(inbox(&app, &p.ombudsman).json()["reports"], json!([]));
    let r = call(&app, "GET", &format!("/api/v1/ombudsman/reports/{tid}"), &p.ombudsman, None);
    assert_eq!(r.status, 404, "not escalated: not the Ombudsman's");

    // Sixty days after reaching the OPD without completion: escalated.
    app.set_variable("now", "2027-01-30T02:00:00Z");
    assert_eq!(sweep(&app)["ombudsman"], 2);
    let p = sign_in_all(&app);
    let r = inbox(&app, &p.ombudsman);
    assert_eq!(r.status, 200, "{}", r.text());
    let list = r.json()["reports"].clone();
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
    assert_eq!(list[0]["tracking_id"], tid.as_str(), "oldest first");
    assert_eq!(list[1]["tracking_id"], by_sms.as_str());
    assert_eq!(list[0]["mediation"], Value::Null);
    assert_eq!(list[0]["instansi"], "Pemerintah Kabupaten Bangka Tengah");
    for token in [&p.liaison, &p.iadmin, &p.insp, &p.admin] {
        assert_eq!(inbox(&app, token).status, 403);
    }
    assert!(kinds(&notices(&app, &p.ombudsman)).contains(&"escalated".to_string()));

    let step = |app: &TestApp, token: &str, action: &str, body: Option<Value>| {
        call(app, "POST", &format!("/api/v1/ombudsman/reports/{tid}/{action}"), token, body)
    };
    assert_eq!(step(&app, &p.ombudsman, "close", None).status, 409, "nothing to close yet");
    assert_eq!(step(&app, &p.ombudsman, "outcome", Some(json!({ "outcome": "resolved" }))).status, 409);
    assert_eq!(step(&app, &p.iadmin, "take_up", None).status, 403, "the instansi sees the report but does not mediate");
    assert_eq!(step(&app, &p.other_insp, "take_up", None).status, 404);
    assert_eq!(step(&app, &p.ombudsman, "approve", None).status, 404);
    let r = step(&app, &p.ombudsman, "take_up", None);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["mediation"], "mediating");
    assert_eq!(step(&app, &p.ombudsman, "take_up", None).status, 409, "once");
    let track = app.get(&format!("/lacak/{tid}"));
    assert!(track.text().contains("Dalam mediasi Ombudsman"), "the tracking page shows the mediation");

    // Ask the instansi for information: a notice to its admin and Inspektorat.
    assert_eq!(step(&app, &p.ombudsman, "request_info", Some(json!({}))).status, 422);
    let r = step(&app, &p.ombudsman, "request_info", Some(json!({ "question": "Mengapa puskesmas tutup?" })));
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(kinds(&notices(&app, &p.iadmin)).contains(&"mediation_info".to_string()));
    assert!(kinds(&notices(&app, &p.insp)).contains(&"mediation_info".to_string()));
    assert!(!kinds(&notices(&app, &p.other_insp)).contains(&"mediation_info".to_string()));

    // The outcome: a recommendation needs its text.
    let r = step(&app, &p.ombudsman, "outcome", Some(json!({ "outcome": "recommendation" })));
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(step(&app, &p.ombudsman, "outcome", Some(json!({ "outcome": "won" }))).status, 422);
    let r = step(
        &app,
        &p.ombudsman,
        "outcome",
        Some(json!({ "outcome": "recommendation", "recommendation": "Buka puskesmas sesuai jam layanan." })),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let track = app.get(&format!("/lacak/{tid}")).text();
    assert!(
        track.contains("Rekomendasi diterbitkan") && track.contains("Buka puskesmas sesuai jam layanan."),
        "{track}"
    );
    let r = step(&app, &p.ombudsman, "close", None);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(step(&app, &p.ombudsman, "request_info", Some(json!({ "question": "?" }))).status, 409, "closed");

    // Every step is a public event; closed mediations leave the default inbox.
    let public = app.get(&format!("/api/v1/reports/{tid}"));
    assert_eq!(public.status, 200);
    let events = query(&app, "SELECT kind FROM events WHERE kind LIKE 'mediation_%' ORDER BY id");
    let events: Vec<String> = events.iter().map(|r| r.text(0)).collect();
    assert_eq!(events, ["mediation_taken_up", "mediation_info_requested", "mediation_outcome", "mediation_closed"]);
    assert_eq!(inbox(&app, &p.ombudsman).json()["reports"][0]["tracking_id"], by_sms.as_str(), "the closed one left");

    // The SMS reporter is told each step by SMS.
    let sms_step = |action: &str, body: Option<Value>| {
        call(&app, "POST", &format!("/api/v1/ombudsman/reports/{by_sms}/{action}"), &p.ombudsman, body)
    };
    assert_eq!(sms_step("take_up", None).status, 200);
    assert_eq!(sms_step("outcome", Some(json!({ "outcome": "not_substantiated" }))).status, 200);
    let texts: Vec<String> = query(
        &app,
        &format!(
            "SELECT o.body FROM outbox o JOIN reports r ON r.id = o.report_id WHERE r.tracking_id = '{by_sms}' \
             AND o.channel = 'sms' AND o.recipient = '+6281234567890' ORDER BY o.id"
        ),
    )
    .iter()
    .map(|r| r.text(0))
    .collect();
    assert!(texts.iter().any(|t| t.contains("dalam mediasi Ombudsman")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("Tidak terbukti")), "{texts:?}");

    let all = call(&app, "GET", "/api/v1/ombudsman/inbox?closed=1", &p.ombudsman, None).json();
    assert_eq!(all["reports"][0]["mediation"], "closed");
    assert_eq!(all["reports"][0]["outcome"], "recommendation");

    // The console pages: the inbox for the Ombudsman only; a forged form is refused.
    let html = page(&app, "/staff/ombudsman?closed=1", &p.ombudsman);
    assert_eq!(html.status, 200);
    assert!(html.text().contains(&tid) && html.text().contains("Mediasi Ombudsman ditutup"));
    assert_eq!(page(&app, "/staff/ombudsman", &p.insp).status, 403);
    assert_eq!(page(&app, &format!("/staff/ombudsman/{tid}"), &p.ombudsman).status, 200);
    assert_eq!(page(&app, &format!("/staff/ombudsman/{tid}"), &p.other_liaison).status, 404);
    let r = form(&app, &format!("/staff/ombudsman/{tid}/close"), &p.ombudsman, &[("csrf", "forged")]);
    assert_eq!(r.status, 403);
}
