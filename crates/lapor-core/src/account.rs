//! Rules of staff account security (issue 15): the new-password policy (length and the project's list of
//! common passwords), one-time set-password links, and the texts staff read about them.

use crate::error::FieldError;
use crate::password;
use crate::roles::{Role, Staff};

/// How long a set-password link is valid, in seconds (24 hours).
pub const LINK_TTL_SECS: i64 = 24 * 3600;

/// The project's list of common passwords (`data/common-passwords.txt`).
const COMMON: &str = include_str!("../../../data/common-passwords.txt");

/// Whether `pw` is one of the common passwords (case-insensitive, surrounding spaces ignored), or one
/// character repeated.
pub fn is_common(pw: &str) -> bool {
    let p = pw.trim().to_lowercase();
    let mut chars = p.chars();
    if let Some(first) = chars.next() {
        if chars.all(|c| c == first) {
            return true;
        }
    }
    COMMON.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).any(|l| l == p)
}

/// Checks a password a person chose: the length policy ([`password::validate`]) and not a common one.
pub fn check_new_password(field: &str, pw: &str) -> Result<(), FieldError> {
    password::validate(field, pw)?;
    if is_common(pw) {
        return Err(FieldError::new(
            field,
            "too_common",
            "kata sandi ini terlalu umum dan mudah ditebak; pilih yang lain / this password is too common; choose another",
        ));
    }
    Ok(())
}

/// What a password change asks for: the current password (verified by the caller) and the new one.
/// The first broken rule, or `Ok`.
pub fn check_change(old_matches: bool, old: &str, new: &str) -> Result<(), FieldError> {
    if !old_matches {
        return Err(FieldError::new(
            "old_password",
            "wrong_password",
            "kata sandi lama salah / the current password is wrong",
        ));
    }
    if old == new {
        return Err(FieldError::new(
            "new_password",
            "unchanged",
            "kata sandi baru harus berbeda / the new password must differ",
        ));
    }
    check_new_password("new_password", new)
}

/// Whether a signed-in staff member must turn two-step sign-in on before doing anything else: national and
/// instansi admins (who create accounts and move roles) must; everyone else may.
pub fn must_enrol(staff: &Staff, two_step_on: bool) -> bool {
    !two_step_on && (staff.has_role(Role::NationalAdmin) || staff.has_role(Role::InstansiAdmin))
}

/// What an admin without two-step sign-in is told by the API.
pub const ENROLMENT_REQUIRED: &str =
    "aktifkan masuk dua langkah dulu (POST /api/v1/auth/two-step/enrol) / turn on two-step \
     sign-in first (POST /api/v1/auth/two-step/enrol)";

/// When a set-password link made at `now` expires.
pub fn link_expires_at(now: i64) -> i64 {
    now + LINK_TTL_SECS
}

/// The path of the set-password page for a link token (appended to `public_base_url`).
pub fn link_path(token: &str) -> String {
    format!("/staff/atur-sandi/{token}")
}

/// The SMS that carries a set-password link to the account's phone.
pub fn link_sms(url: &str) -> String {
    format!(
        "LAPOR!: atur kata sandi akun petugas Anda (berlaku 24 jam, sekali pakai): {url} . Jangan bagikan tautan ini."
    )
}

/// The refusal of a set-password link that is unknown, used or expired (one answer for the three).
pub const LINK_UNUSABLE: &str =
    "tautan tidak berlaku (sudah dipakai, kedaluwarsa, atau salah); minta tautan baru ke admin / the link is not valid (used, expired or wrong); ask your admin for a new one";

/// The refusal of a wrong two-step code at enrolment.
pub const WRONG_TWO_STEP_CODE: &str =
    "kode salah atau kedaluwarsa; periksa jam ponsel dan coba kode berikutnya / wrong or expired code; check the phone's clock and try the next code";

/// The refusal of a password in a request that creates an account: admins never set passwords.
pub const NO_ADMIN_PASSWORD: &str =
    "admin tidak menetapkan kata sandi; pemilik akun mengaturnya lewat tautan sekali pakai / admins do not set passwords; the owner sets it through a one-time link";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::Assignment;

    #[test]
    fn admins_must_enrol_in_two_step_sign_in_and_others_may() {
        let staff = |role, instansi_id, opd_id| Staff {
            account_id: 1,
            assignments: vec![Assignment { id: 1, role, instansi_id, opd_id }],
        };
        assert!(must_enrol(&staff(Role::NationalAdmin, None, None), false));
        assert!(must_enrol(&staff(Role::InstansiAdmin, Some(3), None), false));
        assert!(!must_enrol(&staff(Role::NationalAdmin, None, None), true), "enrolled");
        for role in [Role::OpdLiaison, Role::Inspektorat, Role::Leader, Role::Ombudsman] {
            let opd = (role == Role::OpdLiaison).then_some(9);
            let inst = (role != Role::Ombudsman).then_some(3);
            assert!(!must_enrol(&staff(role, inst, opd), false), "{role:?}");
        }
        assert!(!must_enrol(&Staff { account_id: 1, assignments: vec![] }, false), "no role left");
    }

    #[test]
    fn common_passwords_are_refused_whatever_the_case() {
        assert!(is_common("Password123"));
        assert!(is_common(" bismillah123 "));
        assert!(is_common("xxxxxxxxxxxxxx"));
        assert!(!is_common("kuda-laut-berenang-pagi"));
        assert_eq!(check_new_password("p", "Indonesia123").unwrap_err().code, "too_common");
        assert_eq!(check_new_password("p", "pendek").unwrap_err().code, "too_short");
        assert!(check_new_password("p", "kuda-laut-berenang-pagi").is_ok());
    }

    #[test]
    fn a_change_needs_the_old_password_and_a_new_one() {
        assert_eq!(check_change(false, "a", "kuda-laut-berenang").unwrap_err().code, "wrong_password");
        let same = "kuda-laut-berenang";
        assert_eq!(check_change(true, same, same).unwrap_err().code, "unchanged");
        assert_eq!(check_change(true, same, "1234567890").unwrap_err().code, "too_common");
        assert!(check_change(true, same, "burung-hantu-malam").is_ok());
    }

    #[test]
    fn links_last_a_day() {
        assert_eq!(link_expires_at(1_000), 1_000 + 86_400);
        assert_eq!(link_path("abc"), "/staff/atur-sandi/abc");
        assert!(link_sms("https://x/y").contains("https://x/y"));
    }
}
