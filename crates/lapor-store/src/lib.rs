//! LAPOR's storage: SQL behind the small [`Db`] trait, so the same queries run on Spin's SQLite inside a
//! component ([`spin::SpinDb`]) and on rusqlite natively ([`native::NativeDb`], for tests and benchmarks).
//! Every query is parameterised; writes that belong together go through [`transaction`].

pub mod action;
pub mod app_keys;
pub mod attachments;
pub mod busy;
pub mod credentials;
pub mod dashboard;
pub mod db;
pub mod export;
pub mod inbound;
pub mod lifecycle;
pub mod limits;
pub mod mediation;
pub mod migrate;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;
pub mod notices;
pub mod notify;
pub mod offline;
pub mod open311;
pub mod organisation;
pub mod outbox;
pub mod oversight;
pub mod password_links;
pub mod rapot_issues;
pub mod recovery;
pub mod region_seed;
pub mod reports;
pub mod sla;
pub mod spin;
pub mod staff;
pub mod stats;
pub mod thread;
pub mod timers;
pub mod workflow;
pub mod x_media;

pub use db::{transaction, Db, Row, Rows, StoreError, Value};
pub use migrate::migrate;
