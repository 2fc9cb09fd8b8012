//! The bilingual text catalogue: every text the pages show, in Bahasa Indonesia (`id`) and English (`en`), one
//! named entry per text, one module per page area. Pages pick a language with `lapor_spin::html::Lang::t`.
//!
//! A text that carries values names them as `{placeholder}`s in both languages (the same names, in whatever order
//! each language needs) and is filled by [`Text::fill`] (or `Lang::fill`): one whole sentence per entry, never a
//! sentence glued together from halves.
//!
//! The entries live in data files, one per area, `crates/lapor-core/texts/<area>.toml`, which `build.rs` turns into
//! the constants below (`pub const NAME: Text` and `ENTRIES`), refusing a file with a missing, empty or unknown key
//! or placeholders that differ between the languages.

/// Declares each area's module from its generated files, and [`all`] over them.
macro_rules! areas {
    ($($area:ident)*) => {
        $(
            #[doc = include_str!(concat!(env!("OUT_DIR"), "/texts_", stringify!($area), ".md"))]
            pub mod $area {
                use super::Text;
                include!(concat!(env!("OUT_DIR"), "/texts_", stringify!($area), ".rs"));
            }
        )*

        /// Every entry of the catalogue, module by module.
        pub fn all() -> impl Iterator<Item = Text> {
            [$($area::ENTRIES),*].into_iter().flatten().copied()
        }
    };
}

areas!(accounts common console dispatch intake offline oversight rapot report stats);

use std::fmt::Display;

/// One text in both languages (as JSON `{"id": ..., "en": ...}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Text {
    /// Bahasa Indonesia.
    pub id: &'static str,
    /// English.
    pub en: &'static str,
}

impl Text {
    /// The text in English when `english`, else in Bahasa Indonesia.
    pub const fn pick(self, english: bool) -> &'static str {
        if english {
            self.en
        } else {
            self.id
        }
    }

    /// Both languages in one line, `"<id> / <en>"`: the message of an API error.
    pub fn both(self) -> String {
        format!("{} / {}", self.id, self.en)
    }

    /// The text in one language with each `{name}` replaced by its value from `values` (a placeholder without a
    /// value stays as written).
    pub fn fill(self, english: bool, values: &[(&str, &dyn Display)]) -> String {
        let mut out = String::new();
        for piece in self.pieces(english) {
            match piece {
                Piece::Words(w) => out.push_str(w),
                Piece::Value(name) => match values.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => out.push_str(&v.to_string()),
                    None => out.push_str(&format!("{{{name}}}")),
                },
            }
        }
        out
    }

    /// The text in one language cut into words and `{placeholder}`s, in order: what [`Text::fill`] fills, and
    /// what a page fills with markup (`Lang::fill_html`).
    pub fn pieces(self, english: bool) -> Vec<Piece> {
        let mut pieces = Vec::new();
        let mut rest = self.pick(english);
        while let Some(start) = rest.find('{') {
            let Some(end) = rest[start..].find('}').map(|e| start + e) else { break };
            if start > 0 {
                pieces.push(Piece::Words(&rest[..start]));
            }
            pieces.push(Piece::Value(&rest[start + 1..end]));
            rest = &rest[end + 1..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Words(rest));
        }
        pieces
    }
}

/// A piece of a text in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Words as written.
    Words(&'static str),
    /// A `{placeholder}`, by name.
    Value(&'static str),
}

/// A domain label pair `(Bahasa Indonesia, English)` as the core's enums give it (`Status::labels`,
/// `MediationOutcome::labels`, ...).
impl From<(&'static str, &'static str)> for Text {
    fn from((id, en): (&'static str, &'static str)) -> Text {
        Text { id, en }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_has_both_languages_and_the_same_placeholders() {
        for t in all() {
            assert!(!t.id.trim().is_empty() && !t.en.trim().is_empty(), "{t:?}");
            let names = |english| {
                let mut names: Vec<_> = t
                    .pieces(english)
                    .into_iter()
                    .filter_map(|p| if let Piece::Value(n) = p { Some(n) } else { None })
                    .collect();
                names.sort_unstable();
                names
            };
            let (id, en) = (names(false), names(true));
            assert_eq!(id, en, "placeholders differ: {t:?}");
        }
    }

    #[test]
    fn the_same_pair_is_one_entry() {
        let mut seen = std::collections::HashSet::new();
        for t in all() {
            assert!(seen.insert((t.id, t.en)), "entered twice: {t:?}");
        }
    }

    #[test]
    fn fill_replaces_every_placeholder_in_either_language() {
        let t = Text { id: "{n} laporan dari {opd}", en: "{n} reports from {opd}" };
        assert_eq!(t.fill(false, &[("n", &3), ("opd", &"Dinas PU")]), "3 laporan dari Dinas PU");
        assert_eq!(t.fill(true, &[("opd", &"Dinas PU"), ("n", &3)]), "3 reports from Dinas PU");
        assert_eq!(t.fill(true, &[("n", &1)]), "1 reports from {opd}");
        let link = Text { id: "Buka {url} sekarang", en: "{url}" };
        assert_eq!(link.pieces(false), [Piece::Words("Buka "), Piece::Value("url"), Piece::Words(" sekarang")]);
        assert_eq!(link.pieces(true), [Piece::Value("url")]);
    }
}
