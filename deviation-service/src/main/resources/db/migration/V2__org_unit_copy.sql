-- This service's copy of the organisation tree (owned by process-registry-service), kept from its
-- org-unit snapshots: a unit manager acts for the units in the token and every unit under them.
CREATE TABLE org_unit_copy (
    id         UUID PRIMARY KEY,
    parent_id  UUID,
    name       VARCHAR(200) NOT NULL,
    type       VARCHAR(40)  NOT NULL,
    valid_from DATE         NOT NULL,
    active     BOOLEAN      NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX org_unit_copy_parent ON org_unit_copy (parent_id);
