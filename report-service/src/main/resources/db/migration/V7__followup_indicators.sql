-- Indicators (nyckeltal) as followup-service publishes them (indicator.changed.v1: the snapshot
-- with the highest revision wins, its målvärden replaced with it) and the evaluation of each cell
-- (indicator.evaluated.v1: per indicator, unit, period and gender the highest sequence wins).
-- Catalogue labels, ids, codes and numbers only.
CREATE TABLE followup_indicator (
    indicator_id UUID PRIMARY KEY,
    revision BIGINT NOT NULL,
    code VARCHAR(60) NOT NULL,
    name VARCHAR(300) NOT NULL,
    criterion_code VARCHAR(60) NOT NULL,
    criterion_name VARCHAR(200) NOT NULL,
    unit_of_measure VARCHAR(20) NOT NULL,
    decimals INTEGER NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE followup_indicator_target (
    indicator_id UUID NOT NULL REFERENCES followup_indicator (indicator_id) ON DELETE CASCADE,
    valid_from_period VARCHAR(10) NOT NULL,
    comparator VARCHAR(30) NOT NULL,
    target_value NUMERIC NOT NULL,
    target_upper NUMERIC,
    PRIMARY KEY (indicator_id, valid_from_period)
);

CREATE TABLE followup_evaluation (
    indicator_id UUID NOT NULL,
    org_unit_id UUID NOT NULL,
    period VARCHAR(10) NOT NULL,
    gender VARCHAR(1) NOT NULL,
    sequence BIGINT NOT NULL,
    status VARCHAR(20) NOT NULL,
    basis VARCHAR(20) NOT NULL,
    value NUMERIC,
    missing_reason VARCHAR(30),
    comparator VARCHAR(30),
    target_value NUMERIC,
    target_upper NUMERIC,
    target_valid_from VARCHAR(10),
    trend VARCHAR(20) NOT NULL,
    evaluated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (indicator_id, org_unit_id, period, gender)
);
CREATE INDEX followup_evaluation_period ON followup_evaluation (period, gender);
