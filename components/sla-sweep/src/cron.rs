//! The cron trigger export (`fermyon:spin-cron`, see wit/spin-cron/cron.wit): each tick runs one sweep.

wit_bindgen::generate!({
    world: "spin-cron",
    path: "../../wit/spin-cron",
});

struct Cron;

impl Guest for Cron {
    fn handle_cron_event(_metadata: Metadata) -> Result<(), Error> {
        spin_sdk::http::run(crate::run()).map(|_| ()).map_err(Error::Other)
    }
}

export!(Cron);
