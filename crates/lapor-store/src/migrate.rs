//! Schema migrations: the numbered files in `migrations/`, embedded at build time, applied once, in order.
//! Each applied version is a row of `schema_migrations`, so a migration that lands after a higher-numbered
//! one (two branches merged) is still applied. SQLite's `user_version` holds the number of applied
//! migrations: when it equals the number this build knows, a request pays one pragma read and nothing else.
//! Applying takes the write lock (`BEGIN IMMEDIATE`) and re-reads under it, so two instances starting
//! together apply each migration exactly once.

use crate::db::{transaction, Db, StoreError};
use crate::params;

include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// The schema version this build knows, as `user_version` counts it: how many migrations it has. (Not the highest
/// file number: while a lower-numbered migration is still on another branch, the numbers have a gap.)
pub fn latest_version() -> u32 {
    MIGRATIONS.len() as u32
}

/// How many migrations the database has applied (its `user_version`).
pub fn applied_count(db: &dyn Db) -> Result<u32, StoreError> {
    Ok(db.query_row("PRAGMA user_version", &[])?.map_or(0, |r| r.int(0) as u32))
}

/// Brings the database up to date. Cheap when it already is — or is newer, as when this replica is the older
/// one in a rolling upgrade: one pragma read, never the write lock.
pub fn migrate(db: &dyn Db) -> Result<(), StoreError> {
    if applied_count(db)? as usize >= MIGRATIONS.len() {
        return Ok(());
    }
    migrate_to(db, u32::MAX)
}

/// Applies the migrations up to and including `last` that are not applied yet: a database as an older release
/// left it, for upgrade tests and the sweep's benchmark.
pub fn migrate_to(db: &dyn Db, last: u32) -> Result<(), StoreError> {
    // WAL: readers never wait for the writer, and a commit is one append and one fsync instead of a rollback
    // journal's three or four. The mode is kept in the file, so this runs once; it cannot run inside a
    // transaction. A server database (libSQL) that refuses the pragma keeps its own journalling.
    let _ = db.execute("PRAGMA journal_mode=WAL", &[]);
    transaction(db, |db| {
        db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)",
            &[],
        )?;
        for (version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 <= last) {
            let done = db.query_row("SELECT 1 FROM schema_migrations WHERE version = ?", params![*version as i64])?;
            if done.is_some() {
                continue;
            }
            let generated;
            let sql = if *name == crate::region_seed::FILE {
                generated = crate::region_seed::sql();
                generated.as_str()
            } else {
                sql
            };
            for statement in split_statements(sql) {
                db.execute(&statement, &[]).map_err(|e| StoreError::Other(format!("migration {name}: {e}")))?;
            }
            db.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", params![*version as i64, *name])?;
        }
        let count = db.query_row("SELECT count(*) FROM schema_migrations", &[])?.map_or(0, |r| r.int(0));
        db.execute(&format!("PRAGMA user_version = {count}"), &[])?;
        Ok(())
    })
}

/// Splits a SQL script into statements (Spin's `execute` runs one at a time). Semicolons inside quotes,
/// comments and `CREATE TRIGGER … BEGIN … END` bodies do not split.
pub fn split_statements(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = sql.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            cur.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => {
                quote = Some(c);
                cur.push(c);
            }
            '-' if chars.peek() == Some(&'-') => {
                // Line comment: drop it.
                for n in chars.by_ref() {
                    if n == '\n' {
                        cur.push('\n');
                        break;
                    }
                }
            }
            ';' => {
                let upper = cur.trim().to_ascii_uppercase();
                let in_trigger = upper.starts_with("CREATE TRIGGER") && !upper.ends_with("END");
                if in_trigger {
                    cur.push(c);
                } else {
                    if !cur.trim().is_empty() {
                        out.push(cur.trim().to_string());
                    }
                    cur.clear();
                }
            }
            _ => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::native::NativeDb;

    #[test]
    fn splits_statements_but_not_trigger_bodies_strings_or_comments() {
        let sql = "CREATE TABLE a (x TEXT DEFAULT ';'); -- a comment; with a semicolon\n\
                   CREATE TRIGGER t BEFORE DELETE ON a\nBEGIN\n  SELECT RAISE(ABORT, 'no; never');\nEND;\n\
                   INSERT INTO a VALUES ('it''s; fine');";
        let s = split_statements(sql);
        assert_eq!(s.len(), 3, "{s:#?}");
        assert!(s[1].starts_with("CREATE TRIGGER") && s[1].ends_with("END"));
        assert_eq!(s[2], "INSERT INTO a VALUES ('it''s; fine')");
    }

    #[test]
    fn migrates_once_and_is_idempotent() {
        let db = NativeDb::memory();
        migrate(&db).unwrap();
        assert_eq!(applied_count(&db).unwrap() as usize, MIGRATIONS.len());
        let regions = db.query_row("SELECT count(*) FROM regions", &[]).unwrap().unwrap().int(0);
        migrate(&db).unwrap();
        let again = db.query_row("SELECT count(*) FROM regions", &[]).unwrap().unwrap().int(0);
        assert_eq!(regions, again);
    }

    #[test]
    fn two_connections_migrating_together_apply_each_migration_once() {
        let dir = std::env::temp_dir().join(format!("lapor-migrate-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("race.db");
        let _ = std::fs::remove_file(&path);
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let db = NativeDb::open(&path).unwrap();
                    db.0.busy_timeout(std::time::Duration::from_secs(10)).unwrap();
                    migrate(&db)
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap().unwrap();
        }
        let db = NativeDb::open(&path).unwrap();
        assert_eq!(applied_count(&db).unwrap() as usize, MIGRATIONS.len());
        let applied = db.query_row("SELECT count(*) FROM schema_migrations", &[]).unwrap().unwrap().int(0);
        assert_eq!(applied as usize, MIGRATIONS.len(), "each migration recorded once");
        let provinces = db.query_row("SELECT count(*) FROM regions WHERE level = 'province'", &[]).unwrap().unwrap();
        assert_eq!(provinces.int(0), 38);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_newer_schema_is_used_as_it_is() {
        let db = NativeDb::memory();
        migrate(&db).unwrap();
        // A newer release migrated further; this (older) code must not try to migrate again.
        db.execute(&format!("PRAGMA user_version = {}", MIGRATIONS.len() + 1), &[]).unwrap();
        db.execute("BEGIN", &[]).unwrap();
        migrate(&db).unwrap(); // a BEGIN IMMEDIATE here would fail: a transaction is already open
        db.execute("COMMIT", &[]).unwrap();
    }

    #[test]
    fn a_migration_that_lands_late_is_still_applied() {
        let db = NativeDb::memory();
        migrate(&db).unwrap();
        // Pretend migration 0003 was merged after the database had the others.
        db.execute("DROP TABLE inbound_messages", &[]).unwrap();
        db.execute("DROP INDEX outbox_lease", &[]).unwrap();
        db.execute("DELETE FROM schema_migrations WHERE version = 3", &[]).unwrap();
        db.execute("PRAGMA user_version = 1", &[]).unwrap();
        migrate(&db).unwrap();
        assert!(db.query_row("SELECT count(*) FROM inbound_messages", &[]).is_ok());
        assert_eq!(applied_count(&db).unwrap() as usize, MIGRATIONS.len());
    }

    /// `s` without any whitespace outside quotes.
    fn squeezed(s: &str) -> String {
        let mut quote = None;
        s.chars()
            .filter(|&c| {
                match quote {
                    Some(q) if c == q => quote = None,
                    None if c == '\'' || c == '"' => quote = Some(c),
                    _ => {}
                }
                quote.is_some() || !c.is_whitespace()
            })
            .collect()
    }

    #[test]
    fn embedded_migrations_differ_from_their_files_in_comments_and_whitespace_only() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
        for (_, name, sql) in MIGRATIONS.iter().filter(|m| m.1 != crate::region_seed::FILE) {
            let file = std::fs::read_to_string(dir.join(name)).unwrap();
            assert_eq!(
                squeezed(&split_statements(sql).join(";")),
                squeezed(&split_statements(&file).join(";")),
                "{name}"
            );
            assert!(!sql.contains("--") && !sql.contains("\n"), "{name}: no comments, one line");
        }
    }

    #[test]
    fn events_are_append_only() {
        let db = NativeDb::memory();
        migrate(&db).unwrap();
        db.execute(
            "INSERT INTO reports (tracking_id, kind, title, body, category, channel, visibility, status, created_at, updated_at) \
             VALUES ('1234567890', 'pengaduan', 't', 'b', 'lainnya', 'web', 'public', 'received', 0, 0)",
            &[],
        )
        .unwrap();
        db.execute("INSERT INTO events (report_id, at, actor, kind) VALUES (1, 0, 'citizen', 'received')", &[])
            .unwrap();
        let upd = db.execute("UPDATE events SET body = 'changed'", &[]).unwrap_err();
        assert!(matches!(upd, StoreError::Constraint(_)), "{upd:?}");
        assert!(db.execute("DELETE FROM events", &[]).is_err());
    }
}
