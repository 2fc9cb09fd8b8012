//! The ceiling probe of the load figures (`bench/probe/spin.toml`): the least a component can do per write
//! request, so the bench can show what the engine itself allows. Routes:
//! - `POST /probe/setup` creates the one-row table in a WAL database (with `?schema=app`, after applying the
//!   app's migrations, so every connection parses the app's schema);
//! - `POST /probe/insert` opens the `default` database and inserts one row through
//!   [`lapor_store::spin::SpinDb`] (the app's own waits for the write lock);
//! - `GET /probe/read` reads the first row, `GET /probe/count` counts them;
//! - `POST /probe/hold?ms=N` inserts a row inside a transaction that keeps the write lock for N ms (at most
//!   5,000), for the lock-wait test.
//!
//! No route reads personal data.

use lapor_store::spin::SpinDb;
use lapor_store::{params, Db, StoreError};
use spin_sdk::http::{IncomingRequest, Method, Response};
use spin_sdk::http_component;

#[http_component]
fn handle(req: IncomingRequest) -> Response {
    let path = req.path_with_query().unwrap_or_default();
    match serve(&req.method(), &path) {
        Ok(Some(body)) => Response::builder().status(200).body(body).build(),
        Ok(None) => Response::builder().status(404).body("not found").build(),
        Err(e) => {
            eprintln!("error: probe: {e}");
            Response::builder().status(500).body("store error").build()
        }
    }
}

fn serve(method: &Method, path: &str) -> Result<Option<String>, StoreError> {
    let db = SpinDb::open_default()?;
    Ok(Some(match (method, path) {
        (Method::Post, "/probe/setup" | "/probe/setup?schema=app") => {
            if path.ends_with("schema=app") {
                lapor_store::migrate(&db)?;
            } else {
                // The journal mode the app's migrations set, so the two databases differ only in their schema.
                db.execute("PRAGMA journal_mode = WAL", &[])?;
            }
            db.execute("CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY, note TEXT NOT NULL)", &[])?;
            "ready".into()
        }
        (Method::Post, "/probe/insert") => {
            db.execute("INSERT INTO probe (note) VALUES (?)", params!["one row"])?;
            "inserted".into()
        }
        (Method::Post, p) if p.starts_with("/probe/hold?ms=") => {
            let Some(Ok(ms)) = p.strip_prefix("/probe/hold?ms=").map(str::parse::<u64>) else { return Ok(None) };
            lapor_store::transaction(&db, |tx| -> Result<(), StoreError> {
                tx.execute("INSERT INTO probe (note) VALUES (?)", params!["held"])?;
                wasi::clocks::monotonic_clock::subscribe_duration(ms.min(5_000) * 1_000_000).block();
                Ok(())
            })?;
            "held".into()
        }
        (Method::Get, "/probe/count") => {
            db.query_row("SELECT count(*) FROM probe", &[])?.map_or(0, |r| r.int(0)).to_string()
        }
        (Method::Get, "/probe/read") => {
            let row = db.query_row("SELECT note FROM probe ORDER BY id LIMIT 1", &[])?;
            row.map(|r| r.text(0)).unwrap_or_default()
        }
        _ => return Ok(None),
    }))
}
