//! Open311 listing, API keys, statistics and the open-data export against a real SQLite.

use lapor_core::open311::{NewServiceRequest, RequestQuery};
use lapor_core::report::ValidReport;
use lapor_core::stats::{self, GroupBy, StatsFilter};
use lapor_core::{opendata, secret, Status, TrackingId, Visibility};
use lapor_store::native::NativeDb;
use lapor_store::reports::{self, Actor, NewEvent};
use lapor_store::{export, open311, params, Db};

mod common;

use common::db;

/// 2026-03-10T00:00:00Z.
const T0: i64 = 1_773_100_800;
const DAY: i64 = 86_400;

fn report(category: &str, region: &str, visibility: Visibility) -> ValidReport {
    let pairs: Vec<(String, String)> = [
        ("service_code", category),
        ("address_id", region),
        ("phone", "081234567890"),
        ("email", "warga@example.id"),
        ("first_name", "Siti"),
        ("description", "Pelayanan di kantor ini sangat lambat dan tidak jelas."),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let mut r = NewServiceRequest::from_form(&pairs).validate_open311().unwrap();
    r.visibility = visibility;
    r
}

fn create(db: &NativeDb, r: &ValidReport, at: i64) -> (i64, String) {
    let mut n = at as u64;
    let mut ids = move || {
        n += 1;
        TrackingId::from_random(n.to_le_bytes())
    };
    let c = reports::create(db, r, &mut ids, None, None, at).unwrap();
    (c.id, c.tracking_id.as_str().to_string())
}

const STAFF: Actor = Actor { id: "staff:1", role: Some("admin"), channel: None };

fn walk(db: &NativeDb, id: i64, steps: &[(Status, i64)]) {
    for (to, at) in steps {
        lapor_store::lifecycle::transition(db, id, *to, &STAFF, None, true, *at).unwrap();
    }
}

fn answer(db: &NativeDb, id: i64, at: i64, body: &str) {
    reports::add_event(
        db,
        &NewEvent {
            report_id: id,
            at,
            actor: "staff:2",
            role: Some("liaison"),
            channel: None,
            kind: "answer",
            from_status: None,
            to_status: None,
            body: Some(body),
            public: true,
        },
    )
    .unwrap();
}

fn query(pairs: &[(&str, &str)], now: i64) -> RequestQuery {
    let p: Vec<(String, String)> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    RequestQuery::parse(&p, now).unwrap()
}

#[test]
fn api_keys_are_found_by_hash_only_while_active() {
    let db = db();
    let id = open311::create_api_key(&db, "Kota Cerdas App", &secret::hash_token("k-123"), T0).unwrap();
    let app = open311::app_for_key(&db, &secret::hash_token("k-123")).unwrap().unwrap();
    assert_eq!((app.id, app.name.as_str()), (id, "Kota Cerdas App"));
    assert_eq!(open311::app_for_key(&db, &secret::hash_token("k-124")).unwrap(), None);
    db.execute("UPDATE api_keys SET active = 0 WHERE id = ?", params![id]).unwrap();
    assert_eq!(open311::app_for_key(&db, &secret::hash_token("k-123")).unwrap(), None);
}

#[test]
fn search_hides_confidential_and_unverified_reports_and_applies_filters() {
    let db = db();
    let (a, ta) = create(&db, &report("kesehatan", "17.71", Visibility::Public), T0);
    let (b, tb) = create(&db, &report("pendidikan", "17.71", Visibility::Anonymous), T0 + DAY);
    let (c, tc) = create(&db, &report("kesehatan", "17.71", Visibility::Confidential), T0 + 2 * DAY);
    let (d, td) = create(&db, &report("kesehatan", "19.04", Visibility::Public), T0 - 100 * DAY);
    // Never verified: rejected, and still waiting. Neither is ever public.
    let (e, te) = create(&db, &report("kesehatan", "17.71", Visibility::Public), T0 + 10);
    let (_, tf) = create(&db, &report("kesehatan", "17.71", Visibility::Public), T0 + 11);
    walk(&db, a, &[(Status::Verified, T0 + 5), (Status::Duplicate, T0 + 10)]);
    walk(&db, e, &[(Status::Rejected, T0 + 12)]);
    for id in [b, c, d] {
        walk(&db, id, &[(Status::Verified, T0 + 20)]);
    }
    let now = T0 + 3 * DAY;

    let ids = |v: Vec<lapor_core::open311::RequestFacts>| v.into_iter().map(|f| f.tracking_id).collect::<Vec<_>>();
    // Default window: last 90 days, newest first; the confidential one and the old one are not there.
    assert_eq!(ids(open311::search(&db, &query(&[], now)).unwrap()), vec![tb.clone(), ta.clone()]);
    assert_eq!(ids(open311::search(&db, &query(&[("service_code", "kesehatan")], now)).unwrap()), vec![ta.clone()]);
    assert_eq!(ids(open311::search(&db, &query(&[("status", "open")], now)).unwrap()), vec![tb.clone()]);
    assert_eq!(ids(open311::search(&db, &query(&[("status", "closed")], now)).unwrap()), vec![ta.clone()]);
    assert_eq!(ids(open311::search(&db, &query(&[("page_size", "1"), ("page", "2")], now)).unwrap()), vec![ta.clone()]);
    let old = query(&[("start_date", "2025-11-01T00:00:00Z"), ("end_date", "2026-01-01T00:00:00Z")], now);
    assert_eq!(ids(open311::search(&db, &old).unwrap()), vec![td.clone()]);
    // Ids override every other filter, but never reveal a confidential report.
    let by_id = query(&[("service_request_id", &format!("{ta},{tc},{td},{te},{tf}")), ("status", "open")], now);
    let mut got = ids(open311::search(&db, &by_id).unwrap());
    got.sort();
    let mut want = vec![ta.clone(), td.clone()];
    want.sort();
    assert_eq!(got, want);
    assert!(open311::find(&db, &tc).unwrap().is_none());
    assert!(open311::find(&db, &te).unwrap().is_none(), "rejected without verification");
    assert!(open311::find(&db, &tf).unwrap().is_none(), "waiting for verification");
    assert_eq!(open311::find(&db, &ta).unwrap().unwrap().status, Status::Duplicate);
}

#[test]
fn status_notes_are_the_latest_answer_not_a_citizen_reply() {
    let db = db();
    let (id, t) = create(&db, &report("kesehatan", "17.71", Visibility::Public), T0);
    db.execute(
        "INSERT OR IGNORE INTO opds (instansi_id, code, name) VALUES ((SELECT id FROM instansi WHERE code = 'pemda-17.71'), 'dinkes', 'Dinas Kesehatan')",
        &[],
    )
    .unwrap();
    db.execute(
        "UPDATE reports SET opd_id = (SELECT o.id FROM opds o JOIN instansi i ON i.id = o.instansi_id \
         WHERE o.code = 'dinkes' AND i.code = 'pemda-17.71') WHERE id = ?",
        params![id],
    )
    .unwrap();
    walk(&db, id, &[(Status::Verified, T0 + 1), (Status::Dispatched, T0 + 2), (Status::Assigned, T0 + 3)]);
    answer(&db, id, T0 + 4, "Puskesmas buka kembali mulai Senin.");
    reports::add_event(
        &db,
        &NewEvent {
            report_id: id,
            at: T0 + 5,
            actor: "citizen",
            role: None,
            channel: None,
            kind: "reply",
            from_status: None,
            to_status: None,
            body: Some("Terima kasih, nama saya Siti"),
            public: true,
        },
    )
    .unwrap();
    let f = open311::find(&db, &t).unwrap().unwrap();
    assert_eq!(f.latest_answer.as_deref(), Some("Puskesmas buka kembali mulai Senin."));
    assert_eq!(f.opd_name.as_deref(), Some("Dinas Kesehatan"));
}

#[test]
fn statistics_match_an_independent_count() {
    let db = db();
    let plan: &[(&str, &str, i64)] = &[
        ("kesehatan", "17.71", T0),
        ("kesehatan", "17.01", T0 + DAY),
        ("pendidikan", "17", T0 + 40 * DAY),
        ("pendidikan", "19.04", T0 - 365 * DAY),
        ("lainnya", "19.04", T0 + 2 * DAY),
    ];
    let mut ids = Vec::new();
    for (cat, region, at) in plan {
        ids.push(create(&db, &report(cat, region, Visibility::Confidential), *at).0);
    }
    walk(&db, ids[0], &[(Status::Verified, T0 + 10), (Status::Dispatched, T0 + 20), (Status::Assigned, T0 + 100)]);
    walk(&db, ids[0], &[(Status::InProgress, T0 + 100 + 7200)]);
    walk(
        &db,
        ids[1],
        &[(Status::Verified, T0 + DAY + 1), (Status::Dispatched, T0 + DAY + 2), (Status::Assigned, T0 + DAY + 3)],
    );
    answer(&db, ids[1], T0 + DAY + 3 + 600, "Sudah ditangani.");
    walk(
        &db,
        ids[2],
        &[
            (Status::Verified, T0 + 40 * DAY + 1),
            (Status::Dispatched, T0 + 40 * DAY + 2),
            (Status::Assigned, T0 + 40 * DAY + 3),
        ],
    );
    walk(&db, ids[4], &[(Status::Rejected, T0 + 2 * DAY + 1)]);

    let all = StatsFilter::default();
    let groups = |by, f: &StatsFilter| {
        stats::fold(by, lapor_store::stats::counts(&db, by, f).unwrap())
            .into_iter()
            .map(|g| (g.key.unwrap_or_default(), g.count))
            .collect::<Vec<_>>()
    };
    let s = |v: &str| v.to_string();
    assert_eq!(lapor_store::stats::total(&db, &all).unwrap(), 5);
    assert_eq!(groups(GroupBy::Category, &all), vec![(s("kesehatan"), 2), (s("lainnya"), 1), (s("pendidikan"), 2)]);
    assert_eq!(groups(GroupBy::Province, &all), vec![(s("17"), 3), (s("19"), 2)]);
    assert_eq!(groups(GroupBy::Region, &all), vec![(s("17"), 1), (s("17.01"), 1), (s("17.71"), 1), (s("19.04"), 2)]);
    assert_eq!(groups(GroupBy::Year, &all), vec![(s("2025"), 1), (s("2026"), 4)]);
    assert_eq!(groups(GroupBy::Month, &all), vec![(s("2025-03"), 1), (s("2026-03"), 3), (s("2026-04"), 1)]);
    assert_eq!(groups(GroupBy::Channel, &all), vec![(s("open311"), 5)]);
    assert_eq!(groups(GroupBy::Color, &all), vec![(s("grey"), 2), (s("red"), 2), (s("yellow"), 1)]);
    let bengkulu_2026 = StatsFilter { year: Some(2026), region: Some("17".into()) };
    assert_eq!(lapor_store::stats::total(&db, &bengkulu_2026).unwrap(), 3);
    let kota = StatsFilter { year: None, region: Some("17.71".into()) };
    assert_eq!(groups(GroupBy::Category, &kota), vec![(s("kesehatan"), 1)]);

    let mut secs = lapor_store::stats::first_answer_seconds(&db, &all).unwrap();
    secs.sort();
    assert_eq!(secs, vec![600, 7200]);
    assert_eq!(stats::median(secs), Some(3900));
    assert_eq!(lapor_store::stats::first_answer_seconds(&db, &kota).unwrap(), vec![7200]);
}

#[test]
fn statistics_read_covering_indexes() {
    let db = db();
    let plan = |sql: &str| {
        db.execute(&format!("EXPLAIN QUERY PLAN {sql}"), &[])
            .unwrap()
            .rows
            .iter()
            .map(|r| r.text(3))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let by_year =
        plan("SELECT r.category, count(*) FROM reports r WHERE r.created_at >= 0 AND r.created_at < 10 GROUP BY 1");
    assert!(by_year.contains("COVERING INDEX reports_created_stats"), "{by_year}");
    let by_region = plan(
        "SELECT r.status, count(*) FROM reports r WHERE r.region_code >= '17' AND r.region_code < '17/' GROUP BY 1",
    );
    assert!(by_region.contains("COVERING INDEX reports_region_stats"), "{by_region}");
    let reached = plan(
        "SELECT report_id, min(at) FROM events WHERE kind = 'status' AND to_status = 'assigned' GROUP BY report_id",
    );
    assert!(reached.contains("COVERING INDEX events_kind_report"), "{reached}");
}

#[test]
fn export_pages_by_id_without_confidential_or_unverified_reports_or_personal_data() {
    let db = db();
    let mut public = Vec::new();
    for i in 0..7 {
        let v = if i % 3 == 0 { Visibility::Confidential } else { Visibility::Public };
        let (id, t) = create(&db, &report("kesehatan", "17.71", v), T0 + i);
        walk(&db, id, &[(Status::Verified, T0 + i + 1)]);
        if v != Visibility::Confidential {
            public.push(t);
        }
    }
    create(&db, &report("kesehatan", "17.71", Visibility::Public), T0 + 9);
    let mut seen = Vec::new();
    let mut after = 0;
    let mut pages = 0;
    loop {
        let page = export::page(&db, after, 2).unwrap();
        if page.is_empty() {
            break;
        }
        pages += 1;
        after = page.last().unwrap().id;
        for r in &page {
            let line = opendata::row(r).unwrap();
            assert!(!line.contains("warga@example.id") && !line.contains("6281234567890") && !line.contains("Siti"));
            seen.push(r.tracking_id.clone());
        }
    }
    assert_eq!(seen, public);
    assert_eq!(pages, 2);
}
