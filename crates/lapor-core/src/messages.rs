//! What LAPOR says to citizens on SMS and X, in Bahasa Indonesia. Never any personal data: only the
//! tracking ID, the status and answers written by staff.

use crate::status::Color;

/// Longest SMS body we send (a few concatenated segments).
pub const SMS_MAX: usize = 459;
/// Longest post on X.
pub const X_MAX: usize = 280;
/// Longest text of an e-mail's message part (before the links the sender adds).
pub const EMAIL_MAX: usize = 4000;

/// Cuts `text` to at most `max` characters, ending with `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Acknowledgement of a new report.
pub fn received(tracking_id: &str) -> String {
    format!(
        "LAPOR! Laporan Anda diterima. Nomor lacak: #{tracking_id}. Untuk menambah info, balas: #{tracking_id} <pesan>."
    )
}

/// Acknowledgement of a post on X: tracking ID and the tracking page, nothing personal, within 280 characters.
pub fn x_received(tracking_id: &str, tracking_url: &str) -> String {
    truncate(
        &format!("Terima kasih, laporan Anda kami terima. Nomor lacak: #{tracking_id}. Pantau di {tracking_url}"),
        X_MAX,
    )
}

/// The report's colour changed.
pub fn color_changed(tracking_id: &str, color: Color) -> String {
    format!("LAPOR! #{tracking_id}: status laporan kini {}.", color.label_id())
}

/// An OPD answered.
pub fn answered(tracking_id: &str, answer: &str, max: usize) -> String {
    let head = format!("LAPOR! #{tracking_id} dijawab: ");
    let tail = format!(" Balas #{tracking_id} SELESAI bila puas, atau #{tracking_id} <pesan> bila belum.");
    let room = max.saturating_sub(head.chars().count() + tail.chars().count());
    format!("{head}{}{tail}", truncate(answer, room))
}

/// The report was forwarded to another instansi ("no wrong door"): where it went.
pub fn forwarded(tracking_id: &str, to: &str) -> String {
    truncate(
        &format!(
            "LAPOR! #{tracking_id} dialihkan ke {to}, yang akan menindaklanjutinya. Pantau dengan nomor lacak Anda."
        ),
        SMS_MAX,
    )
}

/// The public history entry of a forward: where the report went, and where from.
pub fn forwarded_note(from: Option<&str>, to: &str) -> String {
    match from {
        Some(f) => format!("Dialihkan dari {f} ke {to}"),
        None => format!("Dialihkan ke {to}"),
    }
}

/// An offline complaint (letter, walk-in, phone) was entered for the citizen: the tracking ID, the secret reporter
/// code, and how to follow up on the web and by SMS.
pub fn offline_received(tracking_id: &str, reporter_code: &str, tracking_url: &str) -> String {
    truncate(
        &format!(
            "LAPOR! Pengaduan Anda dicatat. Nomor lacak: #{tracking_id}. Kode pelapor (rahasia): {reporter_code}. \
             Pantau di {tracking_url} atau SMS ke 1708: #{tracking_id} <pesan>."
        ),
        SMS_MAX,
    )
}

/// The verifier needs more from the reporter.
pub fn needs_info(tracking_id: &str, question: &str, max: usize) -> String {
    let head = format!("LAPOR! #{tracking_id} perlu info tambahan: ");
    let tail = format!(" Balas: #{tracking_id} <jawaban>.");
    let room = max.saturating_sub(head.chars().count() + tail.chars().count());
    format!("{head}{}{tail}", truncate(question, room))
}

/// How to write an SMS to 1708, sent when a message could not become a report.
pub fn sms_help() -> String {
    "LAPOR! Format SMS: <WILAYAH> <laporan>, mis. KOTA BENGKULU jalan berlubang di depan SDN 5. Wilayah boleh \
     dikosongkan. Laporan 10-1600 huruf. Menanggapi laporan: #<nomor lacak> <pesan>."
        .to_string()
}

/// A message started with a tracking ID that is not valid or not the sender's own report.
pub fn sms_unknown_tracking_id() -> String {
    "LAPOR! Mohon maaf, nomor lacak tersebut tidak ditemukan untuk nomor Anda. Periksa kembali nomor lacaknya, \
     atau kirim laporan baru: <WILAYAH> <laporan>."
        .to_string()
}

/// Too many messages from one number.
pub fn sms_rate_limited() -> String {
    "LAPOR! Mohon maaf, terlalu banyak SMS dari nomor Anda dalam satu jam. Silakan kirim kembali nanti.".to_string()
}

/// The citizen's reply joined the report's thread.
pub fn reply_received(tracking_id: &str) -> String {
    format!("LAPOR! Tanggapan Anda untuk laporan #{tracking_id} telah kami terima.")
}

/// The reporter accepted the answer: the report is completed.
pub fn accepted(tracking_id: &str) -> String {
    format!("LAPOR! Terima kasih. Laporan #{tracking_id} selesai (hijau).")
}

/// The report was escalated to the Ombudsman for mediation.
pub fn escalated_to_ombudsman(tracking_id: &str) -> String {
    format!("LAPOR! #{tracking_id} belum selesai dalam 60 hari dan kini diteruskan ke Ombudsman RI untuk mediasi.")
}

/// The Ombudsman took the report up for mediation (to the reporter).
pub fn mediation_taken_up(tracking_id: &str) -> String {
    format!("LAPOR! #{tracking_id} kini dalam mediasi Ombudsman RI. Kami kabari hasilnya.")
}

/// The Ombudsman asked the instansi for information (to the reporter).
pub fn mediation_info_requested(tracking_id: &str) -> String {
    format!("LAPOR! Ombudsman RI meminta keterangan instansi atas laporan #{tracking_id}.")
}

/// The mediation's outcome (to the reporter), with the recommendation's text when one was issued.
pub fn mediation_outcome(
    tracking_id: &str,
    outcome: crate::status::MediationOutcome,
    text: Option<&str>,
    max: usize,
) -> String {
    let head = format!("LAPOR! Hasil mediasi Ombudsman untuk #{tracking_id}: {}", outcome.labels().0);
    match text {
        Some(t) => {
            let head = format!("{head}. Rekomendasi: ");
            let room = max.saturating_sub(head.chars().count());
            format!("{head}{}", truncate(t, room))
        }
        None => format!("{head}."),
    }
}

/// The public history entry of the Ombudsman's request for information (the question itself stays internal).
pub fn mediation_info_event() -> String {
    "Ombudsman RI meminta keterangan instansi".to_string()
}

/// The public history entry of the mediation's outcome, with the recommendation's text when one was issued.
pub fn mediation_outcome_event(outcome: crate::status::MediationOutcome, text: Option<&str>) -> String {
    match text {
        Some(t) => format!("{}: {t}", outcome.labels().0),
        None => outcome.labels().0.to_string(),
    }
}

/// The mediation was closed (to the reporter).
pub fn mediation_closed(tracking_id: &str) -> String {
    format!("LAPOR! Mediasi Ombudsman untuk laporan #{tracking_id} telah ditutup.")
}

/// Staff notice: the liaison asked for more time.
pub fn notice_extension_requested(tracking_id: &str, reason: &str) -> String {
    format!("Penghubung meminta perpanjangan waktu laporan #{tracking_id}: {}", truncate(reason, 300))
}

/// Staff notice: an extension was approved, with the new deadline (RFC 3339).
pub fn notice_extension_approved(tracking_id: &str, new_due: &str) -> String {
    format!("Perpanjangan waktu laporan #{tracking_id} disetujui sampai {new_due}.")
}

/// Staff notice: an extension was refused; the old deadline stands.
pub fn notice_extension_refused(tracking_id: &str, note: Option<&str>) -> String {
    match note {
        Some(n) => format!("Perpanjangan waktu laporan #{tracking_id} ditolak: {}", truncate(n, 300)),
        None => format!("Perpanjangan waktu laporan #{tracking_id} ditolak; batas waktu tetap."),
    }
}

/// Staff notice and event: the Inspektorat reprimanded the OPD (over `count` reports).
pub fn notice_reprimand(opd_name: &str, count: usize, reason: &str) -> String {
    format!("Teguran Inspektorat untuk {opd_name} ({count} laporan): {}", truncate(reason, 500))
}

/// Staff notice: the Ombudsman asks the instansi for information on a report.
pub fn notice_mediation_info(tracking_id: &str, question: &str) -> String {
    format!("Ombudsman RI meminta keterangan atas laporan #{tracking_id}: {}", truncate(question, 500))
}

/// An urgent notice by SMS to a staff member: the notice's text and where to read it. Never personal data.
/// The subject of an urgent staff notice by e-mail.
pub const STAFF_EMAIL_SUBJECT: &str = "LAPOR! Pemberitahuan mendesak";

/// The plain-text part of an urgent staff notice by e-mail: the notice and where to read it. No unsubscribe
/// link (it is work, not a subscription) and nothing of the reporter.
pub fn staff_email_text(body: &str, notices_url: &str) -> String {
    format!("{}\n\nBuka konsol LAPOR! > Pemberitahuan: {notices_url}\n", truncate(body, EMAIL_MAX))
}

pub fn staff_sms(body: &str) -> String {
    let tail = " Buka konsol LAPOR! > Pemberitahuan.";
    let room = SMS_MAX.saturating_sub(tail.chars().count());
    format!("{}{tail}", truncate(body, room))
}

/// The report was completed because the citizen did not reply to the final answer in time.
pub fn auto_completed(tracking_id: &str) -> String {
    format!("LAPOR! #{tracking_id} kami anggap selesai karena tidak ada tanggapan atas jawaban terakhir. Balas #{tracking_id} <pesan> bila belum selesai.")
}

/// The report was rejected by the verifier.
pub fn rejected(tracking_id: &str, reason: &str, max: usize) -> String {
    let head = format!("LAPOR! #{tracking_id} tidak dapat diproses: ");
    let room = max.saturating_sub(head.chars().count());
    format!("{head}{}", truncate(reason, room))
}

/// The report was merged into an earlier report on the same matter, whose updates the reporter now gets.
/// `original` is the earlier report's tracking ID, given only when the reporter may know it
/// ([`crate::Visibility::shares_with_followers`]).
pub fn merged(tracking_id: &str, original: Option<&str>) -> String {
    match original {
        Some(original) => format!(
            "LAPOR! #{tracking_id} digabung dengan laporan #{original} tentang hal yang sama. Anda akan menerima kabar dari laporan itu."
        ),
        None => format!(
            "LAPOR! #{tracking_id} digabung dengan laporan lain tentang hal yang sama dan sedang ditangani. Anda akan menerima kabar statusnya."
        ),
    }
}

/// The entry in a merged report's public history; names the original only when its reporter may know it.
pub fn merged_note(original: Option<&str>) -> String {
    match original {
        Some(original) => format!("Digabung dengan laporan #{original}"),
        None => "Digabung dengan laporan lain tentang hal yang sama".to_string(),
    }
}

/// What the reporter of a merged report hears when a report they may not read (confidential or anonymous) is
/// answered: that it is being handled, and its colour; never the answer.
pub fn merged_progress(tracking_id: &str, color: Color) -> String {
    format!("LAPOR! #{tracking_id}: laporan Anda digabung dan sedang ditangani. Status: {}.", color.label_id())
}

// History notes: what the report's event history says (the public ones are on the tracking page).

/// The report went to an instansi or an OPD.
pub fn forwarded_to(name: &str) -> String {
    format!("Diteruskan ke {name}")
}

/// On the original report: a duplicate was merged into it.
pub fn duplicate_merged(duplicate_tracking_id: &str) -> String {
    format!("Laporan #{duplicate_tracking_id} digabung ke laporan ini")
}

/// The follow-up deadline moved to `due`.
pub fn extension_granted(due: i64) -> String {
    format!("Batas waktu diperpanjang sampai {}", crate::time::rfc3339(due))
}

/// The reporter accepted the answer.
pub const ACCEPTED_NOTE: &str = "Pelapor menerima jawaban";

/// The sweep completed the report: no reply to the last answer in time.
pub const AUTO_COMPLETED_NOTE: &str = "Selesai otomatis: tidak ada tanggapan pelapor atas jawaban terakhir";

/// The verifier's reason for a rejection, with their note.
pub fn rejection_note(reason_label: &str, note: Option<&str>) -> String {
    match note {
        Some(n) => format!("{reason_label}: {n}"),
        None => reason_label.to_string(),
    }
}

/// The follow-up deadline (`due`) is near.
pub fn sla_warning(tracking_id: &str, due: i64) -> String {
    format!("Batas waktu tindak lanjut laporan #{tracking_id} segera berakhir ({}).", crate::time::rfc3339(due))
}

/// A stage's deadline passed.
pub fn sla_breach(tracking_id: &str, stage: crate::workflow::Stage) -> String {
    format!("Batas waktu tahap {} laporan #{tracking_id} terlewati.", stage.label_id())
}

/// Sixty days without completion: the report went to the Ombudsman.
pub fn escalated_note(tracking_id: &str) -> String {
    format!("Laporan #{tracking_id} diteruskan ke Ombudsman RI untuk mediasi (60 hari tanpa penyelesaian).")
}

// Refusals of staff input (API messages, Indonesian / English).

/// An instansi code is taken.
pub const CODE_TAKEN: &str = "kode sudah dipakai / code already in use";
/// An OPD code is taken inside its instansi.
pub const OPD_CODE_TAKEN: &str = "kode sudah dipakai di instansi ini / code already in use";
/// An extension is asked while an earlier request waits for its decision.
pub const EXTENSION_PENDING: &str =
    "permintaan perpanjangan sebelumnya belum diputuskan / an earlier request is still undecided";
/// A decision is given where no extension request waits.
pub const NO_PENDING_EXTENSION: &str = "tidak ada permintaan perpanjangan / no pending extension request";
/// The deadline already stands at 60 days after the report reached the OPD.
pub const EXTENSION_AT_LIMIT: &str = "batas 60 hari sudah tercapai / the 60-day limit is already reached";
/// A reprimand on a report that has no OPD yet.
pub const NOT_WITH_AN_OPD: &str = "laporan belum di OPD / the report is not with an OPD";
/// A reprimand on an OPD with nothing overdue.
pub const NO_OVERDUE_REPORT: &str = "OPD ini tidak punya laporan terlambat / this OPD has no overdue report";
/// An account e-mail is taken.
pub const EMAIL_TAKEN: &str = "e-mail sudah dipakai / e-mail already in use";
/// Acknowledgement of a new report on `medium` (issue 16: web, app, Open311 and offline reporters too). By SMS it
/// says how to add to it by SMS; an e-mail points to the tracking page the sender links below it.
pub fn received_for(tracking_id: &str, medium: crate::notify::Medium) -> String {
    match medium {
        crate::notify::Medium::Email => format!(
            "LAPOR! Laporan Anda diterima dengan nomor lacak #{tracking_id}. Laporan akan diverifikasi lalu \
             diteruskan ke instansi yang berwenang; setiap perkembangannya kami kabarkan."
        ),
        _ => received(tracking_id),
    }
}

/// An answer to the citizen on `medium`, with how to reply: by SMS `#ID SELESAI` or `#ID <pesan>`; by e-mail
/// on the tracking page with the reporter code (or by SMS from the phone on the report).
pub fn answered_for(tracking_id: &str, answer: &str, medium: crate::notify::Medium) -> String {
    match medium {
        crate::notify::Medium::Email => {
            let head = format!("LAPOR! Laporan #{tracking_id} dijawab:\n\n");
            let tail = format!(
                "\n\nBila sudah selesai, terima jawaban ini di halaman lacak dengan kode pelapor Anda. Bila belum, \
                 kirim tanggapan Anda di sana, atau lewat SMS ke 1708 dari nomor yang Anda cantumkan: \
                 #{tracking_id} <pesan> (atau #{tracking_id} SELESAI bila puas)."
            );
            let room = EMAIL_MAX.saturating_sub(head.chars().count() + tail.chars().count());
            format!("{head}{}{tail}", truncate(answer, room))
        }
        _ => answered(tracking_id, answer, medium.max()),
    }
}

/// The verifier's question on `medium`, with how to answer it.
pub fn needs_info_for(tracking_id: &str, question: &str, medium: crate::notify::Medium) -> String {
    match medium {
        crate::notify::Medium::Email => {
            let head = format!("LAPOR! Laporan #{tracking_id} perlu info tambahan:\n\n");
            let tail = "\n\nJawab di halaman lacak dengan kode pelapor Anda.".to_string();
            let room = EMAIL_MAX.saturating_sub(head.chars().count() + tail.chars().count());
            format!("{head}{}{tail}", truncate(question, room))
        }
        _ => needs_info(tracking_id, question, medium.max()),
    }
}

/// The code to recover a lost reporter code (issue 16), by SMS to the phone on the report.
pub fn recovery_code(tracking_id: &str, code: &str) -> String {
    format!(
        "LAPOR! Kode pemulihan untuk laporan #{tracking_id}: {code}. Berlaku 10 menit. Jangan berikan kode ini kepada siapa pun."
    )
}

/// The subject of every e-mail about a report.
pub fn email_subject(tracking_id: &str) -> String {
    format!("LAPOR! Kabar laporan #{tracking_id}")
}

/// The whole plain-text part of an e-mail: the message, the tracking link, and the unsubscribe link (which
/// works without signing in). Nothing else: no NIK, no name, nothing the reporter did not write or staff did
/// not answer.
pub fn email_text(body: &str, tracking_url: &str, unsubscribe_url: &str) -> String {
    format!(
        "{}\n\nPantau laporan Anda: {tracking_url}\n\n--\nE-mail ini dikirim oleh LAPOR! (SP4N-LAPOR!) karena alamat \
         ini dicantumkan pada laporan tersebut.\nBerhenti menerima e-mail tentang laporan ini: {unsubscribe_url}\n",
        truncate(body, EMAIL_MAX)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_fit_the_limit_and_keep_the_tracking_id() {
        let long = "jalan sudah diperbaiki ".repeat(50);
        let sms = answered("1234567890", &long, SMS_MAX);
        assert!(sms.chars().count() <= SMS_MAX);
        assert!(sms.contains("#1234567890"));
        let post = answered("1234567890", &long, X_MAX);
        assert!(post.chars().count() <= X_MAX);
        assert!(needs_info("1234567890", &long, X_MAX).chars().count() <= X_MAX);
    }

    #[test]
    fn sms_replies_fit_one_message_set() {
        for m in [sms_help(), sms_unknown_tracking_id(), sms_rate_limited(), reply_received("1234567890")] {
            assert!(m.chars().count() <= SMS_MAX, "{m}");
            assert!(m.starts_with("LAPOR!"));
        }
    }

    #[test]
    fn x_acknowledgement_fits_a_post() {
        let m = x_received("1234567890", "https://lapor.example.id/lacak/1234567890");
        assert!(m.chars().count() <= X_MAX);
        assert!(m.contains("#1234567890") && m.contains("/lacak/1234567890"));
    }

    #[test]
    fn a_merge_into_a_private_report_names_nothing_of_it() {
        assert!(merged("1111111111", Some("2222222222")).contains("#2222222222"));
        let private = merged("1111111111", None);
        assert!(private.contains("#1111111111") && !private.contains("2222222222"));
        assert!(!merged_note(None).contains('#'));
        let progress = merged_progress("1111111111", Color::Yellow);
        assert!(progress.contains("#1111111111") && progress.contains(Color::Yellow.label_id()));
        assert!(progress.chars().count() <= X_MAX);
    }

    #[test]
    fn email_texts_say_how_to_reply_and_carry_both_links() {
        use crate::notify::Medium;
        let a = answered_for("1234567890", "Puskesmas buka kembali.", Medium::Email);
        assert!(a.contains("Puskesmas buka kembali.") && a.contains("halaman lacak") && a.contains("#1234567890"));
        assert_eq!(answered_for("1234567890", "x", Medium::Sms), answered("1234567890", "x", SMS_MAX));
        assert_eq!(received_for("1234567890", Medium::Sms), received("1234567890"));
        let long = "kata ".repeat(2000);
        assert!(answered_for("1234567890", &long, Medium::Email).chars().count() <= EMAIL_MAX);
        assert!(needs_info_for("1234567890", &long, Medium::Email).chars().count() <= EMAIL_MAX);
        let t = email_text(
            &a,
            "https://lapor.example.id/lacak/1234567890",
            "https://lapor.example.id/berhenti/1234567890?t=ab",
        );
        assert!(t.contains("https://lapor.example.id/lacak/1234567890"));
        assert!(t.contains("https://lapor.example.id/berhenti/1234567890?t=ab"));
        assert!(email_subject("1234567890").contains("#1234567890"));
    }

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
