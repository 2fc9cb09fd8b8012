//! The catalogue's data files (`texts/<area>.toml`): what `build.rs` makes of them and what it refuses.

#[path = "../build/texts.rs"]
mod texts;

use texts::rust_for;

fn refusal(source: &str) -> String {
    rust_for("texts/x.toml", source).expect_err("refused")
}

#[test]
fn every_file_of_the_catalogue_is_accepted() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("texts");
    let mut areas = 0;
    for file in std::fs::read_dir(dir).unwrap() {
        let path = file.unwrap().path();
        let (rust, doc) = rust_for(&path.display().to_string(), &std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(rust.contains("pub const ENTRIES: &[Text]") && !doc.is_empty(), "{}", path.display());
        areas += 1;
    }
    assert_eq!(areas, 10);
}

#[test]
fn an_entry_becomes_a_documented_constant_and_is_listed() {
    let (rust, doc) = rust_for(
        "texts/x.toml",
        "doc = \"An area.\"\n[A_B]\nid = \"Satu \\\"{n}\\\"\"\nen = \"One \\\"{n}\\\"\"\n[C]\nid = \"c\"\nen = \"c\"\ndoc = \"Why.\"\n",
    )
    .unwrap();
    assert_eq!(doc, "An area.");
    assert!(rust.contains("#[doc = \"One \\\"{n}\\\"\"]\npub const A_B: Text = Text { id: \"Satu \\\"{n}\\\"\", en: \"One \\\"{n}\\\"\" };"), "{rust}");
    assert!(rust.contains("#[doc = \"Why.\"]\npub const C: Text"), "{rust}");
    assert!(rust.ends_with("pub const ENTRIES: &[Text] = &[A_B, C];\n"), "{rust}");
}

#[test]
fn a_missing_empty_or_unknown_key_is_refused_by_name() {
    for (source, reason) in [
        ("[A]\nen = \"a\"\n", "[A]: `id` is missing"),
        ("[A]\nid = \"a\"\n", "[A]: `en` is missing"),
        ("[A]\nid = \" \"\nen = \"a\"\n", "[A]: `id` is empty"),
        ("[A]\nid = 1\nen = \"a\"\n", "[A]: `id` is not a string"),
        ("[A]\nid = \"a\"\nen = \"a\"\nfr = \"a\"\n", "[A]: unknown key `fr`"),
        ("title = \"x\"\n", "[title]: not an entry"),
        ("[lower]\nid = \"a\"\nen = \"a\"\n", "[lower]: a name is written LIKE_THIS"),
        ("[ENTRIES]\nid = \"a\"\nen = \"a\"\n", "[ENTRIES]: a name is written LIKE_THIS"),
    ] {
        let said = refusal(source);
        assert!(said.starts_with("texts/x.toml: ") && said.contains(reason), "{source:?}: {said}");
    }
}

#[test]
fn a_duplicate_name_or_broken_toml_is_refused() {
    let twice = refusal("[A]\nid = \"a\"\nen = \"a\"\n[A]\nid = \"b\"\nen = \"b\"\n");
    assert!(twice.starts_with("texts/x.toml: ") && twice.contains("duplicate"), "{twice}");
    assert!(refusal("[A\nid = \"a\"").starts_with("texts/x.toml: "));
}

#[test]
fn placeholders_must_be_the_same_in_both_languages() {
    assert!(rust_for("t", "[A]\nid = \"{opd} {n}\"\nen = \"{n} from {opd}\"\n").is_ok());
    assert_eq!(
        refusal("[A]\nid = \"{n} laporan\"\nen = \"{count} reports\"\n"),
        "texts/x.toml: [A]: the placeholders differ: id has [\"n\"], en has [\"count\"]"
    );
    assert!(refusal("[A]\nid = \"{n}\"\nen = \"reports\"\n").contains("placeholders differ"));
}
