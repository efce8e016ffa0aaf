-- The organisation copy moves to platform/orgcopy (table orgcopy_version, created by its migration
-- 0.100.1 before this one). org_unit kept each unit's latest snapshot only: it is carried over as
-- that unit's one snapshot, with no recording time (any snapshot the registry publishes for the same
-- day replaces it). Seeded units (demo data, no valid_from) stay provisional from 1900-01-01 until the
-- registry publishes them.
INSERT INTO orgcopy_version (org_unit_id, valid_from, parent_id, name, type, active, provisional)
SELECT id, COALESCE(valid_from, DATE '1900-01-01'), parent_id, name, kind, active, valid_from IS NULL
FROM org_unit
ON CONFLICT (org_unit_id, valid_from) DO NOTHING;

DROP TABLE org_unit;
