-- Registry read models from process-registry-service's document, review, risk and coverage events
-- (ids, types, units, dates and counts; no titles or texts).

-- registry_document (V2) keeps one row per document: the version in force and its review state.
ALTER TABLE registry_document
    ADD COLUMN version          INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN process_category VARCHAR(20),
    ADD COLUMN in_force         BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN valid_from       DATE,
    ADD COLUMN withdrawn_on     DATE,
    ADD COLUMN last_reviewed_on DATE,
    ADD COLUMN requirement_count INTEGER NOT NULL DEFAULT 0;

-- the units a document applies to (and every unit under them)
CREATE TABLE registry_document_unit (
    document_id UUID NOT NULL,
    org_unit_id UUID NOT NULL,
    PRIMARY KEY (document_id, org_unit_id)
);
CREATE INDEX registry_document_unit_unit ON registry_document_unit (org_unit_id);

-- every assessment of every risk (re-assessments keep history); registry_risk (V2) holds the latest
ALTER TABLE registry_risk
    ADD COLUMN risk_analysis_id UUID,
    ADD COLUMN assessment       INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN score            INTEGER,
    ADD COLUMN matrix_class     VARCHAR(20),
    ADD COLUMN status           VARCHAR(20),
    ADD COLUMN subject_kind     VARCHAR(20),
    ADD COLUMN open_measures    INTEGER NOT NULL DEFAULT 0;
CREATE TABLE registry_risk_assessment (
    risk_id      UUID        NOT NULL,
    assessment   INTEGER     NOT NULL,
    org_unit_id  UUID,
    assessed_on  DATE        NOT NULL,
    score        INTEGER     NOT NULL,
    matrix_class VARCHAR(20) NOT NULL,
    PRIMARY KEY (risk_id, assessment)
);
CREATE INDEX registry_risk_assessment_on ON registry_risk_assessment (assessed_on);

-- requirement coverage per operating unit: the latest snapshot, and its gaps
CREATE TABLE registry_unit_coverage (
    org_unit_id          UUID PRIMARY KEY,
    as_of                DATE        NOT NULL,
    applicable_count     INTEGER     NOT NULL,
    covered_count        INTEGER     NOT NULL,
    documents_in_force   INTEGER     NOT NULL,
    computed_at          TIMESTAMPTZ NOT NULL
);
CREATE TABLE registry_unit_coverage_gap (
    org_unit_id         UUID         NOT NULL,
    requirement_item_id UUID         NOT NULL,
    regulation_code     VARCHAR(100),
    reference           VARCHAR(100),
    PRIMARY KEY (org_unit_id, requirement_item_id)
);
