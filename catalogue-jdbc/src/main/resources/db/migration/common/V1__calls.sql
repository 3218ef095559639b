-- The record of each call: who took part, the evidence, and the decisions with the events and
-- directory answers they were taken on.
--
-- An instant is two columns, <name>_s (seconds since the epoch) and <name>_ns (nanoseconds of
-- that second), both null or both set: PostgreSQL's TIMESTAMP WITH TIME ZONE keeps only
-- microseconds, and one BIGINT of nanoseconds ends in the year 2262. The pair keeps every
-- java.time.Instant exactly and sorts correctly.
--
-- Lists keep their order in a seq column; sets (teams, flags, roles) have none.

CREATE TABLE calls (
    call_id VARCHAR(96) NOT NULL,
    direction VARCHAR(16),
    lawful_basis VARCHAR NOT NULL,
    policy_version VARCHAR NOT NULL,
    started_s BIGINT,
    started_ns INTEGER,
    ended_s BIGINT,
    ended_ns INTEGER,
    CONSTRAINT calls_pk PRIMARY KEY (call_id),
    CONSTRAINT calls_started_whole CHECK ((started_s IS NULL) = (started_ns IS NULL)),
    CONSTRAINT calls_ended_whole CHECK ((ended_s IS NULL) = (ended_ns IS NULL))
);

CREATE INDEX calls_by_start ON calls (started_s, started_ns, call_id);

CREATE TABLE call_teams (
    call_id VARCHAR(96) NOT NULL,
    team VARCHAR NOT NULL,
    CONSTRAINT call_teams_pk PRIMARY KEY (call_id, team),
    CONSTRAINT call_teams_call FOREIGN KEY (call_id) REFERENCES calls (call_id)
);

CREATE TABLE call_flags (
    call_id VARCHAR(96) NOT NULL,
    flag VARCHAR NOT NULL,
    CONSTRAINT call_flags_pk PRIMARY KEY (call_id, flag),
    CONSTRAINT call_flags_call FOREIGN KEY (call_id) REFERENCES calls (call_id)
);

-- Parties hold addresses and E.164 numbers: the only place normalised numbers are kept.
CREATE TABLE call_parties (
    call_id VARCHAR(96) NOT NULL,
    seq INTEGER NOT NULL,
    party_role VARCHAR(16) NOT NULL,
    address VARCHAR NOT NULL,
    e164_number VARCHAR,
    staff_id VARCHAR,
    CONSTRAINT call_parties_pk PRIMARY KEY (call_id, seq),
    CONSTRAINT call_parties_call FOREIGN KEY (call_id) REFERENCES calls (call_id)
);

CREATE INDEX call_parties_by_number ON call_parties (e164_number);

CREATE INDEX call_parties_by_staff ON call_parties (staff_id);

CREATE TABLE call_evidence (
    call_id VARCHAR(96) NOT NULL,
    seq INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    at_s BIGINT NOT NULL,
    at_ns INTEGER NOT NULL,
    staff_id VARCHAR,
    detail VARCHAR,
    CONSTRAINT call_evidence_pk PRIMARY KEY (call_id, seq),
    CONSTRAINT call_evidence_call FOREIGN KEY (call_id) REFERENCES calls (call_id)
);

-- The ev_ columns hold one CallEvent; decisions repeat them for the event each one answers.
CREATE TABLE call_events (
    call_id VARCHAR(96) NOT NULL,
    seq INTEGER NOT NULL,
    ev_type VARCHAR(32) NOT NULL,
    ev_call_id VARCHAR(96) NOT NULL,
    ev_at_s BIGINT,
    ev_at_ns INTEGER,
    ev_party VARCHAR,
    ev_target VARCHAR,
    ev_direction VARCHAR(16),
    ev_transfer_kind VARCHAR(16),
    ev_staff_id VARCHAR,
    ev_detail VARCHAR,
    ev_source VARCHAR,
    CONSTRAINT call_events_pk PRIMARY KEY (call_id, seq),
    CONSTRAINT call_events_call FOREIGN KEY (call_id) REFERENCES calls (call_id),
    CONSTRAINT call_events_at_whole CHECK ((ev_at_s IS NULL) = (ev_at_ns IS NULL))
);

CREATE TABLE decisions (
    call_id VARCHAR(96) NOT NULL,
    seq INTEGER NOT NULL,
    decision_call_id VARCHAR(96) NOT NULL,
    at_s BIGINT NOT NULL,
    at_ns INTEGER NOT NULL,
    policy_version VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    ev_type VARCHAR(32) NOT NULL,
    ev_call_id VARCHAR(96) NOT NULL,
    ev_at_s BIGINT,
    ev_at_ns INTEGER,
    ev_party VARCHAR,
    ev_target VARCHAR,
    ev_direction VARCHAR(16),
    ev_transfer_kind VARCHAR(16),
    ev_staff_id VARCHAR,
    ev_detail VARCHAR,
    ev_source VARCHAR,
    CONSTRAINT decisions_pk PRIMARY KEY (call_id, seq),
    CONSTRAINT decisions_call FOREIGN KEY (call_id) REFERENCES calls (call_id),
    CONSTRAINT decisions_ev_at_whole CHECK ((ev_at_s IS NULL) = (ev_at_ns IS NULL))
);

CREATE TABLE decision_commands (
    call_id VARCHAR(96) NOT NULL,
    decision_seq INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    command_type VARCHAR(32) NOT NULL,
    command_call_id VARCHAR(96) NOT NULL,
    span_id VARCHAR,
    CONSTRAINT decision_commands_pk PRIMARY KEY (call_id, decision_seq, seq),
    CONSTRAINT decision_commands_decision FOREIGN KEY (call_id, decision_seq)
        REFERENCES decisions (call_id, seq)
);

CREATE TABLE decision_clauses (
    call_id VARCHAR(96) NOT NULL,
    decision_seq INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    clause VARCHAR NOT NULL,
    CONSTRAINT decision_clauses_pk PRIMARY KEY (call_id, decision_seq, seq),
    CONSTRAINT decision_clauses_decision FOREIGN KEY (call_id, decision_seq)
        REFERENCES decisions (call_id, seq)
);

-- staff_id is null when the directory said the address was not staff.
CREATE TABLE directory_answers (
    call_id VARCHAR(96) NOT NULL,
    seq INTEGER NOT NULL,
    address VARCHAR NOT NULL,
    at_s BIGINT NOT NULL,
    at_ns INTEGER NOT NULL,
    staff_id VARCHAR,
    CONSTRAINT directory_answers_pk PRIMARY KEY (call_id, seq),
    CONSTRAINT directory_answers_call FOREIGN KEY (call_id) REFERENCES calls (call_id)
);

CREATE TABLE directory_answer_teams (
    call_id VARCHAR(96) NOT NULL,
    answer_seq INTEGER NOT NULL,
    team VARCHAR NOT NULL,
    CONSTRAINT directory_answer_teams_pk PRIMARY KEY (call_id, answer_seq, team),
    CONSTRAINT directory_answer_teams_answer FOREIGN KEY (call_id, answer_seq)
        REFERENCES directory_answers (call_id, seq)
);

CREATE TABLE directory_answer_roles (
    call_id VARCHAR(96) NOT NULL,
    answer_seq INTEGER NOT NULL,
    staff_role VARCHAR NOT NULL,
    CONSTRAINT directory_answer_roles_pk PRIMARY KEY (call_id, answer_seq, staff_role),
    CONSTRAINT directory_answer_roles_answer FOREIGN KEY (call_id, answer_seq)
        REFERENCES directory_answers (call_id, seq)
);
