//! migrations/0002_regions.sql is made at run time from the vendored idn-area data
//! (`lapor_store::region_seed::sql`); the file is its copy for people. This test fails when the committed file
//! differs; run with `LAPOR_REGEN=1` to rewrite it.

#[test]
fn region_seed_matches_vendored_data() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations/0002_regions.sql");
    let expected = lapor_store::region_seed::sql();
    if std::env::var_os("LAPOR_REGEN").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(actual == expected, "migrations/0002_regions.sql is stale: rerun this test with LAPOR_REGEN=1");
}
