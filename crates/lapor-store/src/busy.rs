//! Waiting for SQLite's write lock in short steps. Spin opens every connection with SQLite's sleeping busy
//! handler (rusqlite's 5 s default: it sleeps 1, 2, 5, 10 … 100 ms between tries), so under concurrent writes a
//! waiting request sleeps long after the lock is free while newer requests take it: on Spin 4.0.2 at 8 clients a
//! one-row INSERT had a p99 of about 1 s. A connection that is about to write turns that handler off
//! (`PRAGMA busy_timeout = 0`) and retries a refused statement itself after [`Backoff`]'s short waits.
//! Retrying is what SQLite's own handler does: a statement refused with `SQLITE_BUSY` changed nothing, and every
//! multi-statement write here starts with `BEGIN IMMEDIATE`, so only that or an autocommit statement waits.

/// The statement that turns SQLite's sleeping busy handler off on a connection.
pub const HANDLER_OFF: &str = "PRAGMA busy_timeout = 0";

/// Whether `sql` may take the write lock: anything but a `SELECT` or a `PRAGMA` that only reads.
pub fn may_write(sql: &str) -> bool {
    let sql = sql.trim_start();
    let word = sql.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    if word.eq_ignore_ascii_case("SELECT") {
        false
    } else if word.eq_ignore_ascii_case("PRAGMA") {
        sql.contains('=')
    } else {
        true
    }
}

/// The waits between tries of a statement refused because another connection holds the write lock: from
/// 0.1 ms, doubling up to 2 ms, each stretched by up to 2× (jitter, so waiting requests do not retry in step),
/// for at most [`Backoff::BUDGET_US`] in all (as long as Spin's own handler would wait).
#[derive(Debug)]
pub struct Backoff {
    waited_us: u64,
    step_us: u64,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { waited_us: 0, step_us: Self::FIRST_US }
    }
}

impl Backoff {
    /// The first wait, in microseconds (before jitter).
    pub const FIRST_US: u64 = 100;
    /// The longest wait, in microseconds (before jitter).
    pub const MAX_US: u64 = 2_000;
    /// The most waited in all before the statement fails as busy, in microseconds.
    pub const BUDGET_US: u64 = 5_000_000;

    /// The next wait in microseconds, stretched by `jitter` (any number; its remainder by 1000 is used), or
    /// `None` once the budget is spent.
    pub fn next_wait(&mut self, jitter: u64) -> Option<u64> {
        if self.waited_us >= Self::BUDGET_US {
            return None;
        }
        let wait = self.step_us + self.step_us * (jitter % 1000) / 1000;
        self.waited_us += wait;
        self.step_us = (self.step_us * 2).min(Self::MAX_US);
        Some(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_do_not_turn_the_handler_off_and_writes_do() {
        for read in ["SELECT 1", "  select * from reports", "PRAGMA user_version", "pragma table_info(reports)"] {
            assert!(!may_write(read), "{read}");
        }
        for write in [
            "INSERT INTO t VALUES (1)",
            "update t set x = 1",
            "DELETE FROM t",
            "BEGIN IMMEDIATE",
            "COMMIT",
            "PRAGMA user_version = 21",
            "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x",
            "CREATE TABLE t (x)",
        ] {
            assert!(may_write(write), "{write}");
        }
    }

    #[test]
    fn waits_start_short_grow_to_the_cap_and_stop_at_the_budget() {
        let mut b = Backoff::default();
        assert_eq!(b.next_wait(0), Some(100));
        assert_eq!(b.next_wait(0), Some(200));
        assert_eq!(b.next_wait(999), Some(799)); // 400 stretched by 999/1000
        let waits: Vec<u64> = std::iter::from_fn(|| b.next_wait(0)).collect();
        assert!(waits.iter().skip(2).all(|w| *w == Backoff::MAX_US), "{waits:?}");
        let total: u64 = 100 + 200 + 799 + waits.iter().sum::<u64>();
        assert!((Backoff::BUDGET_US..Backoff::BUDGET_US + 2 * Backoff::MAX_US).contains(&total), "{total}");
        assert_eq!(b.next_wait(0), None);
    }
}
