//! LAPOR's domain rules. Everything here is pure: no I/O, no clock, no randomness of its own
//! (callers pass the time and random bytes in), so each rule is tested natively and fast.

pub mod account;
pub mod delivery;
pub mod email;
pub mod error;
pub mod evidence;
pub mod forward;
pub mod messages;
pub mod model;
pub mod multipart;
pub mod nik;
pub mod notify;
pub mod offline;
pub mod open311;
pub mod opendata;
pub mod organisation;
pub mod password;
pub mod phone;
pub mod postmark;
pub mod rapot;
pub mod rate_limit;
pub mod recovery;
pub mod regions;
pub mod report;
pub mod roles;
pub mod search;
pub mod secret;
pub mod session;
pub mod sla;
pub mod sms;
pub mod stats;
pub mod status;
pub mod texts;
pub mod time;
pub mod totp;
pub mod tracking;
pub mod twilio;
pub mod verification;
pub mod views;
pub mod workflow;
pub mod x;
pub mod xml;

pub use error::{ErrorCode, FieldError};
pub use model::{Category, Channel, Kind, Visibility};
pub use status::{Color, Status};
pub use tracking::TrackingId;
