//! The default organisation of a regional government: the OPDs every province and regency starts with
//! (seeded by `migrations/0004_staff.sql`, editable by the instansi admin), and which OPD usually handles a
//! category, so the instansi admin gets a suggestion.

use crate::model::Category;
use crate::FieldError;

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

/// Most rows an OPD import may have.
pub const IMPORT_MAX_ROWS: usize = 500;

/// One OPD of an import: its 1-based line in the file, code and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub line: usize,
    pub code: String,
    pub name: String,
}

/// Splits CSV text into records of fields (RFC 4180: `,` separated, `"` quoted with `""` inside, CRLF or LF),
/// each with its 1-based starting line. `Err(line)` for an unterminated quote.
pub fn csv_records(text: &str) -> Result<Vec<(usize, Vec<String>)>, usize> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let (mut fields, mut cur, mut quoted, mut line, mut start) = (Vec::new(), String::new(), false, 1, 1);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cur.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                cur.push(c);
            }
            (false, '"') if cur.is_empty() => quoted = true,
            (false, ',') => fields.push(std::mem::take(&mut cur)),
            (false, '\r') => {}
            (false, '\n') => {
                fields.push(std::mem::take(&mut cur));
                out.push((start, std::mem::take(&mut fields)));
                line += 1;
                start = line;
            }
            (false, c) => cur.push(c),
        }
    }
    if quoted {
        return Err(start);
    }
    if !cur.is_empty() || !fields.is_empty() {
        fields.push(cur);
        out.push((start, fields));
    }
    Ok(out)
}

/// Reads an OPD list (`code,name` per line; an optional header `code,name` or `kode,nama`; blank lines
/// skipped) for an instansi whose OPD codes are `existing`. Every broken row is reported (field
/// `rows[<line>]`, bilingual message); the import stores nothing unless there is none.
pub fn parse_opd_import(text: &str, existing: &[String]) -> Result<Vec<ImportRow>, Vec<FieldError>> {
    let records = csv_records(text).map_err(|line| {
        vec![FieldError::new(
            &format!("rows[{line}]"),
            "unterminated_quote",
            "tanda kutip tidak ditutup / unterminated quote",
        )]
    })?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (i, (line, rec)) in records.iter().enumerate() {
        let field = format!("rows[{line}]");
        let err = |code: &'static str, msg: String| FieldError::new(&field, code, msg);
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let lower: Vec<String> = rec.iter().map(|f| f.trim().to_lowercase()).collect();
        if i == 0 && (lower == ["code", "name"] || lower == ["kode", "nama"]) {
            continue;
        }
        if rec.len() != 2 {
            errors.push(err(
                "wrong_columns",
                format!(
                    "baris {line}: perlu 2 kolom (kode,nama), ada {} / needs 2 columns (code,name), has {}",
                    rec.len(),
                    rec.len()
                ),
            ));
            continue;
        }
        let (code, name) = (rec[0].trim().to_string(), rec[1].trim().to_string());
        if !is_code(&code) {
            errors.push(err(
                "invalid_code",
                format!("baris {line}: kode \"{code}\" harus 2-40 huruf kecil, angka, - _ . / code must be 2-40 lower-case letters, digits, - _ ."),
            ));
        } else if existing.contains(&code) {
            errors.push(err(
                "code_taken",
                format!("baris {line}: kode {code} sudah dipakai di instansi ini / code already in use"),
            ));
        } else if seen.contains(&code) {
            errors
                .push(err("duplicate_code", format!("baris {line}: kode {code} muncul dua kali / code appears twice")));
        }
        if name.is_empty() {
            errors.push(err("required", format!("baris {line}: nama wajib diisi / name is required")));
        } else if name.chars().count() > 200 {
            errors.push(err(
                "too_long",
                format!("baris {line}: nama maksimal 200 karakter / name has at most 200 characters"),
            ));
        }
        seen.push(code.clone());
        rows.push(ImportRow { line: *line, code, name });
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(FieldError::new("rows", "empty", "tidak ada baris OPD / no OPD rows"));
    }
    if rows.len() > IMPORT_MAX_ROWS {
        errors.push(FieldError::new(
            "rows",
            "too_many",
            format!("maksimal {IMPORT_MAX_ROWS} baris / at most {IMPORT_MAX_ROWS} rows"),
        ));
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opd_import() {
        let ok = "kode,nama\r\ndiskominfo,\"Dinas Komunikasi, Informatika dan Statistik\"\r\n\r\nbappeda,Bappeda\n";
        let rows = parse_opd_import(ok, &["dinkes".into()]).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].line, rows[0].code.as_str()), (2, "diskominfo"));
        assert_eq!(rows[0].name, "Dinas Komunikasi, Informatika dan Statistik");
        assert_eq!(rows[1].line, 4);
        let bad = "code,name\nDinas,Dinas Besar\ndinkes,Dinas Kesehatan\nbappeda,\nbappeda,Bappeda\nsatu,dua,tiga\n";
        let errors = parse_opd_import(bad, &["dinkes".into()]).unwrap_err();
        let got: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            got,
            [
                ("rows[2]", "invalid_code"),
                ("rows[3]", "code_taken"),
                ("rows[4]", "required"),
                ("rows[5]", "duplicate_code"),
                ("rows[6]", "wrong_columns")
            ]
        );
        assert_eq!(parse_opd_import("", &[]).unwrap_err()[0].code, "empty");
        assert_eq!(parse_opd_import("a\"b,c\n", &[]).unwrap_err()[0].code, "invalid_code");
        assert_eq!(parse_opd_import("\"ab,c\n", &[]).unwrap_err()[0].code, "unterminated_quote");
    }

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
