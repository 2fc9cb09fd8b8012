//! Per-instance host state and the linker that gives components WASI, `wasi:http` and the Spin interfaces.

use crate::key_value::KvDb;
use crate::outbound::OutboundPolicy;
use crate::variables::Resolver;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use wasmtime::component::{HasSelf, Linker, ResourceTable};
use wasmtime::Engine;
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};
use wasmtime_wasi_http::{WasiHttpCtx, WasiHttpCtxView, WasiHttpView};

/// State shared by every instance of a running app.
#[derive(Debug)]
pub struct AppShared {
    /// Where the SQLite and key-value files live.
    pub state_dir: PathBuf,
    /// Application variables.
    pub variables: Resolver,
    /// The key-value database.
    pub kv: KvDb,
    /// SQLite statements executed so far by every component (for measuring statements per request).
    pub sqlite_statements: std::sync::atomic::AtomicU64,
}

/// What the manifest grants one component.
#[derive(Debug, Clone)]
pub struct ComponentEnv {
    /// Component id.
    pub id: String,
    /// `sqlite_databases`.
    pub sqlite_databases: Vec<String>,
    /// `key_value_stores`.
    pub key_value_stores: Vec<String>,
    /// `allowed_outbound_hosts` templates.
    pub allowed_outbound_hosts: Vec<String>,
    /// Component variables: name → template.
    pub variables: BTreeMap<String, String>,
    /// Guest environment variables.
    pub environment: BTreeMap<String, String>,
}

/// The `T` of each `wasmtime::Store`: one per request or cron event.
pub struct HostState {
    pub(crate) wasi: WasiCtx,
    pub(crate) http: WasiHttpCtx,
    pub(crate) table: ResourceTable,
    pub(crate) outbound: OutboundPolicy,
    pub(crate) component: Arc<ComponentEnv>,
    pub(crate) app: Arc<AppShared>,
}

impl HostState {
    /// Fresh state for one instance of `component`. Fails if an outbound-host template doesn't expand to a
    /// valid entry.
    pub fn new(app: Arc<AppShared>, component: Arc<ComponentEnv>) -> anyhow::Result<Self> {
        let mut allowed = Vec::new();
        for template in &component.allowed_outbound_hosts {
            let entry = app.variables.expand(template)?;
            allowed.push(
                crate::outbound::AllowedHost::parse(&entry)
                    .map_err(|e| anyhow::anyhow!("component {:?}: {e}", component.id))?,
            );
        }
        let mut wasi = WasiCtx::builder();
        wasi.inherit_stdout().inherit_stderr();
        for (k, v) in &component.environment {
            wasi.env(k, v);
        }
        Ok(Self {
            wasi: wasi.build(),
            http: WasiHttpCtx::new(),
            table: ResourceTable::new(),
            outbound: OutboundPolicy { component: component.id.clone(), allowed },
            component,
            app,
        })
    }
}

impl WasiView for HostState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView { ctx: &mut self.wasi, table: &mut self.table }
    }
}

impl WasiHttpView for HostState {
    fn http(&mut self) -> WasiHttpCtxView<'_> {
        WasiHttpCtxView { ctx: &mut self.http, table: &mut self.table, hooks: &mut self.outbound }
    }
}

/// A linker with all of WASI p2, `wasi:http` and `fermyon:spin/{sqlite,key-value,variables}@2.0.0`.
pub fn linker(engine: &Engine) -> anyhow::Result<Linker<HostState>> {
    let mut linker = Linker::new(engine);
    wasmtime_wasi::p2::add_to_linker_async(&mut linker)?;
    wasmtime_wasi_http::p2::add_only_http_to_linker_async(&mut linker)?;
    crate::bindings::Host_::add_to_linker::<_, HasSelf<HostState>>(&mut linker, |s| s)?;
    Ok(linker)
}
