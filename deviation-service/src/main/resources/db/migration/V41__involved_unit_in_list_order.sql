-- Issue 20 item 1: the reports involving a unit are listed newest first like the rest, so the involved unit
-- carries its report's receipt time and an index in that order: a page of a unit's list walks
-- (org_unit_id, created_at, deviation_id) instead of sorting every report that ever involved the unit.
-- The time is copied from the report when the row is written (the entity's element collection does not map it),
-- and a report's created_at never changes.
ALTER TABLE deviation_involved_unit ADD COLUMN created_at TIMESTAMPTZ;
UPDATE deviation_involved_unit v SET created_at = d.created_at FROM deviation d WHERE d.id = v.deviation_id;
ALTER TABLE deviation_involved_unit ALTER COLUMN created_at SET NOT NULL;

CREATE FUNCTION deviation_involved_unit_created_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.created_at := (SELECT created_at FROM deviation WHERE id = NEW.deviation_id);
    RETURN NEW;
END $$;
CREATE TRIGGER deviation_involved_unit_created_at BEFORE INSERT OR UPDATE ON deviation_involved_unit
    FOR EACH ROW EXECUTE FUNCTION deviation_involved_unit_created_at();

DROP INDEX deviation_involved_unit_unit;
CREATE INDEX deviation_involved_unit_created ON deviation_involved_unit (org_unit_id, created_at, deviation_id);
