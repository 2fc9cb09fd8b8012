//! Counters of the limits that must be exact under concurrency (`lapor_core::rate_limit::Slot`): one upsert
//! takes a slot on each counter and returns the new counts, so 40 concurrent attempts against a limit of 10 get
//! the numbers 1…40 and exactly 10 pass. A success may give its slot back ([`give_back`]); the sweep removes
//! counters whose window is over ([`purge`]).

use lapor_core::rate_limit::Slot;

use crate::db::{Db, StoreError, Value};
use crate::params;

/// Takes one slot on each counter, in one statement; returns the counts of the current windows, in the order
/// given (a counter of an older window starts again at 1).
pub fn take(db: &dyn Db, slots: &[&Slot]) -> Result<Vec<u64>, StoreError> {
    if slots.is_empty() {
        return Ok(Vec::new());
    }
    let rows = vec!["(?, ?, ?, 1)"; slots.len()].join(", ");
    let mut params = Vec::with_capacity(slots.len() * 3);
    for s in slots {
        params.extend([Value::from(&s.key), Value::from(s.window_start), Value::from(s.expires_at)]);
    }
    let sql = format!(
        "INSERT INTO rate_counters (key, window_start, expires_at, count) VALUES {rows} \
         ON CONFLICT (key) DO UPDATE SET \
         count = CASE WHEN rate_counters.window_start = excluded.window_start THEN rate_counters.count + 1 ELSE 1 END, \
         window_start = excluded.window_start, expires_at = excluded.expires_at \
         RETURNING key, count"
    );
    let out = db.execute(&sql, &params)?;
    slots
        .iter()
        .map(|s| {
            out.rows
                .iter()
                .find(|r| r.text(0) == s.key)
                .map(|r| r.int(1).max(0) as u64)
                .ok_or_else(|| StoreError::Other(format!("rate counter {} not returned", s.key)))
        })
        .collect()
}

/// Takes one slot on `slot`'s counter; whether it is within the limit.
pub fn take_within(db: &dyn Db, slot: &Slot) -> Result<bool, StoreError> {
    Ok(slot.allows(take(db, &[slot])?[0]))
}

/// Gives back one slot on each counter still in the window it was taken in (a success that should not count).
pub fn give_back(db: &dyn Db, slots: &[&Slot]) -> Result<(), StoreError> {
    if slots.is_empty() {
        return Ok(());
    }
    // One statement for all the slots (on libSQL every statement is a round trip).
    let which = vec!["(key = ? AND window_start = ?)"; slots.len()].join(" OR ");
    let params: Vec<Value> = slots.iter().flat_map(|s| [Value::from(&s.key), Value::from(s.window_start)]).collect();
    db.execute(&format!("UPDATE rate_counters SET count = count - 1 WHERE count > 0 AND ({which})"), &params)?;
    Ok(())
}

/// Removes at most `limit` counters whose window ended before `now`; returns how many.
pub fn purge(db: &dyn Db, now: i64, limit: i64) -> Result<usize, StoreError> {
    let gone = db.execute(
        "DELETE FROM rate_counters WHERE key IN \
         (SELECT key FROM rate_counters WHERE expires_at <= ? ORDER BY expires_at LIMIT ?) RETURNING key",
        params![now, limit],
    )?;
    Ok(gone.rows.len())
}

/// How many counters are stored (for tests and operators).
pub fn count(db: &dyn Db) -> Result<i64, StoreError> {
    Ok(db.query_row("SELECT count(*) FROM rate_counters", &[])?.map_or(0, |r| r.int(0)))
}
