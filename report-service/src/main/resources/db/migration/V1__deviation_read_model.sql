-- Read model of reported deviations, built only from deviation events (no case data: ids, units,
-- categories and dates). Rebuildable by replaying the deviation topic.
CREATE TABLE deviation_fact (
    deviation_id       UUID PRIMARY KEY,
    org_unit_id        UUID        NOT NULL,
    category           VARCHAR(40),
    channel            VARCHAR(20) NOT NULL,
    occurred_on        DATE        NOT NULL,
    reported_at        TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX deviation_fact_period ON deviation_fact (occurred_on, org_unit_id, category);

CREATE TABLE deviation_fact_involved_unit (
    deviation_id UUID NOT NULL REFERENCES deviation_fact (deviation_id) ON DELETE CASCADE,
    org_unit_id  UUID NOT NULL,
    PRIMARY KEY (deviation_id, org_unit_id)
);
