//! The text catalogue's data files (`texts/<area>.toml`) turned into Rust constants. Shared by `build.rs` and the
//! catalogue's tests (`tests/texts_files.rs`), so that every refusal below is tested.
//!
//! A file holds an optional `doc = "..."` (the area's doc comment) and one table per entry, in page order:
//! `[NAME]` with `id = "..."` (Bahasa Indonesia), `en = "..."` (English) and an optional `doc = "..."`.

use std::fmt::Write as _;

/// One area's Rust source: a `pub const NAME: Text` per entry, in file order, then `ENTRIES`; and the area's doc.
/// Refuses, naming the entry, a file that is not TOML, a duplicate name, a missing or empty `id`/`en`, an unknown
/// key, a value that is not a string, and a text whose `{placeholder}`s differ between the languages.
pub fn rust_for(file: &str, source: &str) -> Result<(String, String), String> {
    let table: toml::Table = source.parse().map_err(|e| format!("{file}: {e}"))?;
    let (mut out, mut doc, mut names) = (String::new(), String::new(), Vec::new());
    for (name, value) in &table {
        let at = format!("{file}: [{name}]");
        let entry = match value {
            toml::Value::String(s) if name == "doc" => {
                doc = s.clone();
                continue;
            }
            toml::Value::Table(entry) => entry,
            _ => return Err(format!("{at}: not an entry (a table with `id` and `en`); only `doc` may be a string")),
        };
        let constant = name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            && name.starts_with(|c: char| c.is_ascii_uppercase());
        if !constant || name == "ENTRIES" {
            return Err(format!("{at}: a name is written LIKE_THIS (capitals, digits, `_`) and is not `ENTRIES`"));
        }
        if let Some(key) = entry.keys().find(|k| !["id", "en", "doc"].contains(&k.as_str())) {
            return Err(format!("{at}: unknown key `{key}` (an entry has `id`, `en` and maybe `doc`)"));
        }
        let text = |key: &str| match entry.get(key) {
            Some(toml::Value::String(s)) if !s.trim().is_empty() => Ok(s.as_str()),
            Some(toml::Value::String(_)) => Err(format!("{at}: `{key}` is empty")),
            Some(_) => Err(format!("{at}: `{key}` is not a string")),
            None => Err(format!("{at}: `{key}` is missing")),
        };
        let (id, en) = (text("id")?, text("en")?);
        let entry_doc = if entry.contains_key("doc") { text("doc")? } else { en };
        if placeholders(id) != placeholders(en) {
            return Err(format!(
                "{at}: the placeholders differ: id has {:?}, en has {:?}",
                placeholders(id),
                placeholders(en)
            ));
        }
        writeln!(out, "#[doc = {entry_doc:?}]\npub const {name}: Text = Text {{ id: {id:?}, en: {en:?} }};").unwrap();
        names.push(name.as_str());
    }
    writeln!(out, "/// Every entry of this module.\npub const ENTRIES: &[Text] = &[{}];", names.join(", ")).unwrap();
    Ok((out, doc))
}

/// The `{placeholder}` names of a text, sorted (cut as `Text::pieces` cuts them).
pub fn placeholders(text: &str) -> Vec<&str> {
    let (mut names, mut rest) = (Vec::new(), text);
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}').map(|e| start + e) else { break };
        names.push(&rest[start + 1..end]);
        rest = &rest[end + 1..];
    }
    names.sort_unstable();
    names
}
