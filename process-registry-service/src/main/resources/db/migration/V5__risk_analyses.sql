-- Risk analyses (SOSFS 2011:9 5 kap. 1 §): for a process, an activity or a planned change, the
-- events that could bring quality deficiencies, each with its likelihood and consequence (1-4),
-- score and matrix class, causes and measures. Every (re-)assessment is kept (risk_assessment), so
-- the matrix can be asked "as of" a day; the risk row holds the latest.

CREATE TABLE risk_analysis (
    id              UUID PRIMARY KEY,
    version         BIGINT        NOT NULL,
    title           VARCHAR(200)  NOT NULL,
    subject_kind    VARCHAR(20)   NOT NULL,
    process_id      UUID REFERENCES document (id),
    activity_id     UUID,
    planned_change  VARCHAR(2000),
    org_unit_id     UUID          NOT NULL REFERENCES org_unit (id),
    analysed_on     DATE          NOT NULL,
    description     VARCHAR(4000),
    status          VARCHAR(20)   NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    created_by      VARCHAR(100),
    updated_at      TIMESTAMPTZ   NOT NULL,
    updated_by      VARCHAR(100),
    CONSTRAINT risk_analysis_subject_known CHECK (subject_kind IN ('PROCESS', 'ACTIVITY', 'PLANNED_CHANGE')),
    CONSTRAINT risk_analysis_status_known CHECK (status IN ('OPEN', 'COMPLETED'))
);
CREATE INDEX risk_analysis_unit ON risk_analysis (org_unit_id);
CREATE INDEX risk_analysis_updated_at ON risk_analysis (updated_at);

-- who took part (roles or names): stays in the registry, never in events
CREATE TABLE risk_analysis_participant (
    analysis_id UUID         NOT NULL REFERENCES risk_analysis (id) ON DELETE CASCADE,
    position    INTEGER      NOT NULL,
    participant VARCHAR(200) NOT NULL,
    PRIMARY KEY (analysis_id, position)
);

CREATE TABLE risk (
    id           UUID PRIMARY KEY,
    analysis_id  UUID          NOT NULL REFERENCES risk_analysis (id),
    position     INTEGER       NOT NULL,
    description  VARCHAR(2000) NOT NULL,
    causes       VARCHAR(4000),
    likelihood   INTEGER       NOT NULL,
    consequence  INTEGER       NOT NULL,
    score        INTEGER       NOT NULL,
    matrix_class VARCHAR(20)   NOT NULL,
    status       VARCHAR(20)   NOT NULL,
    assessments  INTEGER       NOT NULL,
    assessed_on  DATE          NOT NULL,
    CONSTRAINT risk_levels CHECK (likelihood BETWEEN 1 AND 4 AND consequence BETWEEN 1 AND 4
        AND score = likelihood * consequence)
);
CREATE INDEX risk_analysis_risks ON risk (analysis_id, position);

-- every assessment, with the measures as they stood (JSON snapshot), never changed afterwards
CREATE TABLE risk_assessment (
    id           UUID PRIMARY KEY,
    risk_id      UUID          NOT NULL REFERENCES risk (id),
    number       INTEGER       NOT NULL,
    likelihood   INTEGER       NOT NULL,
    consequence  INTEGER       NOT NULL,
    score        INTEGER       NOT NULL,
    matrix_class VARCHAR(20)   NOT NULL,
    status       VARCHAR(20)   NOT NULL,
    assessed_on  DATE          NOT NULL,
    note         VARCHAR(2000),
    measures     TEXT          NOT NULL,
    assessed_at  TIMESTAMPTZ   NOT NULL,
    assessed_by  VARCHAR(100),
    CONSTRAINT risk_assessment_number UNIQUE (risk_id, number),
    CONSTRAINT risk_assessment_levels CHECK (likelihood BETWEEN 1 AND 4 AND consequence BETWEEN 1 AND 4
        AND score = likelihood * consequence)
);
CREATE INDEX risk_assessment_asof ON risk_assessment (risk_id, assessed_on, number);

CREATE FUNCTION risk_assessment_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'risk assessments are history and are never changed' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER risk_assessment_append_only BEFORE UPDATE OR DELETE ON risk_assessment
    FOR EACH ROW EXECUTE FUNCTION risk_assessment_append_only();

CREATE TABLE risk_measure (
    id                UUID PRIMARY KEY,
    risk_id           UUID          NOT NULL REFERENCES risk (id),
    position          INTEGER       NOT NULL,
    kind              VARCHAR(20)   NOT NULL,
    description       VARCHAR(2000) NOT NULL,
    owner_role        VARCHAR(200),
    owner_org_unit_id UUID REFERENCES org_unit (id),
    due_date          DATE,
    status            VARCHAR(20)   NOT NULL,
    CONSTRAINT risk_measure_kind_known CHECK (kind IN ('ACT_NOW', 'EGENKONTROLL', 'INTERNAL_CONTROL'))
);
CREATE INDEX risk_measure_risk ON risk_measure (risk_id, position);
