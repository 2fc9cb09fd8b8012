//! The staff report page: the report, its files, history and the actions offered.

use super::Text;

crate::texts! {
    YOU_MAY_NOT_SEE { id: "Atau Anda tidak berhak melihatnya.", en: "Or you may not see it." }
    VISIBILITY { id: "Visibilitas", en: "Visibility" }
    ANONYMOUS_HIDDEN { id: "Anonim (disembunyikan)", en: "Anonymous (hidden)" }
    FILES { id: "Berkas", en: "Files" }
    FILE { id: "Berkas", en: "File" }
    ANSWER { id: "lampiran jawaban", en: "with an answer" }
    EVIDENCE_FROM_REPORTER { id: "bukti dari pelapor", en: "evidence from the reporter" }
    CATEGORY_CORRECT_IF_NEEDED { id: "Kategori (koreksi bila perlu)", en: "Category (correct if needed)" }
    VERIFY_FORWARD { id: "Verifikasi dan teruskan", en: "Verify and forward" }
    ASK_REPORTER_MORE { id: "Minta informasi tambahan", en: "Ask the reporter for more" }
    SEND_QUESTION { id: "Kirim pertanyaan", en: "Send question" }
    REJECT_REASON { id: "Tolak dengan alasan", en: "Reject with a reason" }
    NOTE { id: "Catatan", en: "Note" }
    REJECT { id: "Tolak", en: "Reject" }
    DUPLICATE_NUMBER { id: "Duplikat dari nomor", en: "Duplicate of number" }
    MERGE { id: "Gabungkan", en: "Merge" }
    CHOOSE_INSTANSI { id: "Tentukan instansi", en: "Choose the instansi" }
    INSTANSI_ID { id: "ID instansi", en: "Instansi id" }
    FORWARD { id: "Teruskan", en: "Forward" }
    ASSIGN_OPD { id: "Teruskan ke OPD", en: "Assign to an OPD" }
    SUGGESTED { id: " (disarankan)", en: " (suggested)" }
    ASSIGN { id: "Teruskan ke OPD", en: "Assign" }
    NOT_OURS_SEND_BACK_NATIONAL {
        id: "Bukan instansi kami: kembalikan ke admin nasional",
        en: "Not ours: send back to the national admin",
    }
    SEND_BACK { id: "Kembalikan", en: "Send back" }
    FOLLOW_UP { id: "Tindak lanjut", en: "Follow-up" }
    ANSWER_REPORTER { id: "Jawaban untuk pelapor", en: "Answer to the reporter" }
    PHOTO_SCAN_JPEG_PNG_WEBP {
        id: "Foto atau pindaian (JPEG, PNG, WebP, PDF; maks. 2 MB; boleh kosong)",
        en: "Photo or scan (JPEG, PNG, WebP, PDF; max 2 MB; optional)",
    }
    SEND_ANSWER { id: "Kirim jawaban", en: "Send answer" }
    ASK_MORE_TIME_REASON { id: "Minta perpanjangan waktu (alasan)", en: "Ask for more time (reason)" }
    ASK_EXTENSION { id: "Minta perpanjangan", en: "Ask for an extension" }
    NOT_OUR_OPD_S_SEND {
        id: "Bukan urusan OPD kami: kembalikan ke admin instansi",
        en: "Not our OPD's: send back to the instansi admin",
    }
    FORWARD_ANOTHER_GOVERNMENT_BODY { id: "Alihkan ke instansi lain", en: "Forward to another government body" }
    NOT_BODY_S_MATTER_SEARCH {
        id: "Bukan kewenangan instansi ini? Cari instansi tujuan menurut nama, pilih, dan beri alasan.",
        en: "Not this body's matter? Search the target by name, choose it and give a reason.",
    }
    NAME_TARGET_BODY { id: "Nama instansi tujuan", en: "Name of the target body" }
    NO_GOVERNMENT_BODY_MATCHES { id: "Tidak ada instansi yang cocok dengan", en: "No government body matches" }
    CHOOSE_TARGET_BODY { id: "Pilih instansi tujuan", en: "Choose the target body" }
    REASON_KEPT_HISTORY { id: "Alasan (dicatat dalam riwayat)", en: "Reason (kept in the history)" }
    FORWARD_ELSEWHERE { id: "Alihkan", en: "Forward" }
    HISTORY { id: "Riwayat", en: "History" }
    IMAGE { id: "gambar", en: "image" }
    FILE_LOWER { id: "berkas", en: "file" }
}
