//! Offline complaints (letter, desk, phone) entered by staff for a citizen.

use super::Text;

crate::texts! {
    ONLY_NATIONAL_INSTANSI_ADMINS_ENTER {
        id: "Hanya admin nasional dan admin instansi yang mencatat pengaduan luring.",
        en: "Only national and instansi admins enter offline complaints.",
    }
    HOW_COMPLAINT_ARRIVED { id: "Cara pengaduan diterima", en: "How the complaint arrived" }
    DATE_RECEIVED { id: "Tanggal diterima", en: "Date received" }
    COMPLAINT_LETTER_DESK_PHONE_ENTERED {
        id: "Pengaduan lewat surat, loket, atau telepon, dicatat atas nama warga. Setelah disimpan, laporan masuk antrean verifikasi seperti laporan lain.",
        en: "A complaint by letter, at a desk or by phone, entered on the citizen's behalf. Once saved it joins the verification queue like any report.",
    }
    SCANS_LETTER_OPTIONAL { id: "Pindaian surat (opsional)", en: "Scans of the letter (optional)" }
    SAVE_PRINT_RECEIPT { id: "Simpan dan cetak tanda terima", en: "Save and print the receipt" }
    COMPLAINT_RECEIPT { id: "Tanda terima pengaduan", en: "Complaint receipt" }
    COMPLAINT_SAVED_WAITS_VERIFICATION {
        id: "Pengaduan tersimpan dan masuk antrean verifikasi.",
        en: "The complaint is saved and waits for verification.",
    }
    TRACKING_NUMBER { id: "Nomor lacak", en: "Tracking number" }
    ARRIVED { id: "Diterima lewat", en: "Arrived by" }
    HOW_FOLLOW_UP { id: "Cara memantau", en: "How to follow up" }
    WEB_OPEN {
        id: "Di web: buka {url} dan masukkan kode rahasia pelapor untuk membalas atau menerima jawaban.",
        en: "On the web: open {url} and enter the secret reporter code to reply or accept the answer.",
    }
    SMS_1708 {
        id: "Lewat SMS ke 1708: {message} dari nomor telepon yang dicatat.",
        en: "By SMS to 1708: {message} from the phone number given.",
    }
    TRACKING_NUMBER_REPORTER_CODE_WERE {
        id: "Nomor lacak dan kode pelapor juga dikirim lewat SMS ke nomor pelapor.",
        en: "The tracking number and reporter code were also sent by SMS to the reporter's number.",
    }
    SAVE_PRINT_PAGE_HAND_REPORTER {
        id: "Simpan atau cetak halaman ini dan serahkan kepada pelapor; kode rahasia tidak ditampilkan lagi.",
        en: "Save or print this page and hand it to the reporter; the secret code is not shown again.",
    }
    ENTER_ANOTHER_COMPLAINT { id: "Catat pengaduan lain", en: "Enter another complaint" }
}
