-- Issue 3: root causes from the taxonomy, linked to routines of the process registry, checked
-- against a local copy kept from the registry's document events (ids, types, units, dates only).
CREATE TABLE routine_copy (
    document_id        UUID PRIMARY KEY,
    document_type      VARCHAR(40) NOT NULL,
    current_version    INTEGER     NOT NULL,
    first_valid_from   DATE,
    withdrawn_version  INTEGER,
    withdrawn_on       DATE,
    org_unit_ids       VARCHAR(4000) NOT NULL DEFAULT '',
    updated_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE track_root_cause (
    id           UUID PRIMARY KEY,
    track_id     UUID         NOT NULL REFERENCES deviation_track (id),
    cause        VARCHAR(60)  NOT NULL,
    comment      VARCHAR(4000),
    created_by   VARCHAR(200) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX track_root_cause_track ON track_root_cause (track_id);

CREATE TABLE track_root_cause_routine (
    root_cause_id UUID NOT NULL REFERENCES track_root_cause (id) ON DELETE CASCADE,
    routine_id    UUID NOT NULL,
    PRIMARY KEY (root_cause_id, routine_id)
);
