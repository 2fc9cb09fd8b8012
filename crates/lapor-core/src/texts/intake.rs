//! The citizen web pages: home, the report form, the public list and the tracking page.

use super::Text;

crate::texts! {
    MAKE_REPORT { id: "Buat laporan", en: "Make a report" }
    EVIDENCE_OPTIONAL { id: "Bukti (opsional)", en: "Evidence (optional)" }
    SEND_REPORT { id: "Kirim laporan", en: "Send report" }
    NOT_SENT_YET_PLEASE_CHECK {
        id: "Laporan belum terkirim. Periksa isian berikut:",
        en: "Not sent yet. Please check:",
    }
    KIND_REPORT { id: "Jenis laporan", en: "Kind of report" }
    SHORT_CLEAR_5_200_CHARACTERS { id: "Singkat dan jelas, 5–200 huruf.", en: "Short and clear, 5–200 characters." }
    REPORT_BODY { id: "Isi laporan", en: "What happened" }
    WHAT_WHERE_WHEN_WHO_WAS {
        id: "Apa, di mana, kapan, siapa yang terlibat.",
        en: "What, where, when, who was involved.",
    }
    CHOOSE { id: "— pilih —", en: "— choose —" }
    DATE_INCIDENT { id: "Tanggal kejadian", en: "Date of the incident" }
    PROVINCE_THEN_REGENCY_CITY { id: "Provinsi, lalu kabupaten/kota.", en: "Province, then regency/city." }
    DON_T_KNOW { id: "— tidak tahu —", en: "— don't know —" }
    WHOLE_PROVINCE { id: "{province} (seluruh provinsi)", en: "{province} (whole province)" }
    ADDRESS_LANDMARK { id: "Alamat atau patokan.", en: "Address or landmark." }
    GOVERNMENT_BODY_IF_YOU_KNOW { id: "Instansi tujuan (bila tahu)", en: "Government body (if you know)" }
    JPEG_PNG_WEBP_PHOTOS_PDF {
        id: "Foto JPEG/PNG/WebP atau PDF, maks. 2 MB per berkas, 3 berkas.",
        en: "JPEG/PNG/WebP photos or PDF, max 2 MB each, 3 files.",
    }
    WHO_REPORTING { id: "Identitas pelapor", en: "Who is reporting" }
    DETER_HOAXES_YOUR_IDENTITY_REQUIRED {
        id: "Untuk mencegah laporan palsu, identitas wajib diisi. NIK, nomor telepon dan e-mail tidak pernah ditampilkan kepada publik.",
        en: "To deter hoaxes your identity is required. NIK, phone and e-mail are never shown publicly.",
    }
    N16_DIGITS_ID_CARD { id: "16 digit sesuai KTP.", en: "16 digits, as on the ID card." }
    PHONE_NUMBER { id: "Nomor telepon", en: "Phone number" }
    UPDATES_REPORT_ARE_SENT_SMS {
        id: "Kabar perkembangan laporan dikirim lewat SMS ke nomor telepon dan lewat e-mail ke alamat di atas.",
        en: "Updates on the report are sent by SMS to the phone number and by e-mail to the address above.",
    }
    DO_NOT_SEND_ME_SMS { id: "Jangan kirimi saya SMS", en: "Do not send me SMS" }
    DO_NOT_SEND_ME_E { id: "Jangan kirimi saya e-mail", en: "Do not send me e-mail" }
    WHO_MAY_SEE { id: "Siapa yang boleh melihat", en: "Who may see it" }
    COMPLAINT { id: "Pengaduan", en: "Complaint" }
    ASPIRATION { id: "Aspirasi", en: "Aspiration" }
    INFORMATION_REQUEST { id: "Permintaan informasi", en: "Information request" }
    PUBLIC { id: "Publik", en: "Public" }
    YOUR_REPORT_YOUR_NAME_APPEAR {
        id: "laporan dan nama Anda tampil di daftar publik.",
        en: "your report and your name appear in the public list.",
    }
    ANONYMOUS { id: "Anonim", en: "Anonymous" }
    REPORT_APPEARS_BUT_YOUR_NAME {
        id: "laporan tampil, tetapi nama Anda disembunyikan dari instansi dan publik.",
        en: "the report appears, but your name is hidden from the government body and the public.",
    }
    CONFIDENTIAL { id: "Rahasia", en: "Confidential" }
    WHOLE_REPORT_HIDDEN_FROM_PUBLIC {
        id: "seluruh laporan tidak tampil untuk publik.",
        en: "the whole report is hidden from the public.",
    }
    SEND_FROM_FORM_LAPOR { id: "Kirim dari formulir di /lapor.", en: "Send it from the form at /lapor." }
    RELOAD_FORM_PAGE_SEND_AGAIN {
        id: "Muat ulang halaman formulir lalu kirim lagi.",
        en: "Reload the form page and send it again.",
    }
    REPORT_SENT { id: "Laporan terkirim", en: "Report sent" }
    YOUR_TRACKING_NUMBER { id: "Nomor lacak laporan Anda:", en: "Your tracking number:" }
    YOUR_SECRET_REPORTER_CODE_KEEP {
        id: "Kode rahasia pelapor (simpan, hanya ditampilkan sekali; dipakai untuk membalas atau menerima jawaban):",
        en: "Your secret reporter code (keep it, shown only once; you need it to reply or accept an answer):",
    }
    OPEN_TRACKING_PAGE { id: "Lihat halaman lacak", en: "Open the tracking page" }
    PEOPLE_S_ONLINE_COMPLAINTS_ASPIRATIONS {
        id: "Layanan Aspirasi dan Pengaduan Online Rakyat",
        en: "The people's online complaints and aspirations service",
    }
    REPORT_POOR_PUBLIC_SERVICE_YOUR {
        id: "Laporkan pelayanan publik yang buruk. Laporan Anda diverifikasi, diteruskan ke instansi dan unit kerja yang wajib menjawab, dan Anda diberi tahu di setiap langkah.",
        en: "Report poor public service. Your report is verified, forwarded to the government body and work unit that must answer, and you are told at every step.",
    }
    PUBLIC_SERVICE_THAT_POOR_BREAKS {
        id: "Pelayanan publik yang buruk atau tidak sesuai aturan.",
        en: "Public service that is poor or breaks the rules.",
    }
    FILE_COMPLAINT { id: "Buat pengaduan", en: "File a complaint" }
    SUGGESTION_IMPROVE_SERVICE { id: "Usulan untuk perbaikan pelayanan.", en: "A suggestion to improve a service." }
    SEND_ASPIRATION { id: "Sampaikan aspirasi", en: "Send an aspiration" }
    ASK_GOVERNMENT_BODY_PUBLIC_INFORMATION {
        id: "Meminta informasi publik dari instansi.",
        en: "Ask a government body for public information.",
    }
    REQUEST_INFORMATION { id: "Minta informasi", en: "Request information" }
    OTHER_CHANNELS { id: "Saluran lain", en: "Other channels" }
    SMS_EXAMPLE { id: "SMS ke {number}: {example}", en: "SMS to {number}: {example}" }
    MENTION_X {
        id: "Sebut {account} di X, atau pakai tagar {hashtag}",
        en: "Mention {account} on X, or use the hashtag {hashtag}",
    }
    ALREADY_REPORTED_TRACK_YOUR_REPORT {
        id: "Sudah melapor? Lacak laporan Anda",
        en: "Already reported? Track your report",
    }
    HOME { id: "Beranda", en: "Home" }
    PUBLIC_LIST_GOES_UP_PAGE { id: "Daftar publik hanya sampai halaman", en: "The public list goes up to page" }
    NARROW_DOWN_WORDS_REGION_CATEGORY {
        id: "Persempit dengan kata kunci, wilayah, kategori atau warna.",
        en: "Narrow it down with words, a region, a category or a colour.",
    }
    ALL { id: "Semua", en: "All" }
    APPLY { id: "Terapkan", en: "Apply" }
    NO_MATCHING_REPORTS { id: "Tidak ada laporan yang cocok.", en: "No matching reports." }
    PAGES { id: "Halaman", en: "Pages" }
    PREVIOUS { id: "Sebelumnya", en: "Previous" }
    NEXT { id: "Berikutnya", en: "Next" }
    TRACK_REPORT { id: "Lacak laporan", en: "Track a report" }
    TRACKING_NUMBER_10_DIGITS { id: "Nomor lacak (10 digit)", en: "Tracking number (10 digits)" }
    CHECK_YOUR_TRACKING_NUMBER { id: "Periksa kembali nomor lacak Anda.", en: "Check your tracking number." }
    MEDIATION_OUTCOME { id: "Hasil mediasi", en: "Mediation outcome" }
    WORK_UNIT_OPD { id: "Unit kerja (OPD)", en: "Work unit (OPD)" }
    DEADLINE_STEP { id: "Batas waktu tahap ini", en: "Deadline of this step" }
    HISTORY_ANSWERS { id: "Riwayat dan tanggapan", en: "History and answers" }
    OPEN_ANSWER_S_FILE { id: "Lihat lampiran jawaban", en: "Open the answer's file" }
    YOU_OPENED_REPORT_REPORTER {
        id: "Anda membuka laporan ini sebagai pelapor.",
        en: "You opened this report as its reporter.",
    }
    YOUR_RESPONSE_WAS_SAVED { id: "Tanggapan Anda tersimpan.", en: "Your response was saved." }
    SATISFIED_ANSWER { id: "Puas dengan jawaban?", en: "Satisfied with the answer?" }
    ACCEPT_ANSWER_DONE { id: "Terima jawaban (selesai)", en: "Accept the answer (done)" }
    NOT_RESOLVED_EXPLAIN { id: "Belum selesai? Jelaskan", en: "Not resolved? Explain" }
    REPLY_ADD_INFORMATION { id: "Balas / tambahkan informasi", en: "Reply / add information" }
    REOPEN { id: "Buka kembali", en: "Reopen" }
    SEND_REPLY { id: "Kirim balasan", en: "Send reply" }
    ARE_YOU_REPORTER { id: "Pelapor?", en: "Are you the reporter?" }
    OPEN_REPORTER { id: "Buka sebagai pelapor", en: "Open as reporter" }
    STAFF { id: "Petugas", en: "Staff" }
    SYSTEM { id: "Sistem", en: "System" }
    OPEN_YOUR_REPORT_SECRET_REPORTER {
        id: "Buka laporan Anda dengan kode rahasia pelapor.",
        en: "Open your report with the secret reporter code.",
    }
}
