//! Staff accounts: creating, moving, resetting and deactivating accounts, passwords and two-step sign-in.

use super::Text;

crate::texts! {
    CHANGE_PASSWORD { id: "Ganti kata sandi", en: "Change password" }
    PASSWORD_CHANGED_ACCOUNT_S_OTHER {
        id: "Kata sandi diganti. Sesi lain akun ini sudah diakhiri.",
        en: "Password changed. The account's other sessions have ended.",
    }
    CURRENT_PASSWORD { id: "Kata sandi sekarang", en: "Current password" }
    NEW_PASSWORD_LEAST_10_CHARACTERS {
        id: "Kata sandi baru (min. 10 karakter, bukan yang umum)",
        en: "New password (at least 10 characters, not a common one)",
    }
    SET_YOUR_STAFF_ACCOUNT_PASSWORD { id: "Atur kata sandi akun petugas", en: "Set your staff account password" }
    CHOOSE_YOUR_OWN_PASSWORD_NO {
        id: "Pilih kata sandi Anda sendiri. Tidak ada orang lain, termasuk admin, yang mengetahuinya.",
        en: "Choose your own password. No one else, your admin included, will know it.",
    }
    SAVE_PASSWORD { id: "Simpan kata sandi", en: "Save password" }
    LINK_NOT_VALID { id: "Tautan tidak berlaku", en: "Link not valid" }
    LINK_WAS_USED_HAS_EXPIRED {
        id: "Tautan ini sudah dipakai, kedaluwarsa (24 jam), atau salah. Minta tautan baru ke admin Anda.",
        en: "This link was used, has expired (24 hours) or is wrong. Ask your admin for a new one.",
    }
    STAFF_ACCOUNTS { id: "Akun petugas", en: "Staff accounts" }
    ACCOUNT_DEACTIVATED_ALL_SESSIONS_ENDED {
        id: "Akun dinonaktifkan; semua sesinya berakhir.",
        en: "Account deactivated; all its sessions ended.",
    }
    ACCOUNT_REACTIVATED_WITHOUT_ROLES {
        id: "Akun diaktifkan kembali (tanpa peran).",
        en: "Account reactivated (without roles).",
    }
    ROLES { id: "Peran", en: "Roles" }
    ACTIVE { id: "aktif", en: "active" }
    DEACTIVATED { id: "nonaktif", en: "deactivated" }
    RESET_PASSWORD { id: "Reset kata sandi", en: "Reset password" }
    DEACTIVATE { id: "Nonaktifkan", en: "Deactivate" }
    REACTIVATE { id: "Aktifkan kembali", en: "Reactivate" }
    NATIONAL_ADMIN { id: "Admin nasional", en: "National admin" }
    INSTANSI_ADMIN { id: "Admin instansi", en: "Instansi admin" }
    OPD_LIAISON { id: "Penghubung OPD", en: "OPD liaison" }
    INSPECTORATE { id: "Inspektorat", en: "Inspectorate" }
    REGIONAL_LEADER { id: "Pimpinan daerah", en: "Regional leader" }
    PASSWORD_RESET { id: "Kata sandi direset", en: "Password reset" }
    OLD_PASSWORD_NO_LONGER_WORKS {
        id: "Kata sandi lama tidak berlaku lagi dan semua sesi akun ini berakhir.",
        en: "The old password no longer works and all the account's sessions ended.",
    }
    SET_PASSWORD_LINK_WAS_SENT {
        id: "Tautan atur kata sandi dikirim lewat SMS ke nomor HP akun (berlaku 24 jam, sekali pakai).",
        en: "The set-password link was sent by SMS to the account's mobile (valid 24 hours, single use).",
    }
    HAND_LINK_ACCOUNT_S_OWNER {
        id: "Serahkan tautan ini kepada pemilik akun (hanya ditampilkan sekali, berlaku 24 jam, sekali pakai):",
        en: "Hand this link to the account's owner (shown once, valid 24 hours, single use):",
    }
    BACK_ACCOUNTS { id: "Kembali ke daftar akun", en: "Back to the accounts" }
    ACCOUNT_CREATED { id: "akun dibuat", en: "account created" }
    ROLE_GIVEN { id: "peran diberikan", en: "role given" }
    ROLE_ENDED { id: "peran diakhiri", en: "role ended" }
    ASSIGNMENT_MOVED_SOMEONE_ELSE { id: "tugas dipindahkan ke orang lain", en: "assignment moved to someone else" }
    RECEIVED_MOVED_ASSIGNMENT { id: "menerima tugas pindahan", en: "received a moved assignment" }
    SIGNED { id: "masuk", en: "signed in" }
    SIGNED_OUT { id: "keluar", en: "signed out" }
    PASSWORD_SET_THROUGH_LINK { id: "kata sandi diatur lewat tautan", en: "password set through a link" }
    PASSWORD_CHANGED_OWNER { id: "kata sandi diganti pemiliknya", en: "password changed by its owner" }
    PASSWORD_RESET_ADMIN { id: "kata sandi direset admin", en: "password reset by an admin" }
    ACCOUNT_DEACTIVATED { id: "akun dinonaktifkan", en: "account deactivated" }
    ACCOUNT_REACTIVATED { id: "akun diaktifkan kembali", en: "account reactivated" }
    OTHER_CHANGE { id: "perubahan lain", en: "other change" }
    SYSTEM { id: "sistem", en: "system" }
    ACCOUNT_AUDIT_TRAIL { id: "Jejak audit akun", en: "Account audit trail" }
    WHO_CREATED_MOVED_RESET_DEACTIVATED {
        id: "Siapa membuat, memindahkan, mereset, menonaktifkan akun siapa, dan kapan (terbaru dulu).",
        en: "Who created, moved, reset, deactivated whose account, and when (newest first).",
    }
    TIME_UTC { id: "Waktu (UTC)", en: "Time (UTC)" }
    EVENT { id: "Kejadian", en: "Event" }
    ACCOUNT { id: "Akun", en: "Account" }
    TWO_STEP_SIGN { id: "Masuk dua langkah", en: "Two-step sign-in" }
    TWO_STEP_SIGN_ACCOUNT {
        id: "Masuk dua langkah aktif untuk akun ini.",
        en: "Two-step sign-in is on for this account.",
    }
    ADMINS_MUST_USE_TWO_STEP {
        id: "Akun admin wajib memakai masuk dua langkah. Aktifkan dulu; halaman lain terbuka setelahnya.",
        en: "Admin accounts must use two-step sign-in. Turn it on first; the other pages open after that.",
    }
    AFTER_PASSWORD_SIGNING_ALSO_ASKS {
        id: "Setelah kata sandi, masuk juga meminta kode 6 angka dari aplikasi autentikator di ponsel Anda.",
        en: "After the password, signing in also asks for a 6-digit code from an authenticator app on your phone.",
    }
    TURN_TWO_STEP_SIGN { id: "Aktifkan masuk dua langkah", en: "Turn on two-step sign-in" }
    N6_DIGIT_CODE_FROM_APP { id: "Kode 6 angka dari aplikasi", en: "The 6-digit code from the app" }
    CONFIRM { id: "Konfirmasi", en: "Confirm" }
    ADD_ACCOUNT_AUTHENTICATOR_APP_KEY {
        id: "Tambahkan akun di aplikasi autentikator dengan kunci ini (atau tautan otpauth), lalu isi kode yang muncul:",
        en: "Add the account in an authenticator app with this key (or the otpauth link), then enter the code it shows:",
    }
    TWO_STEP_ON { id: "Masuk dua langkah aktif.", en: "Two-step sign-in is on." }
    RECOVERY_CODES_EACH_WORKS_ONCE {
        id: "Kode pemulihan (masing-masing sekali pakai, hanya ditampilkan sekarang). Simpan di tempat aman:",
        en: "Recovery codes (each works once, shown only now). Keep them somewhere safe:",
    }
}
