-- Open311 GeoReport v2 apps, and the indexes behind Open311 listings and public statistics.

-- Apps allowed to POST service requests. Only the SHA-256 (hex) of each key is stored.
CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    app_name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);

-- Which app sent which Open311 report (api_key_id is NULL for the bootstrap key from the variable).
CREATE TABLE open311_submissions (
    report_id INTEGER PRIMARY KEY REFERENCES reports(id),
    api_key_id INTEGER REFERENCES api_keys(id),
    app_name TEXT NOT NULL
);

-- Covering indexes: statistics by time (year/month filters, every group) and by region, and the Open311
-- listing by requested_datetime, are answered from the index without reading report rows.
CREATE INDEX reports_created_stats ON reports(created_at, region_code, category, channel, status, visibility);
CREATE INDEX reports_region_stats ON reports(region_code, created_at, category, channel, status);

-- The first move to `assigned` and the first answer of each report, for the median time to first answer.
CREATE INDEX events_kind_report ON events(kind, to_status, report_id, at);
