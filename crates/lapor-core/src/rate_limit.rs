//! Rate limits: a counter per sender and fixed time window, so one number cannot flood the system.

/// At most `max` messages per `window_secs` from one sender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub window_secs: i64,
    pub max: u64,
}

/// Inbound SMS: ten messages an hour per phone number.
pub const SMS: RateLimit = RateLimit { window_secs: 3600, max: 10 };

/// Staff sign-in: ten attempts per quarter hour per account e-mail, against password guessing.
pub const LOGIN: RateLimit = RateLimit { window_secs: 900, max: 10 };

impl RateLimit {
    /// Start (Unix seconds) of the window that contains `now`.
    pub fn window_start(&self, now: i64) -> i64 {
        now - now.rem_euclid(self.window_secs)
    }

    /// Key of the counter for `sender` in the window containing `now`, under `scope` (e.g. `sms`).
    pub fn key(&self, scope: &str, sender: &str, now: i64) -> String {
        format!("rl:{scope}:{sender}:{}", self.window_start(now))
    }

    /// Whether the `count`-th message of a window (counting from 1) is allowed.
    pub fn allows(&self, count: u64) -> bool {
        count <= self.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_fixed_hours() {
        let t = 1_800_000_000; // a multiple of 3600
        assert_eq!(SMS.window_start(t), t);
        assert_eq!(SMS.window_start(t + 3599), t);
        assert_eq!(SMS.window_start(t + 3600), t + 3600);
        assert_eq!(SMS.key("sms", "+6281234567890", t + 10), SMS.key("sms", "+6281234567890", t + 3000));
        assert_ne!(SMS.key("sms", "+6281234567890", t), SMS.key("sms", "+6281234567890", t + 3600));
        assert_ne!(SMS.key("sms", "+6281234567890", t), SMS.key("sms", "+6281234567891", t));
    }

    #[test]
    fn login_windows_are_quarter_hours() {
        let t = 1_800_000_000;
        assert_eq!(LOGIN.window_start(t + 899), t);
        assert!(LOGIN.allows(10) && !LOGIN.allows(11));
    }

    #[test]
    fn the_limit_is_inclusive() {
        assert!(SMS.allows(1));
        assert!(SMS.allows(SMS.max));
        assert!(!SMS.allows(SMS.max + 1));
    }
}
