//! Turns the vendored idn-area CSV files into static tables at build time, so that a component instance (one per
//! request on Spin) pays nothing to look a region or district up: no parsing, no allocation, no sorting. And turns
//! the text catalogue's data files (`texts/<area>.toml`) into `$OUT_DIR/texts_<area>.rs` (see `build/texts.rs`).

#[path = "build/texts.rs"]
mod texts;

use std::fmt::Write as _;
use std::path::Path;

fn rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // Fields used here never contain commas (checked by the tests' counts and look-ups).
    text.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.split(',').map(str::to_owned).collect()).collect()
}

fn main() {
    texts();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/idn-area");
    let (provinces, regencies, districts) =
        (data.join("provinces.csv"), data.join("regencies.csv"), data.join("districts.csv"));
    for p in [&provinces, &regencies, &districts] {
        println!("cargo:rerun-if-changed={}", p.display());
    }
    let mut out = String::new();
    let provinces = rows(&provinces);
    writeln!(out, "static PROVINCES: [Region; {}] = [", provinces.len()).unwrap();
    for f in &provinces {
        writeln!(out, "    Region {{ code: {:?}, name: {:?}, province_code: {:?} }},", f[0], f[1], f[0]).unwrap();
    }
    out.push_str("];\n");
    let regencies = rows(&regencies);
    writeln!(out, "static REGENCIES: [Region; {}] = [", regencies.len()).unwrap();
    for f in &regencies {
        writeln!(out, "    Region {{ code: {:?}, name: {:?}, province_code: {:?} }},", f[0], f[2], f[1]).unwrap();
    }
    out.push_str("];\n");
    let mut codes: Vec<u32> = rows(&districts).iter().filter_map(|f| f[0].replace('.', "").parse().ok()).collect();
    codes.sort_unstable();
    writeln!(out, "/// District codes without dots (`177101`), sorted, as numbers.").unwrap();
    writeln!(out, "static DISTRICTS: [u32; {}] = [", codes.len()).unwrap();
    for chunk in codes.chunks(16) {
        let line: Vec<String> = chunk.iter().map(u32::to_string).collect();
        writeln!(out, "    {},", line.join(", ")).unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("regions_data.rs");
    std::fs::write(dest, out).unwrap();
}

/// Each `texts/<area>.toml` as `texts_<area>.rs` (its constants) and `texts_<area>.md` (its doc); a file the
/// catalogue refuses stops the build with the reason.
fn texts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("texts");
    println!("cargo:rerun-if-changed={}", dir.display());
    let out = std::env::var("OUT_DIR").unwrap();
    for file in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = file.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let area = path.file_stem().unwrap().to_str().unwrap();
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (rust, doc) = texts::rust_for(&format!("texts/{area}.toml"), &source).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(Path::new(&out).join(format!("texts_{area}.rs")), rust).unwrap();
        std::fs::write(Path::new(&out).join(format!("texts_{area}.md")), doc).unwrap();
    }
}
