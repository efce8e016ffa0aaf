-- Steering documents (styrdokument): processes with their ordered activities, routines, guidelines,
-- checklists and cooperation agreements; and the cooperation partners they name (SOSFS 2011:9
-- 4 kap. 2-5 §§). A document is an identity (document, whose version column is the ETag) plus
-- numbered versions. A version is edited while DRAFT, locked while IN_REVIEW, and immutable once
-- APPROVED: then only its status moves on (SUPERSEDED by the next approved version, or WITHDRAWN).
-- Triggers below refuse any other change to a decided version, whatever the application does.

CREATE TABLE cooperation_partner (
    id                  UUID PRIMARY KEY,
    version             BIGINT        NOT NULL,
    name                VARCHAR(200)  NOT NULL,
    kind                VARCHAR(40)   NOT NULL,
    organisation_number VARCHAR(20),
    description         VARCHAR(2000),
    active              BOOLEAN       NOT NULL,
    created_at          TIMESTAMPTZ   NOT NULL,
    updated_at          TIMESTAMPTZ   NOT NULL,
    updated_by          VARCHAR(100)
);
CREATE UNIQUE INDEX cooperation_partner_name_unique ON cooperation_partner (lower(name));
CREATE INDEX cooperation_partner_updated_at ON cooperation_partner (updated_at);

CREATE TABLE document (
    id                UUID PRIMARY KEY,
    version           BIGINT       NOT NULL,
    type              VARCHAR(30)  NOT NULL,
    -- NOT_APPROVED (only a draft so far), IN_FORCE (an approved version applies), WITHDRAWN
    status            VARCHAR(20)  NOT NULL,
    in_force_version  INTEGER,
    working_version   INTEGER,
    latest_version    INTEGER      NOT NULL,
    -- of the version in force (else of the working version): for access checks and lists
    owner_org_unit_id UUID,
    next_review_date  DATE,
    last_reviewed_on  DATE,
    created_at        TIMESTAMPTZ  NOT NULL,
    created_by        VARCHAR(100),
    updated_at        TIMESTAMPTZ  NOT NULL,
    updated_by        VARCHAR(100),
    CONSTRAINT document_type_known CHECK (type IN ('PROCESS', 'ROUTINE', 'GUIDELINE', 'CHECKLIST', 'COOPERATION_AGREEMENT')),
    CONSTRAINT document_status_known CHECK (status IN ('NOT_APPROVED', 'IN_FORCE', 'WITHDRAWN'))
);
CREATE INDEX document_updated_at ON document (updated_at);
CREATE INDEX document_review ON document (next_review_date) WHERE status = 'IN_FORCE';

CREATE TABLE document_version (
    id                      UUID PRIMARY KEY,
    document_id             UUID          NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    number                  INTEGER       NOT NULL,
    status                  VARCHAR(20)   NOT NULL,
    title                   VARCHAR(200)  NOT NULL,
    summary                 VARCHAR(2000),
    content                 TEXT,
    process_category        VARCHAR(20),
    start_point             VARCHAR(500),
    end_point               VARCHAR(500),
    requires_cooperation    BOOLEAN       NOT NULL,
    process_id              UUID REFERENCES document (id),
    activity_id             UUID,
    routine_id              UUID REFERENCES document (id),
    owner_org_unit_id       UUID REFERENCES org_unit (id),
    owner_role              VARCHAR(100),
    review_interval         VARCHAR(20)   NOT NULL,
    review_interval_months  INTEGER,
    decided_by              VARCHAR(30),
    decision_org_unit_id    UUID REFERENCES org_unit (id),
    decided_on              DATE,
    diarienummer            VARCHAR(60),
    valid_from              DATE,
    next_review_date        DATE,
    approved_at             TIMESTAMPTZ,
    approved_by             VARCHAR(100),
    superseded_on           DATE,
    withdrawn_on            DATE,
    withdrawal_reason       VARCHAR(30),
    replaced_by_document_id UUID REFERENCES document (id),
    -- text of the parts (activities, responsibilities, checklist items) for the full-text index
    search_extra            TEXT          NOT NULL DEFAULT '',
    created_at              TIMESTAMPTZ   NOT NULL,
    created_by              VARCHAR(100),
    updated_at              TIMESTAMPTZ   NOT NULL,
    updated_by              VARCHAR(100),
    -- Swedish full-text search: title weighs most, then the summary/purpose, then the text and parts
    search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('swedish', coalesce(title, '')), 'A')
        || setweight(to_tsvector('swedish', coalesce(summary, '')), 'B')
        || setweight(to_tsvector('swedish', coalesce(content, '') || ' ' || search_extra), 'C')) STORED,
    CONSTRAINT document_version_number UNIQUE (document_id, number),
    CONSTRAINT document_version_status_known CHECK (status IN ('DRAFT', 'IN_REVIEW', 'APPROVED', 'SUPERSEDED', 'WITHDRAWN')),
    CONSTRAINT document_version_content_size CHECK (content IS NULL OR length(content) <= 100000),
    CONSTRAINT document_version_decided CHECK (status IN ('DRAFT', 'IN_REVIEW')
        OR (decided_by IS NOT NULL AND decided_on IS NOT NULL AND valid_from IS NOT NULL AND approved_at IS NOT NULL))
);
-- only versions in force are searched: a partial index keeps drafts and history out of it
CREATE INDEX document_version_search ON document_version USING GIN (search_vector) WHERE status = 'APPROVED';
CREATE INDEX document_version_status ON document_version (status, document_id);
CREATE INDEX document_version_process ON document_version (process_id) WHERE process_id IS NOT NULL;
CREATE INDEX document_version_activity ON document_version (activity_id) WHERE activity_id IS NOT NULL;

CREATE TABLE document_version_org_unit (
    version_id  UUID NOT NULL REFERENCES document_version (id) ON DELETE CASCADE,
    org_unit_id UUID NOT NULL REFERENCES org_unit (id),
    PRIMARY KEY (version_id, org_unit_id)
);
CREATE INDEX document_version_org_unit_unit ON document_version_org_unit (org_unit_id);

CREATE TABLE document_version_verksamhet (
    version_id    UUID NOT NULL REFERENCES document_version (id) ON DELETE CASCADE,
    verksamhet_id UUID NOT NULL REFERENCES verksamhet (id),
    PRIMARY KEY (version_id, verksamhet_id)
);

CREATE TABLE document_version_partner (
    version_id UUID NOT NULL REFERENCES document_version (id) ON DELETE CASCADE,
    partner_id UUID NOT NULL REFERENCES cooperation_partner (id),
    PRIMARY KEY (version_id, partner_id)
);
CREATE INDEX document_version_partner_partner ON document_version_partner (partner_id);

-- which requirement items the document satisfies, how that is followed up and who answers for it
-- (seed 002: krav -> gällande rutiner -> uppföljning/metod -> ansvar)
CREATE TABLE document_version_requirement (
    version_id          UUID         NOT NULL REFERENCES document_version (id) ON DELETE CASCADE,
    position            INTEGER      NOT NULL,
    requirement_item_id UUID         NOT NULL REFERENCES requirement_item (id),
    follow_up_method    VARCHAR(30),
    responsible         VARCHAR(200),
    PRIMARY KEY (version_id, position)
);
CREATE INDEX document_version_requirement_item ON document_version_requirement (requirement_item_id);

-- a routine's responsibility allocation (4 kap. 4 §: hur ansvaret för utförandet är fördelat)
CREATE TABLE document_version_responsibility (
    version_id              UUID          NOT NULL REFERENCES document_version (id) ON DELETE CASCADE,
    position                INTEGER       NOT NULL,
    task                    VARCHAR(500)  NOT NULL,
    responsible_role        VARCHAR(200),
    responsible_org_unit_id UUID REFERENCES org_unit (id),
    PRIMARY KEY (version_id, position)
);

CREATE TABLE document_version_checklist_item (
    version_id UUID          NOT NULL REFERENCES document_version (id) ON DELETE CASCADE,
    position   INTEGER       NOT NULL,
    text       VARCHAR(1000) NOT NULL,
    PRIMARY KEY (version_id, position)
);

-- the ordered activities of a process version (4 kap. 3 §); activity_id is stable across versions
CREATE TABLE process_activity (
    id          UUID PRIMARY KEY,
    version_id  UUID          NOT NULL REFERENCES document_version (id) ON DELETE CASCADE,
    activity_id UUID          NOT NULL,
    position    INTEGER       NOT NULL,
    name        VARCHAR(200)  NOT NULL,
    description VARCHAR(4000),
    CONSTRAINT process_activity_once UNIQUE (version_id, activity_id)
);
CREATE INDEX process_activity_activity ON process_activity (activity_id);

-- the review scheduler's memory: one notice per document, review date and kind (DUE, OVERDUE)
CREATE TABLE review_notice (
    document_id UUID        NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    review_date DATE        NOT NULL,
    kind        VARCHAR(10) NOT NULL,
    noticed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (document_id, review_date, kind)
);

-- Decided versions are immutable: only the status may move on, with the dates that record it.
CREATE FUNCTION document_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status IN ('APPROVED', 'SUPERSEDED', 'WITHDRAWN') THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'document version % is decided and cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF (NEW.title, NEW.summary, NEW.content, NEW.process_category, NEW.start_point, NEW.end_point,
            NEW.requires_cooperation, NEW.process_id, NEW.activity_id, NEW.routine_id, NEW.owner_org_unit_id,
            NEW.owner_role, NEW.review_interval, NEW.review_interval_months, NEW.decided_by, NEW.decision_org_unit_id,
            NEW.decided_on, NEW.diarienummer, NEW.valid_from, NEW.next_review_date, NEW.approved_at, NEW.search_extra,
            NEW.number, NEW.document_id)
           IS DISTINCT FROM
           (OLD.title, OLD.summary, OLD.content, OLD.process_category, OLD.start_point, OLD.end_point,
            OLD.requires_cooperation, OLD.process_id, OLD.activity_id, OLD.routine_id, OLD.owner_org_unit_id,
            OLD.owner_role, OLD.review_interval, OLD.review_interval_months, OLD.decided_by, OLD.decision_org_unit_id,
            OLD.decided_on, OLD.diarienummer, OLD.valid_from, OLD.next_review_date, OLD.approved_at, OLD.search_extra,
            OLD.number, OLD.document_id)
           OR OLD.status <> 'APPROVED' AND NEW.status <> OLD.status
           OR NEW.status NOT IN ('APPROVED', 'SUPERSEDED', 'WITHDRAWN') THEN
            RAISE EXCEPTION 'document version % is decided and immutable', OLD.id USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER document_version_immutable BEFORE UPDATE OR DELETE ON document_version
    FOR EACH ROW EXECUTE FUNCTION document_version_immutable();

-- the parts of a decided version are frozen with it
CREATE FUNCTION document_version_part_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v UUID := CASE WHEN TG_OP = 'DELETE' THEN OLD.version_id ELSE NEW.version_id END;
BEGIN
    IF EXISTS (SELECT 1 FROM document_version WHERE id = v AND status IN ('APPROVED', 'SUPERSEDED', 'WITHDRAWN'))
       OR TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM document_version WHERE id = OLD.version_id
                                        AND status IN ('APPROVED', 'SUPERSEDED', 'WITHDRAWN')) THEN
        RAISE EXCEPTION 'the parts of decided document version % are immutable', v USING ERRCODE = 'check_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER document_version_org_unit_immutable BEFORE INSERT OR UPDATE OR DELETE ON document_version_org_unit
    FOR EACH ROW EXECUTE FUNCTION document_version_part_immutable();
CREATE TRIGGER document_version_verksamhet_immutable BEFORE INSERT OR UPDATE OR DELETE ON document_version_verksamhet
    FOR EACH ROW EXECUTE FUNCTION document_version_part_immutable();
CREATE TRIGGER document_version_partner_immutable BEFORE INSERT OR UPDATE OR DELETE ON document_version_partner
    FOR EACH ROW EXECUTE FUNCTION document_version_part_immutable();
CREATE TRIGGER document_version_requirement_immutable BEFORE INSERT OR UPDATE OR DELETE ON document_version_requirement
    FOR EACH ROW EXECUTE FUNCTION document_version_part_immutable();
CREATE TRIGGER document_version_responsibility_immutable BEFORE INSERT OR UPDATE OR DELETE ON document_version_responsibility
    FOR EACH ROW EXECUTE FUNCTION document_version_part_immutable();
CREATE TRIGGER document_version_checklist_item_immutable BEFORE INSERT OR UPDATE OR DELETE ON document_version_checklist_item
    FOR EACH ROW EXECUTE FUNCTION document_version_part_immutable();
CREATE TRIGGER process_activity_immutable BEFORE INSERT OR UPDATE OR DELETE ON process_activity
    FOR EACH ROW EXECUTE FUNCTION document_version_part_immutable();

-- the last coverage snapshot published per operating unit (unit-coverage.changed is sent only on change)
CREATE TABLE unit_coverage_snapshot (
    org_unit_id  UUID PRIMARY KEY,
    fingerprint  VARCHAR(64) NOT NULL,
    computed_at  TIMESTAMPTZ NOT NULL
);
