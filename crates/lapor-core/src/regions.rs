//! Indonesian administrative areas (provinces, regencies/cities, districts) from the vendored idn-area data
//! (ODbL; see data/idn-area/), and the time zone each province keeps.

/// A province (`17`) or a regency/city (`17.71`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// `17` for a province, `17.71` for a regency or city.
    pub code: &'static str,
    /// Official name, e.g. `Kota Bengkulu`, `Kabupaten Bangka Tengah`, `Bengkulu`.
    pub name: &'static str,
    /// The province code (itself for a province).
    pub province_code: &'static str,
}

impl Region {
    /// Whether this is a province (not a regency or city).
    pub fn is_province(&self) -> bool {
        self.code == self.province_code
    }

    /// The time zone the region keeps.
    pub fn time_zone(&self) -> TimeZone {
        TimeZone::of_province(self.province_code)
    }
}

// PROVINCES, REGENCIES and DISTRICTS, generated from the CSV files by build.rs.
include!(concat!(env!("OUT_DIR"), "/regions_data.rs"));

/// All 38 provinces, in code order.
pub fn provinces() -> &'static [Region] {
    &PROVINCES
}

/// All 514 regencies and cities, in code order.
pub fn regencies() -> &'static [Region] {
    &REGENCIES
}

/// Looks a province or regency up by code (`17` or `17.71`).
pub fn find(code: &str) -> Option<Region> {
    PROVINCES.iter().chain(REGENCIES.iter()).find(|r| r.code == code).copied()
}

/// [`find`] for an input named `field`: the region, or the field error that says the code is unknown.
pub fn known(field: &str, code: &str) -> Result<Region, crate::FieldError> {
    find(code).ok_or_else(|| {
        crate::FieldError::new(field, "unknown_region", "kode wilayah tidak dikenal / unknown region code")
    })
}

/// Whether `code` (six digits, no dots, e.g. `177101`) is a district (kecamatan) in the data.
pub fn is_district(code: &str) -> bool {
    code.len() == 6
        && code.bytes().all(|b| b.is_ascii_digit())
        && code.parse::<u32>().is_ok_and(|n| DISTRICTS.binary_search(&n).is_ok())
}

/// Indonesia's three time zones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeZone {
    /// Waktu Indonesia Barat, UTC+7.
    Wib,
    /// Waktu Indonesia Tengah, UTC+8.
    Wita,
    /// Waktu Indonesia Timur, UTC+9.
    Wit,
}

impl TimeZone {
    /// The zone of a province, by its code.
    pub fn of_province(province_code: &str) -> TimeZone {
        match province_code {
            // Bali, Nusa Tenggara, South/East/North Kalimantan, all of Sulawesi.
            "51" | "52" | "53" | "63" | "64" | "65" | "71" | "72" | "73" | "74" | "75" | "76" => TimeZone::Wita,
            // Maluku and Papua.
            "81" | "82" | "91" | "92" | "93" | "94" | "95" | "96" => TimeZone::Wit,
            // Sumatra, Riau Islands, Java, West and Central Kalimantan; also the national default.
            _ => TimeZone::Wib,
        }
    }

    /// Offset from UTC in hours.
    pub fn utc_offset_hours(self) -> i32 {
        match self {
            TimeZone::Wib => 7,
            TimeZone::Wita => 8,
            TimeZone::Wit => 9,
        }
    }

    /// Reads an abbreviation as stored (`WIB`, `WITA`, `WIT`); anything else is the national default, WIB.
    pub fn from_abbreviation(name: &str) -> TimeZone {
        match name {
            "WITA" => TimeZone::Wita,
            "WIT" => TimeZone::Wit,
            _ => TimeZone::Wib,
        }
    }

    /// The abbreviation shown to people.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeZone::Wib => "WIB",
            TimeZone::Wita => "WITA",
            TimeZone::Wit => "WIT",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendored_data_is_complete() {
        assert_eq!(provinces().len(), 38);
        assert_eq!(regencies().len(), 514);
        assert_eq!(DISTRICTS.len(), 7285);
        assert!(DISTRICTS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn finds_regencies_and_provinces() {
        let r = find("19.04").unwrap();
        assert_eq!(r.name, "Kabupaten Bangka Tengah");
        assert_eq!(r.province_code, "19");
        assert!(!r.is_province());
        assert!(find("17").unwrap().is_province());
        assert_eq!(find("99.99"), None);
    }

    #[test]
    fn district_codes() {
        assert!(is_district("177101"));
        assert!(is_district("110101"));
        assert!(!is_district("179999"));
        assert!(!is_district("17710"));
        assert!(!is_district("17.71.01"));
    }

    #[test]
    fn time_zones() {
        assert_eq!(find("31").unwrap().time_zone(), TimeZone::Wib);
        assert_eq!(find("51").unwrap().time_zone(), TimeZone::Wita);
        assert_eq!(find("94").unwrap().time_zone(), TimeZone::Wit);
        assert_eq!(find("19.04").unwrap().time_zone().utc_offset_hours(), 7);
        for tz in [TimeZone::Wib, TimeZone::Wita, TimeZone::Wit] {
            assert_eq!(TimeZone::from_abbreviation(tz.as_str()), tz);
        }
        assert_eq!(TimeZone::from_abbreviation(""), TimeZone::Wib);
    }
}
