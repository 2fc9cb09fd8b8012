//! Embeds every `migrations/NNNN_name.sql` file, in order, as `MIGRATIONS`, without its `--` comments and with its
//! whitespace squeezed (the SQL is in every component's wasm, whose size is capped; the files stay laid out, and
//! commented, for people).

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
        // The region seed is made at run time (src/region_seed.rs): not embedded a second time.
        let sql = if name == "0002_regions.sql" {
            String::new()
        } else {
            fs::read_to_string(dir.join(name)).expect("a migration file")
        };
        out.push_str(&format!("    ({v}, {name:?}, {:?}),\n", compact(&sql)));
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("migrations.rs"), out).unwrap();
}

/// `sql` as small as SQLite reads it the same: without `--` comments, each run of whitespace outside quotes one
/// space, and none next to `,();=<>|+` (never between two `-`, which would start a comment).
fn compact(sql: &str) -> String {
    const TIGHT: &[char] = &[',', '(', ')', ';', '=', '<', '>', '|', '+'];
    let mut out = String::with_capacity(sql.len());
    let mut quote: Option<char> = None;
    let mut space = false;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        if c == '-' && chars.peek() == Some(&'-') {
            for n in chars.by_ref() {
                if n == '\n' {
                    break;
                }
            }
            space = true;
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && out.chars().last().is_some_and(|p| !TIGHT.contains(&p)) && !TIGHT.contains(&c) {
            out.push(' ');
        }
        space = false;
        if c == '\'' || c == '"' {
            quote = Some(c);
        }
        out.push(c);
    }
    out
}
