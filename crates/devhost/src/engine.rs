//! The wasmtime engine (shared by every app in the process) and compiled-component caching.

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::{Mutex, OnceLock};
use wasmtime::component::Component;
use wasmtime::{Config, Engine, InstanceAllocationStrategy, PoolingAllocationConfig};

/// The process-wide engine. It uses the pooling allocator, as Spin does, when the machine allows it.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut pooling = PoolingAllocationConfig::default();
        pooling
            .total_component_instances(200)
            .total_core_instances(1000)
            .total_memories(400)
            .total_tables(400)
            .total_stacks(200)
            .max_memory_size(256 << 20);
        let mut config = base_config();
        config.allocation_strategy(InstanceAllocationStrategy::Pooling(pooling));
        match Engine::new(&config) {
            Ok(engine) => engine,
            Err(e) => {
                eprintln!("devhost: pooling allocator unavailable ({e}); using on-demand allocation");
                Engine::new(&base_config()).expect("creating wasmtime engine")
            }
        }
    })
}

fn base_config() -> Config {
    let mut config = Config::new();
    config.wasm_component_model(true);
    config
}

/// Compiles `wasm` (a component), reusing an in-process copy or a precompiled artifact in `cache_dir` keyed by
/// the wasm's SHA-256 and the engine's compatibility hash.
pub fn load_component(engine: &Engine, wasm_path: &Path, cache_dir: &Path) -> Result<Component> {
    static MEMO: OnceLock<Mutex<HashMap<String, Component>>> = OnceLock::new();
    let wasm = std::fs::read(wasm_path).with_context(|| {
        format!("reading component {} (was it built? run without --skip-build)", wasm_path.display())
    })?;
    let mut compat = std::collections::hash_map::DefaultHasher::new();
    engine.precompile_compatibility_hash().hash(&mut compat);
    let key = format!("{:x}-{:016x}", Sha256::digest(&wasm), compat.finish());
    let memo = MEMO.get_or_init(Default::default);
    if let Some(c) = memo.lock().expect("component memo").get(&key) {
        return Ok(c.clone());
    }
    let cached = cache_dir.join(format!("{key}.cwasm"));
    let component = if cached.exists() {
        // SAFETY: the file was written by `Engine::precompile_component` of this same wasmtime build (the key
        // includes the engine's compatibility hash) into devhost's own cache directory.
        match unsafe { Component::deserialize_file(engine, &cached) } {
            Ok(c) => Some(c),
            Err(e) => {
                eprintln!("devhost: ignoring stale cache {}: {e}", cached.display());
                None
            }
        }
    } else {
        None
    };
    let component = match component {
        Some(c) => c,
        None => {
            let bytes = engine
                .precompile_component(&wasm)
                .map_err(anyhow::Error::from)
                .with_context(|| format!("compiling {}", wasm_path.display()))?;
            if std::fs::create_dir_all(cache_dir).is_ok() {
                let tmp = cache_dir.join(format!("{key}.{}.tmp", std::process::id()));
                if std::fs::write(&tmp, &bytes).is_ok() {
                    let _ = std::fs::rename(&tmp, &cached);
                }
            }
            // SAFETY: `bytes` was just produced by `precompile_component` on this engine.
            unsafe { Component::deserialize(engine, &bytes) }?
        }
    };
    memo.lock().expect("component memo").insert(key, component.clone());
    Ok(component)
}
