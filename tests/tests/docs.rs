//! The documentation a newcomer reads is run: every ```sh block of `README.md` and of every `docs/**/*.md`.
//!
//! A block's info string says what it is:
//! - ```` ```sh ```` — run with bash (`set -euo pipefail`), in order, per file, against a running app; the test
//!   fails when a block exits non-zero. The blocks of one file share one shell state, as a reader's terminal
//!   does: the variables and functions a block defines are saved after it (`declare -p`, `declare -f`) and
//!   loaded before the next, so a later block uses the tracking ID or token an earlier one captured. Every
//!   `http://127.0.0.1:3000` (the address the docs use, devhost's default) is replaced by the test app's own
//!   base URL; each file runs in its own empty working directory.
//! - ```` ```sh spin ```` — run the same way, only when `LAPOR_SPIN` is set (the suite then runs on Spin).
//! - ```` ```sh serve ```` — the command that serves the app on devhost, which would run until interrupted, so
//!   it is not run as written: the test parses it (`SPIN_VARIABLE_<NAME>=value` prefixes, then exactly
//!   `cargo run --release -p devhost -- up` and devhost `up` options) and starts the app the way the rest of
//!   the suite does (`lapor_e2e::app_on`: the manifest's build commands, then devhost — or Spin when
//!   `LAPOR_SPIN` is set, except for a `--manifest` with cron triggers, which a stock Spin refuses) with the same variables and the same `--manifest`, on a fresh state directory and a
//!   free port; `public_base_url` is set to that port's URL unless the block sets it (the reader's default,
//!   `http://127.0.0.1:3000`, is the address they serve on). `test_mode` stays `"false"`, as for the reader.
//!   It checks that each option is one of devhost's (`crates/devhost/src/main.rs`) and that devhost's default
//!   address is the docs' `127.0.0.1:3000`. `--listen`, `--state-dir`, `--skip-build` and `--sweep-every` are
//!   checked, not applied (the harness picks its own port and state directory, builds once per process, and the
//!   blocks call the sweep's HTTP route themselves). The ```sh blocks after it run against that app; blocks before
//!   any serve block run against an app started with no variables (the README's first command).
//! - ```` ```sh spin serve ```` — `spin build --up` (or `spin up`), checked the same way: every component of
//!   the manifest has a build command (what `spin build` runs, and what the harness runs before `spin up`).
//!   With `LAPOR_SPIN` set it starts the app on Spin for the blocks after it; without, nothing is started.
//! - ```` ```sh long ```` — a command that takes minutes and so is not run here (`cargo test …`, a benchmark).
//!   Each line is checked: `cargo test`/`cargo run` name workspace packages (`-p`), test targets (`--test`),
//!   binaries (`--bin`) and e2e modules (`-- module::`) that exist, and `cargo test --workspace` is the command
//!   `.ci/run` runs; a script (`bench/run`, `deploy/validate`) must exist in the repository.
//!
//! Any other ```sh… info string, and ```bash/```shell/```console blocks, fail the test: a command is either run
//! (or checked) here or it is a ```text block (the libSQL cluster, kubectl, a provider's console).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use lapor_e2e::TestApp;

/// The address the docs use: devhost's default `--listen`.
const DOCS_URL: &str = "http://127.0.0.1:3000";

/// One fenced block of a Markdown file.
struct Block {
    file: PathBuf,
    line: usize,
    info: String,
    text: String,
}

impl Block {
    fn at(&self) -> String {
        format!("{}:{}", self.file.strip_prefix(lapor_e2e::repo_root()).unwrap_or(&self.file).display(), self.line)
    }
}

/// `README.md` and every `docs/**/*.md`, in a stable order.
fn doc_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "md") {
                out.push(p);
            }
        }
    }
    let root = lapor_e2e::repo_root();
    let mut files = vec![root.join("README.md")];
    walk(&root.join("docs"), &mut files);
    files
}

/// The fenced blocks of a Markdown file (fences at the start of a line).
fn blocks(file: &Path) -> Vec<Block> {
    let text = std::fs::read_to_string(file).unwrap();
    let mut out = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    for (i, line) in text.lines().enumerate() {
        match open.take() {
            None => {
                if let Some(info) = line.strip_prefix("```") {
                    open = Some((i + 1, info.trim().to_string(), String::new()));
                } else {
                    assert!(!line.trim_start().starts_with("```"), "{}:{}: indented fence", file.display(), i + 1);
                }
            }
            Some((start, info, mut body)) => {
                if line.trim_end() == "```" {
                    out.push(Block { file: file.to_path_buf(), line: start, info, text: body });
                } else {
                    body.push_str(line);
                    body.push('\n');
                    open = Some((start, info, body));
                }
            }
        }
    }
    assert!(open.is_none(), "{}: a fence is not closed", file.display());
    out
}

/// What a block's info string asks for.
#[derive(Debug, PartialEq)]
enum Kind {
    Run,
    RunOnSpin,
    Serve,
    SpinServe,
    Long,
    Other,
}

fn kind(block: &Block) -> Kind {
    let words: Vec<&str> = block.info.split_whitespace().collect();
    match words.as_slice() {
        ["sh"] => Kind::Run,
        ["sh", "spin"] => Kind::RunOnSpin,
        ["sh", "serve"] => Kind::Serve,
        ["sh", "spin", "serve"] => Kind::SpinServe,
        ["sh", "long"] => Kind::Long,
        [first, ..] if ["sh", "bash", "shell", "console", "zsh"].contains(first) => {
            panic!(
                "{}: unknown info string {:?} (sh, sh spin, sh serve, sh spin serve, sh long, or text)",
                block.at(),
                block.info
            )
        }
        _ => Kind::Other,
    }
}

/// Splits a shell command line into words: backslash-newline joins lines; single and double quotes group
/// (no expansion is needed by the serve commands, and `$` is refused).
fn shell_words(text: &str) -> Vec<String> {
    let text = text.replace("\\\n", " ");
    assert!(!text.contains('$'), "a serve command takes literal values only: {text}");
    let mut words = Vec::new();
    let mut cur: Option<String> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            quote @ ('\'' | '"') => {
                let w = cur.get_or_insert_with(String::new);
                for c in chars.by_ref() {
                    if c == quote {
                        break;
                    }
                    w.push(c);
                }
            }
            c if c.is_whitespace() => words.extend(cur.take()),
            c => cur.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(cur.take());
    words
}

/// The variables a serve block sets (`SPIN_VARIABLE_<NAME>=value` prefixes, names lower-cased as Spin reads
/// them) and the rest of the command line. Every variable must be one the manifest declares.
fn serve_parts(block: &Block) -> (Vec<(String, String)>, Vec<String>) {
    let lines: Vec<&str> = block.text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).collect();
    let words = shell_words(&lines.join("\n"));
    let manifest: toml::Value =
        toml::from_str(&std::fs::read_to_string(lapor_e2e::repo_root().join("spin.toml")).unwrap()).unwrap();
    let declared = manifest["variables"].as_table().unwrap();
    let mut variables = Vec::new();
    let mut rest = words.as_slice();
    while let Some((name, value)) = rest.first().and_then(|w| w.split_once('=')) {
        let var = name
            .strip_prefix("SPIN_VARIABLE_")
            .unwrap_or_else(|| panic!("{}: {name} is not a SPIN_VARIABLE_", block.at()))
            .to_ascii_lowercase();
        assert!(declared.contains_key(&var), "{}: spin.toml declares no variable {var}", block.at());
        variables.push((var, value.to_string()));
        rest = &rest[1..];
    }
    (variables, rest.to_vec())
}

/// Checks a `sh serve` block's devhost command line; returns its variables and manifest.
fn devhost_serve(block: &Block) -> (Vec<(String, String)>, String) {
    let (variables, words) = serve_parts(block);
    let prefix = ["cargo", "run", "--release", "-p", "devhost", "--", "up"];
    assert!(
        words.len() >= prefix.len() && words[..prefix.len()] == prefix,
        "{}: a serve block is `cargo run --release -p devhost -- up [options]`: {words:?}",
        block.at()
    );
    let main = std::fs::read_to_string(lapor_e2e::repo_root().join("crates/devhost/src/main.rs")).unwrap();
    assert!(
        main.contains("default_value = \"127.0.0.1:3000\""),
        "devhost's default --listen is no longer the docs' 127.0.0.1:3000"
    );
    let mut manifest = "spin.toml".to_string();
    let mut options = words[prefix.len()..].iter();
    while let Some(option) = options.next() {
        let field = option
            .strip_prefix("--")
            .unwrap_or_else(|| panic!("{}: {option} is not an option", block.at()))
            .replace('-', "_");
        assert!(main.contains(&format!("{field}:")), "{}: devhost up has no option {option}", block.at());
        if field == "skip_build" {
            continue;
        }
        let value = options.next().unwrap_or_else(|| panic!("{}: {option} takes a value", block.at()));
        match field.as_str() {
            "manifest" => {
                assert!(lapor_e2e::repo_root().join(value).exists(), "{}: no manifest {value}", block.at());
                manifest = value.clone();
            }
            "sweep_every" => assert!(value.parse::<u64>().is_ok(), "{}: --sweep-every SECS", block.at()),
            "listen" => assert_eq!(value, "127.0.0.1:3000", "{}: the docs' URLs assume the default", block.at()),
            _ => {}
        }
    }
    (variables, manifest)
}

/// Checks a `sh spin serve` block (`spin build --up` or `spin up`); returns its variables.
fn spin_serve(block: &Block) -> Vec<(String, String)> {
    let (variables, words) = serve_parts(block);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    assert!(
        words == ["spin", "build", "--up"] || words == ["spin", "up"],
        "{}: a spin serve block is `spin build --up` or `spin up`: {words:?}",
        block.at()
    );
    let manifest: toml::Value =
        toml::from_str(&std::fs::read_to_string(lapor_e2e::repo_root().join("spin.toml")).unwrap()).unwrap();
    for (name, component) in manifest["component"].as_table().unwrap() {
        assert!(component["build"]["command"].is_str(), "spin.toml: component {name} has no build command");
    }
    variables
}

/// The workspace's packages: name → directory.
fn packages() -> Vec<(String, PathBuf)> {
    let root = lapor_e2e::repo_root();
    let ws: toml::Value = toml::from_str(&std::fs::read_to_string(root.join("Cargo.toml")).unwrap()).unwrap();
    ws["workspace"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let dir = root.join(m.as_str().unwrap());
            let cargo: toml::Value = toml::from_str(&std::fs::read_to_string(dir.join("Cargo.toml")).unwrap()).unwrap();
            (cargo["package"]["name"].as_str().unwrap().to_string(), dir)
        })
        .collect()
}

/// The names of a package's targets of one kind (`test` or `bin`): declared ones and the conventional files.
fn targets(dir: &Path, kind: &str) -> BTreeSet<String> {
    let cargo: toml::Value = toml::from_str(&std::fs::read_to_string(dir.join("Cargo.toml")).unwrap()).unwrap();
    let mut names: BTreeSet<String> = cargo
        .get(kind)
        .and_then(|t| t.as_array())
        .into_iter()
        .flatten()
        .filter_map(|t| t.get("name").and_then(|n| n.as_str()).map(str::to_string))
        .collect();
    let conventional = if kind == "test" { dir.join("tests") } else { dir.join("src/bin") };
    if let Ok(entries) = std::fs::read_dir(conventional) {
        for e in entries {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "rs") {
                names.insert(p.file_stem().unwrap().to_string_lossy().into_owned());
            }
        }
    }
    names
}

/// A command line without its leading `NAME=value` assignments (a value may be `$(…)`).
fn without_assignments(mut line: &str) -> &str {
    loop {
        line = line.trim_start();
        let name_len = line.bytes().take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_').count();
        if name_len == 0 || line.as_bytes().get(name_len) != Some(&b'=') {
            return line;
        }
        let value = &line[name_len + 1..];
        let end = match value.strip_prefix("$(") {
            Some(inner) => inner.find(')').map(|i| i + 3).unwrap_or(value.len()),
            None => value.find(char::is_whitespace).unwrap_or(value.len()),
        };
        line = &value[end..];
    }
}

/// Checks one line of a `sh long` block.
fn check_long_line(at: &str, line: &str) {
    let root = lapor_e2e::repo_root();
    let words: Vec<&str> = without_assignments(line).split_whitespace().collect();
    match words.as_slice() {
        ["cargo", sub, args @ ..] if *sub == "test" || *sub == "run" => {
            let (args, filter) = match args.iter().position(|a| *a == "--") {
                Some(i) => (&args[..i], args.get(i + 1).copied()),
                None => (args, None),
            };
            let packages = packages();
            let mut package = None;
            let mut iter = args.iter();
            while let Some(a) = iter.next() {
                match *a {
                    "--workspace" | "--release" => {}
                    "-p" => {
                        let name = iter.next().unwrap_or_else(|| panic!("{at}: -p takes a package"));
                        let found = packages.iter().find(|(n, _)| n == name);
                        package = Some(found.unwrap_or_else(|| panic!("{at}: no package {name}")).1.clone());
                    }
                    "--test" | "--bin" => {
                        let name = iter.next().unwrap_or_else(|| panic!("{at}: {a} takes a target"));
                        let kind = if *a == "--test" { "test" } else { "bin" };
                        let dirs: Vec<PathBuf> = match &package {
                            Some(d) => vec![d.clone()],
                            None => packages.iter().map(|(_, d)| d.clone()).collect(),
                        };
                        assert!(dirs.iter().any(|d| targets(d, kind).contains(*name)), "{at}: no {kind} target {name}");
                    }
                    other => panic!("{at}: option {other} is not checked by this test"),
                }
            }
            if *sub == "test" && args == ["--workspace"] && filter.is_none() {
                let ci = std::fs::read_to_string(root.join(".ci/run")).unwrap();
                assert!(ci.lines().any(|l| l.trim() == "cargo test --workspace"), ".ci/run does not run `{line}`");
                assert!(packages.iter().any(|(n, _)| n == "lapor-e2e"), "the e2e suite is not in the workspace");
            }
            if let Some(module) = filter.and_then(|f| f.strip_suffix("::")) {
                let main = std::fs::read_to_string(root.join("tests/tests/main.rs")).unwrap();
                assert!(main.contains(&format!("mod {module};")), "{at}: the e2e suite has no module {module}");
            }
        }
        ["bash", script, ..] | [script, ..] if root.join(script).is_file() => {}
        _ => panic!("{at}: a long command this test does not know how to check: {line}"),
    }
}

/// One file's shell: its working directory and the state file carried from block to block.
struct Shell {
    dir: tempfile::TempDir,
}

impl Shell {
    fn new() -> Self {
        Self { dir: tempfile::Builder::new().prefix("lapor-docs-").tempdir().unwrap() }
    }

    /// Runs a block with the state of the previous ones, saving its own; `Err` with the output if it fails.
    fn run(&self, block: &Block, base_url: &str) -> Result<(), String> {
        let state = self.dir.path().join(".docs-state.sh");
        let work = self.dir.path().join("work");
        std::fs::create_dir_all(&work).unwrap();
        let body = block.text.replace(DOCS_URL, base_url);
        let script = format!(
            "__base=\" $(compgen -v | tr '\\n' ' ') \"\n\
             [ -f {state} ] && source {state}\n\
             cd {work}\n\
             set -euo pipefail\n\
             {body}\n\
             set +u\n\
             {{ for __v in $(compgen -v); do case \"$__base\" in *\" $__v \"*) ;; *) case \"$__v\" in __*|BASH*|FUNCNAME|GROUPS|PIPESTATUS|_) ;; *) declare -p \"$__v\";; esac;; esac; done; declare -f; }} > {state}.new\n\
             mv {state}.new {state}\n",
            state = state.display(),
            work = work.display(),
        );
        let out = Command::new("timeout")
            .args(["300", "bash", "-c", &script])
            .current_dir(&work)
            .output()
            .expect("running bash");
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{} exited with {}:\n--- block ---\n{body}--- stdout ---\n{}\n--- stderr ---\n{}",
                block.at(),
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    }
}

/// Starts the app for a serve block, with `public_base_url` at its own address unless the block sets it.
fn start(manifest: &str, variables: &[(String, String)]) -> TestApp {
    let mut all: Vec<(&str, &str)> = vec![("test_mode", "false")];
    all.extend(variables.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    // A stock Spin refuses a manifest with cron triggers (spin-cron.toml needs the plugin), and such a block is a
    // devhost command: it runs on devhost whatever the engine of the suite.
    let engine =
        if manifest == "spin.toml" { lapor_e2e::EngineKind::from_env() } else { lapor_e2e::EngineKind::Devhost };
    let mut app = lapor_e2e::app_on(engine, manifest, &all);
    if !variables.iter().any(|(k, _)| k == "public_base_url") {
        let url = app.base_url();
        app.set_variable("public_base_url", &url);
    }
    app
}

/// Runs (or checks) every block of one file; `Err` at the first failing block.
fn run_file(file: &Path) -> Result<usize, String> {
    let on_spin = lapor_e2e::spin_binary().is_some();
    let shell = Shell::new();
    let mut app: Option<TestApp> = None;
    let mut ran = 0;
    for block in blocks(file) {
        match kind(&block) {
            Kind::Other => {}
            Kind::Long => {
                block.text.lines().filter(|l| !l.trim().is_empty()).for_each(|l| check_long_line(&block.at(), l))
            }
            Kind::Serve => {
                let (variables, manifest) = devhost_serve(&block);
                drop(app.take()); // the reader stops the previous server first
                app = Some(start(&manifest, &variables));
            }
            Kind::SpinServe => {
                let variables = spin_serve(&block);
                if on_spin {
                    drop(app.take());
                    app = Some(start("spin.toml", &variables));
                }
            }
            Kind::RunOnSpin if !on_spin => {}
            Kind::Run | Kind::RunOnSpin => {
                let app = app.get_or_insert_with(|| start("spin.toml", &[]));
                shell.run(&block, &app.base_url())?;
                ran += 1;
            }
        }
    }
    Ok(ran)
}

#[test]
fn every_sh_block_of_the_readme_and_the_docs_runs() {
    let mut failures = Vec::new();
    let mut ran = 0;
    for file in doc_files() {
        match run_file(&file) {
            Ok(n) => ran += n,
            Err(e) => failures.push(e),
        }
    }
    assert!(failures.is_empty(), "{} failing block(s):\n\n{}", failures.len(), failures.join("\n\n"));
    assert!(ran >= 10, "only {ran} blocks ran: are the docs still marked ```sh?");
}

#[test]
fn the_readme_is_short_and_starts_with_the_two_commands() {
    let readme_path = lapor_e2e::repo_root().join("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let lines = readme.lines().count();
    assert!(lines <= 250, "README.md has {lines} lines; at most 250 (the rest belongs in docs/)");
    let commands: Vec<String> = blocks(&readme_path)
        .into_iter()
        .filter(|b| b.info.starts_with("sh"))
        .map(|b| b.text.trim().to_string())
        .collect();
    assert_eq!(
        commands[..3],
        ["cargo run --release -p devhost -- up", "cargo test --workspace", "spin build --up"],
        "README.md: the two commands, then Spin's, come first"
    );
    assert!(readme.contains("ODbL") && readme.contains("data/idn-area/SOURCE.md"), "the data attribution");
}

#[test]
fn docs_hold_adrs_and_no_work_notes() {
    let root = lapor_e2e::repo_root();
    assert!(!root.join("docs/notes").exists(), "docs/notes/ is gone: git keeps the history");
    let mut adrs: Vec<PathBuf> = std::fs::read_dir(root.join("docs/adr")).unwrap().map(|e| e.unwrap().path()).collect();
    adrs.sort();
    let adrs: Vec<&PathBuf> = adrs
        .iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.len() > 9
                && name[..4].bytes().all(|b| b.is_ascii_digit())
                && &name[4..5] == "-"
                && name.ends_with(".md")
        })
        .collect();
    assert!(adrs.len() >= 6, "at least six ADRs (docs/adr/NNNN-title.md), found {}", adrs.len());
    for adr in adrs {
        let text = std::fs::read_to_string(adr).unwrap();
        for section in ["## Context", "## Decision", "## Consequences"] {
            assert!(text.contains(section), "{}: no {section}", adr.display());
        }
    }
}

/// Every relative link of the README and the docs points at a file or directory of the repository.
#[test]
fn relative_links_in_the_docs_resolve() {
    let mut broken = Vec::new();
    for file in doc_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, _) in text.match_indices("](") {
            let rest = &text[i + 2..];
            let Some(end) = rest.find(')') else { continue };
            let target = rest[..end].split('#').next().unwrap();
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            if !file.parent().unwrap().join(target).exists() {
                broken.push(format!("{}: {target}", file.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// `docs/openapi.yaml` is valid OpenAPI: `openapi-spec-validator` (from PyPI, installed once into
/// `target/openapi-validator`) accepts it without any error.
#[test]
fn the_openapi_document_passes_openapi_spec_validator() {
    let deps =
        lapor_e2e::pip_install("openapi-validator", "openapi-spec-validator==0.9.0", "openapi_spec_validator", false);
    let spec = lapor_e2e::repo_root().join("docs/openapi.yaml");
    let out = Command::new("python3")
        .args(["-m", "openapi_spec_validator"])
        .arg(&spec)
        .env("PYTHONPATH", &deps)
        .output()
        .expect("running openapi-spec-validator");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && text.contains(": OK"), "openapi-spec-validator rejects docs/openapi.yaml:\n{text}");
}
