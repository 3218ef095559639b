-- Run on a real PostgreSQL by JdbcCatalogueOnPostgresTest on every test run.

-- PostgreSQL spells the variable-length binary type BYTEA (H2: BINARY VARYING).
ALTER TABLE recordings ADD COLUMN wrapped_key BYTEA;

-- Key id and bytes are destroyed together, so they are null together.
ALTER TABLE recordings ADD CONSTRAINT recordings_key_whole
    CHECK ((key_id IS NULL) = (wrapped_key IS NULL));
