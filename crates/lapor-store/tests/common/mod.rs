//! Fixtures shared by lapor-store's SQL tests: a migrated in-memory database and an SMS report in it.

#![allow(dead_code)]

use chrono::NaiveDate;
use lapor_core::report::NewReport;
use lapor_core::{Channel, TrackingId};
use lapor_store::native::NativeDb;
use lapor_store::{migrate, reports, Db};

/// A fresh in-memory database with every migration applied.
pub fn db() -> NativeDb {
    let db = NativeDb::memory();
    migrate(&db).unwrap();
    db
}

/// Files `report` (the web API's JSON) as an SMS report validated on 29 November 2026, with source `src-7` and
/// the tracking ID drawn from seed 7, at time 0; returns its id.
pub fn sms_report(db: &dyn Db, report: serde_json::Value) -> i64 {
    let r: NewReport = serde_json::from_value(report).unwrap();
    let mut v = r.validate_web(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()).unwrap();
    v.channel = Channel::Sms;
    let mut ids = move || TrackingId::from_random(7u64.to_le_bytes());
    reports::create(db, &v, &mut ids, None, Some("src-7"), 0).unwrap().id
}
