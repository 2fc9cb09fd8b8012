//! Every component keeps to the ABI checked on a real Spin 4.0.2: WASI 0.2 interfaces no newer than 0.2.6,
//! Spin's `fermyon:spin/*@2.0.0` host interfaces, and the HTTP (or cron) export. A dependency that pulls in
//! newer WASI bindings fails here rather than on the platform.

use wasmparser::{ComponentTypeRef, Parser, Payload};

fn allowed_import(name: &str) -> bool {
    if let Some(rest) = name.strip_prefix("wasi:") {
        let Some((_, version)) = rest.split_once('@') else { return false };
        let mut parts = version.split('.');
        let (major, minor, patch) = (parts.next(), parts.next(), parts.next().and_then(|p| p.parse::<u32>().ok()));
        return major == Some("0") && minor == Some("2") && patch.is_some_and(|p| p <= 6);
    }
    matches!(
        name,
        "fermyon:spin/sqlite@2.0.0"
            | "fermyon:spin/key-value@2.0.0"
            | "fermyon:spin/variables@2.0.0"
            | "fermyon:spin-cron/cron-types@2.0.0"
    )
}

fn allowed_export(name: &str) -> bool {
    // The cron trigger world exports a bare function (see wit/spin-cron/cron.wit).
    name == "wasi:http/incoming-handler@0.2.0" || name == "handle-cron-event"
}

#[test]
fn every_component_imports_only_what_spin_provides() {
    lapor_e2e::build_components();
    let root = lapor_e2e::repo_root();
    let manifest: toml::Value = toml::from_str(&std::fs::read_to_string(root.join("spin.toml")).unwrap()).unwrap();
    let components = manifest["component"].as_table().unwrap();
    assert!(components.len() >= 6);
    for (name, c) in components {
        let path = root.join(c["source"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {}: {e}", path.display()));
        let (mut imports, mut exports) = (Vec::new(), Vec::new());
        // Only the outer component's imports and exports face the host; nested modules and components
        // (adapters, shims) have their own, wired inside.
        let mut depth = 0;
        for payload in Parser::new(0).parse_all(&bytes) {
            match payload.unwrap() {
                Payload::ModuleSection { .. } | Payload::ComponentSection { .. } => depth += 1,
                Payload::End(_) => depth -= 1,
                Payload::ComponentImportSection(reader) if depth == 0 => imports.extend(
                    reader
                        .into_iter()
                        .map(|i| i.unwrap())
                        // Type imports (the cron world's `metadata`, `error`) need nothing from the host.
                        .filter(|i| !matches!(i.ty, ComponentTypeRef::Type(_)))
                        .map(|i| i.name.0.to_string()),
                ),
                Payload::ComponentExportSection(reader) if depth == 0 => {
                    exports.extend(reader.into_iter().map(|e| e.unwrap().name.0.to_string()))
                }
                _ => {}
            }
        }
        assert!(!imports.is_empty(), "{name} is not a component");
        for i in &imports {
            assert!(allowed_import(i), "{name} imports {i}, which Spin 4.0.2 was not checked with");
        }
        assert!(exports.iter().any(|e| allowed_export(e)), "{name} exports {exports:?}");
        let cron = exports.iter().any(|e| e == "handle-cron-event");
        assert!(
            cron || !imports.iter().any(|i| i.starts_with("fermyon:spin-cron/")),
            "{name} is not a cron component but imports the cron world"
        );
    }
}

/// Issue 23: each component's wasm stays at most 1 MB (10^6 bytes, as the issue counts), so each starts fast and
/// is deployed on its own; `docs/architecture.md` lists the sizes.
const MAX_WASM_BYTES: u64 = 1_000_000;

#[test]
fn every_component_is_at_most_one_megabyte() {
    lapor_e2e::build_components();
    let root = lapor_e2e::repo_root();
    let manifest: toml::Value = toml::from_str(&std::fs::read_to_string(root.join("spin.toml")).unwrap()).unwrap();
    let mut over = Vec::new();
    for (name, c) in manifest["component"].as_table().unwrap() {
        let path = root.join(c["source"].as_str().unwrap());
        let size = std::fs::metadata(&path).unwrap_or_else(|e| panic!("{name}: {}: {e}", path.display())).len();
        if size > MAX_WASM_BYTES {
            over.push(format!("{name}: {size} bytes"));
        }
    }
    assert!(over.is_empty(), "over {MAX_WASM_BYTES} bytes: {over:?}");
}
