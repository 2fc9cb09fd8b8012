//! Public statistics (open data) pages.

use super::Text;

crate::texts! {
    REGENCY_CITY { id: "Kabupaten/kota", en: "Regency or city" }
    PROVINCE { id: "Provinsi", en: "Province" }
    YEAR { id: "Tahun", en: "Year" }
    MONTH { id: "Bulan", en: "Month" }
    UNKNOWN_YEAR_REGION_CODE { id: "Tahun atau kode wilayah tidak dikenal.", en: "Unknown year or region code." }
    LAPOR_STATISTICS { id: "Statistik LAPOR!", en: "LAPOR! statistics" }
    REGION_CODE { id: "Kode wilayah", en: "Region code" }
    REPORTS { id: "Jumlah laporan", en: "Reports" }
    MEDIAN_TIME_WORK_UNIT_S {
        id: "Median waktu sampai jawaban pertama OPD",
        en: "Median time to the work unit's first answer",
    }
    REPORTS_ANSWERED { id: "laporan dijawab", en: "reports answered" }
    COUNT { id: "Jumlah", en: "Count" }
    DOWNLOAD_OPEN_DATA_CSV { id: "Unduh data terbuka (CSV)", en: "Download open data (CSV)" }
    MINUTES { id: "{m} menit", en: "{m} minutes" }
    HOURS_MINUTES { id: "{h} jam {m} menit", en: "{h} h {m} min" }
    DAYS_HOURS { id: "{d} hari {h} jam", en: "{d} d {h} h" }
}
