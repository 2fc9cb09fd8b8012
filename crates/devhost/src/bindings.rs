//! Host bindings generated from the vendored WIT in `wit/`.

#![allow(missing_docs)]

wasmtime::component::bindgen!({
    path: "../../wit/spin",
    world: "host",
    // Spin runs every SQLite call on a blocking thread; so does devhost (see sqlite.rs).
    imports: {
        "fermyon:spin/sqlite.[static]connection.open": async,
        "fermyon:spin/sqlite.[method]connection.execute": async,
        "fermyon:spin/sqlite.[drop]connection": async,
    },
    with: {
        "fermyon:spin/sqlite.connection": crate::sqlite::Connection,
        "fermyon:spin/key-value.store": crate::key_value::Store,
    },
});

/// The `fermyon:spin-cron` world (trigger-cron plugin).
pub mod cron {
    wasmtime::component::bindgen!({
        path: "../../wit/spin-cron",
        world: "spin-cron",
        exports: { default: async },
    });

    /// The event metadata for a cron tick at `timestamp` (Unix seconds).
    pub fn exports_metadata(timestamp: u64) -> Metadata {
        Metadata { timestamp }
    }
}
