-- Verksamheter (areas of operation) and the requirement catalogue (laws, regulations and their
-- paragraphs). A verksamhet says which laws apply to it and which org units run it; a requirement
-- item says which verksamhet kinds and legal bases it applies to (none listed = all). Sets are
-- plain collection tables (Hibernate element collections); the enum values are the Java names.

CREATE TABLE verksamhet (
    id          UUID PRIMARY KEY,
    version     BIGINT        NOT NULL,
    code        VARCHAR(40)   NOT NULL,
    name        VARCHAR(200)  NOT NULL,
    description VARCHAR(4000),
    created_at  TIMESTAMPTZ   NOT NULL,
    updated_at  TIMESTAMPTZ   NOT NULL,
    updated_by  VARCHAR(100),
    CONSTRAINT verksamhet_code_unique UNIQUE (code)
);
CREATE INDEX verksamhet_updated_at ON verksamhet (updated_at);

CREATE TABLE verksamhet_legal_basis (
    verksamhet_id UUID        NOT NULL REFERENCES verksamhet (id) ON DELETE CASCADE,
    legal_basis   VARCHAR(20) NOT NULL,
    PRIMARY KEY (verksamhet_id, legal_basis)
);
CREATE INDEX verksamhet_legal_basis_value ON verksamhet_legal_basis (legal_basis);

CREATE TABLE verksamhet_kind (
    verksamhet_id UUID        NOT NULL REFERENCES verksamhet (id) ON DELETE CASCADE,
    kind          VARCHAR(40) NOT NULL,
    PRIMARY KEY (verksamhet_id, kind)
);

-- the units that run the verksamhet; only units of this registry (checked in VerksamhetService too,
-- so an unknown id is a 422 naming the field rather than a constraint violation)
CREATE TABLE verksamhet_org_unit (
    verksamhet_id UUID NOT NULL REFERENCES verksamhet (id) ON DELETE CASCADE,
    org_unit_id   UUID NOT NULL REFERENCES org_unit (id),
    PRIMARY KEY (verksamhet_id, org_unit_id)
);
CREATE INDEX verksamhet_org_unit_unit ON verksamhet_org_unit (org_unit_id);

CREATE TABLE regulation (
    id          UUID PRIMARY KEY,
    version     BIGINT       NOT NULL,
    code        VARCHAR(60)  NOT NULL,
    title       VARCHAR(300) NOT NULL,
    kind        VARCHAR(20)  NOT NULL,
    issued_by   VARCHAR(200) NOT NULL,
    url         VARCHAR(500),
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    updated_by  VARCHAR(100),
    CONSTRAINT regulation_code_unique UNIQUE (code),
    CONSTRAINT regulation_kind_known CHECK (kind IN ('LAW', 'REGULATION', 'GENERAL_ADVICE', 'EU_REGULATION'))
);

CREATE TABLE requirement_item (
    id               UUID PRIMARY KEY,
    version          BIGINT        NOT NULL,
    regulation_id    UUID          NOT NULL REFERENCES regulation (id),
    reference        VARCHAR(60)   NOT NULL,
    summary          VARCHAR(2000) NOT NULL,
    order_key        INTEGER       NOT NULL,
    withdrawn_on     DATE,
    withdrawn_reason VARCHAR(500),
    created_at       TIMESTAMPTZ   NOT NULL,
    updated_at       TIMESTAMPTZ   NOT NULL,
    updated_by       VARCHAR(100)
);
CREATE INDEX requirement_item_regulation ON requirement_item (regulation_id, order_key);
CREATE INDEX requirement_item_updated_at ON requirement_item (updated_at);
-- a paragraph is in force once per regulation; a withdrawn one may be followed by a new item with
-- the same reference (checked in RequirementCatalogueService too, for a 409 problem)
CREATE UNIQUE INDEX requirement_item_reference_unique ON requirement_item (regulation_id, reference)
    WHERE withdrawn_on IS NULL;

CREATE TABLE requirement_item_legal_basis (
    requirement_item_id UUID        NOT NULL REFERENCES requirement_item (id) ON DELETE CASCADE,
    legal_basis         VARCHAR(20) NOT NULL,
    PRIMARY KEY (requirement_item_id, legal_basis)
);

CREATE TABLE requirement_item_kind (
    requirement_item_id UUID        NOT NULL REFERENCES requirement_item (id) ON DELETE CASCADE,
    kind                VARCHAR(40) NOT NULL,
    PRIMARY KEY (requirement_item_id, kind)
);
