-- Issue 4: several sweepers over one catalogue. A sweeper claims the due recordings it will
-- dispose of, for a lease; another skips them while the lease runs and may take them after it
-- ran out (the first sweeper stopped). The claim goes with the row when the disposal is recorded.
ALTER TABLE recordings ADD COLUMN claimed_by VARCHAR(128);

ALTER TABLE recordings ADD COLUMN claimed_until_s BIGINT;

ALTER TABLE recordings ADD COLUMN claimed_until_ns INTEGER;

-- Claimant and expiry are written and read together, so they are null together.
ALTER TABLE recordings ADD CONSTRAINT recordings_claim_whole
    CHECK ((claimed_by IS NULL) = (claimed_until_s IS NULL)
        AND (claimed_until_s IS NULL) = (claimed_until_ns IS NULL));
