//! The app starts on devhost and answers its JSON API.

#[test]
fn unknown_report_is_a_json_404() {
    let app = lapor_e2e::app();
    let resp = app.get("/api/v1/reports/0000000000");
    assert_eq!(resp.status, 404, "{}", resp.text());
    let body = resp.json();
    assert!(body.get("error").is_some(), "{body}");
}
