//! Forwarding a report directly to another instansi (issue 14 §5) and the files of a report (§1), against a real
//! SQLite: what `lapor_core::forward::decide` planned is written in one transaction.

use lapor_core::forward::{decide, Target};
use lapor_core::roles::{Assignment, Role, Staff};
use lapor_core::Status;
use lapor_store::workflow::{self, StaffActor, Verification};
use lapor_store::{attachments, organisation, params, reports, Db};

mod common;

use common::db;

fn sms_report(db: &dyn Db) -> i64 {
    common::sms_report(
        db,
        serde_json::json!({
            "kind": "pengaduan", "title": "Jalan rusak", "body": "Jalan lintas timur rusak berat sejak bulan lalu.",
            "category": "infrastruktur", "location": {"region_code": "19.04"},
            "reporter": {"name": "Budi", "nik": "1771011708900001", "phone": "081234567890"}
        }),
    )
}

fn instansi(db: &dyn Db, name: &str) -> Target {
    let i = organisation::list_instansi(db, name, None, 5).unwrap().into_iter().find(|i| i.name == name).unwrap();
    Target { id: i.id, name: i.name, active: i.active }
}

#[test]
fn forwarding_moves_the_report_restarts_the_deadline_keeps_the_path_and_tells_the_citizen() {
    let db = db();
    let id = sms_report(&db);
    let admin = StaffActor { account_id: 1, role: Role::NationalAdmin };
    let v = workflow::verify(&db, id, &admin, &Verification::default(), 100).unwrap();
    let bateng = v.instansi_id.unwrap();
    let opd = organisation::find_opd_by_code(&db, bateng, "dpupr").unwrap().unwrap().id;
    workflow::assign(&db, id, &StaffActor { account_id: 2, role: Role::InstansiAdmin }, opd, 200).unwrap();

    let iadmin = Staff {
        account_id: 2,
        assignments: vec![Assignment { id: 1, role: Role::InstansiAdmin, instansi_id: Some(bateng), opd_id: None }],
    };
    let (_, scope) = workflow::scope(&db, &tid(&db, id)).unwrap().unwrap();
    let target = instansi(&db, "Kementerian Pekerjaan Umum");
    let plan = decide(
        &iadmin,
        &scope,
        &tid(&db, id),
        Some("Pemerintah Kabupaten Bangka Tengah"),
        Some(&target),
        "jalan nasional",
    )
    .unwrap();
    let now = 1_800_000_000;
    workflow::forward(&db, id, 2, Status::Assigned, &plan, now).unwrap();

    let r = db
        .query_row("SELECT status, instansi_id, opd_id, due_at, forwarded_from FROM reports WHERE id = ?", params![id])
        .unwrap()
        .unwrap();
    assert_eq!(
        (r.text(0).as_str(), r.opt_int(1), r.opt_int(2), r.opt_int(4)),
        ("dispatched", Some(target.id), None, Some(bateng))
    );
    assert!(r.int(3) > now, "the dispatch deadline restarts");
    let board = workflow::by_instansi(&db, &[target.id], None, 10).unwrap();
    assert_eq!(board[0].forwarded_from.as_deref(), Some("Pemerintah Kabupaten Bangka Tengah"));
    assert!(workflow::by_instansi(&db, &[bateng], None, 10).unwrap().is_empty());

    let history = workflow::history(&db, id).unwrap();
    assert!(history
        .iter()
        .any(|e| e.kind == "forwarded" && e.public && e.body.as_deref().unwrap().contains("Kementerian")));
    assert!(history
        .iter()
        .any(|e| e.kind == "note" && !e.public && e.body.as_deref().unwrap().contains("jalan nasional")));
    let thread = reports::public_thread(&db, id).unwrap();
    assert!(
        !thread.iter().any(|e| e.body.as_deref().unwrap_or("").contains("jalan nasional")),
        "the reason stays internal"
    );
    let out: Vec<String> =
        db.execute("SELECT body FROM outbox ORDER BY id", &[]).unwrap().rows.iter().map(|r| r.text(0)).collect();
    assert!(out.last().unwrap().contains("dialihkan ke Kementerian Pekerjaan Umum"), "{out:?}");

    // A stale plan (made for `assigned`) writes nothing.
    let again = workflow::forward(&db, id, 2, Status::Assigned, &plan, now + 1);
    assert!(matches!(again, Err(lapor_store::action::ActionError::Conflict(_))));
    assert_eq!(workflow::history(&db, id).unwrap().len(), history.len());
}

#[test]
fn an_answered_report_is_not_sent_back_but_may_be_forwarded() {
    let db = db();
    let id = sms_report(&db);
    let admin = StaffActor { account_id: 1, role: Role::NationalAdmin };
    let bateng = workflow::verify(&db, id, &admin, &Verification::default(), 100).unwrap().instansi_id.unwrap();
    let opd = organisation::find_opd_by_code(&db, bateng, "dpupr").unwrap().unwrap().id;
    workflow::assign(&db, id, &StaffActor { account_id: 2, role: Role::InstansiAdmin }, opd, 200).unwrap();
    let liaison = StaffActor { account_id: 3, role: Role::OpdLiaison };
    workflow::answer(&db, id, &liaison, "Sudah kami cek.", None, 300).unwrap();
    let back = workflow::send_back_to_instansi(&db, id, &liaison, "bukan kami", 400);
    assert!(matches!(back, Err(lapor_store::action::ActionError::Conflict(_))));
    assert_eq!(attachments::list(&db, id).unwrap().len(), 0);
    assert!(attachments::nth(&db, id, 1).unwrap().is_none() && attachments::nth(&db, id, 0).unwrap().is_none());
}

fn tid(db: &dyn Db, id: i64) -> String {
    db.query_row("SELECT tracking_id FROM reports WHERE id = ?", params![id]).unwrap().unwrap().text(0)
}
