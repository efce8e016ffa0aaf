-- The organisation history moves to platform/orgcopy (table orgcopy_version, created by its
-- migration 0.100.1 before this one). Every snapshot of org_unit_version is carried over with its
-- validity (until the unit's next snapshot) and no recording time (any snapshot the registry
-- publishes for the same unit and day replaces it). org_unit_closure was recomputed on every
-- snapshot but read by nothing (statistics walk the history in memory): it goes.
INSERT INTO orgcopy_version (org_unit_id, valid_from, valid_to, parent_id, name, type, active)
SELECT org_unit_id, valid_from, lead(valid_from) OVER (PARTITION BY org_unit_id ORDER BY valid_from), parent_id, name, level, active
FROM org_unit_version
ON CONFLICT (org_unit_id, valid_from) DO NOTHING;

DROP TABLE org_unit_closure;
DROP TABLE org_unit_version;
