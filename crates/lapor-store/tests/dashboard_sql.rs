//! The leader dashboard's figures from a real SQLite: an answered-and-accepted report, an overdue one,
//! and an answered one the citizen is not satisfied with, in Bangka Tengah's Dinas Kesehatan.

use chrono::NaiveDate;
use lapor_core::rapot::issue::Line;
use lapor_core::report::NewReport;
use lapor_core::roles::Role;
use lapor_core::{Channel, TrackingId};
use lapor_store::native::NativeDb;
use lapor_store::rapot_issues::{self, NewIssue};
use lapor_store::workflow::{self, StaffActor, Verification};
use lapor_store::{dashboard, migrate, organisation, reports, Db};

const DAY: i64 = 86_400;
/// Monday 30 November 2026, 09:00 WIB.
const T0: i64 = 1_796_004_000;

fn new_report(db: &dyn Db, seed: u64) -> i64 {
    let r: NewReport = serde_json::from_value(serde_json::json!({
        "kind": "pengaduan", "title": "Puskesmas tutup", "body": "Puskesmas Koba tutup pada jam kerja hari Senin.",
        "category": "kesehatan", "location": {"region_code": "19.04"},
        "reporter": {"name": "Budi", "nik": "1771011708900001", "phone": "081234567890"}
    }))
    .unwrap();
    let v = r.validate_web(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()).unwrap();
    let mut ids = move || TrackingId::from_random(seed.to_le_bytes());
    reports::create(db, &v, &mut ids, None, None, T0).unwrap().id
}

const ADMIN: StaffActor = StaffActor { account_id: 1, role: Role::NationalAdmin };
const INSTANSI: StaffActor = StaffActor { account_id: 2, role: Role::InstansiAdmin };
const LIAISON: StaffActor = StaffActor { account_id: 3, role: Role::OpdLiaison };

#[test]
fn cards_per_opd() {
    let db = NativeDb::memory();
    migrate(&db).unwrap();
    let mut bt = 0;
    let mut dinkes = 0;
    let mut ids = Vec::new();
    for seed in 1..=3 {
        let id = new_report(&db, seed);
        let v = workflow::verify(&db, id, &ADMIN, &Verification::default(), T0 + 60).unwrap();
        bt = v.instansi_id.unwrap();
        dinkes = organisation::find_opd_by_code(&db, bt, "dinkes").unwrap().unwrap().id;
        workflow::assign(&db, id, &INSTANSI, dinkes, T0 + 120).unwrap();
        ids.push(id);
    }
    // 1: answered the next day and accepted.
    workflow::answer(&db, ids[0], &LIAISON, "Sudah buka.", None, T0 + DAY).unwrap();
    workflow::citizen_accept(&db, ids[0], Channel::Web, T0 + 2 * DAY).unwrap();
    // 2: answered after 3 days, the citizen says it is not resolved.
    workflow::answer(&db, ids[1], &LIAISON, "Sedang diperiksa.", None, T0 + 3 * DAY).unwrap();
    workflow::citizen_reply(&db, ids[1], Channel::Web, "Belum selesai.", T0 + 4 * DAY).unwrap();
    // 3: never answered; three weeks later it is overdue.
    let now = T0 + 21 * DAY;
    let cards = dashboard::instansi_cards(&db, bt, now, T0, T0 + DAY).unwrap();
    let line = cards.iter().find(|l| l.opd_id == dinkes).unwrap();
    let c = &line.card;
    assert_eq!((c.received, c.answered_on_time, c.overdue_now, c.completed), (3, 2, 1, 1), "{c:?}");
    assert_eq!(c.median_first_answer, Some((DAY - 120 + 3 * DAY - 120) / 2));
    assert_eq!(c.satisfaction, Some(0.5));
    // 100 × (0.4·2/3 + 0.2·2/3 + 0.2·1/3 + 0.2·0.5) = 26.67 + 13.33 + 6.67 + 10 = 56.67 → 57, flagged.
    assert_eq!(c.score, Some(57));
    assert!(c.is_low());
    // Other OPDs received nothing: no score.
    assert!(cards.iter().filter(|l| l.opd_id != dinkes).all(|l| l.card.received == 0 && l.card.score.is_none()));
}

#[test]
fn only_reports_dispatched_in_the_period_count() {
    let db = NativeDb::memory();
    migrate(&db).unwrap();
    let id = new_report(&db, 7);
    let v = workflow::verify(&db, id, &ADMIN, &Verification::default(), T0 + 60).unwrap();
    let bt = v.instansi_id.unwrap();
    let dinkes = organisation::find_opd_by_code(&db, bt, "dinkes").unwrap().unwrap().id;
    workflow::assign(&db, id, &INSTANSI, dinkes, T0 + 120).unwrap();
    let received = |from, to| {
        dashboard::instansi_cards(&db, bt, T0, from, to)
            .unwrap()
            .iter()
            .find(|l| l.opd_id == dinkes)
            .unwrap()
            .card
            .received
    };
    assert_eq!(received(T0, T0 + 61), 1, "dispatched at T0 + 60");
    assert_eq!(received(T0 + 61, T0 + DAY), 0, "assigned later, but dispatched before the period");
    assert_eq!(received(T0 - DAY, T0 + 60), 0, "the end is excluded");
    let rows = dashboard::report_facts(&db, dashboard::Within::Opd(dinkes), T0, T0 + DAY).unwrap();
    assert_eq!((rows.len(), rows[0].dispatched_at, rows[0].instansi_id), (1, T0 + 60, bt));
}

#[test]
fn an_issued_rapot_is_frozen_and_staged() {
    let db = NativeDb::memory();
    migrate(&db).unwrap();
    db.execute(
        "INSERT INTO accounts (email, name, password_hash, created_at) VALUES ('g@x.id', 'Gubernur', 'x', 0)",
        &[],
    )
    .unwrap();
    let line = Line {
        instansi_id: 1,
        instansi_name: "Pemerintah Provinsi Aceh".into(),
        opd_id: Some(5),
        opd_name: Some("Dinas Kesehatan".into()),
        card: lapor_core::rapot::OpdCard {
            received: 3,
            answered_on_time: 1,
            score: Some(41),
            satisfaction: Some(0.5),
            ..Default::default()
        },
        note: Some("Kepala dinas dievaluasi.".into()),
    };
    let lines: Vec<Line> = (0..120).map(|i| Line { opd_id: Some(i), ..line.clone() }).collect();
    let n = NewIssue {
        instansi_id: 1,
        period: "2026-11",
        period_label: "November 2026",
        period_start: T0,
        period_end: T0 + DAY,
        issued_by: 1,
        issued_at: T0,
        lines: &lines,
    };
    let first = rapot_issues::create(&db, &n).unwrap();
    let second = rapot_issues::create(&db, &n).unwrap();
    let (head, got) = rapot_issues::get(&db, first).unwrap().unwrap();
    assert_eq!((head.stage, head.issued_by_name.as_str(), got.len()), (1, "Gubernur", 120));
    assert_eq!(got[7], Line { opd_id: Some(7), ..line.clone() });
    assert_eq!(rapot_issues::get(&db, second).unwrap().unwrap().0.stage, 2);
    assert_eq!(rapot_issues::list(&db, 1).unwrap().len(), 2);
    // Append-only.
    assert!(db.execute("UPDATE rapot_issue_lines SET score = 99", &[]).is_err());
    assert!(db.execute("DELETE FROM rapot_issues", &[]).is_err());
}

#[test]
fn opd_import_is_all_or_nothing_and_central_bodies_are_seeded() {
    let db = NativeDb::memory();
    migrate(&db).unwrap();
    let kemenkes = organisation::list_instansi(&db, "Kementerian Kesehatan", Some("ministry"), 5).unwrap()[0].id;
    let rows = lapor_core::organisation::parse_opd_import("kode,nama\nrsup-a,RSUP A\nrsup-b,RSUP B\n", &[]).unwrap();
    assert_eq!(organisation::import_opds(&db, kemenkes, &rows).unwrap().len(), 2);
    // A code taken meanwhile refuses the whole import.
    let again = lapor_core::organisation::parse_opd_import("rsup-c,RSUP C\nrsup-a,RSUP A\n", &[]).unwrap();
    assert!(organisation::import_opds(&db, kemenkes, &again).is_err());
    assert!(!organisation::opd_codes(&db, kemenkes).unwrap().contains(&"rsup-c".to_string()));
    // Every central body has its oversight unit; 48 ministries of the current cabinet.
    let ministries = organisation::list_instansi(&db, "", Some("ministry"), 600).unwrap();
    assert_eq!(ministries.len(), 48);
    for i in organisation::list_instansi(&db, "", None, 1000).unwrap() {
        let opds = organisation::list_opds(&db, i.id).unwrap();
        assert_eq!(opds.iter().filter(|o| o.is_inspektorat).count(), 1, "{}", i.name);
    }
    let codes = organisation::opd_codes(&db, kemenkes).unwrap();
    assert!(codes.contains(&"ditjen-kesehatan-lanjutan".to_string()), "{codes:?}");
    let bengkulu = organisation::instansi_for_region(&db, "17").unwrap().unwrap();
    let regencies = organisation::regencies_of(&db, "17").unwrap();
    assert_eq!(regencies.len(), 10, "Bengkulu has nine regencies and one city");
    assert!(regencies.iter().all(|r| r.id != bengkulu && r.region_code.as_deref().unwrap().starts_with("17.")));
}
