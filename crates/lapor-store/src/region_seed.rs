//! Migration 0002: every province and regency/city, and the local government (instansi) of each, made from
//! `lapor_core::regions` (the vendored idn-area data, ODbL, compiled into every component anyway). The SQL is
//! generated here rather than embedded, so the ~30 KB of the seed are not in every component's wasm twice;
//! `migrations/0002_regions.sql` is the same text, kept for people and checked against [`sql`] by
//! `crates/lapor-store/tests/region_seed.rs`.

use lapor_core::regions;

/// The name of the migration this module makes.
pub const FILE: &str = "0002_regions.sql";

/// Rows per `INSERT … VALUES` (well under SQLite's and libSQL's limits on a statement).
const ROWS_PER_INSERT: usize = 200;

fn sql_text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The seed's SQL.
pub fn sql() -> String {
    let mut out = String::from(
        "-- Generated from data/idn-area (ODbL, see data/idn-area/SOURCE.md) by crates/lapor-store/src/region_seed.rs,\n\
         -- which makes this migration at run time; this file is its copy for people (tests/region_seed.rs checks it).\n\
         -- Every province and regency/city, and the local government (instansi) of each.\n",
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
