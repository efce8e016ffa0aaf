-- Issue 3: actions (åtgärder) with effect checks; the outcome of a complaint linked to what it became.
CREATE TABLE deviation_action (
    id                UUID PRIMARY KEY,
    deviation_id      UUID          NOT NULL REFERENCES deviation (id),
    track_id          UUID REFERENCES deviation_track (id),
    title             VARCHAR(200)  NOT NULL,
    description       VARCHAR(4000),
    owner             VARCHAR(200)  NOT NULL,
    org_unit_id       UUID          NOT NULL,
    due_date          DATE          NOT NULL,
    status            VARCHAR(20)   NOT NULL,
    done_date         DATE,
    cancel_reason     VARCHAR(4000),
    effect_check_due  DATE,
    effect_checked_on DATE,
    effective         BOOLEAN,
    effect_comment    VARCHAR(4000),
    effect_checked_by VARCHAR(200),
    created_by        VARCHAR(200)  NOT NULL,
    created_at        TIMESTAMPTZ   NOT NULL,
    updated_at        TIMESTAMPTZ   NOT NULL,
    version           BIGINT        NOT NULL
);
CREATE INDEX deviation_action_deviation ON deviation_action (deviation_id);
CREATE INDEX deviation_action_open_due ON deviation_action (due_date) WHERE status IN ('PLANNED', 'IN_PROGRESS');
CREATE INDEX deviation_action_updated ON deviation_action (updated_at, id);

CREATE TABLE deviation_action_root_cause (
    action_id  UUID        NOT NULL REFERENCES deviation_action (id),
    root_cause VARCHAR(60) NOT NULL,
    PRIMARY KEY (action_id, root_cause)
);

ALTER TABLE deviation_track ADD COLUMN linked_track_id UUID REFERENCES deviation_track (id);
ALTER TABLE deviation_track ADD COLUMN linked_deviation_id UUID REFERENCES deviation (id);
CREATE INDEX deadline_clock_kind_due ON deadline_clock (kind, due_at) WHERE stopped_at IS NULL;
