-- Evidence files (images, PDF) attached to a report or to an answer. Typed by content on upload.
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    event_id INTEGER REFERENCES events(id),   -- set when the file belongs to an answer or a reply
    public_id TEXT NOT NULL UNIQUE,           -- random, used in URLs
    mime TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX attachments_report ON attachments(report_id);
