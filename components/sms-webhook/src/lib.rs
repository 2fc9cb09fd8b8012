//! The sms-webhook component. Not built yet: answers 501 so the route is visibly reserved.

use spin_sdk::http::{IntoResponse, Request};
use spin_sdk::http_component;

#[http_component]
fn handle(_req: Request) -> anyhow::Result<impl IntoResponse> {
    Ok(lapor_spin::respond::error(lapor_core::ErrorCode::NotImplemented, "not implemented yet"))
}
