-- The organisation copy moves to platform/orgcopy (table orgcopy_version, created by its migration
-- 0.100.1 before this one). org_unit_copy kept each unit's latest snapshot only: it is carried over
-- as that unit's one snapshot, with no recording time (any snapshot the registry publishes for the
-- same day replaces it). The demo organisation's placeholders (valid from 1900-01-01) stay provisional.
INSERT INTO orgcopy_version (org_unit_id, valid_from, parent_id, name, type, active, provisional)
SELECT id, valid_from, parent_id, name, type, active, valid_from = DATE '1900-01-01'
FROM org_unit_copy
ON CONFLICT (org_unit_id, valid_from) DO NOTHING;

DROP TABLE org_unit_copy;
