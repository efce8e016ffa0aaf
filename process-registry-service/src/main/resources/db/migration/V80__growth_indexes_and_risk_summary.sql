-- Issue 20: reads whose cost must not grow with the registry's history.

-- Document lists in title order (keyset pages): one ordered walk per view (status), the sort key in the index.
CREATE INDEX document_version_list ON document_version (status, lower(title), document_id);

-- Search for a common term: the most recently approved matching versions are the candidates that get ranked.
CREATE INDEX document_version_recent ON document_version (approved_at DESC, id DESC) WHERE status = 'APPROVED';

-- The risk matrix of today: the current cell of every risk, counted per unit (the unit of its analysis), and the
-- analyses per unit, maintained by triggers in the transaction of each change. Assessments are never after today and
-- never before the previous one, so a risk row holds its latest assessment; a matrix as of a past day still reads
-- the assessment history.
CREATE TABLE risk_matrix_summary (
    org_unit_id UUID    NOT NULL,
    likelihood  INTEGER NOT NULL,
    consequence INTEGER NOT NULL,
    closed      BOOLEAN NOT NULL,
    risks       BIGINT  NOT NULL,
    PRIMARY KEY (org_unit_id, likelihood, consequence, closed)
);

CREATE TABLE risk_analysis_unit_count (
    org_unit_id UUID   PRIMARY KEY,
    analyses    BIGINT NOT NULL
);

INSERT INTO risk_matrix_summary (org_unit_id, likelihood, consequence, closed, risks)
SELECT an.org_unit_id, r.likelihood, r.consequence, r.status = 'CLOSED', count(*)
  FROM risk r JOIN risk_analysis an ON an.id = r.analysis_id
 GROUP BY 1, 2, 3, 4;

INSERT INTO risk_analysis_unit_count (org_unit_id, analyses)
SELECT org_unit_id, count(*) FROM risk_analysis GROUP BY org_unit_id;

CREATE FUNCTION risk_matrix_add(unit UUID, l INTEGER, c INTEGER, is_closed BOOLEAN, n BIGINT) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO risk_matrix_summary AS s (org_unit_id, likelihood, consequence, closed, risks)
    VALUES (unit, l, c, is_closed, n)
    ON CONFLICT (org_unit_id, likelihood, consequence, closed) DO UPDATE SET risks = s.risks + EXCLUDED.risks
$$;

CREATE FUNCTION risk_matrix_summary_on_risk() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM risk_matrix_add((SELECT org_unit_id FROM risk_analysis WHERE id = OLD.analysis_id),
                                OLD.likelihood, OLD.consequence, OLD.status = 'CLOSED', -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM risk_matrix_add((SELECT org_unit_id FROM risk_analysis WHERE id = NEW.analysis_id),
                                NEW.likelihood, NEW.consequence, NEW.status = 'CLOSED', 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER risk_matrix_summary_on_insert_or_delete AFTER INSERT OR DELETE ON risk
    FOR EACH ROW EXECUTE FUNCTION risk_matrix_summary_on_risk();
CREATE TRIGGER risk_matrix_summary_on_update AFTER UPDATE OF likelihood, consequence, status, analysis_id ON risk
    FOR EACH ROW WHEN ((OLD.likelihood, OLD.consequence, OLD.status, OLD.analysis_id)
                  IS DISTINCT FROM (NEW.likelihood, NEW.consequence, NEW.status, NEW.analysis_id))
    EXECUTE FUNCTION risk_matrix_summary_on_risk();

CREATE FUNCTION risk_analysis_unit_count_on_analysis() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE risk_analysis_unit_count SET analyses = analyses - 1 WHERE org_unit_id = OLD.org_unit_id;
        -- the analysis's risks move with it (a handful per analysis)
        PERFORM risk_matrix_add(OLD.org_unit_id, r.likelihood, r.consequence, r.status = 'CLOSED', -count(*))
           FROM risk r WHERE r.analysis_id = OLD.id GROUP BY r.likelihood, r.consequence, r.status = 'CLOSED';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO risk_analysis_unit_count AS s (org_unit_id, analyses) VALUES (NEW.org_unit_id, 1)
        ON CONFLICT (org_unit_id) DO UPDATE SET analyses = s.analyses + 1;
        PERFORM risk_matrix_add(NEW.org_unit_id, r.likelihood, r.consequence, r.status = 'CLOSED', count(*))
           FROM risk r WHERE r.analysis_id = NEW.id GROUP BY r.likelihood, r.consequence, r.status = 'CLOSED';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER risk_analysis_unit_count_on_insert_or_delete AFTER INSERT OR DELETE ON risk_analysis
    FOR EACH ROW EXECUTE FUNCTION risk_analysis_unit_count_on_analysis();
CREATE TRIGGER risk_analysis_unit_count_on_move AFTER UPDATE OF org_unit_id ON risk_analysis
    FOR EACH ROW WHEN (OLD.org_unit_id IS DISTINCT FROM NEW.org_unit_id)
    EXECUTE FUNCTION risk_analysis_unit_count_on_analysis();
