-- Issue 20 item 1: a unit's list with a status filter (e.g. its open cases) walks the reports involving the unit
-- in the list's order too, so the involved unit carries its report's status beside the receipt time (V41) and an
-- index (org_unit_id, status, created_at, deviation_id): the involved branch of "one unit, in progress" reads its
-- page's worth of entries instead of every report that ever involved the unit. A report's status changes, so it is
-- kept by a trigger on the report (any writer: the entity, the migration import, SQL), and the involved unit's own
-- insert trigger (V41) copies both columns when the row is written.
ALTER TABLE deviation_involved_unit ADD COLUMN status VARCHAR(30);
UPDATE deviation_involved_unit v SET status = d.status FROM deviation d WHERE d.id = v.deviation_id;
ALTER TABLE deviation_involved_unit ALTER COLUMN status SET NOT NULL;

CREATE OR REPLACE FUNCTION deviation_involved_unit_created_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT created_at, status INTO NEW.created_at, NEW.status FROM deviation WHERE id = NEW.deviation_id;
    RETURN NEW;
END $$;

CREATE FUNCTION deviation_status_to_involved_units() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE deviation_involved_unit SET status = NEW.status WHERE deviation_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER deviation_status_to_involved_units AFTER UPDATE OF status ON deviation
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION deviation_status_to_involved_units();

CREATE INDEX deviation_involved_unit_status_created
    ON deviation_involved_unit (org_unit_id, status, created_at, deviation_id);
