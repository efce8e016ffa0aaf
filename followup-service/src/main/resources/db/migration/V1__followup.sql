-- followup-service: follow-up and evaluation against målvärden (SOSFS 2011:9 4 kap 6 §).

-- Socialstyrelsen's quality criteria (kvalitetskriterier): a configurable list, seeded with the six.
CREATE TABLE quality_criterion (
    code        VARCHAR(60)  PRIMARY KEY,
    name_sv     VARCHAR(200) NOT NULL,
    name_en     VARCHAR(200) NOT NULL,
    description VARCHAR(2000),
    sort_order  INTEGER      NOT NULL,
    active      BOOLEAN      NOT NULL DEFAULT TRUE,
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version     BIGINT       NOT NULL DEFAULT 0
);
INSERT INTO quality_criterion (code, name_sv, name_en, sort_order) VALUES
    ('SELF_DETERMINATION_INTEGRITY', 'Självbestämmande och integritet', 'Self-determination and integrity', 1),
    ('HOLISTIC_VIEW_COORDINATION', 'Helhetssyn och samordning', 'Holistic view and coordination', 2),
    ('SAFETY', 'Trygghet och säkerhet', 'Safety and security', 3),
    ('KNOWLEDGE_BASED', 'Kunskapsbaserad verksamhet', 'Knowledge-based practice', 4),
    ('AVAILABILITY', 'Tillgänglighet', 'Availability', 5),
    ('EFFICIENCY', 'Effektivitet', 'Efficiency', 6);

-- Local copy of the organisation tree (owned by process-registry-service) for roll-up.
CREATE TABLE org_unit (
    id         UUID PRIMARY KEY,
    parent_id  UUID,
    name       VARCHAR(200) NOT NULL,
    kind       VARCHAR(40),
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX org_unit_parent ON org_unit (parent_id);

-- Goals: overarching (övergripande) -> board (nämndmål) -> operational per unit (verksamhetsmål).
CREATE TABLE goal (
    id          UUID PRIMARY KEY,
    level       VARCHAR(20)  NOT NULL,
    parent_id   UUID REFERENCES goal (id),
    org_unit_id UUID,
    title       VARCHAR(300) NOT NULL,
    description VARCHAR(4000),
    valid_from  INTEGER,
    valid_to    INTEGER,
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    version     BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX goal_parent ON goal (parent_id);
CREATE INDEX goal_updated ON goal (updated_at, id);

-- Indicators (nyckeltal).
CREATE TABLE indicator (
    id                     UUID PRIMARY KEY,
    code                   VARCHAR(60)   NOT NULL UNIQUE,
    name                   VARCHAR(300)  NOT NULL,
    description            VARCHAR(4000),
    criterion_code         VARCHAR(60)   NOT NULL REFERENCES quality_criterion (code),
    goal_id                UUID REFERENCES goal (id),
    unit_of_measure        VARCHAR(20)   NOT NULL,
    method                 VARCHAR(30)   NOT NULL,
    frequency              VARCHAR(20)   NOT NULL,
    responsible_role       VARCHAR(200),
    responsible_org_unit_id UUID,
    decimals               INTEGER       NOT NULL,
    gender_split           BOOLEAN       NOT NULL,
    kolada_kpi             VARCHAR(20),
    created_at             TIMESTAMPTZ   NOT NULL,
    updated_at             TIMESTAMPTZ   NOT NULL,
    version                BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX indicator_updated ON indicator (updated_at, id);
CREATE INDEX indicator_kolada ON indicator (kolada_kpi);

-- Målvärden: a target is valid from the start of a period until the next one (targets change).
CREATE TABLE indicator_target (
    id                UUID PRIMARY KEY,
    indicator_id      UUID          NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,
    valid_from_period VARCHAR(10)   NOT NULL,
    valid_from        DATE          NOT NULL,
    comparator        VARCHAR(30)   NOT NULL,
    target_value      NUMERIC(20,6) NOT NULL,
    target_upper      NUMERIC(20,6),
    created_at        TIMESTAMPTZ   NOT NULL,
    CONSTRAINT indicator_target_once UNIQUE (indicator_id, valid_from)
);

-- Measurements (mätvärden) per indicator, org unit, period and gender (T/K/M as in Kolada).
CREATE TABLE measurement (
    id             UUID PRIMARY KEY,
    indicator_id   UUID          NOT NULL REFERENCES indicator (id),
    org_unit_id    UUID          NOT NULL,
    period         VARCHAR(10)   NOT NULL,
    period_type    VARCHAR(10)   NOT NULL,
    period_start   DATE          NOT NULL,
    period_end     DATE          NOT NULL,
    gender         VARCHAR(1)    NOT NULL,
    value          NUMERIC(20,6),
    numerator      NUMERIC(20,6),
    denominator    NUMERIC(20,6),
    responses      INTEGER,
    response_rate  NUMERIC(9,6),
    missing_reason VARCHAR(30),
    source         VARCHAR(100),
    comment        VARCHAR(1000),
    revision       INTEGER       NOT NULL,
    created_at     TIMESTAMPTZ   NOT NULL,
    updated_at     TIMESTAMPTZ   NOT NULL,
    version        BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT measurement_once UNIQUE (indicator_id, org_unit_id, period, gender)
);
CREATE INDEX measurement_updated ON measurement (updated_at, id);
CREATE INDEX measurement_unit_period ON measurement (org_unit_id, period_start);
CREATE INDEX measurement_indicator_period ON measurement (indicator_id, period_start);

-- Corrections keep history: the values as they were before each change.
CREATE TABLE measurement_revision (
    measurement_id UUID          NOT NULL REFERENCES measurement (id) ON DELETE CASCADE,
    revision       INTEGER       NOT NULL,
    value          NUMERIC(20,6),
    numerator      NUMERIC(20,6),
    denominator    NUMERIC(20,6),
    responses      INTEGER,
    response_rate  NUMERIC(9,6),
    missing_reason VARCHAR(30),
    source         VARCHAR(100),
    comment        VARCHAR(1000),
    recorded_at    TIMESTAMPTZ   NOT NULL,
    recorded_by    VARCHAR(200)  NOT NULL,
    PRIMARY KEY (measurement_id, revision)
);

-- External comparison series in Kolada v3's shape (kpi, municipality, period, gender).
CREATE TABLE kolada_value (
    kpi          VARCHAR(20)   NOT NULL,
    municipality VARCHAR(10)   NOT NULL,
    period       INTEGER       NOT NULL,
    gender       CHAR(1)       NOT NULL,
    value        NUMERIC(20,6),
    count        INTEGER,
    status       VARCHAR(40),
    imported_at  TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (kpi, municipality, period, gender)
);

-- Facts derived from deviation-service's events (no personal data, no free text).
CREATE TABLE deviation_fact (
    deviation_id UUID PRIMARY KEY,
    org_unit_id  UUID        NOT NULL,
    category     VARCHAR(40),
    channel      VARCHAR(20),
    occurred_on  DATE        NOT NULL,
    reported_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX deviation_fact_unit ON deviation_fact (org_unit_id, reported_at);

-- Quality initiatives (kvalitetsinsatser), seed 001.
CREATE TABLE quality_initiative (
    id           UUID PRIMARY KEY,
    org_unit_id  UUID          NOT NULL,
    title        VARCHAR(300)  NOT NULL,
    description  VARCHAR(4000),
    responsible  VARCHAR(200)  NOT NULL,
    deadline     DATE,
    support      VARCHAR(1000),
    status       VARCHAR(20)   NOT NULL,
    origin       VARCHAR(30)   NOT NULL,
    origin_ref   UUID,
    indicator_id UUID REFERENCES indicator (id),
    effect       VARCHAR(4000),
    closed_on    DATE,
    overdue_notified BOOLEAN   NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMPTZ   NOT NULL,
    updated_at   TIMESTAMPTZ   NOT NULL,
    version      BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX quality_initiative_unit ON quality_initiative (org_unit_id);
CREATE INDEX quality_initiative_updated ON quality_initiative (updated_at, id);
CREATE INDEX quality_initiative_open_deadline ON quality_initiative (deadline) WHERE status IN ('NOT_STARTED', 'ONGOING');
