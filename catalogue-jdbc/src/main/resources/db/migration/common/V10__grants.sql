-- Grants to read recordings (clause 4.2). A grant is never deleted: a revoked or expired one
-- stays as the record of what was allowed. Only identifiers are kept here, never a number.

CREATE TABLE access_grants (
    grant_id VARCHAR(64) NOT NULL,
    staff_id VARCHAR(64) NOT NULL,
    purpose VARCHAR(64) NOT NULL,
    scope VARCHAR(16) NOT NULL,
    target VARCHAR(96),
    case_reference VARCHAR(64),
    valid_from_s BIGINT NOT NULL,
    valid_from_ns INTEGER NOT NULL,
    valid_until_s BIGINT,
    valid_until_ns INTEGER,
    granted_by VARCHAR(64) NOT NULL,
    revoked_at_s BIGINT,
    revoked_at_ns INTEGER,
    CONSTRAINT access_grants_pk PRIMARY KEY (grant_id),
    CONSTRAINT access_grants_scope CHECK (scope IN ('RECORDING', 'CALL', 'ALL'))
);

CREATE INDEX access_grants_by_staff ON access_grants (staff_id, valid_from_s, valid_from_ns);
