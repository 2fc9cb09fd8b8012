-- Who created each staff account, and the one-time bootstrap of the first national admin.

-- The account of the staff member who created it (NULL: the bootstrap, or created before this was recorded).
ALTER TABLE accounts ADD COLUMN created_by INTEGER REFERENCES accounts(id);

-- Things that happen once in the life of the app. 'bootstrap_admin': the first national admin was created
-- from the bootstrap variables; it never happens again, even when no national admin is left.
CREATE TABLE app_once (
    name TEXT PRIMARY KEY,
    at INTEGER NOT NULL
);

-- A database that already had a national admin has had its bootstrap.
INSERT INTO app_once (name, at)
SELECT 'bootstrap_admin', MIN(created_at) FROM assignments WHERE role = 'national_admin' HAVING COUNT(*) > 0;
