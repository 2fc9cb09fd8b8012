//! The end-to-end suite: one test binary (one link, one copy on disk) with a module per area. Every test drives
//! the whole app over HTTP, on devhost or, with `LAPOR_SPIN` set to a Spin binary, on a real Spin.

use lapor_e2e::clients;
mod staff_support;

mod accounts;
mod back_office;
mod back_office_evidence;
mod back_office_forward;
mod back_office_offline;
mod browser;
mod component_abi;
mod deploy;
mod docs;
mod hardening_abuse;
mod hardening_channels;
mod hardening_public;
mod hardening_schema;
mod hardening_staff;
mod journey;
mod lock_waits;
mod manifests;
mod mobile_api;
mod notify;
mod open311;
mod openapi_client;
mod openapi_views;
mod rapot;
mod reporter_recovery;
mod sla;
mod smoke;
mod sms;
mod staff_auth;
mod staff_openapi;
mod web_intake;
mod x;
mod x_threads;
