//! devhost: a Spin-compatible host for LAPOR's WebAssembly components, for tests and for machines without Spin.
//!
//! It reads `spin.toml` (manifest v2), builds the components, and serves the HTTP trigger with wasmtime,
//! providing WASI p2, `wasi:http` (outbound restricted to `allowed_outbound_hosts`) and
//! `fermyon:spin/{sqlite,key-value,variables}@2.0.0` backed by SQLite files in a state directory. Cron
//! components (`fermyon:spin-cron`) can be fired on demand or on a fixed interval.
//!
//! ```no_run
//! let running = devhost::start(devhost::Config::new("spin.toml")).unwrap();
//! println!("{}", running.url());
//! ```

#![warn(missing_docs)]

mod app;
mod bindings;
pub mod build;
mod cron;
mod engine;
mod host;
mod key_value;
pub mod manifest;
mod outbound;
pub mod routing;
mod server;
mod sqlite;
mod variables;

pub use app::App;
pub use manifest::Manifest;
pub use outbound::AllowedHost;

use anyhow::{Context, Result};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// How to start a host.
#[derive(Debug, Clone)]
pub struct Config {
    /// Path of `spin.toml`.
    pub manifest: PathBuf,
    /// Address to listen on; port 0 picks a free port.
    pub listen: SocketAddr,
    /// Directory for `sqlite_db.db` and `sqlite_key_value.db` (Spin's `.spin`).
    pub state_dir: PathBuf,
    /// Run the manifest's build commands first.
    pub build: bool,
    /// Variable values that win over `SPIN_VARIABLE_*` and defaults.
    pub variables: HashMap<String, String>,
    /// Where compiled components are cached (default: `<state_dir>/devhost-cache`).
    pub cache_dir: Option<PathBuf>,
    /// Fire every cron component at this interval while serving (default: never; use [`Running::fire_cron`]).
    pub cron_every: Option<Duration>,
}

impl Config {
    /// Defaults for `manifest`: listen on `127.0.0.1:0`, state in `.spin` beside the manifest, no build.
    pub fn new(manifest: impl Into<PathBuf>) -> Self {
        let manifest = manifest.into();
        let state_dir = manifest.parent().unwrap_or_else(|| Path::new(".")).join(".spin");
        Self {
            manifest,
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            state_dir,
            build: false,
            variables: HashMap::new(),
            cache_dir: None,
            cron_every: None,
        }
    }
}

/// Runs the manifest's build commands (see [`build::build`]).
pub fn build_manifest(manifest: &Path) -> Result<()> {
    build::build(&Manifest::load(manifest)?, &[])
}

/// A running host. Dropping it (or calling [`Running::shutdown`]) stops the server.
pub struct Running {
    /// The address the server listens on.
    pub addr: SocketAddr,
    app: Arc<App>,
    runtime: tokio::runtime::Handle,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Starts a host on its own thread and tokio runtime; returns once it is listening.
pub fn start(config: Config) -> Result<Running> {
    if config.build {
        build_manifest(&config.manifest)?;
    }
    let app = Arc::new(App::load(
        &config.manifest,
        &config.state_dir,
        config.cache_dir.as_deref(),
        config.variables.clone(),
    )?);
    let listener = std::net::TcpListener::bind(config.listen).with_context(|| format!("binding {}", config.listen))?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().thread_name("devhost").build()?;
    let handle = runtime.handle().clone();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server_app = app.clone();
    let cron_every = config.cron_every;
    let thread = std::thread::Builder::new().name("devhost-server".into()).spawn(move || {
        runtime.block_on(async move {
            let listener = match tokio::net::TcpListener::from_std(listener) {
                Ok(l) => l,
                Err(e) => {
                    eprintln!("devhost: {e}");
                    return;
                }
            };
            if let Some(every) = cron_every {
                let app = server_app.clone();
                tokio::spawn(async move {
                    let mut ticks = tokio::time::interval(every);
                    ticks.tick().await;
                    loop {
                        ticks.tick().await;
                        let _ = app.fire_all_crons().await;
                    }
                });
            }
            let shutdown = async {
                let _ = stop_rx.await;
            };
            if let Err(e) = server::serve(server_app, listener, shutdown).await {
                eprintln!("devhost: server stopped: {e:#}");
            }
        });
        runtime.shutdown_timeout(Duration::from_secs(1));
    })?;
    Ok(Running { addr, app, runtime: handle, stop: Some(stop_tx), thread: Some(thread) })
}

impl Running {
    /// `http://<addr>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Changes an application variable for every later request. Panics if the variable isn't declared.
    pub fn set_variable(&self, name: &str, value: &str) {
        self.app.set_variable(name, value).unwrap_or_else(|e| panic!("set_variable: {e}"));
    }

    /// Fires the cron event of `component` once and waits for it. Callable from any thread, including
    /// inside another async runtime.
    pub fn fire_cron(&self, component: &str) -> Result<()> {
        let app = self.app.clone();
        let component = component.to_owned();
        let (tx, rx) = std::sync::mpsc::channel();
        self.runtime.spawn(async move {
            let _ = tx.send(app.fire_cron(&component).await);
        });
        rx.recv().context("devhost runtime stopped")?
    }

    /// The loaded application.
    pub fn app(&self) -> &App {
        &self.app
    }

    /// Stops the server and waits for its thread.
    pub fn shutdown(mut self) {
        self.stop_now();
    }

    fn stop_now(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop_now();
    }
}
