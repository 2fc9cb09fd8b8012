//! SMS to 1708: what a message means. `<REGION><space or _><report>` is a new report (the region keyword is
//! optional: `KOTA BENGKULU_…`, `KAB BANGKA TENGAH …`, `PROV BENGKULU …` or a bare province name, any case);
//! `#<tracking ID> <text>` is a reply on that report's thread; anything unusable gets the format help.

use std::sync::OnceLock;

use crate::model::{Category, Channel, Kind, Visibility};
use crate::regions::{self, Region};
use crate::report::{Reporter, ValidReport};
use crate::TrackingId;

/// Shortest report body, in characters.
pub const BODY_MIN: usize = 10;
/// Longest report body or reply, in characters (Twilio's limit for a concatenated SMS).
pub const BODY_MAX: usize = 1600;
/// Longest title derived from the body, in characters.
pub const TITLE_LEN: usize = 60;

/// What an inbound SMS asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// A new report; `region` is `None` when the keyword is missing or unknown (the national admin routes it).
    Report { region: Option<Region>, body: String },
    /// A message on the thread of an existing report.
    Reply { tracking_id: TrackingId, text: String },
    /// `#<tracking ID> SELESAI`: the citizen accepts the answer (handled by the follow-up workflow).
    Accept { tracking_id: TrackingId },
    /// Starts with something shaped like a tracking ID (7–10 digits) that is not a valid one.
    InvalidTrackingId,
    /// Nothing usable: the sender gets the format help.
    Help(HelpReason),
}

/// Why a message could not become a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpReason {
    /// No text, or a tracking ID with nothing after it.
    Empty,
    /// Only a region keyword.
    OnlyRegion,
    /// Fewer than [`BODY_MIN`] characters.
    TooShort,
    /// More than [`BODY_MAX`] characters.
    TooLong,
}

fn is_sep(c: char) -> bool {
    c.is_whitespace() || c == '_'
}

/// The words of `text` as byte ranges; words are separated by whitespace or `_`.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_sep(c), start) {
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// A word as compared with region names: upper case, without `-` and `.` (`Toli-Toli` = `TOLITOLI`, `KAB.` = `KAB`).
fn norm(word: &str) -> String {
    word.chars().filter(|c| *c != '-' && *c != '.').flat_map(char::to_uppercase).collect()
}

struct Keyword {
    words: Vec<String>,
    region: Region,
}

fn words_of(name: &str) -> Vec<String> {
    name.split_whitespace().map(norm).collect()
}

/// Every region keyword, longest first, built once per instance.
fn keywords() -> &'static [Keyword] {
    static KEYWORDS: OnceLock<Vec<Keyword>> = OnceLock::new();
    KEYWORDS.get_or_init(|| {
        let mut out = Vec::new();
        let mut add = |phrase: String, region: Region| out.push(Keyword { words: words_of(&phrase), region });
        for r in regions::regencies() {
            let (prefixes, rest): (&[&str], &str) = if let Some(rest) = r.name.strip_prefix("Kabupaten ") {
                (&["KABUPATEN", "KAB"], rest)
            } else if let Some(rest) = r.name.strip_prefix("Kota ") {
                (&["KOTA"], rest)
            } else {
                (&[], r.name)
            };
            let short = rest.strip_prefix("Administrasi ");
            for p in prefixes {
                add(format!("{p} {rest}"), *r);
                if let Some(short) = short {
                    add(format!("{p} {short}"), *r);
                }
            }
        }
        for r in regions::provinces() {
            let mut names = vec![r.name.to_string()];
            if let Some(rest) = r.name.strip_prefix("Daerah Khusus Ibukota ") {
                names.extend([format!("DKI {rest}"), rest.to_string()]);
            }
            if let Some(rest) = r.name.strip_prefix("Daerah Istimewa ") {
                names.extend([format!("DI {rest}"), "DIY".to_string(), rest.to_string()]);
            }
            for n in names {
                add(format!("PROV {n}"), *r);
                add(format!("PROVINSI {n}"), *r);
                add(n, *r);
            }
        }
        out.sort_by_key(|k| std::cmp::Reverse(k.words.len()));
        out
    })
}

/// The region keyword at the start of `text`, if any: the region and the number of words it took.
/// The longest keyword wins (`KAB BANGKA TENGAH` over `KAB BANGKA`).
pub fn match_region(text: &str) -> Option<(Region, usize)> {
    let words: Vec<String> = word_spans(text).iter().take(8).map(|&(s, e)| norm(&text[s..e])).collect();
    keywords()
        .iter()
        .find(|k| k.words.len() <= words.len() && k.words.iter().zip(&words).all(|(a, b)| a == b))
        .map(|k| (k.region, k.words.len()))
}

/// Whether a word is shaped like a tracking ID: an optional `#` and 7 to 10 digits.
fn looks_like_id(word: &str) -> bool {
    let digits = word.strip_prefix('#').unwrap_or(word);
    (7..=10).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The text after the first `n` words, trimmed.
fn after_words(text: &str, spans: &[(usize, usize)], n: usize) -> String {
    let from = if n == 0 { 0 } else { spans[n - 1].1 };
    text[from..].trim_matches(is_sep).to_string()
}

fn check_len(body: String, min: usize) -> Result<String, HelpReason> {
    let n = body.chars().count();
    if n == 0 {
        Err(HelpReason::Empty)
    } else if n < min {
        Err(HelpReason::TooShort)
    } else if n > BODY_MAX {
        Err(HelpReason::TooLong)
    } else {
        Ok(body)
    }
}

/// Splits an optional region keyword off the start of `text` (the same grammar as an SMS, also used for
/// posts on X): the region, if any, and the rest of the text.
pub fn split_region(text: &str) -> (Option<Region>, String) {
    let text = text.trim();
    match match_region(text) {
        Some((region, n)) => (Some(region), after_words(text, &word_spans(text), n)),
        None => (None, text.to_string()),
    }
}

/// Reads an inbound SMS.
pub fn parse(text: &str) -> Parsed {
    let text = text.trim();
    let spans = word_spans(text);
    let Some(&(s, e)) = spans.first() else { return Parsed::Help(HelpReason::Empty) };
    let first = &text[s..e];
    if looks_like_id(first) {
        let Some(tracking_id) = TrackingId::parse(first) else { return Parsed::InvalidTrackingId };
        let rest = after_words(text, &spans, 1);
        if rest.eq_ignore_ascii_case("selesai") {
            return Parsed::Accept { tracking_id };
        }
        return match check_len(rest, 1) {
            Ok(text) => Parsed::Reply { tracking_id, text },
            Err(reason) => Parsed::Help(reason),
        };
    }
    let (region, body) = split_region(text);
    if region.is_some() && body.is_empty() {
        return Parsed::Help(HelpReason::OnlyRegion);
    }
    match check_len(body, BODY_MIN) {
        Ok(body) => Parsed::Report { region, body },
        Err(reason) => Parsed::Help(reason),
    }
}

/// A title from the start of the body: its first line, cut at a word boundary to [`TITLE_LEN`] characters.
pub fn title(body: &str) -> String {
    let line = body.lines().next().unwrap_or("").trim();
    if line.chars().count() <= TITLE_LEN {
        return line.to_string();
    }
    let cut: String = line.chars().take(TITLE_LEN - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > TITLE_LEN / 2 => cut[..i].trim_end().to_string(),
        _ => cut,
    };
    format!("{cut}…")
}

/// The report an SMS makes: a public complaint in category `lainnya` with the sender's number (E.164) as the
/// only personal data; the verifier may ask for more.
pub fn report(region: Option<Region>, body: &str, phone_e164: &str) -> ValidReport {
    ValidReport {
        kind: Kind::Pengaduan,
        title: title(body),
        body: body.to_string(),
        category: Category::Lainnya,
        incident_date: None,
        location_text: None,
        lat: None,
        lon: None,
        region_code: region.map(|r| r.code.to_string()),
        target_instansi: None,
        visibility: Visibility::Public,
        channel: Channel::Sms,
        reporter: Reporter { phone: Some(phone_e164.to_string()), ..Reporter::default() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region_of(text: &str) -> Option<(&'static str, String)> {
        match parse(text) {
            Parsed::Report { region, body } => Some((region.map_or("", |r| r.code), body)),
            other => panic!("{text:?} parsed as {other:?}"),
        }
    }

    #[test]
    fn regency_keywords_with_underscore_or_space() {
        assert_eq!(
            region_of("KOTA BENGKULU_jalan berlubang di depan SDN 5"),
            Some(("17.71", "jalan berlubang di depan SDN 5".into()))
        );
        assert_eq!(region_of("KAB BANGKA TENGAH puskesmas tutup"), Some(("19.04", "puskesmas tutup".into())));
        assert_eq!(region_of("kabupaten   bangka tengah   puskesmas tutup"), Some(("19.04", "puskesmas tutup".into())));
    }

    #[test]
    fn longest_keyword_wins() {
        let (bangka, _) = region_of("KAB BANGKA jalan rusak parah").unwrap();
        let (tengah, _) = region_of("KAB BANGKA TENGAH jalan rusak parah").unwrap();
        assert_eq!(regions::find(bangka).unwrap().name, "Kabupaten Bangka");
        assert_eq!(regions::find(tengah).unwrap().name, "Kabupaten Bangka Tengah");
        let (papua_bd, _) = region_of("PAPUA BARAT DAYA listrik padam terus").unwrap();
        assert_eq!(regions::find(papua_bd).unwrap().name, "Papua Barat Daya");
    }

    #[test]
    fn province_keywords() {
        assert_eq!(region_of("PROV BENGKULU gaji honorer telat"), Some(("17", "gaji honorer telat".into())));
        assert_eq!(region_of("Provinsi Bengkulu_gaji honorer telat").unwrap().0, "17");
        assert_eq!(region_of("bengkulu gaji honorer telat").unwrap().0, "17");
        assert_eq!(region_of("DKI JAKARTA banjir tidak surut").unwrap().0, "31");
        assert_eq!(region_of("KOTA JAKARTA SELATAN banjir tidak surut").unwrap().0, "31.74");
        assert_eq!(region_of("KAB TOLI-TOLI jembatan putus").unwrap().0, "72.04");
    }

    #[test]
    fn unknown_or_missing_region_keeps_the_whole_text() {
        assert_eq!(region_of("KOTA ANTAH BERANTAH jalan rusak"), Some(("", "KOTA ANTAH BERANTAH jalan rusak".into())));
        assert_eq!(region_of("jalan berlubang di depan SDN 5"), Some(("", "jalan berlubang di depan SDN 5".into())));
    }

    #[test]
    fn keywords_are_unambiguous() {
        let mut seen = std::collections::HashMap::new();
        for k in keywords() {
            if let Some(other) = seen.insert(k.words.clone(), k.region.code) {
                assert_eq!(other, k.region.code, "{:?} names two regions", k.words);
            }
        }
        assert!(seen.len() > regions::regencies().len() + regions::provinces().len());
    }

    #[test]
    fn format_help_cases() {
        assert_eq!(parse("   "), Parsed::Help(HelpReason::Empty));
        assert_eq!(parse("KOTA BENGKULU"), Parsed::Help(HelpReason::OnlyRegion));
        assert_eq!(parse("KOTA BENGKULU_  "), Parsed::Help(HelpReason::OnlyRegion));
        assert_eq!(parse("rusak"), Parsed::Help(HelpReason::TooShort));
        assert_eq!(parse(&"a".repeat(BODY_MAX + 1)), Parsed::Help(HelpReason::TooLong));
        assert!(matches!(parse(&"a".repeat(BODY_MAX)), Parsed::Report { .. }));
    }

    #[test]
    fn tracking_id_messages() {
        let id = TrackingId::from_random([9; 8]);
        assert_eq!(
            parse(&format!("#{id} belum selesai, jalan masih rusak")),
            Parsed::Reply { tracking_id: id.clone(), text: "belum selesai, jalan masih rusak".into() }
        );
        assert_eq!(parse(&format!("{id} ok")), Parsed::Reply { tracking_id: id.clone(), text: "ok".into() });
        assert_eq!(parse(&format!("#{id} selesai")), Parsed::Accept { tracking_id: id.clone() });
        assert_eq!(parse(&format!("#{id}")), Parsed::Help(HelpReason::Empty));
        assert_eq!(parse("#1234567 belum selesai"), Parsed::InvalidTrackingId);
        let mut typo = id.as_str().to_string().into_bytes();
        typo[3] = b'0' + (typo[3] - b'0' + 1) % 10;
        assert_eq!(parse(&format!("{} tolong", String::from_utf8(typo).unwrap())), Parsed::InvalidTrackingId);
        // Short numbers are part of an ordinary report.
        assert!(matches!(parse("2024 jalan rusak belum diperbaiki"), Parsed::Report { .. }));
    }

    #[test]
    fn titles_are_short_and_cut_at_words() {
        assert_eq!(title("puskesmas tutup\nsejak senin"), "puskesmas tutup");
        let long = "jalan berlubang besar di depan sekolah dasar negeri lima yang sudah lama tidak diperbaiki";
        let t = title(long);
        assert!(t.chars().count() <= TITLE_LEN, "{t}");
        assert!(t.ends_with('…'));
        assert!(long.starts_with(t.trim_end_matches('…')));
    }

    #[test]
    fn sms_report_carries_only_the_phone() {
        let r = report(regions::find("17.71"), "jalan berlubang di depan SDN 5", "+6281234567890");
        assert_eq!(r.channel, Channel::Sms);
        assert_eq!(r.kind, Kind::Pengaduan);
        assert_eq!(r.category, Category::Lainnya);
        assert_eq!(r.visibility, Visibility::Public);
        assert_eq!(r.region_code.as_deref(), Some("17.71"));
        assert_eq!(r.reporter, Reporter { phone: Some("+6281234567890".into()), ..Reporter::default() });
    }
}
