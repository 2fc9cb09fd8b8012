//! migrations/0002_regions.sql is generated from the vendored idn-area data. This test regenerates it and
//! fails when the committed file differs; run with `LAPOR_REGEN=1` to rewrite it.

use lapor_core::regions;

fn sql_text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Rows per `INSERT … VALUES` (well under SQLite's and libSQL's limits on a statement).
const ROWS_PER_INSERT: usize = 200;

fn generate() -> String {
    let mut out = String::from(
        "-- Generated from data/idn-area (ODbL, see data/idn-area/SOURCE.md) by crates/lapor-store/tests/region_seed.rs.\n\
         -- Every province and regency/city, and the local government (instansi) of each. Multi-row INSERTs: this file\n\
         -- is embedded in every component's wasm, so it is kept short.\n",
    );
    let all: Vec<_> = regions::provinces().iter().chain(regions::regencies()).collect();
    for chunk in all.chunks(ROWS_PER_INSERT) {
        out.push_str("INSERT INTO regions (code, province_code, level, name, time_zone) VALUES\n");
        let rows: Vec<String> = chunk
            .iter()
            .map(|r| {
                let level = if r.is_province() { "province" } else { "regency" };
                format!(
                    "({},{},'{level}',{},'{}')",
                    sql_text(r.code),
                    sql_text(r.province_code),
                    sql_text(r.name),
                    r.time_zone().as_str()
                )
            })
            .collect();
        out.push_str(&rows.join(",\n"));
        out.push_str(";\n");
    }
    // The local government of each region, in the same order (so instansi ids follow the regions').
    out.push_str(
        "INSERT INTO instansi (code, name, kind, region_code, time_zone)\n\
         SELECT 'pemda-' || code, CASE level WHEN 'province' THEN 'Pemerintah Provinsi ' || name ELSE 'Pemerintah ' || name END,\n\
         level, code, time_zone FROM regions ORDER BY rowid;\n",
    );
    out
}

#[test]
fn region_seed_matches_vendored_data() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations/0002_regions.sql");
    let expected = generate();
    if std::env::var_os("LAPOR_REGEN").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(actual == expected, "migrations/0002_regions.sql is stale: rerun this test with LAPOR_REGEN=1");
}
