//! The bilingual text catalogue: every text the pages show, in Bahasa Indonesia (`id`) and English (`en`), one
//! named entry per text, one module per page area. Pages pick a language with `lapor_spin::html::Lang::t`.
//!
//! A text that carries values names them as `{placeholder}`s in both languages (the same names, in whatever order
//! each language needs) and is filled by [`Text::fill`] (or `Lang::fill`): one whole sentence per entry, never a
//! sentence glued together from halves.

pub mod accounts;
pub mod common;
pub mod console;
pub mod dispatch;
pub mod intake;
pub mod offline;
pub mod oversight;
pub mod rapot;
pub mod report;
pub mod stats;

use std::fmt::Display;

/// One text in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

    /// The text in one language with each `{name}` replaced by its value from `values`.
    pub fn fill(self, english: bool, values: &[(&str, &dyn Display)]) -> String {
        let mut out = self.pick(english).to_string();
        for (name, value) in values {
            out = out.replace(&format!("{{{name}}}"), &value.to_string());
        }
        out
    }

    /// The `{placeholder}` names in one language's text, in order of appearance.
    pub fn placeholders(text: &str) -> Vec<&str> {
        let mut names = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find('{') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('}') else { break };
            names.push(&after[..end]);
            rest = &after[end + 1..];
        }
        names
    }
}

/// A domain label pair `(Bahasa Indonesia, English)` as the core's enums give it (`Status::labels`,
/// `MediationOutcome::labels`, ...).
impl From<(&'static str, &'static str)> for Text {
    fn from((id, en): (&'static str, &'static str)) -> Text {
        Text { id, en }
    }
}

/// Declares a module's entries as `pub const NAME: Text` and lists them all in `ENTRIES` (for the catalogue's tests).
#[macro_export]
macro_rules! texts {
    ($($name:ident { id: $id:literal, en: $en:literal $(,)? })*) => {
        $(
            #[doc = $en]
            pub const $name: Text = Text { id: $id, en: $en };
        )*
        /// Every entry of this module.
        pub const ENTRIES: &[Text] = &[$($name),*];
    };
}

/// Every entry of the catalogue, module by module.
pub fn all() -> impl Iterator<Item = Text> {
    [
        accounts::ENTRIES,
        common::ENTRIES,
        console::ENTRIES,
        dispatch::ENTRIES,
        intake::ENTRIES,
        offline::ENTRIES,
        oversight::ENTRIES,
        rapot::ENTRIES,
        report::ENTRIES,
        stats::ENTRIES,
    ]
    .into_iter()
    .flatten()
    .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_has_both_languages_and_the_same_placeholders() {
        for t in all() {
            assert!(!t.id.trim().is_empty() && !t.en.trim().is_empty(), "{t:?}");
            let mut id = Text::placeholders(t.id);
            let mut en = Text::placeholders(t.en);
            id.sort_unstable();
            en.sort_unstable();
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
        assert_eq!(Text::placeholders("a {x} b {y}"), ["x", "y"]);
    }
}
