-- A conflict-list entry this device must still report to the server: its own pending edit lost
-- to a newer concurrent write it pulled, before the edit was ever sent, so the server cannot
-- know of the loss. The next push carries it (docs/sync-protocol.md, "Reported conflicts").
-- Numbered 0003: 0002 is taken by sync_held on the "limits" branch.
ALTER TABLE conflict ADD COLUMN report INTEGER NOT NULL DEFAULT 0;
CREATE INDEX conflict_to_report ON conflict(report) WHERE report = 1;
