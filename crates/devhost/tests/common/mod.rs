//! Helpers for devhost's tests: the fixture component, a manifest around it, and a small HTTP client.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// The workspace's target directory (where the nested fixture build also goes, in its own subdirectory).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"),
    }
}

/// Builds `tests/fixtures/app` once per process and returns its wasm path.
pub fn fixture_wasm() -> &'static Path {
    static WASM: OnceLock<PathBuf> = OnceLock::new();
    WASM.get_or_init(|| {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/app");
        let target = target_dir().join("devhost-fixture");
        // A fresh machine may have the pinned toolchain without the wasm target: add it as the app's build does.
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let ensured = Command::new("sh")
            .args(["scripts/build-wasm", "--ensure-target"])
            .current_dir(&repo)
            .status()
            .expect("running scripts/build-wasm --ensure-target");
        assert!(ensured.success(), "the wasm32-wasip2 target is missing and could not be added");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--release", "--target", "wasm32-wasip2", "--quiet"])
            .current_dir(&fixture)
            .env("CARGO_TARGET_DIR", &target)
            .status()
            .expect("running cargo for the fixture component");
        assert!(status.success(), "building the fixture component failed");
        target.join("wasm32-wasip2/release/devhost_fixture.wasm")
    })
}

/// The test app's manifest, with every component using the fixture.
pub fn manifest_text(wasm: &Path) -> String {
    let src = wasm.display().to_string().replace('\\', "/");
    let plain = |id: &str, who: &str| {
        format!("[component.{id}]\nsource = \"{src}\"\n[component.{id}.variables]\nwho = \"{who}\"\n\n")
    };
    let mut m = String::from(
        r#"spin_manifest_version = 2

[application]
name = "devhost-fixture"

[variables]
greeting = { default = "hello" }
who_main = { default = "main" }
env_only = { default = "from-default" }
needed = { required = true }
allowed_port = { default = "1" }

"#,
    );
    for (route, id) in [
        ("/...", "all"),
        ("/api/...", "api"),
        ("/api/v1/...", "api-v1"),
        ("/api/v1/exact", "exact"),
        ("/items/:item_id", "item"),
        ("/t/...", "main"),
        ("/nodb/...", "nodb"),
    ] {
        m.push_str(&format!("[[trigger.http]]\nroute = \"{route}\"\ncomponent = \"{id}\"\n\n"));
    }
    m.push_str(
        r#"[[trigger.cron]]
component = "main"
cron_expression = "0 */5 * * * *"

"#,
    );
    for (id, who) in
        [("all", "all"), ("api", "api"), ("api-v1", "api-v1"), ("exact", "exact"), ("item", "item"), ("nodb", "nodb")]
    {
        m.push_str(&plain(id, who));
    }
    m.push_str(&format!(
        r#"[component.main]
source = "{src}"
sqlite_databases = ["default"]
key_value_stores = ["default"]
allowed_outbound_hosts = ["http://127.0.0.1:{{{{ allowed_port }}}}"]
[component.main.variables]
who = "main"
greeting = "{{{{ greeting }}}}, {{{{ who_main }}}}!"
needed = "{{{{ needed }}}}"
env_only = "{{{{ env_only }}}}"
"#
    ));
    m
}

/// A temp dir holding `spin.toml` for the fixture app (state goes in `<dir>/.spin`).
pub fn app_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("spin.toml"), manifest_text(fixture_wasm())).unwrap();
    dir
}

/// Config for the fixture app in `dir`, with `needed` set.
pub fn config(dir: &Path) -> devhost::Config {
    let mut config = devhost::Config::new(dir.join("spin.toml"));
    config.cache_dir = Some(target_dir().join("devhost-cache"));
    config.variables.insert("needed".into(), "yes".into());
    config
}

/// Starts the fixture app in `dir`.
pub fn start(dir: &Path) -> devhost::Running {
    devhost::start(config(dir)).expect("starting devhost")
}

/// A response: status, lower-case headers, body text.
pub struct Resp {
    pub status: u16,
    pub headers: HashMap<String, String>,
    pub body: String,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

fn finish(resp: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Resp {
    let mut resp = resp.expect("HTTP request");
    let headers =
        resp.headers().iter().map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned())).collect();
    Resp { status: resp.status().as_u16(), headers, body: resp.body_mut().read_to_string().unwrap() }
}

/// GET `url`.
pub fn get(url: &str) -> Resp {
    finish(agent().get(url).call())
}

/// GET `url` with a custom `Host` header.
pub fn get_with_host(url: &str, host: &str) -> Resp {
    finish(agent().get(url).header("host", host).call())
}

/// POST `body` to `url`.
pub fn post(url: &str, body: &str) -> Resp {
    finish(agent().post(url).send(body))
}

/// A loopback server that counts connections and answers each with `200 <reply>`.
pub struct Listener {
    pub port: u16,
    pub connections: Arc<AtomicUsize>,
}

impl Listener {
    pub fn start(reply: &'static str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = connections.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { break };
                counter.fetch_add(1, Ordering::SeqCst);
                let mut buf = [0u8; 4096];
                let mut req = Vec::new();
                while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => req.extend_from_slice(&buf[..n]),
                    }
                }
                let resp =
                    format!("HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{reply}", reply.len());
                let _ = stream.write_all(resp.as_bytes());
            }
        });
        Self { port, connections }
    }

    pub fn count(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}
