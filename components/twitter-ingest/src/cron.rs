//! The cron trigger export (`fermyon:spin-cron`, see wit/spin-cron/cron.wit): each tick polls X.

wit_bindgen::generate!({
    world: "spin-cron",
    path: "../../wit/spin-cron",
});

struct Cron;

impl Guest for Cron {
    fn handle_cron_event(_metadata: Metadata) -> Result<(), Error> {
        let cfg = crate::config::Config::load();
        match spin_sdk::http::run(crate::poll::run(&cfg)) {
            Ok(summary) => {
                eprintln!("x poll: {}", summary.to_json());
                if let Ok(db) = lapor_spin::db() {
                    spin_sdk::http::run(crate::deliver_replies(&db));
                }
                Ok(())
            }
            Err(e) => Err(Error::Other(e.to_string())),
        }
    }
}

export!(Cron);
