//! Dispatch pages outside the console: unsubscribing from e-mails and the dispatch console frame.

use super::Text;

crate::texts! {
    WAITING_OPD { id: "Menunggu diteruskan ke OPD", en: "Waiting for an OPD" }
    DISPATCH { id: "Batas disposisi", en: "Dispatch by" }
    ALL_REPORTS_INSTANSI { id: "Semua laporan instansi", en: "All reports of the instansi" }
    ANSWER_WITHIN_5_WORKING_DAYS {
        id: "Jawab dalam 5 hari kerja sejak laporan sampai.",
        en: "Answer within 5 working days of receipt.",
    }
    ANSWER { id: "Batas jawaban", en: "Answer by" }
    YOU_ARE_UNSUBSCRIBED { id: "Anda berhenti berlangganan e-mail", en: "You are unsubscribed" }
    STOP_E_MAILS_QUESTION { id: "Berhenti menerima e-mail?", en: "Stop the e-mails?" }
    NO_MORE_E_MAIL_ABOUT {
        id: "Tidak ada lagi e-mail tentang laporan #{report} ke {address}.",
        en: "No more e-mail about report #{report} to {address}.",
    }
    YOU_CAN_STILL_FOLLOW_REPORT {
        id: "Perkembangan laporan tetap dapat dilihat di halaman lacaknya.",
        en: "You can still follow the report on its tracking page.",
    }
    E_MAILS_ABOUT_REPORT {
        id: "E-mail tentang laporan #{report} dikirim ke {address}.",
        en: "E-mails about report #{report} go to {address}.",
    }
    STOP_E_MAILS_BUTTON { id: "Berhenti menerima e-mail", en: "Stop the e-mails" }
    REPORT_S_TRACKING_PAGE { id: "Halaman lacak laporan", en: "The report's tracking page" }
}
