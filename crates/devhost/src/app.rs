//! A loaded application: compiled components, routes and shared state.

use crate::engine::{engine, load_component};
use crate::host::{linker, AppShared, ComponentEnv, HostState};
use crate::key_value::KvDb;
use crate::manifest::Manifest;
use crate::routing::Router;
use crate::variables::Resolver;
use anyhow::{anyhow, Context, Result};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use wasmtime::component::InstancePre;
use wasmtime::Store;
use wasmtime_wasi_http::p2::bindings::ProxyPre;

/// A component ready to be instantiated.
pub(crate) struct LoadedComponent {
    pub env: Arc<ComponentEnv>,
    pub pre: InstancePre<HostState>,
    /// Present when the component exports `wasi:http/incoming-handler`.
    pub proxy: Option<ProxyPre<HostState>>,
}

/// A loaded application.
pub struct App {
    pub(crate) manifest: Manifest,
    pub(crate) shared: Arc<AppShared>,
    pub(crate) router: Router,
    pub(crate) components: BTreeMap<String, LoadedComponent>,
}

impl App {
    /// Loads the manifest, checks variables, opens the state dir and compiles every triggered component.
    pub fn load(
        manifest_path: &Path,
        state_dir: &Path,
        cache_dir: Option<&Path>,
        variables: HashMap<String, String>,
    ) -> Result<Self> {
        let manifest = Manifest::load(manifest_path)?;
        std::fs::create_dir_all(state_dir).with_context(|| format!("creating state dir {}", state_dir.display()))?;
        let cache_dir: PathBuf = cache_dir.map(Path::to_path_buf).unwrap_or_else(|| state_dir.join("devhost-cache"));
        let resolver = Resolver::new(manifest.variables.clone(), variables)?;
        let shared = Arc::new(AppShared {
            state_dir: state_dir.to_path_buf(),
            variables: resolver,
            kv: KvDb::open(state_dir)?,
            sqlite_statements: Default::default(),
        });
        let router = Router::build(manifest.http_triggers.iter().map(|t| (t.route.as_str(), t.component.as_str())))?;
        let engine = engine();
        let linker = linker(engine)?;
        let mut components = BTreeMap::new();
        let triggered = manifest
            .http_triggers
            .iter()
            .map(|t| &t.component)
            .chain(manifest.cron_triggers.iter().map(|t| &t.component));
        for id in triggered {
            if components.contains_key(id) {
                continue;
            }
            let decl = &manifest.components[id];
            let path = manifest.source_path(decl);
            let component =
                load_component(engine, &path, &cache_dir).with_context(|| format!("loading component {id:?}"))?;
            let pre = linker
                .instantiate_pre(&component)
                .map_err(anyhow::Error::from)
                .with_context(|| format!("component {id:?} imports something devhost does not provide"))?;
            let proxy = ProxyPre::new(pre.clone()).ok();
            let env = Arc::new(ComponentEnv {
                id: id.clone(),
                sqlite_databases: decl.sqlite_databases.clone(),
                key_value_stores: decl.key_value_stores.clone(),
                allowed_outbound_hosts: decl.allowed_outbound_hosts.clone(),
                variables: decl.variables.clone(),
                environment: decl.environment.clone(),
            });
            // Fail at startup, not per request, if an outbound template can't be expanded.
            HostState::new(shared.clone(), env.clone())?;
            components.insert(id.clone(), LoadedComponent { env, pre, proxy });
        }
        for t in &manifest.http_triggers {
            if components[&t.component].proxy.is_none() {
                return Err(anyhow!(
                    "component {:?} (route {:?}) does not export wasi:http/incoming-handler",
                    t.component,
                    t.route
                ));
            }
        }
        Ok(Self { manifest, shared, router, components })
    }

    /// SQLite statements executed by every component since the app was loaded.
    pub fn sqlite_statements(&self) -> u64 {
        self.shared.sqlite_statements.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The parsed manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Sets an application variable for every later instance.
    pub fn set_variable(&self, name: &str, value: &str) -> Result<()> {
        self.shared.variables.set(name, value)
    }

    /// A fresh store for one instance of `component`.
    pub(crate) fn new_store(&self, component: &LoadedComponent) -> Result<Store<HostState>> {
        let state = HostState::new(self.shared.clone(), component.env.clone())?;
        Ok(Store::new(component.pre.engine(), state))
    }

    /// Ids of the components with a `[[trigger.cron]]`.
    pub fn cron_components(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.manifest.cron_triggers.iter().map(|t| t.component.clone()).collect();
        ids.dedup();
        ids
    }
}
