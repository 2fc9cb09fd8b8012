//! The leader dashboard's figures from a real SQLite: an answered-and-accepted report, an overdue one,
//! and an answered one the citizen is not satisfied with, in Bangka Tengah's Dinas Kesehatan.

use chrono::NaiveDate;
use lapor_core::report::NewReport;
use lapor_core::roles::Role;
use lapor_core::{Channel, TrackingId};
use lapor_store::native::NativeDb;
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
    let cards = dashboard::instansi_cards(&db, bt, now).unwrap();
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
