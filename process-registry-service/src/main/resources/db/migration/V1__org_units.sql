-- The organisation tree with its history. A unit's identity lives in org_unit; what it is called,
-- where it sits and whether it is active is a sequence of versions, each valid from a date until
-- the next one (valid_to exclusive, NULL while current). Every question can be asked "as of" a date.
CREATE TABLE org_unit (
    id         UUID PRIMARY KEY,
    version    BIGINT      NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE org_unit_version (
    id              UUID PRIMARY KEY,
    org_unit_id     UUID         NOT NULL REFERENCES org_unit (id),
    valid_from      DATE         NOT NULL,
    valid_to        DATE,
    code            VARCHAR(40),
    name            VARCHAR(200) NOT NULL,
    type            VARCHAR(40)  NOT NULL,
    parent_id       UUID REFERENCES org_unit (id),
    active          BOOLEAN      NOT NULL,
    change          VARCHAR(20)  NOT NULL,
    related_ids     VARCHAR(2000) NOT NULL DEFAULT '',
    recorded_at     TIMESTAMPTZ  NOT NULL,
    recorded_by     VARCHAR(100),
    CONSTRAINT org_unit_version_dates CHECK (valid_to IS NULL OR valid_to > valid_from),
    CONSTRAINT org_unit_version_unique UNIQUE (org_unit_id, valid_from)
);
CREATE INDEX org_unit_version_asof ON org_unit_version (valid_from, valid_to);
CREATE INDEX org_unit_version_parent ON org_unit_version (parent_id);
-- unit codes are unique among units active on the same day; checked in OrgUnitService
CREATE INDEX org_unit_version_code ON org_unit_version (code);
