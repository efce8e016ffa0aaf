-- Issue 20: the total of GET /documents?unit= (view IN_FORCE or WITHDRAWN, no other filter) read from a per-unit
-- count instead of counting the matching versions (up to 1 001 of them, about 7 blocks each). Kept by a trigger on
-- document_version in the transaction of each change, so it is exact whenever the list is read.
--
-- Why this is enough: the list's IN_FORCE view is the versions with status APPROVED, WITHDRAWN the versions with
-- status WITHDRAWN. A version's units (document_version_org_unit) can be inserted or deleted only while it is a
-- draft or in review (document_version_part_immutable, V4), and a decided version cannot be deleted
-- (document_version_immutable), so a version's count for a unit changes only when its status changes: into or out of
-- APPROVED, into WITHDRAWN. (A version inserted decided has no units: they could not be added to it.)

-- per status and unit: the versions with that status that name the unit
CREATE TABLE document_unit_count (
    status      VARCHAR(20) NOT NULL,
    org_unit_id UUID        NOT NULL,
    versions    BIGINT      NOT NULL,
    PRIMARY KEY (status, org_unit_id)
);

-- the units of those versions that name more than one unit: a version naming two units of the set asked for is one
-- document (the total is the sum of the units' counts less, per such version, its units in the set but one)
CREATE TABLE document_multi_unit (
    status      VARCHAR(20) NOT NULL,
    org_unit_id UUID        NOT NULL,
    version_id  UUID        NOT NULL,
    PRIMARY KEY (status, org_unit_id, version_id)
);
CREATE INDEX document_multi_unit_version ON document_multi_unit (version_id);

INSERT INTO document_unit_count (status, org_unit_id, versions)
SELECT v.status, l.org_unit_id, count(*)
  FROM document_version v JOIN document_version_org_unit l ON l.version_id = v.id
 WHERE v.status IN ('APPROVED', 'WITHDRAWN')
 GROUP BY v.status, l.org_unit_id;

INSERT INTO document_multi_unit (status, org_unit_id, version_id)
SELECT v.status, l.org_unit_id, v.id
  FROM document_version v JOIN document_version_org_unit l ON l.version_id = v.id
 WHERE v.status IN ('APPROVED', 'WITHDRAWN')
   AND (SELECT count(*) FROM document_version_org_unit x WHERE x.version_id = v.id) > 1;

-- set-based (one statement per UPDATE statement, transition tables), so a bulk approval of many versions (an
-- import) costs one pass over their units
CREATE FUNCTION document_unit_count_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- the versions whose status moved into or out of a counted one: -1 for the old status, +1 for the new
    INSERT INTO document_unit_count AS c (status, org_unit_id, versions)
    SELECT d.status, l.org_unit_id, sum(d.delta)
      FROM (SELECT o.id, o.status, -1 AS delta
              FROM document_unit_old o JOIN document_unit_new n ON n.id = o.id
             WHERE n.status <> o.status AND o.status IN ('APPROVED', 'WITHDRAWN')
            UNION ALL
            SELECT n.id, n.status, 1
              FROM document_unit_old o JOIN document_unit_new n ON n.id = o.id
             WHERE n.status <> o.status AND n.status IN ('APPROVED', 'WITHDRAWN')) d
      JOIN document_version_org_unit l ON l.version_id = d.id
     GROUP BY d.status, l.org_unit_id
     -- one order for every writer, so two approvals of the same units wait for each other instead of deadlocking
     ORDER BY 1, 2
    ON CONFLICT (status, org_unit_id) DO UPDATE SET versions = c.versions + EXCLUDED.versions;

    DELETE FROM document_multi_unit x
     USING document_unit_old o JOIN document_unit_new n ON n.id = o.id
     WHERE n.status <> o.status AND x.version_id = o.id AND x.status = o.status;

    INSERT INTO document_multi_unit (status, org_unit_id, version_id)
    SELECT n.status, l.org_unit_id, n.id
      FROM document_unit_old o JOIN document_unit_new n ON n.id = o.id
      JOIN document_version_org_unit l ON l.version_id = n.id
     WHERE n.status <> o.status AND n.status IN ('APPROVED', 'WITHDRAWN')
       AND (SELECT count(*) FROM document_version_org_unit x WHERE x.version_id = n.id) > 1;
    RETURN NULL;
END $$;
CREATE TRIGGER document_unit_count_on_update AFTER UPDATE ON document_version
    REFERENCING OLD TABLE AS document_unit_old NEW TABLE AS document_unit_new
    FOR EACH STATEMENT EXECUTE FUNCTION document_unit_count_on_update();
