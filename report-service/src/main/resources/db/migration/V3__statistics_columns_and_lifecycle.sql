-- Derived columns of a report's read-model row, recomputed from the detail tables after every event
-- that touches the report (DeviationFactRepository.refresh), so they do not depend on the order
-- events arrive in. The statistics scan deviation_fact once, grouped, instead of joining the detail
-- tables for a million rows.

-- One bit per category (DeviationCategory plus UNCLASSIFIED); see StatisticsBits.
CREATE FUNCTION report_category_bit(category VARCHAR) RETURNS INTEGER LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE category
        WHEN 'NOT_A_DEVIATION' THEN 1
        WHEN 'OTHER_DEVIATION' THEN 2
        WHEN 'LEX_SARAH' THEN 4
        WHEN 'LEX_MARIA' THEN 8
        WHEN 'PERSONAL_DATA_BREACH' THEN 16
        WHEN 'COMPLAINT' THEN 32
        ELSE 64 END
$$;

-- Authority outcome flags of a report (see StatisticsBits): per track type (lex Sarah, lex Maria,
-- personal data breach) whether it was judged reportable (allvarligt / allvarlig vårdskada / risk),
-- notified to IVO/IMY, the initial notification on time, late; and triaged / closed.
CREATE FUNCTION report_track_flags(d UUID, track VARCHAR, authority VARCHAR, shift INTEGER) RETURNS INTEGER
LANGUAGE sql STABLE AS $$
    SELECT ((CASE WHEN EXISTS (SELECT 1 FROM deviation_fact_track t WHERE t.deviation_id = d AND t.track_type = track
                    AND (t.serious OR (track = 'PERSONAL_DATA_BREACH' AND t.assessment IN ('RISK', 'HIGH_RISK'))
                         OR t.authority_notified))
                 OR EXISTS (SELECT 1 FROM deviation_fact_notification n WHERE n.deviation_id = d AND n.track_type = track
                    AND n.authority = authority) THEN 1 ELSE 0 END)
          | (CASE WHEN EXISTS (SELECT 1 FROM deviation_fact_notification n WHERE n.deviation_id = d AND n.track_type = track
                    AND n.authority = authority AND n.kind = 'INITIAL')
                 OR EXISTS (SELECT 1 FROM deviation_fact_track t WHERE t.deviation_id = d AND t.track_type = track
                    AND t.authority_notified) THEN 2 ELSE 0 END)
          | (CASE WHEN EXISTS (SELECT 1 FROM deviation_fact_notification n WHERE n.deviation_id = d AND n.track_type = track
                    AND n.authority = authority AND n.kind = 'INITIAL' AND n.on_time)
                 OR (NOT EXISTS (SELECT 1 FROM deviation_fact_notification n WHERE n.deviation_id = d AND n.track_type = track
                        AND n.authority = authority AND n.kind = 'INITIAL')
                     AND EXISTS (SELECT 1 FROM deviation_fact_track t WHERE t.deviation_id = d AND t.track_type = track
                        AND t.authority_notified AND t.notified_on_time)) THEN 4 ELSE 0 END)
          | (CASE WHEN EXISTS (SELECT 1 FROM deviation_fact_notification n WHERE n.deviation_id = d AND n.track_type = track
                    AND n.authority = authority AND n.kind = 'INITIAL' AND NOT n.on_time)
                 OR (NOT EXISTS (SELECT 1 FROM deviation_fact_notification n WHERE n.deviation_id = d AND n.track_type = track
                        AND n.authority = authority AND n.kind = 'INITIAL')
                     AND EXISTS (SELECT 1 FROM deviation_fact_track t WHERE t.deviation_id = d AND t.track_type = track
                        AND t.authority_notified AND NOT t.notified_on_time)) THEN 8 ELSE 0 END)) << shift
$$;

CREATE FUNCTION report_deviation_flags(d UUID) RETURNS INTEGER LANGUAGE sql STABLE AS $$
    SELECT report_track_flags(d, 'LEX_SARAH', 'IVO', 0)
         | report_track_flags(d, 'LEX_MARIA', 'IVO', 4)
         | report_track_flags(d, 'PERSONAL_DATA_BREACH', 'IMY', 8)
         | (CASE WHEN EXISTS (SELECT 1 FROM deviation_fact_category c WHERE c.deviation_id = d) THEN 4096 ELSE 0 END)
         | (CASE WHEN EXISTS (SELECT 1 FROM deviation_fact_triage t WHERE t.deviation_id = d AND t.closed_on IS NOT NULL)
                THEN 8192 ELSE 0 END)
$$;

ALTER TABLE deviation_fact
    ADD COLUMN category_mask INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN flags         INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN multi_unit    BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE deviation_fact f SET
    category_mask = coalesce((SELECT bit_or(report_category_bit(c.category)) FROM deviation_fact_category c
                              WHERE c.deviation_id = f.deviation_id), report_category_bit(coalesce(f.category, 'UNCLASSIFIED'))),
    multi_unit = EXISTS (SELECT 1 FROM deviation_fact_involved_unit i WHERE i.deviation_id = f.deviation_id
                         AND i.org_unit_id <> f.org_unit_id),
    flags = report_deviation_flags(f.deviation_id);

CREATE INDEX deviation_fact_action_due ON deviation_fact_action (due_on);
CREATE INDEX deviation_fact_overdue_due ON deviation_fact_overdue (due_on);
CREATE INDEX deviation_fact_root_cause_deviation ON deviation_fact_root_cause (deviation_id);
CREATE INDEX followup_measurement_indicator ON followup_measurement (indicator_id, period);

-- Report versions: the PDF's own hash (frozen with the content at approval), the count the
-- generated event carries, and who approved (kept here only, never in a document or event).
ALTER TABLE report_version
    ADD COLUMN pdf_hash        VARCHAR(64),
    ADD COLUMN deviation_count BIGINT,
    ADD COLUMN approved_by     VARCHAR(200),
    ADD COLUMN started_at      TIMESTAMPTZ,
    -- the editorial text as it stood when the version was requested (what it is generated from)
    ADD COLUMN editorial       TEXT;
CREATE INDEX report_version_pending ON report_version (requested_at) WHERE status = 'PENDING';

ALTER TABLE read_model_rebuild ADD COLUMN topics VARCHAR(500);
