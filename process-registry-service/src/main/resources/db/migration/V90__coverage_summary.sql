-- Issue 20: what the coverage snapshot of an operating unit needs from the documents (how many are in force for the
-- unit and the units above it, which requirement items they link), kept per unit for the documents in force on one
-- day, so an approval or a withdrawal costs its own versions' units and links, not the history of the unit's chain.
-- Maintained by the application (CoverageSummary) under the coverage refresh's advisory lock: rebuilt when the day
-- it stands for is not today (once a day: versions come into and go out of force by date), else brought up to date
-- from the versions whose status or dates changed since (coverage_pending, filled by the triggers below in the
-- transaction of each change, so no writer can forget it).

-- the day the summary stands for (one row; none: rebuild on the next refresh)
CREATE TABLE coverage_summary_day (
    id  BOOLEAN PRIMARY KEY DEFAULT true CHECK (id),
    day DATE    NOT NULL
);

-- the versions counted: in force on that day
CREATE TABLE coverage_version (
    version_id UUID PRIMARY KEY
);

-- per unit: the versions counted that name it
CREATE TABLE coverage_unit_documents (
    org_unit_id UUID   PRIMARY KEY,
    documents   BIGINT NOT NULL
);

-- per unit and requirement item: the versions counted that name the unit and link the item
CREATE TABLE coverage_unit_item (
    org_unit_id         UUID   NOT NULL,
    requirement_item_id UUID   NOT NULL,
    versions            BIGINT NOT NULL,
    PRIMARY KEY (org_unit_id, requirement_item_id)
);

-- the units of the versions counted that name more than one unit: a version naming a unit and one above it is one
-- document for the units under both (count minus distinct versions over a chain)
CREATE TABLE coverage_multi_unit (
    org_unit_id UUID NOT NULL,
    version_id  UUID NOT NULL,
    PRIMARY KEY (org_unit_id, version_id)
);
CREATE INDEX coverage_multi_unit_version ON coverage_multi_unit (version_id);

-- versions whose status or dates changed since the summary was last brought up to date
CREATE TABLE coverage_pending (
    version_id UUID PRIMARY KEY
);

CREATE FUNCTION coverage_pending_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO coverage_pending (version_id)
    SELECT n.id FROM coverage_new n WHERE n.status IN ('APPROVED', 'SUPERSEDED', 'WITHDRAWN')
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER coverage_pending_on_insert AFTER INSERT ON document_version
    REFERENCING NEW TABLE AS coverage_new
    FOR EACH STATEMENT EXECUTE FUNCTION coverage_pending_on_insert();

CREATE FUNCTION coverage_pending_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO coverage_pending (version_id)
    SELECT n.id FROM coverage_new n JOIN coverage_old o ON o.id = n.id
     WHERE (n.status, n.valid_from, n.superseded_on, n.withdrawn_on)
           IS DISTINCT FROM (o.status, o.valid_from, o.superseded_on, o.withdrawn_on)
       AND (n.status IN ('APPROVED', 'SUPERSEDED', 'WITHDRAWN') OR o.status IN ('APPROVED', 'SUPERSEDED', 'WITHDRAWN'))
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER coverage_pending_on_update AFTER UPDATE ON document_version
    REFERENCING OLD TABLE AS coverage_old NEW TABLE AS coverage_new
    FOR EACH STATEMENT EXECUTE FUNCTION coverage_pending_on_update();
