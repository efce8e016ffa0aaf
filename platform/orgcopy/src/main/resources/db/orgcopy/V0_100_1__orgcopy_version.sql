-- The organisation tree as process-registry-service publishes it (OrgUnitChangedV1), kept by
-- platform/orgcopy in each consuming service's own database. Every service's Flyway runs this from
-- classpath:db/orgcopy; versions 0.100.x belong to platform/orgcopy (platform/messaging has 0.1-0.99),
-- so it runs before a service's own migrations (1, 2, ...) on a new database and, on an existing one,
-- out of order (quarkus.flyway.out-of-order=true) before the service's migration that carries its old
-- copy over.
--
-- One row per snapshot of a unit from the day it takes effect (valid_from) to the next snapshot's
-- day (valid_to, exclusive; NULL for the unit's latest snapshot). changed_at is the registry's
-- recording time: of two snapshots for the same unit and day the later recorded one wins, whatever
-- order they arrive in.
CREATE TABLE orgcopy_version (
    org_unit_id UUID         NOT NULL,
    valid_from  DATE         NOT NULL,
    valid_to    DATE,
    parent_id   UUID,
    code        VARCHAR(40),
    name        VARCHAR(200) NOT NULL,
    type        VARCHAR(40),                -- NULL only for rows carried over from a copy that lacked it
    active      BOOLEAN      NOT NULL,
    change      VARCHAR(20),
    changed_at  TIMESTAMPTZ,                -- NULL: carried over from an earlier copy (any snapshot replaces it)
    provisional BOOLEAN      NOT NULL DEFAULT FALSE, -- a seeded unit (demo) the first snapshot replaces
    PRIMARY KEY (org_unit_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
-- a unit's snapshots: the primary key. The tree as last published: children of a unit (only the
-- current rows, however long the history grows)
CREATE INDEX orgcopy_version_latest_parent ON orgcopy_version (parent_id) WHERE valid_to IS NULL;
-- the tree as of a day: children of a unit whose snapshot started on or before the day
CREATE INDEX orgcopy_version_parent_from ON orgcopy_version (parent_id, valid_from);
