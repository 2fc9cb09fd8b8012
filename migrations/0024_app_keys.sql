-- Issue 28, finding 2: keys the app makes for itself when the operator set none (today only the blind index's, used
-- when the `blind_index_key` variable is empty: see docs/security.md). Made once; the first writer wins.
CREATE TABLE app_keys (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
