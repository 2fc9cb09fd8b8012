//! The OPD report card (rapot): the table, its columns, a row's reports and issuing.

use super::Text;

crate::texts! {
    RAPOT_LEADERS_INSPEKTORAT_ADMINS {
        id: "Rapor hanya untuk pimpinan, Inspektorat dan admin.",
        en: "The rapot is for leaders, the Inspektorat and admins.",
    }
    UNDER_60 { id: "(di bawah 60)", en: "(under 60)" }
    SCORE_PER_OPD { id: "Nilai per OPD", en: "Score per OPD" }
    SCORE_0_100 { id: "Nilai (0–100)", en: "Score (0–100)" }
    DASHED_LINE_60_THRESHOLD_RED {
        id: "Garis putus-putus: batas 60. Merah: di bawah 60.",
        en: "Dashed line: the 60 threshold. Red: under 60.",
    }
    PERIOD_MONTH_2026_11_QUARTER {
        id: "Periode (bulan 2026-11, triwulan 2026-Q4, tahun 2026)",
        en: "Period (month 2026-11, quarter 2026-Q4, year 2026)",
    }
    FROM { id: "atau dari tanggal", en: "or from" }
    TO { id: "sampai tanggal", en: "to" }
    SEARCH_INSTANSI { id: "Cari instansi", en: "Search instansi" }
    ALL_INSTANSI { id: "Semua instansi", en: "All instansi" }
    REPORTS_DISPATCHED_PERIOD {
        id: "laporan yang didisposisikan dalam periode ini",
        en: "reports dispatched in this period",
    }
    HOW_SCORE_COMPUTED { id: "Cara menghitung nilai", en: "How the score is computed" }
    ISSUED_RAPOTS { id: "Rapor yang diterbitkan", en: "Issued rapots" }
    ISSUE_PERIOD_S_RAPOT { id: "terbitkan rapor periode ini", en: "issue this period's rapot" }
    PROVINCE_REGENCIES_CITIES { id: "Provinsi dan kabupaten/kota", en: "Province and regencies/cities" }
    PROVINCE_TOTAL { id: "Total provinsi", en: "Province total" }
    NATIONAL_TOTAL { id: "Total nasional", en: "National total" }
    OPDS_SCORE_UNDER_60 { id: "OPD dengan nilai di bawah 60.", en: "OPDs score under 60." }
    J_HOURS_H_DAYS_UNDERLINED {
        id: "j = jam, h = hari. Angka yang bergaris bawah membuka laporan di baliknya.",
        en: "j = hours, h = days. Underlined figures open the reports behind them.",
    }
    INSPEKTORAT_REPRIMANDS { id: "Teguran Inspektorat: {n}", en: "Inspektorat reprimands: {n}" }
    DISPATCHED { id: "Didisposisikan", en: "Dispatched" }
    DUE { id: "batas", en: "due" }
    FIRST_ANSWER { id: "jawaban pertama", en: "first answer" }
    DETAILS { id: "Rincian: {opd}", en: "Details: {opd}" }
    SCORE { id: "Nilai", en: "Score" }
    REPORTS_ANOTHER_INSTANSI_SHOW_ONLY {
        id: "Laporan instansi lain hanya ditampilkan nomornya; isinya dibuka oleh instansi itu.",
        en: "Reports of another instansi show only their number; that instansi opens them.",
    }
    NO_RAPOT_ISSUED_YET { id: "Belum ada rapor yang diterbitkan.", en: "No rapot issued yet." }
    PERIOD { id: "Periode", en: "Period" }
    STAGE { id: "Tahap", en: "Stage" }
    ISSUED { id: "Diterbitkan", en: "Issued" }
    ISSUE_RAPOT { id: "Terbitkan rapor", en: "Issue the rapot" }
    ISSUING_FREEZES_PERIOD_S_FIGURES {
        id: "Menerbitkan membekukan angka periode ini sebagai catatan bertanggal; rapor yang terbit tidak berubah lagi. Periode yang sama dapat diterbitkan lagi sebagai tahap berikutnya.",
        en: "Issuing freezes this period's figures as a dated record; an issued rapot never changes. The same period can be issued again as the next stage.",
    }
    NO_OPD_SCORES_UNDER_60 {
        id: "Tidak ada OPD di bawah 60 pada periode ini.",
        en: "No OPD scores under 60 in this period.",
    }
    SPECIAL_NOTE { id: "Catatan khusus", en: "Special note" }
    REGENCY_CITY_OPDS_UNDER_60 {
        id: "OPD kabupaten/kota di bawah 60 mendapat catatan baku; tulis catatan lewat API bila perlu.",
        en: "Regency/city OPDs under 60 get the standard note; write notes through the API if needed.",
    }
    TOTAL { id: "{instansi} — total", en: "{instansi} — total" }
    RAPOT { id: "Rapor {period} — {instansi}", en: "Rapot {period} — {instansi}" }
    ISSUED_AT_BY { id: "diterbitkan {at} oleh {by}", en: "issued {at} by {by}" }
    THESE_FIGURES_WERE_FROZEN_WHEN {
        id: "Angka ini dibekukan saat terbit dan tidak berubah lagi.",
        en: "These figures were frozen when issued and never change.",
    }
    DOWNLOAD_CSV { id: "Unduh CSV", en: "Download CSV" }
    ANSWERED_ON_TIME { id: "Dijawab tepat waktu", en: "Answered on time" }
    ANSWERED_LATE { id: "Dijawab terlambat", en: "Answered late" }
    OVERDUE_NOW { id: "Terlambat kini", en: "Overdue now" }
    REOPENED { id: "Dibuka kembali", en: "Reopened" }
    MEDIAN_FIRST_ANSWER { id: "Median jawaban pertama", en: "Median first answer" }
    COMPLETED { id: "Selesai", en: "Completed" }
    SATISFACTION { id: "Kepuasan", en: "Satisfaction" }
    INSTANSI { id: "Instansi", en: "Instansi" }
    OPD { id: "OPD", en: "OPD" }
    FORMULA {
        id: "Nilai 0–100 = 40% × bagian laporan yang dijawab tepat waktu + 20% × (1 − bagian \
laporan yang kini terlambat) + 20% × bagian laporan yang selesai + 20% × kepuasan pelapor. Semua bagian dihitung \
dari laporan yang diterima OPD. Kepuasan = laporan selesai yang sudah dijawab ÷ (laporan itu + laporan terjawab \
yang dibalas pelapor sesudah jawaban dan belum selesai); tanpa penilaian pelapor, tiga bobot lainnya \
diskalakan menjadi 100%. Di bawah 60: kepala OPD dievaluasi.",
        en: "Score 0–100 = 40% × share of reports answered on time + 20% × (1 − share of \
reports overdue now) + 20% × share of reports completed + 20% × citizen satisfaction. Every share is over the \
reports the OPD received. Satisfaction = completed answered reports ÷ (those + answered reports the citizen \
replied to after the answer and that are not completed); without any verdict the other three weights are \
scaled to 100%. Under 60: the head of the OPD is evaluated.",
    }
    THIS_MONTH { id: "Bulan ini", en: "This month" }
    THIS_QUARTER { id: "Triwulan ini", en: "This quarter" }
    THIS_YEAR { id: "Tahun ini", en: "This year" }
}
