-- One row that /readyz rewrites to check that the database accepts writes (issue 17 item 9).
CREATE TABLE write_probe (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    probed_at INTEGER NOT NULL,
    filler BLOB
);
