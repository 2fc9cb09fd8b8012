//! Staff sessions: how long a sign-in lasts and when it stops counting.

/// A session lasts one working day (8 hours) from sign-in; then the person signs in again.
pub const TTL_SECS: i64 = 8 * 3600;

/// When a session started at `now` expires.
pub fn expires_at(now: i64) -> i64 {
    now + TTL_SECS
}

/// Whether a session still counts at `now`: not revoked (logout) and not expired.
pub fn is_live(expires_at: i64, revoked_at: Option<i64>, now: i64) -> bool {
    revoked_at.is_none() && now < expires_at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_expire_after_eight_hours_or_on_logout() {
        let start = 1_000_000;
        let exp = expires_at(start);
        assert!(is_live(exp, None, start));
        assert!(is_live(exp, None, start + TTL_SECS - 1));
        assert!(!is_live(exp, None, start + TTL_SECS));
        assert!(!is_live(exp, Some(start + 60), start + 120));
    }
}
