-- Recordings and retention deadlines. Neither refers to calls: a recording can be catalogued
-- while its call is live, before the call record is saved. The wrapped key's bytes are added by
-- the vendor migration V3, because the binary type is spelt differently.

CREATE TABLE recordings (
    recording_id VARCHAR NOT NULL,
    call_id VARCHAR(96) NOT NULL,
    span_id VARCHAR NOT NULL,
    object_key VARCHAR(512) NOT NULL,
    span_started_s BIGINT NOT NULL,
    span_started_ns INTEGER NOT NULL,
    span_ended_s BIGINT NOT NULL,
    span_ended_ns INTEGER NOT NULL,
    plaintext_bytes BIGINT NOT NULL,
    ciphertext_bytes BIGINT NOT NULL,
    ciphertext_sha256 VARCHAR(64) NOT NULL,
    key_id VARCHAR,
    stored_at_s BIGINT NOT NULL,
    stored_at_ns INTEGER NOT NULL,
    CONSTRAINT recordings_pk PRIMARY KEY (recording_id)
);

CREATE INDEX recordings_by_call ON recordings (call_id, span_started_s, span_started_ns);

CREATE INDEX recordings_by_storage ON recordings (stored_at_s, stored_at_ns, recording_id);

-- One row per call, written once (clause 4.2): the primary key is what makes a second, different
-- deadline fail even when two writers race.
CREATE TABLE retention_deadlines (
    call_id VARCHAR(96) NOT NULL,
    deadline_s BIGINT NOT NULL,
    deadline_ns INTEGER NOT NULL,
    CONSTRAINT retention_deadlines_pk PRIMARY KEY (call_id)
);
