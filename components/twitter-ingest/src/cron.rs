//! The cron trigger export: each tick polls X.

use lapor_spin::cron::{Error, Guest, Metadata};

struct Cron;

impl Guest for Cron {
    fn handle_cron_event(_metadata: Metadata) -> Result<(), Error> {
        let cfg = crate::config::Config::load();
        match spin_sdk::http::run(crate::poll::run(&cfg)) {
            Ok(summary) => {
                eprintln!("x poll: {}", summary.to_json());
                if let Ok(db) = lapor_spin::db() {
                    spin_sdk::http::run(crate::after_batch(&db, &cfg));
                }
                Ok(())
            }
            Err(e) => Err(Error::Other(e.to_string())),
        }
    }
}

lapor_spin::cron::export_cron!(Cron with_types_in lapor_spin::cron);
