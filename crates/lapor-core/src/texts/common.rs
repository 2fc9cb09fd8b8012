//! Texts shared by several page areas: the page frame, error pages, words used everywhere.

use super::Text;

crate::texts! {
    RELOAD_PAGE_SEND_AGAIN { id: "Muat ulang halaman lalu kirim lagi.", en: "Reload the page and send it again." }
    FORM_EXPIRED { id: "Formulir kedaluwarsa", en: "Form expired" }
    NOT_ALLOWED { id: "Tidak diizinkan", en: "Not allowed" }
    ACTION_REFUSED { id: "Tindakan ditolak", en: "Action refused" }
    BACK { id: "Kembali", en: "Back" }
    NOTICES { id: "Pemberitahuan", en: "Notices" }
    REPORT { id: "Laporan", en: "Report" }
    STATUS { id: "Status", en: "Status" }
    FOLLOW_UP_OVERSIGHT { id: "Pengawasan tindak lanjut", en: "Follow-up oversight" }
    NUMBER { id: "Nomor", en: "Number" }
    TITLE { id: "Judul", en: "Title" }
    OMBUDSMAN_MEDIATION { id: "Mediasi Ombudsman", en: "Ombudsman mediation" }
    NO_REPORTS { id: "Tidak ada laporan.", en: "No reports." }
    MEDIATION { id: "Mediasi", en: "Mediation" }
    GOVERNMENT_BODY { id: "Instansi", en: "Government body" }
    DISPATCH_BOARD { id: "Papan disposisi", en: "Dispatch board" }
    DUE { id: "Batas tahap ini", en: "Due" }
    OPD_INBOX { id: "Kotak masuk OPD", en: "OPD inbox" }
    NOT_FOUND { id: "Tidak ditemukan", en: "Not found" }
    INVALID_INPUT { id: "Data tidak valid", en: "Invalid input" }
    SHOW { id: "Tampilkan", en: "Show" }
    OPD_REPORT_CARD { id: "Rapor OPD", en: "OPD report card" }
    BY { id: "Oleh", en: "By" }
    CATEGORY { id: "Kategori", en: "Category" }
    CHANNEL { id: "Kanal", en: "Channel" }
    COLOUR { id: "Warna", en: "Colour" }
    INVALID_FILTER { id: "Filter tidak valid", en: "Invalid filter" }
    NAME { id: "Nama", en: "Name" }
    OMBUDSMAN { id: "Ombudsman", en: "Ombudsman" }
    STAFF_HOME { id: "Beranda petugas", en: "Staff home" }
    ENTER_OFFLINE_COMPLAINT { id: "Catat pengaduan luring", en: "Enter an offline complaint" }
    PAGE_NOT_FOUND { id: "Halaman tidak ditemukan", en: "Page not found" }
    REGION { id: "Wilayah", en: "Region" }
    LOCATION { id: "Lokasi", en: "Location" }
    RECEIVED { id: "Diterima", en: "Received" }
    REPORTER { id: "Pelapor", en: "Reporter" }
    REPORT_BODY { id: "Isi laporan", en: "Report" }
    VERIFICATION { id: "Verifikasi", en: "Verification" }
    SEARCH { id: "Cari", en: "Search" }
    REPORT_NOT_FOUND { id: "Laporan tidak ditemukan", en: "Report not found" }
    SIGN_OUT { id: "Keluar", en: "Sign out" }
    SECRET_REPORTER_CODE { id: "Kode rahasia pelapor", en: "Secret reporter code" }
    FORM_NOT_UNDERSTOOD { id: "Formulir tidak dikenali", en: "Form not understood" }
    PUBLIC_REPORTS { id: "Laporan publik", en: "Public reports" }
    PAGE_TOO_FAR { id: "Halaman terlalu jauh", en: "Page too far" }
    TRACK { id: "Lacak", en: "Track" }
    FILE_NOT_FOUND { id: "Berkas tidak ditemukan", en: "File not found" }
    PLEASE_TRY_AGAIN_SHORTLY { id: "Coba lagi sebentar lagi.", en: "Please try again shortly." }
    PLEASE_TRY_AGAIN_LATER { id: "Coba lagi nanti.", en: "Please try again later." }
    SERVER_BUSY { id: "Server sedang sibuk", en: "The server is busy" }
    SOMETHING_WENT_WRONG { id: "Terjadi kesalahan", en: "Something went wrong" }
    ACTION_CANNOT_DONE { id: "Tindakan tidak dapat dilakukan", en: "The action cannot be done" }
    MAKE_REPORT { id: "Buat laporan", en: "Report" }
    SKIP_CONTENT { id: "Langsung ke isi", en: "Skip to content" }
    MAIN_NAVIGATION { id: "Navigasi utama", en: "Main navigation" }
    SMS { id: "SMS ke", en: "SMS to" }
    STATISTICS { id: "Statistik", en: "Statistics" }
    REGION_DATA_IDN_AREA_DATA { id: "Data wilayah: idn-area-data (ODbL).", en: "Region data: idn-area-data (ODbL)." }
    BACK_HOME_PAGE { id: "Kembali ke beranda", en: "Back to the home page" }
    ALLOWED_METHODS { id: "Metode yang diizinkan: {methods}", en: "Allowed methods: {methods}" }
    METHOD_NOT_ALLOWED { id: "Metode tidak diizinkan", en: "Method not allowed" }
}
