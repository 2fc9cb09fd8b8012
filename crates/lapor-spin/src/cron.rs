//! The cron trigger world (`fermyon:spin-cron`, see wit/spin-cron/cron.wit), generated once for every
//! component that runs on a schedule. A component implements [`Guest`] and exports it with
//! `lapor_spin::cron::export_cron!(MyType with_types_in lapor_spin::cron);`.

wit_bindgen::generate!({
    world: "spin-cron",
    path: "../../wit/spin-cron",
    pub_export_macro: true,
    export_macro_name: "export_cron",
    default_bindings_module: "lapor_spin::cron",
});
