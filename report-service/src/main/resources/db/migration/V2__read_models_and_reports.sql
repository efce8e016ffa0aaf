-- Read models built only from the suite's events (ids, org units, categories, dates, counts; no
-- case text, no persons), and the reports generated from them. Every read-model table is listed in
-- ReadModels.TABLES: the rebuild command truncates exactly those and replays the topics.

-- Involved units are collected as a union over the events that name them (order-insensitive), so
-- they may arrive before the report's own row during a rebuild.
ALTER TABLE deviation_fact_involved_unit DROP CONSTRAINT deviation_fact_involved_unit_deviation_id_fkey;
CREATE INDEX deviation_fact_involved_unit_unit ON deviation_fact_involved_unit (org_unit_id, deviation_id);

-- Triage: the categories (tracks) a report runs, several per report; replaced by a newer triage
-- only (triaged_at guards against an older decision overwriting a newer one). Until a report is
-- triaged the reporter's suggestion in deviation_fact.category counts.
CREATE TABLE deviation_fact_triage (
    deviation_id UUID PRIMARY KEY,
    triaged_at   TIMESTAMPTZ NOT NULL,
    closed_on    DATE
);
CREATE TABLE deviation_fact_category (
    deviation_id UUID        NOT NULL,
    category     VARCHAR(40) NOT NULL,
    PRIMARY KEY (deviation_id, category)
);
CREATE INDEX deviation_fact_category_cat ON deviation_fact_category (category, deviation_id);

-- Tracks (lex Sarah, lex Maria, personal data breach, complaint, ...) and how they ended; columns
-- are filled by whichever event carries them, never blanked by a later one.
CREATE TABLE deviation_fact_track (
    track_id           UUID PRIMARY KEY,
    deviation_id       UUID        NOT NULL,
    track_type         VARCHAR(40) NOT NULL,
    opened_at          TIMESTAMPTZ,
    investigated_on    DATE,
    closed_on          DATE,
    closure            VARCHAR(20),
    assessment         VARCHAR(40),
    serious            BOOLEAN,
    authority_notified BOOLEAN,
    notified_on_time   BOOLEAN
);
CREATE INDEX deviation_fact_track_deviation ON deviation_fact_track (deviation_id);

CREATE TABLE deviation_fact_root_cause (
    track_id     UUID        NOT NULL,
    deviation_id UUID        NOT NULL,
    root_cause   VARCHAR(60) NOT NULL,
    PRIMARY KEY (track_id, root_cause)
);

-- Notifications to authorities: IVO (lex Sarah / lex Maria) and IMY (personal data breach, GDPR art. 33)
CREATE TABLE deviation_fact_notification (
    notification_id UUID PRIMARY KEY,
    deviation_id    UUID        NOT NULL,
    track_type      VARCHAR(40) NOT NULL,
    authority       VARCHAR(10) NOT NULL,
    kind            VARCHAR(20) NOT NULL,
    sent_at         TIMESTAMPTZ NOT NULL,
    on_time         BOOLEAN     NOT NULL,
    hours_late      BIGINT      NOT NULL
);
CREATE INDEX deviation_fact_notification_deviation ON deviation_fact_notification (deviation_id);

-- Actions (åtgärder): due, done (on time?), effect checked (effective?)
CREATE TABLE deviation_fact_action (
    action_id         UUID PRIMARY KEY,
    deviation_id      UUID NOT NULL,
    org_unit_id       UUID,
    due_on            DATE,
    done_on           DATE,
    done_on_time      BOOLEAN,
    effect_checked_on DATE,
    effective         BOOLEAN
);
CREATE INDEX deviation_fact_action_deviation ON deviation_fact_action (deviation_id);

-- Deadlines that passed (lex Sarah to IVO, IMY 72 h, complaint answers, actions, ...)
CREATE TABLE deviation_fact_overdue (
    clock_id     UUID PRIMARY KEY,
    deviation_id UUID        NOT NULL,
    clock_kind   VARCHAR(60) NOT NULL,
    org_unit_id  UUID,
    due_on       DATE        NOT NULL
);

-- Organisation history (process-registry-service): one row per snapshot of a unit from the date it
-- took effect; a reorganisation is a new snapshot with another parent. valid_to is derived.
CREATE TABLE org_unit_version (
    org_unit_id UUID         NOT NULL,
    valid_from  DATE         NOT NULL,
    parent_id   UUID,
    name        VARCHAR(200) NOT NULL,
    level       VARCHAR(40)  NOT NULL,
    active      BOOLEAN      NOT NULL DEFAULT TRUE,
    PRIMARY KEY (org_unit_id, valid_from)
);

-- Every (unit, ancestor-or-self) pair with the dates it held: recomputed from org_unit_version
-- whenever a snapshot arrives (organisations have hundreds of units, not millions).
CREATE TABLE org_unit_closure (
    org_unit_id UUID    NOT NULL,
    ancestor_id UUID    NOT NULL,
    depth       INTEGER NOT NULL,
    valid_from  DATE    NOT NULL,
    valid_to    DATE    NOT NULL,
    PRIMARY KEY (org_unit_id, ancestor_id, valid_from)
);
CREATE INDEX org_unit_closure_ancestor ON org_unit_closure (ancestor_id, org_unit_id);

-- Steering documents (processes, routines, guidelines) as the registry publishes them
CREATE TABLE registry_document (
    document_id     UUID PRIMARY KEY,
    kind            VARCHAR(40) NOT NULL,
    org_unit_id     UUID,
    approved_on     DATE,
    next_review_on  DATE,
    review_overdue  BOOLEAN NOT NULL DEFAULT FALSE,
    cooperation     BOOLEAN NOT NULL DEFAULT FALSE
);

-- Risk analyses (5 kap 1 §): one row per assessed risk
CREATE TABLE registry_risk (
    risk_id     UUID PRIMARY KEY,
    org_unit_id UUID,
    assessed_on DATE NOT NULL,
    likelihood  INTEGER,
    consequence INTEGER
);

-- Egenkontroll (5 kap 2 §) occurrences (followup-service): executed, or overdue, or executed late
CREATE TABLE followup_egenkontroll (
    occurrence_id UUID PRIMARY KEY,
    plan_id       UUID NOT NULL,
    org_unit_id   UUID,
    executed_on   DATE,
    result        VARCHAR(30),
    deviations_found INTEGER,
    due_on        DATE,
    overdue       BOOLEAN NOT NULL DEFAULT FALSE
);

-- Indicator measurements (followup-service); the latest revision wins
CREATE TABLE followup_measurement (
    measurement_id UUID PRIMARY KEY,
    indicator_id   UUID         NOT NULL,
    org_unit_id    UUID,
    period         VARCHAR(20)  NOT NULL,
    gender         VARCHAR(1)   NOT NULL,
    value          NUMERIC(20, 6),
    numerator      NUMERIC(20, 6),
    denominator    NUMERIC(20, 6),
    revision       INTEGER      NOT NULL
);

-- Measurements that missed their målvärde
CREATE TABLE followup_target_missed (
    indicator_id UUID        NOT NULL,
    org_unit_id  UUID        NOT NULL,
    period       VARCHAR(20) NOT NULL,
    gender       VARCHAR(1)  NOT NULL,
    value        NUMERIC(20, 6),
    evaluated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (indicator_id, org_unit_id, period, gender)
);

-- Quality initiatives (kvalitetsinsatser): done / not done / overdue
CREATE TABLE followup_initiative (
    initiative_id UUID PRIMARY KEY,
    org_unit_id   UUID,
    origin        VARCHAR(40),
    deadline      DATE,
    outcome       VARCHAR(20),
    closed_on     DATE,
    on_time       BOOLEAN,
    overdue       BOOLEAN NOT NULL DEFAULT FALSE
);

-- Reports: a kvalitetsberättelse or patientsäkerhetsberättelse for a year and an organisation.
-- The definition holds what people write (narrative, verdict overrides, focus areas); versions are
-- generated from the read models and frozen at approval.
CREATE TABLE report (
    id           UUID PRIMARY KEY,
    kind         VARCHAR(40)  NOT NULL,
    report_year  INTEGER      NOT NULL,
    org_unit_id  UUID         NOT NULL,
    title        VARCHAR(200) NOT NULL,
    editorial    TEXT         NOT NULL,
    version      BIGINT       NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    UNIQUE (kind, report_year, org_unit_id)
);

CREATE TABLE report_version (
    id              UUID PRIMARY KEY,
    report_id       UUID         NOT NULL REFERENCES report (id),
    number          INTEGER      NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    idempotency_key VARCHAR(100) NOT NULL,
    requested_at    TIMESTAMPTZ  NOT NULL,
    generated_at    TIMESTAMPTZ,
    approved_at     TIMESTAMPTZ,
    approval_note   VARCHAR(1000),
    content         TEXT,
    content_hash    VARCHAR(64),
    html            TEXT,
    pdf             BYTEA,
    xlsx            BYTEA,
    error           VARCHAR(1000),
    version         BIGINT       NOT NULL,
    UNIQUE (report_id, number),
    UNIQUE (report_id, idempotency_key)
);

-- An approved version is archived (arkivering): the database refuses to change or delete it.
CREATE FUNCTION report_version_frozen() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'APPROVED' THEN
        RAISE EXCEPTION 'report version % is approved and immutable', OLD.id;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER report_version_frozen BEFORE UPDATE OR DELETE ON report_version
    FOR EACH ROW EXECUTE FUNCTION report_version_frozen();

-- a rebuild in progress or done (admin command)
CREATE TABLE read_model_rebuild (
    id           UUID PRIMARY KEY,
    status       VARCHAR(20) NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ,
    events_read  BIGINT      NOT NULL DEFAULT 0,
    error        VARCHAR(1000)
);

-- The categories a report counts under: the triage decision, else the reporter's suggestion, else
-- UNCLASSIFIED (not yet triaged, no suggestion).
CREATE VIEW deviation_effective_category AS
SELECT c.deviation_id, c.category
FROM deviation_fact_category c
WHERE EXISTS (SELECT 1 FROM deviation_fact f WHERE f.deviation_id = c.deviation_id)
UNION ALL
SELECT f.deviation_id, coalesce(f.category, 'UNCLASSIFIED')
FROM deviation_fact f
WHERE NOT EXISTS (SELECT 1 FROM deviation_fact_category c WHERE c.deviation_id = f.deviation_id);

-- Every org unit a report touches: where it happened and every involved unit
CREATE VIEW deviation_touched_unit AS
SELECT f.deviation_id, f.org_unit_id FROM deviation_fact f
UNION
SELECT i.deviation_id, i.org_unit_id FROM deviation_fact_involved_unit i
WHERE EXISTS (SELECT 1 FROM deviation_fact f WHERE f.deviation_id = i.deviation_id);
