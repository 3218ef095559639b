-- H2 spells the variable-length binary type BINARY VARYING (PostgreSQL: BYTEA).
ALTER TABLE recordings ADD COLUMN wrapped_key BINARY VARYING;

-- Key id and bytes are destroyed together, so they are null together.
ALTER TABLE recordings ADD CONSTRAINT recordings_key_whole
    CHECK ((key_id IS NULL) = (wrapped_key IS NULL));
