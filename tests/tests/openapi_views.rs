//! docs/openapi.yaml cannot drift from the code: every view type the APIs answer with (`lapor_core::views`) is
//! serialised, every variant included, and the set of keys at each place of the JSON must be exactly the
//! properties its schema in the document lists (`$ref` and `allOf` resolved). A field added to a view and not
//! documented, or documented and gone, fails here.

use std::collections::{BTreeMap, BTreeSet};

use lapor_core::views::*;
use lapor_core::{Color, Status, Visibility};
use serde_json::Value;

type Keys = BTreeMap<String, BTreeSet<String>>;

fn document() -> Value {
    let text = std::fs::read_to_string(lapor_e2e::repo_root().join("docs/openapi.yaml")).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

/// The schema `$ref` points at, else the schema itself.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.strip_prefix("#/components/schemas/").expect("local schema ref");
            &doc["components"]["schemas"][name]
        }
        None => schema,
    }
}

/// The properties of an object schema (merged over `allOf`), if it is one.
fn properties(doc: &Value, schema: &Value) -> Option<serde_json::Map<String, Value>> {
    let schema = resolve(doc, schema);
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        let mut all = serde_json::Map::new();
        for p in parts {
            all.extend(properties(doc, p)?);
        }
        return Some(all);
    }
    schema.get("properties").and_then(Value::as_object).cloned()
}

/// The documented keys at every object place under `path`.
fn documented(doc: &Value, schema: &Value, path: &str, out: &mut Keys) {
    let schema = resolve(doc, schema);
    if let Some(items) = schema.get("items") {
        documented(doc, items, &format!("{path}[]"), out);
        return;
    }
    if let Some(props) = properties(doc, schema) {
        out.entry(path.to_string()).or_default().extend(props.keys().cloned());
        for (k, v) in &props {
            documented(doc, v, &format!("{path}.{k}"), out);
        }
    }
}

/// The keys the serialised samples have at every object place under `path`.
fn serialised(v: &Value, path: &str, out: &mut Keys) {
    match v {
        Value::Object(m) => {
            out.entry(path.to_string()).or_default().extend(m.keys().cloned());
            for (k, v) in m {
                serialised(v, &format!("{path}.{k}"), out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| serialised(i, &format!("{path}[]"), out)),
        _ => {}
    }
}

fn assert_documented(schema: &str, samples: &[Value]) {
    let doc = document();
    let mut want = Keys::new();
    documented(&doc, &doc["components"]["schemas"][schema], "$", &mut want);
    assert!(!want.is_empty(), "{schema} is not in docs/openapi.yaml");
    let mut got = Keys::new();
    samples.iter().for_each(|s| serialised(s, "$", &mut got));
    assert_eq!(got, want, "{schema}: the serialised keys (left) differ from docs/openapi.yaml (right)");
}

fn core() -> ReportCore {
    ReportCore {
        tracking_id: "1000000009".into(),
        kind: "pengaduan".into(),
        title: "Jalan rusak".into(),
        body: "Lubang besar".into(),
        category: "infrastruktur".into(),
        incident_date: Some("2026-11-01".into()),
        location: Location {
            text: Some("Jl. Merdeka".into()),
            lat: Some(-3.8),
            lon: Some(102.3),
            region_code: Some("17.71".into()),
            region_name: Some("Kota Bengkulu".into()),
        },
        channel: "web".into(),
        visibility: Visibility::Public,
        status: Status::Assigned,
        color: Color::Red,
        color_label: Color::Red.into(),
        instansi: Some("Pemerintah Kota Bengkulu".into()),
        opd: Some("Dinas PUPR".into()),
        due_at: Some("2026-11-08T00:00:00Z".into()),
        created_at: "2026-11-01T00:00:00Z".into(),
        updated_at: "2026-11-02T00:00:00Z".into(),
    }
}

fn json(v: impl serde::Serialize) -> Value {
    serde_json::to_value(v).unwrap()
}

#[test]
fn the_public_report_is_documented() {
    let thread = vec![ThreadItem {
        at: "2026-11-01T00:00:00Z".into(),
        actor: "citizen".into(),
        kind: "received".into(),
        status: Some("received".into()),
        body: None,
    }];
    let report = |reporter| PublicReport { core: core(), reporter, is_reporter: false, thread: thread.clone() };
    assert_documented(
        "PublicReport",
        &[
            json(report(PublicReporter::Named { name: Some("Siti".into()) })),
            json(report(PublicReporter::Anonymous { anonymous: true })),
        ],
    );
}

#[test]
fn the_public_status_is_documented() {
    let c = core();
    let status = PublicStatus {
        tracking_id: c.tracking_id,
        status: c.status,
        color: c.color,
        color_label: c.color_label,
        created_at: c.created_at,
        updated_at: c.updated_at,
        content_withheld: true,
        is_reporter: false,
    };
    assert_documented("PublicStatus", &[json(status)]);
}

#[test]
fn the_staff_report_is_documented() {
    let history = vec![HistoryItem {
        at: "2026-11-01T00:00:00Z".into(),
        actor: "staff:3".into(),
        role: Some("opd_liaison".into()),
        channel: Some("web".into()),
        kind: "answer".into(),
        from_status: None,
        to_status: None,
        body: Some("Sudah diperbaiki".into()),
        public: true,
        attachments: vec!["abc".into()],
    }];
    let report = |reporter| StaffReport {
        core: core(),
        instansi_id: Some(1),
        opd_id: Some(2),
        reporter,
        history: history.clone(),
    };
    let full = StaffReporter::Full {
        name: Some("Siti".into()),
        nik: Some("1771015708900001".into()),
        phone: Some("+6281234567890".into()),
        email: Some("siti@example.id".into()),
        handle: None,
    };
    assert_documented(
        "StaffReport",
        &[
            json(report(full)),
            json(report(StaffReporter::Named { name: None })),
            json(report(StaffReporter::Hidden { anonymous: true })),
        ],
    );
}

#[test]
fn the_work_list_line_is_documented() {
    let line = ReportSummary {
        tracking_id: "1000000009".into(),
        title: "Jalan rusak".into(),
        kind: "pengaduan".into(),
        category: "infrastruktur".into(),
        channel: "sms".into(),
        visibility: "public".into(),
        status: Status::Dispatched,
        color: Color::Red,
        region_code: Some("17.71".into()),
        instansi_id: Some(1),
        opd_id: None,
        opd_name: None,
        created_at: "2026-11-01T00:00:00Z".into(),
        updated_at: "2026-11-01T00:00:00Z".into(),
        due_at: None,
        forwarded_from: Some("Pemerintah Provinsi Bengkulu".into()),
    };
    assert_documented("ReportSummary", &[json(line)]);
}

#[test]
fn a_view_that_drifts_is_caught() {
    // The check itself: a key the document does not list makes the key sets differ.
    let doc = document();
    let mut want = Keys::new();
    documented(&doc, &doc["components"]["schemas"]["ReportSummary"], "$", &mut want);
    let extra = serde_json::json!({ "tracking_id": "1", "surprise": true });
    let mut got = Keys::new();
    serialised(&extra, "$", &mut got);
    assert_ne!(got, want);
}
