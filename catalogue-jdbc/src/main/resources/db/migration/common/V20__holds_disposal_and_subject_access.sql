-- Issue 3: holds (clause 4.4), disposal receipts (clause 4.2) and what subject access (clause
-- 4.4) looks things up by. Versions 10 to 19 belong to access grants; this series starts at 20.

-- A hold keeps a recording past its deadline. The free-text reason is sealed like an address,
-- since it may name a person; the case reference is an identifier and stays readable.
CREATE TABLE holds (
    hold_id VARCHAR(64) NOT NULL,
    recording_id VARCHAR NOT NULL,
    kind VARCHAR(16) NOT NULL,
    reason_sealed VARCHAR NOT NULL,
    case_reference VARCHAR NOT NULL,
    review_by DATE NOT NULL,
    placed_by VARCHAR NOT NULL,
    placed_at_s BIGINT NOT NULL,
    placed_at_ns INTEGER NOT NULL,
    released_by VARCHAR,
    released_at_s BIGINT,
    released_at_ns INTEGER,
    CONSTRAINT holds_pk PRIMARY KEY (hold_id),
    CONSTRAINT holds_released_whole CHECK ((released_by IS NULL) = (released_at_s IS NULL)
        AND (released_at_s IS NULL) = (released_at_ns IS NULL))
);

CREATE INDEX holds_by_recording ON holds (recording_id, released_at_s);

-- What is kept of a disposed recording: no party, no key, no content. The deadline is null for
-- a recording discarded while its call was live (a caller's objection, clause 4.4).
CREATE TABLE disposal_receipts (
    recording_id VARCHAR NOT NULL,
    call_id VARCHAR(96) NOT NULL,
    deadline_s BIGINT,
    deadline_ns INTEGER,
    disposed_s BIGINT NOT NULL,
    disposed_ns INTEGER NOT NULL,
    ciphertext_sha256 VARCHAR(64) NOT NULL,
    key_destroyed BOOLEAN NOT NULL,
    CONSTRAINT disposal_receipts_pk PRIMARY KEY (recording_id)
);

CREATE INDEX disposal_receipts_by_time ON disposal_receipts (disposed_s, disposed_ns);

-- References the housing system attached to a call. No key to calls: a reference may arrive
-- while the call is live, before its record is saved.
CREATE TABLE call_references (
    call_id VARCHAR(96) NOT NULL,
    reference VARCHAR(128) NOT NULL,
    CONSTRAINT call_references_pk PRIMARY KEY (call_id, reference)
);

CREATE INDEX call_references_by_reference ON call_references (reference);

-- From here on addresses and numbers are stored sealed (columns address, e164_number, ev_party,
-- ev_target keep their names but hold sealed text), and a number is found by its blind index.
ALTER TABLE call_parties ADD COLUMN number_index VARCHAR(64);

DROP INDEX call_parties_by_number;

CREATE INDEX call_parties_by_number_index ON call_parties (number_index);

-- The sweep asks for recordings due by deadline.
CREATE INDEX retention_deadlines_by_deadline ON retention_deadlines (deadline_s, deadline_ns);
