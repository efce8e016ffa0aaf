-- Issue 20 item 1: the lists of reports are keyset pages in the order they are shown (newest first:
-- created_at DESC, id DESC; incremental sync: updated_at, id), so a page reads its limit's worth of index
-- entries whatever the number of stored reports. Each index a list walks has its filter column first and the
-- sort key after it; they replace the single-column indexes of V1/V3 on the same leading column.
DROP INDEX deviation_created;
CREATE INDEX deviation_created ON deviation (created_at, id);
DROP INDEX deviation_updated;
CREATE INDEX deviation_updated ON deviation (updated_at, id);
DROP INDEX deviation_status;
CREATE INDEX deviation_status_created ON deviation (status, created_at, id);
DROP INDEX deviation_org_unit;
CREATE INDEX deviation_org_unit_created ON deviation (org_unit_id, created_at, id);
-- a unit's open cases (status and unit together: a unit's history would otherwise be walked to find them)
CREATE INDEX deviation_org_unit_status_created ON deviation (org_unit_id, status, created_at, id);
DROP INDEX deviation_reporter;
CREATE INDEX deviation_reporter_created ON deviation (reporter_subject, created_at, id);
-- a track's category and closure are probed per listed report (category filter, the MAS's cases)
DROP INDEX deviation_track_deviation;
CREATE INDEX deviation_track_deviation ON deviation_track (deviation_id, category);
