-- Reports of deviations (avvikelser): the system of record.
CREATE TABLE deviation (
    id                 UUID PRIMARY KEY,
    summary            VARCHAR(200)  NOT NULL,
    description        VARCHAR(10000) NOT NULL,
    occurred_at        TIMESTAMPTZ   NOT NULL,
    noticed_at         TIMESTAMPTZ,
    org_unit_id        UUID          NOT NULL,
    suggested_category VARCHAR(40),
    immediate_actions  VARCHAR(4000),
    channel            VARCHAR(20)   NOT NULL,
    reporter_subject   VARCHAR(200)  NOT NULL,
    reporter_client    VARCHAR(200),
    external_source    VARCHAR(100),
    external_id        VARCHAR(200),
    status             VARCHAR(30)   NOT NULL,
    created_at         TIMESTAMPTZ   NOT NULL,
    updated_at         TIMESTAMPTZ   NOT NULL,
    version            BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT deviation_external_ref UNIQUE (external_source, external_id)
);
CREATE INDEX deviation_org_unit ON deviation (org_unit_id);
CREATE INDEX deviation_reporter ON deviation (reporter_subject);
CREATE INDEX deviation_updated ON deviation (updated_at);

CREATE TABLE deviation_involved_unit (
    deviation_id UUID NOT NULL REFERENCES deviation (id) ON DELETE CASCADE,
    org_unit_id  UUID NOT NULL,
    PRIMARY KEY (deviation_id, org_unit_id)
);
CREATE INDEX deviation_involved_unit_unit ON deviation_involved_unit (org_unit_id);
