//! The public search of reports: words typed by anyone, turned into a safe SQLite FTS5 query (an index
//! lookup, never a scan of every title and body), and the bound on how deep the public list pages.

/// Most words of a search that count.
pub const MAX_TERMS: usize = 8;
/// Longest word, in characters.
pub const MAX_TERM_CHARS: usize = 40;
/// Deepest page of the public list (deeper pages would make the database skip ever more rows; a search or
/// a filter narrows instead).
pub const MAX_PAGE: i64 = 50;

/// The FTS5 query for what was typed: every word must occur (in the title or the body, any case, any
/// diacritics), the last one also as the start of a longer word. Words are letters and digits only, each in
/// double quotes, so nothing typed is ever FTS5 syntax. `None` when no word is left.
pub fn fts_query(typed: &str) -> Option<String> {
    let terms: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(MAX_TERMS)
        .map(|t| t.chars().take(MAX_TERM_CHARS).collect())
        .collect();
    let last = terms.len().checked_sub(1)?;
    Some(
        terms
            .iter()
            .enumerate()
            .map(|(i, t)| if i == last && t.chars().count() >= 3 { format!("\"{t}\"*") } else { format!("\"{t}\"") })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_quoted_terms() {
        assert_eq!(fts_query("puskesmas Koba").as_deref(), Some("\"puskesmas\" \"Koba\"*"));
        assert_eq!(fts_query("  jalan,   berlubang!").as_deref(), Some("\"jalan\" \"berlubang\"*"));
        assert_eq!(fts_query("di").as_deref(), Some("\"di\""));
    }

    #[test]
    fn syntax_is_never_passed_through() {
        let q = fts_query("\"a\" OR title:* NEAR(x y) -z ^w").unwrap();
        assert_eq!(q, "\"a\" \"OR\" \"title\" \"NEAR\" \"x\" \"y\" \"z\" \"w\"");
        assert_eq!(fts_query("%%% ***"), None);
        assert_eq!(fts_query(""), None);
    }

    #[test]
    fn bounded() {
        let many = "kata ".repeat(100);
        assert_eq!(fts_query(&many).unwrap().matches('"').count(), 2 * MAX_TERMS);
        let long = "a".repeat(1000);
        assert_eq!(fts_query(&long).unwrap().len(), MAX_TERM_CHARS + 3);
    }
}
