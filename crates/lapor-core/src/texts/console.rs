//! The staff console: sign-in, the home page, the queues, liaisons and OPD lists.

use super::Text;

crate::texts! {
    OPD_LIAISONS { id: "Penghubung OPD", en: "OPD liaisons" }
    WHEN_LIAISON_TRANSFERRED_MOVE_ASSIGNMENT {
        id: "Saat penghubung dimutasi, pindahkan tugasnya ke akun penggantinya sendiri. Jangan berbagi kata sandi.",
        en: "When a liaison is transferred, move the assignment to the successor's own account. Never share passwords.",
    }
    NO_LIAISONS_YET { id: "Belum ada penghubung.", en: "No liaisons yet." }
    MOVE_ANOTHER_LIAISON_ACCOUNT_INSTANSI {
        id: "Pindahkan ke akun penghubung lain di instansi ini (e-mail)",
        en: "Move to another liaison account of this instansi (e-mail)",
    }
    MOVE_ASSIGNMENT { id: "Pindahkan tugas", en: "Move assignment" }
    HAND_OVER_NEW_ACCOUNT_SUCCESSOR {
        id: "Atau serahkan ke akun baru pengganti (dibuat bersama tugasnya):",
        en: "Or hand it over to a new account for the successor (created together with the role):",
    }
    MOBILE_NUMBER_OPTIONAL_SET_PASSWORD {
        id: "Nomor HP (opsional: tautan atur kata sandi dikirim lewat SMS)",
        en: "Mobile number (optional: the set-password link goes by SMS)",
    }
    HAND_OVER_NEW_ACCOUNT { id: "Serahkan ke akun baru", en: "Hand over to the new account" }
    ASSIGNMENT_MOVED { id: "Tugas dipindahkan", en: "Assignment moved" }
    LIAISON_ASSIGNMENT_MOVED {
        id: "Tugas penghubung {opd} sudah dipindahkan. Pemegang lama tidak lagi dapat menjawab laporan OPD ini.",
        en: "The liaison assignment of {opd} has been moved. The former holder can no longer answer this OPD's reports.",
    }
    SET_PASSWORD_LINK_SUCCESSOR {
        id: "Tautan atur kata sandi untuk pengganti",
        en: "Set-password link for the successor",
    }
    LINK_WAS_SENT_SMS_SUCCESSOR {
        id: "Tautan dikirim lewat SMS ke nomor HP pengganti. Berlaku 24 jam, sekali pakai.",
        en: "The link was sent by SMS to the successor's mobile. Valid 24 hours, single use.",
    }
    HAND_LINK_SUCCESSOR_PERSON_SHOWN {
        id: "Serahkan tautan ini langsung kepada pengganti (hanya ditampilkan sekali, berlaku 24 jam, sekali pakai). Anda tidak mengetahui kata sandinya.",
        en: "Hand this link to the successor in person (shown once, valid 24 hours, single use). You never learn the password.",
    }
    DEACTIVATE_OLD_ACCOUNT_QUESTION { id: "Nonaktifkan akun lama?", en: "Deactivate the old account?" }
    NO_LONGER_HOLDS_ANY_ASSIGNMENT {
        id: "{name} tidak lagi memegang tugas apa pun. Menonaktifkan akun mengakhiri semua sesinya saat ini juga; riwayatnya tetap tersimpan.",
        en: "{name} no longer holds any assignment. Deactivating the account ends all its sessions at once; its history stays.",
    }
    DEACTIVATE_OLD_ACCOUNT_BUTTON { id: "Nonaktifkan akun lama", en: "Deactivate the old account" }
    BACK_LIAISONS { id: "Kembali ke daftar penghubung", en: "Back to the liaisons" }
    VERIFICATION_QUEUE { id: "Antrean verifikasi", en: "Verification queue" }
    OLDEST_FIRST_VERIFY_WITHIN_3 {
        id: "Terlama dulu. Verifikasi paling lambat 3 hari kerja setelah diterima.",
        en: "Oldest first. Verify within 3 working days of receipt.",
    }
    VERIFY { id: "Batas verifikasi", en: "Verify by" }
    NO_INSTANSI_FOUND { id: "Belum ada instansi tujuan", en: "No instansi found" }
    DUE { id: "Batas", en: "Due" }
    STAFF_SIGN { id: "Masuk petugas", en: "Staff sign-in" }
    PASSWORD { id: "Kata sandi", en: "Password" }
    TWO_STEP_CODE_IF_ACCOUNT {
        id: "Kode dua langkah (jika akun memakainya)",
        en: "Two-step code (if the account uses it)",
    }
    SIGN { id: "Masuk", en: "Sign in" }
    FORM_EXPIRED_TRY_AGAIN { id: "Formulir kedaluwarsa, coba lagi.", en: "Form expired, try again." }
    WRONG_E_MAIL_PASSWORD { id: "E-mail atau kata sandi salah.", en: "Wrong e-mail or password." }
    ACCOUNT_USES_TWO_STEP_SIGN {
        id: "Akun ini memakai masuk dua langkah: isi kode dari aplikasi autentikator (atau kode pemulihan).",
        en: "This account uses two-step sign-in: enter the code from the authenticator app (or a recovery code).",
    }
    YOUR_ACCOUNT_HAS_NO_ROLE {
        id: "Akun Anda belum punya peran. Hubungi admin instansi Anda.",
        en: "Your account has no role yet. Ask your instansi admin.",
    }
    NEW_REPORTS_OLDEST_FIRST_DUE {
        id: "Laporan baru, terlama dulu, dengan batas waktu.",
        en: "New reports, oldest first, with due times.",
    }
    FORWARD_REPORTS_OPDS { id: "Teruskan laporan ke OPD.", en: "Forward reports to OPDs." }
    MOVE_LIAISON_S_ASSIGNMENT_TRANSFER {
        id: "Pindahkan tugas penghubung saat mutasi.",
        en: "Move a liaison's assignment on transfer.",
    }
    INSTANSI_S_OPDS { id: "OPD instansi", en: "The instansi's OPDs" }
    OPD_LIST_IMPORT_FROM_CSV { id: "Daftar OPD dan impor dari CSV.", en: "The OPD list, and import from CSV." }
    LETTER_DESK_PHONE_ENTERED_CITIZEN {
        id: "Surat, loket atau telepon: dicatat atas nama warga, dengan tanda terima.",
        en: "Letter, desk or phone: entered for the citizen, with a receipt.",
    }
    ANSWER_ASK_EXTENSION_SEND_BACK {
        id: "Jawab, minta perpanjangan, atau kembalikan.",
        en: "Answer, ask for an extension, or send back.",
    }
    OVERDUE_REPORTS_OPD_REPRIMANDS_EXTENSION {
        id: "Laporan terlambat per OPD, teguran, dan permintaan perpanjangan.",
        en: "Overdue reports by OPD, reprimands, and extension requests.",
    }
    REPORTS_ESCALATED_AFTER_60_DAYS {
        id: "Laporan yang dieskalasi setelah 60 hari.",
        en: "Reports escalated after 60 days.",
    }
    DEADLINE_WARNINGS_REPRIMANDS_EXTENSION_DECISIONS {
        id: "Peringatan batas waktu, teguran, keputusan perpanjangan, eskalasi.",
        en: "Deadline warnings, reprimands, extension decisions, escalations.",
    }
    FOLLOW_UP_PERFORMANCE_PER_OPD { id: "Kinerja tindak lanjut per OPD.", en: "Follow-up performance per OPD." }
    OPDS_ADDED { id: "OPD ditambahkan: {n}", en: "OPDs added: {n}" }
    OPDS_OF { id: "OPD: {instansi}", en: "OPDs: {instansi}" }
    CODE { id: "Kode", en: "Code" }
    ACTIVE { id: "Aktif", en: "Active" }
    IMPORT_OPDS_FROM_CSV { id: "Impor OPD dari CSV", en: "Import OPDs from CSV" }
    ONE_OPD_PER_LINE_CODE {
        id: "Satu OPD per baris: kode,nama (baris judul kode,nama boleh ada). Kode: 2-40 huruf kecil, angka, - _ . Jika ada baris yang salah, tidak ada yang disimpan.",
        en: "One OPD per line: code,name (a code,name header is allowed). Codes: 2-40 lower-case letters, digits, - _ . If any row is wrong, nothing is stored.",
    }
    NOTHING_WAS_STORED_FIX_THESE {
        id: "Tidak ada yang disimpan. Perbaiki baris berikut:",
        en: "Nothing was stored. Fix these rows:",
    }
    IMPORT { id: "Impor", en: "Import" }
    DISPATCH { id: "Disposisi", en: "Dispatch" }
    LIAISONS { id: "Penghubung", en: "Liaisons" }
    INBOX { id: "Kotak masuk", en: "Inbox" }
    ACCOUNTS { id: "Akun", en: "Accounts" }
    AUDIT { id: "Audit", en: "Audit" }
    TWO_STEP { id: "Dua langkah", en: "Two-step" }
    OVERSIGHT { id: "Pengawasan", en: "Oversight" }
    REPORT_VERIFIED { id: "Laporan diverifikasi.", en: "Report verified." }
    QUESTION_SENT_REPORTER { id: "Pertanyaan dikirim ke pelapor.", en: "Question sent to the reporter." }
    REPORT_REJECTED { id: "Laporan ditolak.", en: "Report rejected." }
    REPORT_MERGED_DUPLICATE { id: "Laporan digabung sebagai duplikat.", en: "Report merged as a duplicate." }
    REPORT_ROUTED_GOVERNMENT_BODY { id: "Laporan diteruskan ke instansi.", en: "Report routed to the government body." }
    REPORT_FORWARDED_ANOTHER_GOVERNMENT_BODY {
        id: "Laporan dialihkan ke instansi lain.",
        en: "Report forwarded to another government body.",
    }
    REPORT_ASSIGNED_WORK_UNIT { id: "Laporan diteruskan ke OPD.", en: "Report assigned to the work unit." }
    ANSWER_SENT { id: "Jawaban terkirim.", en: "Answer sent." }
    EXTENSION_REQUESTED_AWAITING_DECISION {
        id: "Permintaan perpanjangan dikirim; menunggu keputusan.",
        en: "Extension requested; awaiting a decision.",
    }
    REPORT_SENT_BACK { id: "Laporan dikembalikan.", en: "Report sent back." }
    ACCOUNT_CREATED { id: "Akun dibuat.", en: "Account created." }
    ASSIGNMENT_MOVED_NOTICE { id: "Tugas dipindahkan.", en: "Assignment moved." }
    NOT_FOUND { id: "{what}: tidak ditemukan", en: "{what}: not found" }
    YOUR_ROLE_DOES_NOT_ALLOW {
        id: "Peran Anda tidak mengizinkan halaman ini.",
        en: "Your role does not allow this page.",
    }
    FORWARDED_FROM { id: "Dialihkan dari {instansi}", en: "Forwarded from {instansi}" }
}
