//! Issue 14 §1, evidence is seen by those who must judge it: the citizen's evidence and the liaison's answer
//! files are listed and opened by staff who may see the report (API and console), typed by their sniffed kind,
//! `nosniff`, a safe file name; anyone else gets 404; the reporter opens the answer's file on the tracking page
//! with the reporter code; the public never.

use crate::staff_support;

use lapor_e2e::{form_encode, web_form, FilePart, Resp, TestApp};
use serde_json::json;
use staff_support::*;

/// A well-formed 1×1 PNG (served inline).
fn png() -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    v.extend_from_slice(&[0, 0, 0, 13]);
    v.extend_from_slice(b"IHDR");
    v.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
    v.extend_from_slice(&[0x1f, 0x15, 0xc4, 0x89]);
    v.extend_from_slice(&[0, 0, 0, 0]);
    v.extend_from_slice(b"IEND");
    v.extend_from_slice(&[0xae, 0x42, 0x60, 0x82]);
    v
}

/// A multipart form with an optional file (field, file name, bytes), declared as `text/html` whatever it is.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &str, &[u8])>) -> (String, Vec<u8>) {
    let files: Vec<FilePart> = file.map(|(field, name, data)| (field, name, "text/html", data)).into_iter().collect();
    lapor_e2e::multipart("----laporBackOffice14", fields, &files)
}

/// Files a report through the web form with a PDF scan as evidence; returns (tracking ID, reporter code).
fn report_with_evidence(app: &TestApp) -> (String, String) {
    let (cookie, csrf) = app.get("/lapor").csrf();
    let title = "Puskesmas Koba tutup pada jam kerja";
    let body = "Puskesmas di Koba tutup pada hari Senin pukul 10 pagi. Warga tidak bisa berobat.";
    let fields = web_form(&csrf, title, body, "Siti Aminah", "1771015708900001");
    let (ct, body) = multipart(&fields, Some(("evidence", "<script>x</script>.html", PDF)));
    let r = app.request("POST", "/lapor", &[("content-type", &ct), ("cookie", &cookie)], &body);
    assert_eq!(r.status, 201, "{}", r.text());
    let html = r.text();
    let grab = |id: &str| {
        let key = format!("id=\"{id}\">");
        let at = html.find(&key).unwrap() + key.len();
        html[at..].split('<').next().unwrap().trim().to_string()
    };
    (grab("tracking-id"), grab("reporter-token"))
}

fn assert_file(r: &Resp, content_type: &str, disposition: &str) {
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some(content_type));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(r.header("content-disposition"), Some(disposition));
}

#[test]
fn staff_who_see_the_report_open_its_files_and_nobody_else_does() {
    let app = app();
    let org = organisation(&app);
    let (tid, code) = report_with_evidence(&app);
    verify_and_assign(&app, &org, &tid);

    // The liaison answers in the console with a photo (multipart to /staff/jawab/{id}).
    let photo = png();
    let (ct, body) = multipart(
        &[("csrf", &csrf(&org.liaison)), ("body", "Puskesmas buka kembali; foto papan jadwal terlampir.")],
        Some(("attachment", "papan.png", &photo)),
    );
    let cookie = format!("lapor_staff={}", org.liaison);
    let r = app.request("POST", &format!("/staff/jawab/{tid}"), &[("content-type", &ct), ("cookie", &cookie)], &body);
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("location"), Some(format!("/staff/laporan/{tid}?ok=answer").as_str()));
    assert_eq!(public_color(&app, &tid), "yellow");

    // Forgery and abuse of the answer form: no anti-forgery value, another OPD's liaison, a file that is not
    // evidence. Nothing more is stored.
    let (ct2, forged) = multipart(&[("csrf", "x"), ("body", "palsu")], None);
    let r =
        app.request("POST", &format!("/staff/jawab/{tid}"), &[("content-type", &ct2), ("cookie", &cookie)], &forged);
    assert_eq!(r.status, 403);
    let other = format!("lapor_staff={}", org.other_liaison);
    let (ct3, body3) = multipart(&[("csrf", &csrf(&org.other_liaison)), ("body", "bukan OPD kami")], None);
    let r = app.request("POST", &format!("/staff/jawab/{tid}"), &[("content-type", &ct3), ("cookie", &other)], &body3);
    assert_eq!(r.status, 404, "another OPD's liaison does not see the report");
    let (ct4, body4) = multipart(
        &[("csrf", &csrf(&org.liaison)), ("body", "lampiran salah")],
        Some(("attachment", "x.html", b"<html><script>alert(1)</script></html>")),
    );
    let r = app.request("POST", &format!("/staff/jawab/{tid}"), &[("content-type", &ct4), ("cookie", &cookie)], &body4);
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.text().contains("JPEG, PNG, WebP"));

    // Everyone who may see the report lists both files, in the API of their job.
    for (token, prefix) in
        [(&org.admin, "/api/v1/verification"), (&org.instansi_admin, "/api/v1/dispatch"), (&org.liaison, "/api/v1/opd")]
    {
        let r = call(&app, "GET", &format!("{prefix}/reports/{tid}/attachments"), token, None);
        assert_eq!(r.status, 200, "{prefix}: {}", r.text());
        let list = r.json()["attachments"].as_array().unwrap().clone();
        assert_eq!(list.len(), 2, "{list:?}");
        assert_eq!((list[0]["n"].as_i64(), list[0]["from"].as_str()), (Some(1), Some("report")));
        assert_eq!(list[0]["content_type"], "application/pdf");
        assert_eq!((list[1]["from"].as_str(), list[1]["content_type"].as_str()), (Some("answer"), Some("image/png")));
        assert_eq!(list[1]["url"], format!("{prefix}/reports/{tid}/attachments/2"));
        let pdf = call(&app, "GET", &format!("{prefix}/reports/{tid}/attachments/1"), token, None);
        assert_file(&pdf, "application/pdf", &format!("attachment; filename=\"lapor-{tid}-1.pdf\""));
        assert_eq!(pdf.body, PDF, "the bytes as uploaded; the upload's name and declared type are not used");
        let img = call(&app, "GET", &format!("{prefix}/reports/{tid}/attachments/2"), token, None);
        assert_file(&img, "image/png", &format!("inline; filename=\"lapor-{tid}-2.png\""));
        assert_eq!(img.body, photo);
        assert_eq!(call(&app, "GET", &format!("{prefix}/reports/{tid}/attachments/3"), token, None).status, 404);
        assert_eq!(call(&app, "GET", &format!("{prefix}/reports/{tid}/attachments/0"), token, None).status, 404);
    }

    // The Inspektorat of the instansi sees them too; another instansi's admin, another OPD's liaison and the
    // Ombudsman (not escalated) get 404 as for a missing report; no session 401; the public has no such route.
    let insp = inspektorat(&app, &org);
    let r = call(&app, "GET", &format!("/api/v1/dispatch/reports/{tid}/attachments/1"), &insp, None);
    assert_eq!(r.status, 200);
    let babar_admin = babar_admin(&app, &org);
    let role = json!({ "role": "ombudsman" });
    let ombudsman = signed_in_account(&app, &org.admin, "ombudsman@ombudsman.go.id", "Ombudsman", role);
    let missing = call(&app, "GET", "/api/v1/dispatch/reports/1234567890/attachments", &org.admin, None);
    assert_eq!(missing.status, 404);
    for (who, token) in
        [("other instansi", &babar_admin), ("other liaison", &org.other_liaison), ("ombudsman", &ombudsman)]
    {
        for path in [
            format!("/api/v1/dispatch/reports/{tid}/attachments"),
            format!("/api/v1/dispatch/reports/{tid}/attachments/1"),
            format!("/api/v1/opd/reports/{tid}/attachments/2"),
            format!("/api/v1/verification/reports/{tid}/attachments/1"),
        ] {
            let r = call(&app, "GET", &path, token, None);
            assert_eq!((r.status, r.json()), (404, missing.json()), "{who} {path}");
        }
    }
    assert_eq!(app.get(&format!("/api/v1/dispatch/reports/{tid}/attachments/1")).status, 401);
    assert_eq!(app.get(&format!("/api/v1/reports/{tid}/attachments/1")).status, 404);

    // The console: the report page links the files; the file opens for the instansi admin, not for another's.
    let r = page(&app, &format!("/staff/laporan/{tid}"), &org.instansi_admin);
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(
        html.contains(&format!("/staff/laporan/{tid}/berkas/1"))
            && html.contains(&format!("/staff/laporan/{tid}/berkas/2"))
    );
    assert!(html.contains("lampiran jawaban") && html.contains("bukti dari pelapor"));
    assert!(!html.contains("&lt;script&gt;x") && !html.contains("<script>x"), "the upload's name is not shown");
    let r = page(&app, &format!("/staff/laporan/{tid}/berkas/2"), &org.instansi_admin);
    assert_file(&r, "image/png", &format!("inline; filename=\"lapor-{tid}-2.png\""));
    assert_eq!(page(&app, &format!("/staff/laporan/{tid}/berkas/2"), &babar_admin).status, 404);
    assert_eq!(app.get(&format!("/staff/laporan/{tid}/berkas/2")).status, 303, "no session: to the sign-in page");
    let r = page(&app, &format!("/staff/laporan/{tid}"), &org.liaison);
    assert!(r.text().contains("enctype=\"multipart/form-data\"") && r.text().contains("name=\"attachment\""));

    // The reporter opens the answer's photo with the reporter code; not the code-less public, not a wrong
    // code, and not the report's other files through this door.
    let track = app.post_form(&format!("/lacak/{tid}"), &[("token", &code)]);
    assert_eq!(track.status, 200);
    let html = track.text();
    let key = "name=\"file\" value=\"";
    let at = html.find(key).expect("a file button for the reporter") + key.len();
    let public_id = html[at..].split('"').next().unwrap().to_string();
    let r = app.post_form(&format!("/lacak/{tid}/berkas"), &[("token", &code), ("file", &public_id)]);
    assert_file(&r, "image/png", &format!("inline; filename=\"lapor-{tid}-2.png\""));
    assert_eq!(r.body, photo);
    assert!(!app.get(&format!("/lacak/{tid}")).text().contains(&public_id), "the public page has no file");
    assert_eq!(app.post_form(&format!("/lacak/{tid}/berkas"), &[("token", "salah"), ("file", &public_id)]).status, 404);
    assert_eq!(app.post_form(&format!("/lacak/{tid}/berkas"), &[("file", &public_id)]).status, 404);
    assert_eq!(app.get(&format!("/lacak/{tid}/berkas")).status, 405);
    let body = form_encode(&[("token", &code), ("file", "not-an-answer-file")]);
    let r = app.request(
        "POST",
        &format!("/lacak/{tid}/berkas"),
        &[("content-type", "application/x-www-form-urlencoded")],
        body.as_bytes(),
    );
    assert_eq!(r.status, 404);
}

#[test]
fn the_api_answer_with_a_file_is_listed_as_an_answer_file() {
    let app = app();
    let org = organisation(&app);
    let tid = assigned_report(&app, &org);
    let b64 = base64(PDF);
    let answer = json!({ "body": "Surat balasan terlampir.", "attachment": { "data_base64": b64 } });
    let r = post_as(&app, &org.liaison, &format!("/api/v1/opd/reports/{tid}/answer"), answer);
    assert_eq!(r.status, 200, "{}", r.text());
    let list = call(&app, "GET", &format!("/api/v1/opd/reports/{tid}/attachments"), &org.liaison, None).json();
    assert_eq!(list["attachments"][0]["from"], "answer");
    let r = call(&app, "GET", &format!("/api/v1/opd/reports/{tid}/attachments/1"), &org.liaison, None);
    assert_file(&r, "application/pdf", &format!("attachment; filename=\"lapor-{tid}-1.pdf\""));
}
