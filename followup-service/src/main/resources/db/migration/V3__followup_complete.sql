-- followup-service, issue 5: measurements with history, egenkontroll, internal control, quality
-- initiatives with tasks, facts derived from deviation events, Kolada comparison series.

-- Indicators: a value backed by fewer answers than min_responses is shown as missing
-- (TOO_FEW_RESPONSES) while its parts still roll up; derived_* name the deviation-event metric
-- an indicator of method DERIVED_FROM_EVENTS is computed from.
ALTER TABLE indicator ADD COLUMN min_responses INTEGER;
ALTER TABLE indicator ADD COLUMN derived_metric VARCHAR(40);
ALTER TABLE indicator ADD COLUMN derived_category VARCHAR(40);

CREATE INDEX goal_unit ON goal (org_unit_id);
ALTER TABLE goal ADD COLUMN criterion_code VARCHAR(60) REFERENCES quality_criterion (code);

-- Every revision of a measurement as it was recorded (revision 1 = the first recording, the
-- highest = the current values), with who recorded it: corrections keep history.
COMMENT ON TABLE measurement_revision IS 'every revision of a measurement as recorded; the highest is the current one';
ALTER TABLE measurement ADD COLUMN recorded_by VARCHAR(200);
CREATE INDEX measurement_period ON measurement (period, indicator_id);

-- Facts derived from deviation-service's events (no personal data, no free text). Replaces the
-- unused V1 table: a report counts once per category and once per unit it involves.
DROP TABLE deviation_fact;
CREATE TABLE deviation_fact (
    deviation_id   UUID PRIMARY KEY,
    org_unit_id    UUID        NOT NULL,
    channel        VARCHAR(20),
    reported_at    TIMESTAMPTZ,
    reported_on    DATE,
    units_at       TIMESTAMPTZ,
    categories_at  TIMESTAMPTZ,
    closed_on      DATE,
    days_to_close  INTEGER
);
CREATE INDEX deviation_fact_reported ON deviation_fact (reported_on);
CREATE INDEX deviation_fact_closed ON deviation_fact (closed_on);
-- the units a report concerns: where it happened and every unit involved
CREATE TABLE deviation_fact_unit (
    deviation_id UUID NOT NULL,
    org_unit_id  UUID NOT NULL,
    PRIMARY KEY (deviation_id, org_unit_id)
);
CREATE INDEX deviation_fact_unit_unit ON deviation_fact_unit (org_unit_id);
CREATE TABLE deviation_fact_category (
    deviation_id UUID        NOT NULL,
    category     VARCHAR(40) NOT NULL,
    PRIMARY KEY (deviation_id, category)
);
CREATE TABLE deviation_track_fact (
    track_id         UUID PRIMARY KEY,
    deviation_id     UUID        NOT NULL,
    track_type       VARCHAR(40) NOT NULL,
    reclassified     BOOLEAN     NOT NULL DEFAULT FALSE,
    completed        BOOLEAN     NOT NULL DEFAULT FALSE,
    serious          BOOLEAN,
    reportable       BOOLEAN,
    notified         BOOLEAN     NOT NULL DEFAULT FALSE,
    notified_on_time BOOLEAN
);
CREATE INDEX deviation_track_fact_deviation ON deviation_track_fact (deviation_id);
CREATE TABLE deviation_action_fact (
    action_id    UUID PRIMARY KEY,
    deviation_id UUID NOT NULL,
    org_unit_id  UUID NOT NULL,
    due_date     DATE,
    done_date    DATE,
    on_time      BOOLEAN
);
CREATE INDEX deviation_action_fact_due ON deviation_action_fact (due_date);

-- Kolada comparison series: a municipality (e.g. 0000 = riket, 1860) or an organisational unit (ou).
ALTER TABLE kolada_value DROP CONSTRAINT kolada_value_pkey;
ALTER TABLE kolada_value ALTER COLUMN municipality TYPE VARCHAR(20);
ALTER TABLE kolada_value ADD COLUMN area_kind VARCHAR(12) NOT NULL DEFAULT 'MUNICIPALITY';
ALTER TABLE kolada_value RENAME COLUMN municipality TO area_id;
ALTER TABLE kolada_value ADD PRIMARY KEY (kpi, area_kind, area_id, period, gender);

-- Egenkontroll (SOSFS 2011:9 5 kap 2 §): plans, their scheduled occurrences and executions.
CREATE TABLE egenkontroll_plan (
    id               UUID PRIMARY KEY,
    org_unit_id      UUID          NOT NULL,
    title            VARCHAR(300)  NOT NULL,
    description      VARCHAR(4000),
    method           VARCHAR(30)   NOT NULL,
    sample           VARCHAR(1000),
    sample_size      INTEGER,
    frequency        VARCHAR(20)   NOT NULL,
    first_due_on     DATE          NOT NULL,
    ends_on          DATE,
    responsible_role VARCHAR(200)  NOT NULL,
    indicator_id     UUID REFERENCES indicator (id),
    status           VARCHAR(20)   NOT NULL,
    created_at       TIMESTAMPTZ   NOT NULL,
    updated_at       TIMESTAMPTZ   NOT NULL,
    version          BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX egenkontroll_plan_unit ON egenkontroll_plan (org_unit_id);
CREATE INDEX egenkontroll_plan_updated ON egenkontroll_plan (updated_at, id);
-- links to process-registry-service's routines and risks (kept as ids)
CREATE TABLE egenkontroll_plan_routine (
    plan_id    UUID NOT NULL REFERENCES egenkontroll_plan (id) ON DELETE CASCADE,
    routine_id UUID NOT NULL,
    PRIMARY KEY (plan_id, routine_id)
);
CREATE TABLE egenkontroll_plan_risk (
    plan_id UUID NOT NULL REFERENCES egenkontroll_plan (id) ON DELETE CASCADE,
    risk_id UUID NOT NULL,
    PRIMARY KEY (plan_id, risk_id)
);
CREATE TABLE egenkontroll_occurrence (
    id                UUID PRIMARY KEY,
    plan_id           UUID          NOT NULL REFERENCES egenkontroll_plan (id),
    org_unit_id       UUID          NOT NULL,
    due_on            DATE          NOT NULL,
    status            VARCHAR(20)   NOT NULL,
    executed_on       DATE,
    sample_size       INTEGER,
    findings          VARCHAR(4000),
    result            VARCHAR(20),
    deviations_found  INTEGER,
    follow_up_actions VARCHAR(4000),
    action_count      INTEGER,
    executed_by       VARCHAR(200),
    cancel_reason     VARCHAR(1000),
    overdue_notified  BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMPTZ   NOT NULL,
    updated_at        TIMESTAMPTZ   NOT NULL,
    version           BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT egenkontroll_occurrence_once UNIQUE (plan_id, due_on)
);
CREATE INDEX egenkontroll_occurrence_scheduled ON egenkontroll_occurrence (due_on) WHERE status = 'SCHEDULED';
CREATE INDEX egenkontroll_occurrence_unit ON egenkontroll_occurrence (org_unit_id, due_on);

-- Internal control plan (internkontrollplan) per year: risks chosen, controls, results, report to the board.
CREATE TABLE internal_control_plan (
    id             UUID PRIMARY KEY,
    org_unit_id    UUID          NOT NULL,
    year           INTEGER       NOT NULL,
    title          VARCHAR(300)  NOT NULL,
    status         VARCHAR(20)   NOT NULL,
    adopted_on     DATE,
    adopted_by     VARCHAR(300),
    report_summary VARCHAR(8000),
    reported_on    DATE,
    reported_to    VARCHAR(300),
    created_at     TIMESTAMPTZ   NOT NULL,
    updated_at     TIMESTAMPTZ   NOT NULL,
    version        BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT internal_control_plan_once UNIQUE (org_unit_id, year)
);
CREATE TABLE internal_control_item (
    id                   UUID PRIMARY KEY,
    plan_id              UUID          NOT NULL REFERENCES internal_control_plan (id) ON DELETE CASCADE,
    position             INTEGER       NOT NULL,
    risk_id              UUID,
    risk                 VARCHAR(1000) NOT NULL,
    likelihood           INTEGER,
    consequence          INTEGER,
    control              VARCHAR(2000) NOT NULL,
    method               VARCHAR(1000),
    schedule             VARCHAR(300),
    responsible_role     VARCHAR(200)  NOT NULL,
    egenkontroll_plan_id UUID REFERENCES egenkontroll_plan (id),
    due_on               DATE,
    result_status        VARCHAR(30),
    result               VARCHAR(4000),
    deviations_found     INTEGER,
    actions              VARCHAR(4000),
    completed_on         DATE
);
CREATE INDEX internal_control_item_plan ON internal_control_item (plan_id, position);

-- Quality initiatives: when started, the later effect check, and their tasks (ansvarsfördelning).
ALTER TABLE quality_initiative ADD COLUMN started_on DATE;
ALTER TABLE quality_initiative ADD COLUMN effective BOOLEAN;
ALTER TABLE quality_initiative ADD COLUMN effect_checked_on DATE;
CREATE INDEX quality_initiative_deadline ON quality_initiative (deadline);
CREATE TABLE quality_initiative_task (
    initiative_id UUID          NOT NULL REFERENCES quality_initiative (id) ON DELETE CASCADE,
    position      INTEGER       NOT NULL,
    responsible   VARCHAR(200)  NOT NULL,
    description   VARCHAR(2000) NOT NULL,
    deadline      DATE,
    done_on       DATE,
    PRIMARY KEY (initiative_id, position)
);

-- Local copy of process-registry-service's routines and risks (from its document.* and
-- risk.assessed events), to check the links of egenkontroll plans and internal control items.
CREATE TABLE registry_document (
    document_id   UUID PRIMARY KEY,
    document_type VARCHAR(40) NOT NULL,
    version       INTEGER     NOT NULL,
    withdrawn     BOOLEAN     NOT NULL DEFAULT FALSE,
    valid_from    DATE,
    withdrawn_on  DATE,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE registry_risk (
    risk_id          UUID PRIMARY KEY,
    risk_analysis_id UUID        NOT NULL,
    org_unit_id      UUID,
    assessment       INTEGER     NOT NULL,
    score            INTEGER,
    matrix_class     VARCHAR(20),
    status           VARCHAR(20) NOT NULL,
    assessed_on      DATE,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Incremental BI export without losing rows to late commits: every insert or update of a
-- measurement stamps the writing transaction's id. An export hands out rows whose transaction ids
-- are below the xmin of its snapshot (every such transaction has ended), and its cursor starts the
-- next pull there; a transaction still running when the export ran is picked up by the next pull.
ALTER TABLE measurement ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE FUNCTION measurement_change_xid() RETURNS trigger AS $$
BEGIN
    NEW.change_xid := pg_current_xact_id();
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER measurement_change_xid BEFORE UPDATE ON measurement
    FOR EACH ROW EXECUTE FUNCTION measurement_change_xid();
CREATE INDEX measurement_change ON measurement (change_xid, id);
