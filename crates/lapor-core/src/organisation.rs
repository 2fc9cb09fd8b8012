//! The default organisation of a regional government: the OPDs every province and regency starts with
//! (seeded by `migrations/0004_staff.sql`, editable by the instansi admin), and which OPD usually handles a
//! category, so the instansi admin gets a suggestion.

use crate::model::Category;

/// The default OPDs of a regional instansi: (code, name). The Inspektorat is seeded beside them.
pub const DEFAULT_OPDS: &[(&str, &str)] = &[
    ("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("dinkes", "Dinas Kesehatan"),
    ("disdik", "Dinas Pendidikan"),
    ("dishub", "Dinas Perhubungan"),
    ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"),
    ("dlh", "Dinas Lingkungan Hidup"),
    ("dinsos", "Dinas Sosial"),
    ("satpolpp", "Satuan Polisi Pamong Praja"),
];

/// Code of the Inspektorat OPD every instansi has.
pub const INSPEKTORAT_CODE: &str = "inspektorat";

/// The code of the default OPD that usually handles `category`, if one does.
pub fn suggested_opd_code(category: Category) -> Option<&'static str> {
    match category {
        Category::Infrastruktur => Some("dpupr"),
        Category::Kesehatan => Some("dinkes"),
        Category::Pendidikan => Some("disdik"),
        Category::Transportasi => Some("dishub"),
        Category::Kependudukan => Some("disdukcapil"),
        Category::Kepegawaian => Some("bkpsdm"),
        Category::Lingkungan => Some("dlh"),
        Category::Sosial => Some("dinsos"),
        Category::Ketertiban => Some("satpolpp"),
        Category::Lainnya => None,
    }
}

/// Whether an OPD or instansi code is well formed: 2–40 lower-case letters, digits, `-`, `_` or `.`.
pub fn is_code(s: &str) -> bool {
    (2..=40).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_' || b == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_suggestion_is_a_default_opd() {
        for c in Category::ALL {
            if let Some(code) = suggested_opd_code(*c) {
                assert!(DEFAULT_OPDS.iter().any(|(k, _)| *k == code), "{code}");
            }
        }
    }

    #[test]
    fn codes() {
        assert!(is_code("dpupr") && is_code("kemenkes") && is_code("pemda-19.04"));
        assert!(!is_code("A") && !is_code("Dinas Kesehatan"));
    }
}
