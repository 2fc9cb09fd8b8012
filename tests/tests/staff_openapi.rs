//! `docs/openapi.yaml` stays true to the code: every documented staff and citizen operation is routed by the
//! app (401 without a session, or the citizen endpoints' 404 "report not found"), and the routers answer
//! nothing undocumented under those prefixes.

use std::collections::BTreeSet;

/// (method, path) of every operation in the OpenAPI document under the given prefixes.
fn documented(prefixes: &[&str]) -> BTreeSet<(String, String)> {
    let text = std::fs::read_to_string(lapor_e2e::repo_root().join("docs/openapi.yaml")).unwrap();
    let mut out = BTreeSet::new();
    let mut path: Option<String> = None;
    for line in text.lines() {
        if let Some(p) = line.strip_prefix("  /").and_then(|l| l.strip_suffix(':')) {
            path = Some(format!("/{p}"));
        } else if !line.starts_with("  ") && !line.is_empty() {
            path = None;
        } else if let (Some(p), Some(m)) = (&path, line.strip_prefix("    ").and_then(|l| l.strip_suffix(':'))) {
            if ["get", "post", "patch", "put", "delete"].contains(&m) && prefixes.iter().any(|x| p.starts_with(x)) {
                out.insert((m.to_uppercase(), p.clone()));
            }
        }
    }
    out
}

fn concrete(path: &str) -> String {
    path.replace("{tracking_id}", "1000000009").replace("{id}", "1")
}

#[test]
fn every_documented_staff_operation_is_routed() {
    let staff = documented(&[
        "/api/v1/admin",
        "/api/v1/verification",
        "/api/v1/dispatch",
        "/api/v1/opd",
        "/api/v1/rapot",
        "/api/v1/notices",
        "/api/v1/inspektorat",
        "/api/v1/ombudsman",
    ]);
    let citizen = documented(&["/api/v1/citizen"]);
    let auth = documented(&["/api/v1/auth"]);
    assert!(staff.len() >= 25 && citizen.len() == 3 && auth.len() == 7, "{staff:?} {citizen:?} {auth:?}");
    let app = lapor_e2e::app();
    for (method, path) in &staff {
        let r = app.request(method, &concrete(path), &[], b"");
        assert_eq!(r.status, 401, "{method} {path} is documented but not routed: {}", r.text());
    }
    for (method, path) in &citizen {
        let r = app.request(method, &concrete(path), &[], b"");
        assert_eq!(r.status, 404, "{method} {path}: {}", r.text());
        assert!(r.text().contains("report not found"), "{method} {path} is documented but not routed: {}", r.text());
    }
    assert_eq!(app.request("GET", "/api/v1/auth/me", &[], b"").status, 401);
    assert_eq!(app.request("POST", "/api/v1/auth/logout", &[], b"").status, 401);
    assert_eq!(app.request("POST", "/api/v1/auth/password", &[], b"").status, 401);
    assert_eq!(app.request("POST", "/api/v1/auth/two-step/enrol", &[], b"").status, 401);
    assert_eq!(app.request("POST", "/api/v1/auth/two-step/confirm", &[], b"").status, 401);
    // The set-password link needs no session: routed, it refuses a body that is not JSON.
    assert_eq!(app.request("POST", "/api/v1/auth/set-password", &[], b"").status, 415);
    // Undocumented operations are not routed: 404 where no operation has the path, and 405 naming only the
    // documented methods where another method has it.
    for (method, path) in [
        ("GET", "/api/v1/admin/nothing"),
        ("POST", "/api/v1/opd/reports/1000000009/close"),
        ("POST", "/api/v1/ombudsman/reports/1000000009/approve"),
        ("DELETE", "/api/v1/notices/1"),
    ] {
        assert_eq!(app.request(method, path, &[], b"").status, 404, "{method} {path}");
    }
    let r = app.request("DELETE", "/api/v1/admin/accounts/1", &[], b"");
    assert_eq!((r.status, r.header("allow")), (405, Some("GET, HEAD")), "{}", r.text());
    assert!(staff.contains(&("GET".to_string(), "/api/v1/admin/accounts/{id}".to_string())));
}
