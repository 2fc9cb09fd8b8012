//! The cron trigger export: each tick runs one sweep.

use lapor_spin::cron::{Error, Guest, Metadata};

struct Cron;

impl Guest for Cron {
    fn handle_cron_event(_metadata: Metadata) -> Result<(), Error> {
        spin_sdk::http::run(crate::run()).map(|_| ()).map_err(Error::Other)
    }
}

lapor_spin::cron::export_cron!(Cron with_types_in lapor_spin::cron);
