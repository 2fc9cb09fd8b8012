//! Embeds every `migrations/NNNN_name.sql` file, in order, as `MIGRATIONS`.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<(u32, String)> = fs::read_dir(&dir)
        .expect("migrations/ directory")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let version: u32 = name.strip_suffix(".sql")?.split('_').next()?.parse().ok()?;
            println!("cargo:rerun-if-changed={}", e.path().display());
            Some((version, name))
        })
        .collect();
    files.sort();
    for w in files.windows(2) {
        assert!(w[0].0 != w[1].0, "two migrations numbered {}", w[0].0);
    }
    let mut out = String::from("/// Every migration as (version, file name, SQL), in order.\npub const MIGRATIONS: &[(u32, &str, &str)] = &[\n");
    for (v, name) in &files {
        let path = dir.join(name).canonicalize().unwrap();
        out.push_str(&format!("    ({v}, {name:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("migrations.rs"), out).unwrap();
}
