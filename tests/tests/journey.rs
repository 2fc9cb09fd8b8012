//! Seed 004 end to end: a citizen in Bangka Tengah reports a closed puskesmas; the national admin verifies
//! it and it is dispatched to Kabupaten Bangka Tengah; the instansi admin assigns it to Dinas Kesehatan;
//! its liaison answers; the citizen says it is not resolved; the liaison answers again; the citizen
//! accepts. Colours: grey → red → red → yellow → yellow → yellow → green, with the whole history.

use crate::staff_support;

use serde_json::{json, Value};
use staff_support::*;

#[test]
fn seed_004_journey_from_report_to_green() {
    let app = app();
    let org = organisation(&app);
    let (tid, reporter_token) = citizen_report(&app, "public");
    assert_eq!(public_color(&app, &tid), "grey");

    // The national admin's queue shows it, oldest first, with its verification deadline.
    let r = call(&app, "GET", "/api/v1/verification/queue", &org.admin, None);
    assert_eq!(r.status, 200, "{}", r.text());
    let queue = r.json()["reports"].as_array().unwrap().clone();
    let item = queue.iter().find(|i| i["tracking_id"] == tid).expect("in the queue");
    assert!(item["due_at"].is_string(), "{item}");

    // The national admin sees the reporter's identity, verifies, and the region routes it to Bangka Tengah.
    let r = call(&app, "GET", &format!("/api/v1/verification/reports/{tid}"), &org.admin, None);
    assert_eq!(r.json()["reporter"]["nik"], "1771015708900001");
    let r = call(&app, "POST", &format!("/api/v1/verification/reports/{tid}/verify"), &org.admin, Some(json!({})));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["status"], "dispatched");
    assert_eq!(r.json()["instansi"], "Pemerintah Kabupaten Bangka Tengah");
    assert_eq!(public_color(&app, &tid), "red");

    // The instansi admin sees it on the board with Dinas Kesehatan suggested, and assigns it.
    let r = call(&app, "GET", "/api/v1/dispatch/board", &org.instansi_admin, None);
    assert!(r.json()["reports"].as_array().unwrap().iter().any(|i| i["tracking_id"] == tid), "{}", r.text());
    let r = call(&app, "GET", &format!("/api/v1/dispatch/reports/{tid}"), &org.instansi_admin, None);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["suggested_opd"]["id"], org.dinkes);
    assert!(r.json()["reporter"].get("nik").is_none(), "the instansi admin never sees the NIK");
    let r = assign(&app, &org.instansi_admin, &tid, org.dinkes);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(public_color(&app, &tid), "red");

    // The liaison sees it in the inbox (name only, no NIK or phone) and answers: yellow.
    let r = call(&app, "GET", "/api/v1/opd/inbox", &org.liaison, None);
    assert!(r.json()["reports"].as_array().unwrap().iter().any(|i| i["tracking_id"] == tid), "{}", r.text());
    let r = call(&app, "GET", &format!("/api/v1/opd/reports/{tid}"), &org.liaison, None);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["reporter"], json!({ "name": "Siti Aminah" }));
    let r =
        answer(&app, &org.liaison, &tid, "Puskesmas Koba buka kembali mulai Selasa; kepala puskesmas sudah ditegur.");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(public_color(&app, &tid), "yellow");

    // The citizen disagrees with the reporter token: stays yellow, the reply is in the thread.
    let reply = json!({ "message": "Belum selesai: hari ini puskesmas masih tutup." });
    let r = app.post_json_with(
        &format!("/api/v1/citizen/reports/{tid}/reply"),
        &[("x-reporter-token", &reporter_token)],
        &reply,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["color"], "yellow");
    assert_eq!(public_color(&app, &tid), "yellow");

    // The liaison answers again: still yellow.
    let r = answer(&app, &org.liaison, &tid, "Jadwal piket dokter sudah diperbaiki dan ditempel di depan puskesmas.");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(public_color(&app, &tid), "yellow");

    // The citizen accepts: green.
    let r = call(&app, "POST", &format!("/api/v1/citizen/reports/{tid}/accept"), &reporter_token, None);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(public_color(&app, &tid), "green");

    // The public thread has both answers and the reply.
    let public = app.get(&format!("/api/v1/reports/{tid}")).json();
    let thread: Vec<&str> = public["thread"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(thread.iter().filter(|k| **k == "answer").count(), 2, "{thread:?}");
    assert!(thread.contains(&"reply"), "{thread:?}");

    // The full history: every action with actor, role, time and channel, in order.
    let r = call(&app, "GET", &format!("/api/v1/verification/reports/{tid}"), &org.admin, None);
    let history = r.json()["history"].as_array().unwrap().clone();
    let steps: Vec<(String, Value, Value)> = history
        .iter()
        .map(|e| (e["kind"].as_str().unwrap().to_string(), e["to_status"].clone(), e["role"].clone()))
        .collect();
    let expected = [
        ("received", json!("received"), Value::Null),
        ("status", json!("verified"), json!("national_admin")),
        ("status", json!("dispatched"), json!("national_admin")),
        ("status", json!("assigned"), json!("instansi_admin")),
        ("answer", Value::Null, json!("opd_liaison")),
        ("status", json!("in_progress"), json!("opd_liaison")),
        ("reply", Value::Null, Value::Null),
        ("answer", Value::Null, json!("opd_liaison")),
        ("status", json!("completed"), Value::Null),
    ];
    let expected: Vec<(String, Value, Value)> = expected.into_iter().map(|(k, s, r)| (k.to_string(), s, r)).collect();
    assert_eq!(steps, expected, "{history:#?}");
    for e in &history {
        assert!(e["at"].is_string() && e["actor"].is_string() && e["channel"].is_string(), "{e}");
    }
    assert_eq!(history[6]["actor"], "citizen");
    assert_eq!(history[4]["actor"], format!("staff:{}", org.liaison_id));
}
