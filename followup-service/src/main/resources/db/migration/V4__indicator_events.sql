-- The events report-service builds its named indicator tables from (indicator.changed.v1 and
-- indicator.evaluated.v1). revision: the number of the last published snapshot of the indicator
-- (0: never published, picked up at start). indicator_evaluation_state: per cell the sequence and
-- a fingerprint of the last published evaluation, so a cell is published only when it changed
-- and its sequence only grows (rows with sequence 0 were evaluated but never worth publishing).
ALTER TABLE indicator ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;

CREATE TABLE indicator_evaluation_state (
    indicator_id UUID NOT NULL REFERENCES indicator (id),
    org_unit_id UUID NOT NULL,
    period VARCHAR(10) NOT NULL,
    gender VARCHAR(1) NOT NULL,
    sequence BIGINT NOT NULL,
    fingerprint VARCHAR(1000) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (indicator_id, org_unit_id, period, gender)
);
