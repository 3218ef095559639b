-- Issue 5: the sweep's cost grows with what is due, not with the catalogue. A sweep releases
-- its claims when it ends; without this index that update read every recording.
CREATE INDEX recordings_by_claimant ON recordings (claimed_by);
