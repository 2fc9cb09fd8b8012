//! NIK (Nomor Induk Kependudukan), the 16-digit population number: digits 1–6 are the district
//! (kecamatan) code, 7–12 the birth date DDMMYY with 40 added to the day for women, 13–16 a serial
//! that is never 0000.

use chrono::NaiveDate;

use crate::regions;

/// Why a NIK is not well formed. Each has a stable code for API errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NikError {
    /// Not exactly 16 characters.
    WrongLength,
    /// Contains something other than digits.
    NotDigits,
    /// The first six digits are not a district in the area data.
    UnknownDistrict,
    /// Digits 7–12 are not a date (after taking 40 off the day for women).
    ImpossibleBirthDate,
    /// The serial (digits 13–16) is 0000.
    ZeroSerial,
}

impl NikError {
    /// Stable code for API errors.
    pub fn code(self) -> &'static str {
        match self {
            NikError::WrongLength => "nik_wrong_length",
            NikError::NotDigits => "nik_not_digits",
            NikError::UnknownDistrict => "nik_unknown_district",
            NikError::ImpossibleBirthDate => "nik_impossible_birth_date",
            NikError::ZeroSerial => "nik_zero_serial",
        }
    }

    /// Explanation for people.
    pub fn message(self) -> &'static str {
        match self {
            NikError::WrongLength => "NIK harus 16 digit / NIK must be 16 digits",
            NikError::NotDigits => "NIK hanya berisi angka / NIK must contain digits only",
            NikError::UnknownDistrict => {
                "Enam digit pertama NIK bukan kode kecamatan yang dikenal / the first six digits are not a known district code"
            }
            NikError::ImpossibleBirthDate => {
                "Tanggal lahir dalam NIK tidak mungkin / the birth date in the NIK is impossible"
            }
            NikError::ZeroSerial => "Nomor urut NIK tidak boleh 0000 / the NIK serial cannot be 0000",
        }
    }
}

/// What a well-formed NIK says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NikInfo {
    /// District code without dots, e.g. `177101`.
    pub district: String,
    /// Whether the day carries the +40 offset for women.
    pub female: bool,
    /// Day and month of birth (the century is not in the NIK).
    pub birth_day_month: (u32, u32),
}

/// Validates a NIK's form. Spaces are not accepted: the caller trims input first.
pub fn validate(nik: &str) -> Result<NikInfo, NikError> {
    if nik.chars().count() != 16 {
        return Err(NikError::WrongLength);
    }
    if !nik.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NikError::NotDigits);
    }
    let district = &nik[0..6];
    if !regions::is_district(district) {
        return Err(NikError::UnknownDistrict);
    }
    let num = |r: std::ops::Range<usize>| nik[r].parse::<u32>().unwrap_or(0);
    let (raw_day, month, yy) = (num(6..8), num(8..10), num(10..12));
    let (day, female) = if raw_day > 40 { (raw_day - 40, true) } else { (raw_day, false) };
    // The century is not written down: the date must exist in 19YY or in 20YY (29 February).
    let exists = [1900, 2000].iter().any(|c| NaiveDate::from_ymd_opt((c + yy) as i32, month, day).is_some());
    if !exists {
        return Err(NikError::ImpossibleBirthDate);
    }
    if &nik[12..16] == "0000" {
        return Err(NikError::ZeroSerial);
    }
    Ok(NikInfo { district: district.to_string(), female, birth_day_month: (day, month) })
}

#[cfg(test)]
mod tests {
    use super::*;

    // 177101 = Kecamatan Selebar, Kota Bengkulu.
    #[test]
    fn accepts_a_well_formed_nik() {
        let info = validate("1771011708900001").unwrap();
        assert_eq!(info.district, "177101");
        assert!(!info.female);
        assert_eq!(info.birth_day_month, (17, 8));
    }

    #[test]
    fn female_day_offset() {
        let info = validate("1771015708900001").unwrap();
        assert!(info.female);
        assert_eq!(info.birth_day_month, (17, 8));
        // 71 = 31 + 40 is the highest female day; 72 is impossible.
        assert!(validate("1771017101900001").is_ok());
        assert_eq!(validate("1771017201900001"), Err(NikError::ImpossibleBirthDate));
    }

    #[test]
    fn wrong_length() {
        assert_eq!(validate("177101170890001"), Err(NikError::WrongLength));
        assert_eq!(validate("17710117089000011"), Err(NikError::WrongLength));
        assert_eq!(validate(""), Err(NikError::WrongLength));
    }

    #[test]
    fn not_digits() {
        assert_eq!(validate("17710117089O0001"), Err(NikError::NotDigits));
        assert_eq!(validate("1771-01708900001"), Err(NikError::NotDigits));
    }

    #[test]
    fn unknown_district() {
        assert_eq!(validate("9999991708900001"), Err(NikError::UnknownDistrict));
        assert_eq!(validate("1771991708900001"), Err(NikError::UnknownDistrict));
    }

    #[test]
    fn impossible_dates() {
        for nik in [
            "1771013102900001", // 31 February
            "1771010008900001", // day 0
            "1771013508900001", // day 35 is neither a man's nor a woman's day
            "1771011713900001", // month 13
            "1771011700900001", // month 0
            "1771014008900001", // 40 = day 0 for a woman
        ] {
            assert_eq!(validate(nik), Err(NikError::ImpossibleBirthDate), "{nik}");
        }
    }

    #[test]
    fn leap_day_needs_a_leap_year_in_one_century() {
        assert!(validate("1771012902000001").is_ok()); // 29-02-2000
        assert!(validate("1771012902960001").is_ok()); // 29-02-1996
        assert_eq!(validate("1771012902970001"), Err(NikError::ImpossibleBirthDate));
    }

    #[test]
    fn zero_serial() {
        assert_eq!(validate("1771011708900000"), Err(NikError::ZeroSerial));
    }
}
