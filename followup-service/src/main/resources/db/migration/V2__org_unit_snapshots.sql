-- The local org copy follows process-registry-service's snapshots: keep the snapshot's day and
-- whether the unit is still active, so an older snapshot arriving late cannot undo a newer one.
ALTER TABLE org_unit ADD COLUMN valid_from DATE;
ALTER TABLE org_unit ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
