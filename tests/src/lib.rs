//! Harness for LAPOR's end-to-end tests: builds every component once per test process, runs the app with a fresh
//! state directory on devhost, or on a real Spin when `LAPOR_SPIN=/path/to/spin` is set, and offers a small blocking HTTP client and a recording fake HTTP server (a
//! stand-in for Twilio or the X API).
//!
//! ```no_run
//! let app = lapor_e2e::app();
//! let resp = app.get("/api/v1/reports/0000000000");
//! assert_eq!(resp.status, 404);
//! ```

pub mod clients;

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// The `public_base_url` the tests set when the app must be reached over https (webhook signatures, `__Host-`
/// cookies, links in messages).
pub const PUBLIC_URL: &str = "https://lapor.example.id";

/// A well-formed tracking ID (valid check digit) that no test report gets: `GET /api/v1/reports/{it}` opens the
/// database (and so applies the migrations) and answers 404. A malformed ID is refused before the database.
pub const UNKNOWN_TRACKING_ID: &str = "1000000005";

/// The well-formed NIK of the test reporters (a Kota Bengkulu district, born 17 August 1990, serial 0001).
pub const NIK: &str = "1771015708900001";

/// The repository root (holds `spin.toml`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

/// Runs the build commands of the repository's `spin.toml`, once per process.
pub fn build_components() {
    build_manifest("spin.toml");
}

/// Runs the build commands of a manifest of this repository (`spin.toml`, `spin-cron.toml`, the bench's
/// `bench/probe/spin.toml`), once per manifest and process.
///
/// The nested `cargo build --target wasm32-wasip2 --profile wasm …` runs while `cargo test` is running; cargo
/// has released its build lock by the time tests run, so it shares `<repo>/target` (where the manifests'
/// `source` paths point) without deadlocking. `CARGO_TARGET_DIR` is pinned to that directory for the build so
/// that the paths hold even if the outer cargo was given another target dir.
pub fn build_manifest(manifest: &str) {
    static BUILT: OnceLock<Mutex<HashMap<String, Result<(), String>>>> = OnceLock::new();
    let mut built = BUILT.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    let result = built.entry(manifest.to_string()).or_insert_with(|| {
        let root = repo_root();
        let manifest = devhost::Manifest::load(&root.join(manifest)).map_err(|e| format!("{e:#}"))?;
        let target = root.join("target").display().to_string();
        devhost::build::build(&manifest, &[("CARGO_TARGET_DIR".into(), target)]).map_err(|e| format!("{e:#}"))
    });
    if let Err(e) = result {
        panic!("building the components of {manifest} failed: {e}");
    }
}

/// Installs a test's Python dependency from PyPI once: `python3 -m pip install --target <repo>/target/<dir>
/// <package>` unless `<module>` is there already (network needed the first time); returns the directory for
/// `PYTHONPATH`. With `accept_partial`, a failing pip is accepted when the module was installed all the same.
pub fn pip_install(dir: &str, package: &str, module: &str, accept_partial: bool) -> PathBuf {
    let dir = repo_root().join("target").join(dir);
    if !dir.join(module).exists() {
        let out = std::process::Command::new("python3")
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target"])
            .arg(&dir)
            .arg(package)
            .output()
            .unwrap_or_else(|e| panic!("python3 must be installed to run this test ({package}): {e}"));
        assert!(
            out.status.success() || (accept_partial && dir.join(module).exists()),
            "could not install {package} from PyPI (network needed): {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    dir
}

/// A running engine: devhost in-process, or a real Spin binary as a child process.
enum Engine {
    Devhost(devhost::Running),
    Spin(SpinProcess),
}

/// Which engine to run the app on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineKind {
    /// devhost, in this process.
    Devhost,
    /// `spin up` from this binary.
    Spin(PathBuf),
}

impl EngineKind {
    /// Spin when `LAPOR_SPIN` names a binary, else devhost.
    pub fn from_env() -> Self {
        spin_binary().map_or(EngineKind::Devhost, EngineKind::Spin)
    }
}

/// The Spin binary to run the app on (`LAPOR_SPIN=/path/to/spin`), if any.
pub fn spin_binary() -> Option<PathBuf> {
    std::env::var_os("LAPOR_SPIN").filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// A running LAPOR app with its own state directory.
pub struct TestApp {
    kind: EngineKind,
    engine: Option<Engine>,
    state: tempfile::TempDir,
    manifest: PathBuf,
    variables: HashMap<String, String>,
    /// The port a Spin process listens on; kept across restarts.
    spin_port: u16,
}

/// Starts the app with `test_mode = "true"` and otherwise default variables.
pub fn app() -> TestApp {
    app_with(&[])
}

/// Starts the app with `test_mode = "true"` plus the given variable overrides (which win over it).
pub fn app_with(variables: &[(&str, &str)]) -> TestApp {
    app_with_manifest("spin.toml", variables)
}

/// Like [`app_with`], from another manifest of the repository (e.g. `spin-cron.toml`).
pub fn app_with_manifest(manifest: &str, variables: &[(&str, &str)]) -> TestApp {
    app_on(EngineKind::from_env(), manifest, variables)
}

/// Starts a fake X API ([`FakeServer::x_api`]) and the app pointed at it: consumer secret `secret`, bearer token
/// `bearer-token`, our account id `7`, public base URL `https://lapor.example.id`, plus `variables` (which win).
pub fn app_with_x(secret: &str, variables: &[(&str, &str)]) -> (TestApp, FakeServer) {
    let x = FakeServer::x_api();
    let url = x.url();
    let mut all = vec![
        ("x_api_base", url.as_str()),
        ("x_consumer_secret", secret),
        ("x_bearer_token", "bearer-token"),
        ("x_user_id", "7"),
        ("public_base_url", PUBLIC_URL),
    ];
    all.extend_from_slice(variables);
    (app_with(&all), x)
}

/// Starts the app from `manifest` (relative to the repository root) on the given engine, with
/// `test_mode = "true"` unless `variables` say otherwise.
pub fn app_on(kind: EngineKind, manifest: &str, variables: &[(&str, &str)]) -> TestApp {
    build_manifest(manifest);
    let mut vars: HashMap<String, String> = HashMap::new();
    vars.insert("test_mode".into(), "true".into());
    for (k, v) in variables {
        vars.insert((*k).into(), (*v).into());
    }
    let state = tempfile::Builder::new().prefix("lapor-e2e-").tempdir().expect("creating state dir");
    let manifest = repo_root().join(manifest);
    let mut app = TestApp { kind, engine: None, state, manifest, variables: vars, spin_port: 0 };
    app.engine = Some(app.start());
    app
}

impl TestApp {
    fn start(&mut self) -> Engine {
        if let EngineKind::Spin(spin) = self.kind.clone() {
            if self.spin_port == 0 {
                self.spin_port = free_port();
            }
            return Engine::Spin(SpinProcess::start(
                &spin,
                &self.manifest,
                self.state.path(),
                &self.variables,
                self.spin_port,
            ));
        }
        let root = repo_root();
        let mut config = devhost::Config::new(self.manifest.clone());
        config.state_dir = self.state.path().to_path_buf();
        config.cache_dir = Some(root.join("target/devhost-cache"));
        config.variables = self.variables.clone();
        Engine::Devhost(devhost::start(config).expect("starting devhost"))
    }

    fn engine(&self) -> &Engine {
        self.engine.as_ref().expect("app is running")
    }

    /// The engine this app runs on.
    pub fn kind(&self) -> &EngineKind {
        &self.kind
    }

    /// SQLite statements run by every component so far (devhost counts them; `None` on Spin).
    pub fn sqlite_statements(&self) -> Option<u64> {
        match self.engine() {
            Engine::Devhost(r) => Some(r.app().sqlite_statements()),
            Engine::Spin(_) => None,
        }
    }

    /// Stops the app and starts it again on the same state directory (same data). Variables set with
    /// [`TestApp::set_variable`] are kept.
    pub fn restart(&mut self) {
        self.engine = None; // dropping stops it
        self.engine = Some(self.start());
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn base_url(&self) -> String {
        match self.engine() {
            Engine::Devhost(r) => r.url(),
            Engine::Spin(s) => format!("http://127.0.0.1:{}", s.port),
        }
    }

    /// The absolute URL of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url())
    }

    /// The state directory (`sqlite_db.db`, `sqlite_key_value.db`).
    pub fn state_dir(&self) -> &Path {
        self.state.path()
    }

    /// Changes an application variable for later requests (e.g. `now` for the test clock). devhost changes it
    /// live; Spin reads variables at start, so the Spin process is restarted with the new value (same state,
    /// same port).
    pub fn set_variable(&mut self, name: &str, value: &str) {
        self.variables.insert(name.into(), value.into());
        match self.engine() {
            Engine::Devhost(r) => r.set_variable(name, value),
            Engine::Spin(_) => self.restart(),
        }
    }

    /// Runs what the cron trigger of `component` runs, once, and waits for it. devhost calls the component's
    /// cron export; on a stock Spin (no trigger-cron plugin) it is the component's HTTP route, as a platform
    /// CronJob calls it (`/internal/sweep` or `/internal/x-poll` with the `sweep_token`).
    pub fn fire_cron(&self, component: &str) -> anyhow::Result<()> {
        match self.engine() {
            Engine::Devhost(r) => r.fire_cron(component),
            Engine::Spin(_) => {
                let path = match component {
                    "sla-sweep" => "/internal/sweep",
                    "twitter-ingest" => "/internal/x-poll",
                    other => anyhow::bail!("component {other:?} has no cron trigger"),
                };
                let token = self.variables.get("sweep_token").cloned().unwrap_or_default();
                anyhow::ensure!(!token.is_empty(), "set the sweep_token variable to run {component} on Spin");
                let r = self.request("POST", path, &[("authorization", &format!("Bearer {token}"))], b"");
                anyhow::ensure!(r.status == 200, "{path} answered {}: {}", r.status, r.text());
                Ok(())
            }
        }
    }

    /// `GET path`.
    pub fn get(&self, path: &str) -> Resp {
        request("GET", &self.url(path), &[], b"")
    }

    /// `GET path`, expecting 200 with a content type that starts with `content_type`; the body as text.
    pub fn get_text(&self, path: &str, content_type: &str) -> String {
        let r = self.get(path);
        assert_eq!(r.status, 200, "GET {path}: {}", r.text());
        let got = r.header("content-type").unwrap_or_default();
        assert!(got.starts_with(content_type), "GET {path}: content type {got}");
        r.text()
    }

    /// `GET path` with extra headers (e.g. `("cookie", …)`, `("authorization", …)`).
    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Resp {
        request("GET", &self.url(path), headers, b"")
    }

    /// `POST path` with a JSON body.
    pub fn post_json(&self, path: &str, body: &serde_json::Value) -> Resp {
        request("POST", &self.url(path), &[("content-type", "application/json")], body.to_string().as_bytes())
    }

    /// `POST path` with a JSON body and extra headers (e.g. `("x-reporter-token", …)`).
    pub fn post_json_with(&self, path: &str, headers: &[(&str, &str)], body: &serde_json::Value) -> Resp {
        let mut all = vec![("content-type", "application/json")];
        all.extend_from_slice(headers);
        request("POST", &self.url(path), &all, body.to_string().as_bytes())
    }

    /// A form POST to a Twilio webhook `path` with the given `X-Twilio-Signature` (see [`twilio_signature`]).
    pub fn twilio_webhook(&self, path: &str, signature: &str, fields: &[(&str, &str)]) -> Resp {
        let headers = [("content-type", "application/x-www-form-urlencoded"), ("x-twilio-signature", signature)];
        request("POST", &self.url(path), &headers, form_encode(fields).as_bytes())
    }

    /// A JSON POST to `/webhooks/x` with the given `x-twitter-webhooks-signature` (see [`x_signature`]).
    pub fn x_webhook(&self, signature: &str, raw: &[u8]) -> Resp {
        let headers = [("content-type", "application/json"), ("x-twitter-webhooks-signature", signature)];
        request("POST", &self.url("/webhooks/x"), &headers, raw)
    }

    /// `POST path` with an `application/x-www-form-urlencoded` body built from `fields`.
    pub fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        request(
            "POST",
            &self.url(path),
            &[("content-type", "application/x-www-form-urlencoded")],
            form_encode(fields).as_bytes(),
        )
    }

    /// Any request to `path`.
    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
        request(method, &self.url(path), headers, body)
    }
}

/// A free loopback port (bound, then released for the child to take).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("finding a free port").port()
}

/// `spin up` as a child process, killed when dropped.
struct SpinProcess {
    child: std::process::Child,
    port: u16,
}

impl SpinProcess {
    /// Runs `spin up -f MANIFEST --listen 127.0.0.1:PORT --state-dir STATE` with the variables as
    /// `SPIN_VARIABLE_*`, and waits until it accepts connections. Spin's own output goes to `STATE/spin.log`.
    fn start(spin: &Path, manifest: &Path, state: &Path, variables: &HashMap<String, String>, port: u16) -> Self {
        let log_path = state.join("spin.log");
        let log = std::fs::OpenOptions::new().create(true).append(true).open(&log_path).expect("spin.log");
        let mut cmd = std::process::Command::new(spin);
        cmd.arg("up")
            .arg("-f")
            .arg(manifest)
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--state-dir")
            .arg(state)
            .stdin(std::process::Stdio::null())
            .stdout(log.try_clone().expect("spin.log"))
            .stderr(log);
        for (k, v) in variables {
            cmd.env(format!("SPIN_VARIABLE_{}", k.to_ascii_uppercase()), v);
        }
        let mut child = cmd.spawn().unwrap_or_else(|e| panic!("running {}: {e}", spin.display()));
        let deadline = std::time::Instant::now() + Duration::from_secs(120);
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                let log = std::fs::read_to_string(&log_path).unwrap_or_default();
                panic!("spin up exited ({status}) before serving:\n{log}");
            }
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Self { child, port };
            }
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                panic!("spin up did not listen on port {port} within 120 s");
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for SpinProcess {
    fn drop(&mut self) {
        // SIGTERM lets Spin finish in-flight requests; SIGKILL after a grace period.
        let _ = std::process::Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        for _ in 0..200 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `X-Twilio-Signature` as Twilio computes it: base64 HMAC-SHA1, keyed with `auth_token`, over `url` followed by
/// every field sorted by name, name then value.
pub fn twilio_signature(auth_token: &str, url: &str, fields: &[(&str, &str)]) -> String {
    use base64::Engine;
    use hmac::Mac;
    let mut sorted = fields.to_vec();
    sorted.sort();
    let mut data = url.to_string();
    for (k, v) in sorted {
        data.push_str(k);
        data.push_str(v);
    }
    let mut mac = hmac::Hmac::<sha1::Sha1>::new_from_slice(auth_token.as_bytes()).unwrap();
    mac.update(data.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// X's signature of `data` with the consumer secret: `sha256=` and the base64 HMAC-SHA256 (webhook bodies and
/// CRC answers).
pub fn x_signature(secret: &str, data: &[u8]) -> String {
    use base64::Engine;
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(data);
    format!("sha256={}", base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes()))
}

/// `application/x-www-form-urlencoded` encoding of `fields`.
pub fn form_encode(fields: &[(&str, &str)]) -> String {
    fn enc(s: &str) -> String {
        let mut out = String::new();
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => out.push(b as char),
                b' ' => out.push('+'),
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    }
    fields.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&")
}

/// The first value of header `name` (case-insensitive) among `headers`.
fn first_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// An HTTP response.
#[derive(Debug, Clone)]
pub struct Resp {
    /// Status code.
    pub status: u16,
    /// Headers in order, names lower-case (repeated headers such as `set-cookie` appear several times).
    pub headers: Vec<(String, String)>,
    /// Raw body.
    pub body: Vec<u8>,
}

impl Resp {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        first_header(&self.headers, name)
    }

    /// Every value of header `name`.
    pub fn header_all(&self, name: &str) -> Vec<&str> {
        self.headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect()
    }

    /// The body as text (lossy UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body parsed as JSON; panics with the body if it isn't JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("response is not JSON ({e}): {}", self.text()))
    }

    /// The CSRF pair of a page holding a form: the cookie to send back (`csrf=…` or `__Host-csrf=…`, without
    /// attributes) and the value of the form's `csrf` field.
    pub fn csrf(&self) -> (String, String) {
        let cookie = self.header_all("set-cookie").into_iter().find(|c| c.contains("csrf=")).expect("a csrf cookie");
        let cookie = cookie.split(';').next().unwrap().to_string();
        let html = self.text();
        let key = "name=\"csrf\" value=\"";
        let at = html.find(key).unwrap_or_else(|| panic!("a csrf field in {html}")) + key.len();
        (cookie, html[at..].split('"').next().unwrap().to_string())
    }
}

/// A file part of a [`multipart`] body: (field name, file name, content type, bytes).
pub type FilePart<'a> = (&'a str, &'a str, &'a str, &'a [u8]);

/// A `multipart/form-data` body with `boundary`: the text `fields`, then the `files`. Returns (content type, body).
pub fn multipart(boundary: &str, fields: &[(&str, &str)], files: &[FilePart]) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
        );
    }
    for (field, name, content_type, data) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\n\
                 Content-Type: {content_type}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// The web form's fields for a public health complaint in Bangka Tengah (region 19.04) by `name` with `nik` and
/// the phone 081234567890, after the form's `csrf` field.
pub fn web_form<'a>(
    csrf: &'a str,
    title: &'a str,
    body: &'a str,
    name: &'a str,
    nik: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("kind", "pengaduan"),
        ("title", title),
        ("body", body),
        ("category", "kesehatan"),
        ("region_code", "19.04"),
        ("visibility", "public"),
        ("name", name),
        ("nik", nik),
        ("phone", "081234567890"),
    ]
}

fn agent() -> &'static ureq::Agent {
    static AGENT: OnceLock<ureq::Agent> = OnceLock::new();
    AGENT.get_or_init(|| {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .allow_non_standard_methods(true)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into()
    })
}

/// A blocking HTTP request. Never follows redirects and never turns 4xx/5xx into errors; panics only if the
/// server can't be reached.
pub fn request(method: &str, url: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let mut builder = ureq::http::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    let req = builder.body(body.to_vec()).expect("building request");
    let mut resp = agent().run(req).unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let headers = resp
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    let body = resp
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_vec()
        .unwrap_or_else(|e| panic!("{method} {url}: reading body: {e}"));
    Resp { status: resp.status().as_u16(), headers, body }
}

/// A request received by a [`FakeServer`].
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// Method, e.g. `POST`.
    pub method: String,
    /// Path with query, e.g. `/2010-04-01/Accounts/AC1/Messages.json`.
    pub path: String,
    /// Headers in order, names lower-case.
    pub headers: Vec<(String, String)>,
    /// Body (chunked bodies are decoded).
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// The first value of header `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        first_header(&self.headers, name)
    }

    /// The body as text.
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A canned answer of a [`FakeServer`].
#[derive(Debug, Clone)]
pub struct FakeResponse {
    /// Status code.
    pub status: u16,
    /// Headers.
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: Vec<u8>,
}

impl FakeResponse {
    /// A JSON response.
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Self {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.to_string().into_bytes(),
        }
    }

    /// A plain-text response.
    pub fn text(status: u16, body: &str) -> Self {
        Self { status, headers: vec![("content-type".into(), "text/plain".into())], body: body.as_bytes().to_vec() }
    }
}

#[derive(Default)]
struct FakeState {
    requests: Vec<RecordedRequest>,
    queue: VecDeque<FakeResponse>,
    default: Option<FakeResponse>,
}

/// A loopback HTTP/1.1 server that records every request and answers from a queue of canned responses (then
/// with the default: `200 {}` unless changed). Stops when dropped.
pub struct FakeServer {
    port: u16,
    state: Arc<Mutex<FakeState>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
}

impl FakeServer {
    /// Starts listening on a free loopback port.
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("binding fake server");
        let port = listener.local_addr().unwrap().port();
        let state: Arc<Mutex<FakeState>> = Arc::default();
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (st, stp) = (state.clone(), stop.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stp.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let st = st.clone();
                std::thread::spawn(move || {
                    let _ = serve_connection(stream, &st);
                });
            }
        });
        Self { port, state, stop }
    }

    /// A fake Twilio Messages API: every message is accepted (`201`, sid `SMprovider`, `queued`).
    pub fn twilio() -> Self {
        let twilio = Self::start();
        twilio.set_default(FakeResponse::json(201, &serde_json::json!({"sid": "SMprovider", "status": "queued"})));
        twilio
    }

    /// A fake X API: every post is accepted (`201`, id `9000`).
    pub fn x_api() -> Self {
        let x = Self::start();
        x.set_default(FakeResponse::json(201, &serde_json::json!({"data": {"id": "9000", "text": "ok"}})));
        x
    }

    /// `http://127.0.0.1:<port>`: use it as e.g. `twilio_api_base`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Queues a response for the next request that has none queued before it.
    pub fn enqueue(&self, response: FakeResponse) {
        self.state.lock().unwrap().queue.push_back(response);
    }

    /// Sets the response used when the queue is empty.
    pub fn set_default(&self, response: FakeResponse) {
        self.state.lock().unwrap().default = Some(response);
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state.lock().unwrap().requests.clone()
    }

    /// Forgets the recorded requests.
    pub fn clear(&self) {
        self.state.lock().unwrap().requests.clear();
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn serve_connection(stream: TcpStream, state: &Mutex<FakeState>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(());
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_owned();
    let path = parts.next().unwrap_or("").to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h)?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    let get = |n: &str| headers.iter().find(|(k, _)| k == n).map(|(_, v): &(String, String)| v.clone());
    let mut body = Vec::new();
    if get("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size)?;
            let size = usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16).unwrap_or(0);
            if size == 0 {
                let mut end = String::new();
                reader.read_line(&mut end)?;
                break;
            }
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk)?;
            chunk.truncate(size);
            body.extend_from_slice(&chunk);
        }
    } else if let Some(len) = get("content-length").and_then(|v| v.parse::<usize>().ok()) {
        body.resize(len, 0);
        reader.read_exact(&mut body)?;
    }
    let response = {
        let mut st = state.lock().unwrap();
        st.requests.push(RecordedRequest { method, path, headers: headers.clone(), body });
        st.queue
            .pop_front()
            .or_else(|| st.default.clone())
            .unwrap_or_else(|| FakeResponse::json(200, &serde_json::json!({})))
    };
    let mut head = format!("HTTP/1.1 {} X\r\n", response.status);
    for (k, v) in &response.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!("content-length: {}\r\nconnection: close\r\n\r\n", response.body.len()));
    writer.write_all(head.as_bytes())?;
    writer.write_all(&response.body)?;
    writer.flush()?;
    Ok(())
}

/// Asserts that `HEAD path` answers as `GET path` does, without a body: 200 and the same content type.
pub fn assert_head_like_get(app: &TestApp, path: &str) {
    let get = app.get(path);
    let head = app.request("HEAD", path, &[], b"");
    assert_eq!((head.status, get.status), (200, 200), "HEAD {path}: {}", head.text());
    assert!(head.body.is_empty(), "HEAD {path} has a body");
    assert_eq!(head.header("content-type"), get.header("content-type"), "HEAD {path}");
}

/// Asserts that `method path` answers 405 with `Allow: allow`; returns the answer.
pub fn assert_not_allowed(app: &TestApp, method: &str, path: &str, allow: &str) -> Resp {
    let r = app.request(method, path, &[], b"");
    assert_eq!(r.status, 405, "{method} {path}: {}", r.text());
    assert_eq!(r.header("allow"), Some(allow), "{method} {path}");
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fake_server_records_and_replays() {
        let fake = FakeServer::start();
        fake.enqueue(FakeResponse::json(201, &serde_json::json!({"sid": "SM1"})));
        let r = request(
            "POST",
            &format!("{}/2010-04-01/x?y=1", fake.url()),
            &[("authorization", "Basic abc")],
            b"To=%2B62&Body=hi",
        );
        assert_eq!(r.status, 201);
        assert_eq!(r.json()["sid"], "SM1");
        let r = request("GET", &format!("{}/second", fake.url()), &[], b"");
        assert_eq!(r.status, 200);
        assert_eq!(r.text(), "{}");
        let reqs = fake.requests();
        assert_eq!(reqs.len(), 2);
        assert_eq!(reqs[0].method, "POST");
        assert_eq!(reqs[0].path, "/2010-04-01/x?y=1");
        assert_eq!(reqs[0].header("authorization"), Some("Basic abc"));
        assert_eq!(reqs[0].body_text(), "To=%2B62&Body=hi");
    }

    #[test]
    fn form_encoding() {
        assert_eq!(form_encode(&[("a b", "x&y=+")]), "a+b=x%26y%3D%2B");
    }
}
