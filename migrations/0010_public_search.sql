-- Full-text index of report titles and bodies for the public search (/laporan?q=): FTS5 with external
-- content, so the text is stored once (in reports) and a search reads the index instead of every row.
-- Triggers keep it in step; the index holds every report, and the query keeps the visibility rules.

CREATE VIRTUAL TABLE reports_fts USING fts5(
    title, body,
    content = 'reports', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports
BEGIN
    INSERT INTO reports_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports
BEGIN
    INSERT INTO reports_fts (reports_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;

CREATE TRIGGER reports_fts_update AFTER UPDATE OF title, body ON reports
BEGIN
    INSERT INTO reports_fts (reports_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO reports_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

INSERT INTO reports_fts (reports_fts) VALUES ('rebuild');
