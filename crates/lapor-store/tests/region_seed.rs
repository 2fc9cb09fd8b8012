//! migrations/0002_regions.sql is generated from the vendored idn-area data. This test regenerates it and
//! fails when the committed file differs; run with `LAPOR_REGEN=1` to rewrite it.

use lapor_core::regions;

fn sql_text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn generate() -> String {
    let mut out = String::from(
        "-- Generated from data/idn-area (ODbL, see data/idn-area/SOURCE.md) by crates/lapor-store/tests/region_seed.rs.\n\
         -- Every province and regency/city, and the local government (instansi) of each.\n",
    );
    for r in regions::provinces().iter().chain(regions::regencies()) {
        let level = if r.is_province() { "province" } else { "regency" };
        out.push_str(&format!(
            "INSERT INTO regions (code, province_code, level, name, time_zone) VALUES ({}, {}, '{level}', {}, '{}');\n",
            sql_text(r.code),
            sql_text(r.province_code),
            sql_text(r.name),
            r.time_zone().as_str()
        ));
    }
    for r in regions::provinces().iter().chain(regions::regencies()) {
        let (kind, name) = if r.is_province() {
            ("province", format!("Pemerintah Provinsi {}", r.name))
        } else {
            ("regency", format!("Pemerintah {}", r.name))
        };
        out.push_str(&format!(
            "INSERT INTO instansi (code, name, kind, region_code, time_zone) VALUES ({}, {}, '{kind}', {}, '{}');\n",
            sql_text(&format!("pemda-{}", r.code)),
            sql_text(&name),
            sql_text(r.code),
            r.time_zone().as_str()
        ));
    }
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
