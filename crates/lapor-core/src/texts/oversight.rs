//! Follow-up oversight: notices, overdue reports by OPD, reprimands, extensions and Ombudsman mediation.

use super::Text;

crate::texts! {
    MARKED_READ { id: "Ditandai sudah dibaca.", en: "Marked as read." }
    PHONE_NUMBER_SAVED { id: "Nomor telepon disimpan.", en: "Phone number saved." }
    REPRIMAND_RECORDED_SENT { id: "Teguran tercatat dan dikirim.", en: "Reprimand recorded and sent." }
    EXTENSION_APPROVED { id: "Perpanjangan disetujui.", en: "Extension approved." }
    EXTENSION_REFUSED { id: "Perpanjangan ditolak.", en: "Extension refused." }
    MEDIATION_STEP_RECORDED { id: "Tindakan mediasi tercatat.", en: "Mediation step recorded." }
    DEADLINE_NEAR { id: "Batas waktu segera berakhir", en: "Deadline near" }
    DEADLINE_MISSED { id: "Batas waktu terlewati", en: "Deadline missed" }
    ESCALATED_OMBUDSMAN { id: "Diteruskan ke Ombudsman", en: "Escalated to the Ombudsman" }
    EXTENSION_REQUESTED { id: "Permintaan perpanjangan", en: "Extension requested" }
    EXTENSION_APPROVED_TITLE { id: "Perpanjangan disetujui", en: "Extension approved" }
    EXTENSION_REFUSED_TITLE { id: "Perpanjangan ditolak", en: "Extension refused" }
    INSPEKTORAT_REPRIMAND { id: "Teguran Inspektorat", en: "Inspektorat reprimand" }
    OMBUDSMAN_ASKS_INFORMATION { id: "Ombudsman meminta keterangan", en: "The Ombudsman asks for information" }
    REPORT_FORWARDED_YOUR_GOVERNMENT_BODY {
        id: "Laporan dialihkan ke instansi Anda",
        en: "Report forwarded to your government body",
    }
    NOTICE { id: "Pemberitahuan", en: "Notice" }
    UNREAD { id: "Belum dibaca: {n}", en: "Unread: {n}" }
    NO_NOTICES { id: "Tidak ada pemberitahuan.", en: "No notices." }
    MARK_ALL_READ { id: "Tandai semua sudah dibaca", en: "Mark all as read" }
    TIME { id: "Waktu", en: "Time" }
    KIND { id: "Jenis", en: "Kind" }
    TEXT { id: "Isi", en: "Text" }
    READ { id: "Sudah dibaca", en: "Read" }
    MARK_READ { id: "Tandai dibaca", en: "Mark read" }
    SMS_URGENT_NOTICES { id: "SMS untuk pemberitahuan mendesak", en: "SMS for urgent notices" }
    MISSED_DEADLINES_ESCALATIONS_OMBUDSMAN_ALSO {
        id: "Batas waktu terlewati dan eskalasi ke Ombudsman juga dikirim lewat SMS ke nomor ini.",
        en: "Missed deadlines and escalations to the Ombudsman also go to this number by SMS.",
    }
    MOBILE_NUMBER_EMPTY_STOP { id: "Nomor HP (kosongkan untuk berhenti)", en: "Mobile number (empty to stop)" }
    SAVE { id: "Simpan", en: "Save" }
    INVALID_PHONE_NUMBER { id: "Nomor telepon tidak valid.", en: "Invalid phone number." }
    REASON_REPRIMAND { id: "Alasan teguran", en: "Reason for the reprimand" }
    REPORTS_OVERDUE_DUE_WITHIN {
        id: "Laporan yang terlambat atau jatuh tempo dalam {days} hari, per OPD, terlama dulu.",
        en: "Reports overdue or due within {days} days, by OPD, oldest first.",
    }
    NO_OVERDUE_REPORTS { id: "Tidak ada laporan terlambat.", en: "No overdue reports." }
    NOT_YET_OPD { id: "Belum diteruskan ke OPD", en: "Not yet with an OPD" }
    DEADLINE { id: "Batas waktu", en: "Deadline" }
    DAYS_OVERDUE { id: "Hari terlambat", en: "Days overdue" }
    REPRIMAND { id: "Tegur", en: "Reprimand" }
    ASK_EXTENSION { id: "Minta perpanjangan", en: "Extension requested" }
    SOON { id: "segera", en: "soon" }
    REPRIMAND_OPD { id: "Tegur OPD ini", en: "Reprimand this OPD" }
    EXTENSION_REQUESTS { id: "Permintaan perpanjangan waktu", en: "Extension requests" }
    NO_REQUESTS { id: "Tidak ada permintaan.", en: "No requests." }
    REASON_LEAD { id: "Alasan: {reason}", en: "Reason: {reason}" }
    REQUESTED { id: "Diminta {at}", en: "Requested {at}" }
    CURRENT_DEADLINE { id: "batas waktu sekarang {at}", en: "current deadline {at}" }
    NOTE_OPTIONAL { id: "Catatan (opsional)", en: "Note (optional)" }
    APPROVE { id: "Setujui", en: "Approve" }
    REFUSE { id: "Tolak", en: "Refuse" }
    REPRIMANDS_OPD { id: "Teguran per OPD", en: "Reprimands by OPD" }
    NO_REPRIMANDS_YET { id: "Belum ada teguran.", en: "No reprimands yet." }
    DATE { id: "Tanggal", en: "Date" }
    REPORTS { id: "Laporan", en: "Reports" }
    REASON { id: "Alasan", en: "Reason" }
    REASON_REQUIRED_MOST_1000_CHARACTERS {
        id: "Alasan teguran wajib diisi (maks. 1000 huruf).",
        en: "A reason is required (at most 1000 characters).",
    }
    CHOOSE_ONE_REPORT_ONE_OPD { id: "Pilih satu laporan atau satu OPD.", en: "Choose one report or one OPD." }
    THERE_NO_OVERDUE_REPORT_REPRIMAND {
        id: "Tidak ada laporan terlambat untuk ditegur.",
        en: "There is no overdue report to reprimand.",
    }
    REPRIMAND_COULD_NOT_RECORDED { id: "Teguran tidak dapat dicatat.", en: "The reprimand could not be recorded." }
    CHOOSE_APPROVE_REFUSE { id: "Pilih setujui atau tolak.", en: "Choose approve or refuse." }
    WAITING_TAKEN_UP { id: "Menunggu diambil", en: "Waiting to be taken up" }
    REPORTS_NOT_COMPLETED_60_DAYS {
        id: "Laporan yang belum selesai 60 hari setelah sampai di OPD, dari semua instansi, terlama dulu.",
        en: "Reports not completed 60 days after reaching the OPD, from every instansi, oldest first.",
    }
    HIDE_CLOSED { id: "Sembunyikan yang ditutup", en: "Hide closed" }
    SHOW_CLOSED_TOO { id: "Tampilkan juga yang ditutup", en: "Show closed too" }
    INSTANSI_OPD { id: "Instansi / OPD", en: "Instansi / OPD" }
    ESCALATED { id: "Dieskalasi", en: "Escalated" }
    REPORT_MEDIATION { id: "Mediasi laporan", en: "Report mediation" }
    REPORT_STATUS { id: "Status laporan", en: "Report status" }
    OUTCOME { id: "Hasil", en: "Outcome" }
    REPORT_S_FULL_HISTORY { id: "Riwayat lengkap laporan", en: "The report's full history" }
    TAKE_UP_MEDIATION { id: "Ambil untuk mediasi", en: "Take up for mediation" }
    ASK_INSTANSI_INFORMATION { id: "Minta keterangan instansi", en: "Ask the instansi for information" }
    SEND_REQUEST { id: "Kirim permintaan", en: "Send the request" }
    MEDIATION_OUTCOME { id: "Hasil mediasi", en: "Outcome" }
    RECOMMENDATION_TEXT_REQUIRED_RECOMMENDATION {
        id: "Teks rekomendasi (wajib untuk rekomendasi)",
        en: "Recommendation text (required for a recommendation)",
    }
    RECORD_OUTCOME { id: "Catat hasil", en: "Record the outcome" }
    CLOSE_MEDIATION { id: "Tutup mediasi", en: "Close the mediation" }
    QUESTION_REQUIRED { id: "Pertanyaan wajib diisi.", en: "A question is required." }
    CHOOSE_OUTCOME { id: "Pilih hasil mediasi.", en: "Choose an outcome." }
    RECOMMENDATION_TEXT_REQUIRED { id: "Teks rekomendasi wajib diisi.", en: "The recommendation text is required." }
}
