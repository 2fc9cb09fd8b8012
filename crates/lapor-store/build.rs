//! Embeds every `migrations/NNNN_name.sql` file, in order, as `MIGRATIONS`, without its `--` comments and blank
//! lines (the SQL is in every component's wasm; the comments stay in the files, for people).

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
        out.push_str(&format!("    ({v}, {name:?}, {:?}),\n", without_comments(&sql)));
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("migrations.rs"), out).unwrap();
}

/// `sql` without `--` comments (outside quotes) and without blank lines.
fn without_comments(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quote: Option<char> = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c == '-' && chars.peek() == Some(&'-') => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            None => {
                if c == '\'' || c == '"' {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n")
}
