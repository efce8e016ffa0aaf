-- The statistics' grouped scan reads cells instead of reports: one row per single-unit report's
-- (org unit, day it happened, category mask, channel, flags) with how many reports have exactly
-- those values. Every measure of StatisticsService is a predicate over category_mask, channel and
-- flags, so it can be summed over cells weighted by their count, and the scan is proportional to
-- the distinct combinations a unit has per day, not to the reports.
--
-- The cells are maintained by statement-level triggers on deviation_fact in the same transaction as
-- the change of the report's row (insert, update of the derived columns, delete, truncate by the
-- read-model rebuild), so they can never disagree with the reports they count. Reports touching
-- several units (multi_unit) stay out: StatisticsService reads those one by one.
CREATE TABLE deviation_day_cell (
    org_unit_id   UUID        NOT NULL,
    occurred_on   DATE        NOT NULL,
    category_mask INTEGER     NOT NULL,
    channel       VARCHAR(20) NOT NULL,
    flags         INTEGER     NOT NULL,
    reports       BIGINT      NOT NULL CHECK (reports >= 0),
    PRIMARY KEY (occurred_on, org_unit_id, category_mask, channel, flags)
);

-- Applies per-cell deltas (the row type's "reports" holds +n or -n): decrements the cells of removed
-- rows (which must exist: the CHECK fails loudly if cells and reports ever disagree) and drops those
-- that reach zero, then adds to or creates the cells of added rows. Key order, so that concurrent
-- transactions lock shared cells in the same order. The trigger functions aggregate their
-- transition tables into the deltas (transition tables are visible only in the trigger function).
CREATE FUNCTION report_apply_day_cells(deltas deviation_day_cell[]) RETURNS VOID LANGUAGE sql AS $$
    UPDATE deviation_day_cell c SET reports = c.reports + d.reports
    FROM (SELECT * FROM unnest(deltas) WHERE reports < 0
          ORDER BY occurred_on, org_unit_id, category_mask, channel, flags) d
    WHERE c.occurred_on = d.occurred_on AND c.org_unit_id = d.org_unit_id AND c.category_mask = d.category_mask
      AND c.channel = d.channel AND c.flags = d.flags;
    DELETE FROM deviation_day_cell c USING unnest(deltas) d
    WHERE d.reports < 0 AND c.reports = 0 AND c.occurred_on = d.occurred_on AND c.org_unit_id = d.org_unit_id
      AND c.category_mask = d.category_mask AND c.channel = d.channel AND c.flags = d.flags;
    INSERT INTO deviation_day_cell AS c (org_unit_id, occurred_on, category_mask, channel, flags, reports)
    SELECT org_unit_id, occurred_on, category_mask, channel, flags, reports FROM unnest(deltas) WHERE reports > 0
    ORDER BY occurred_on, org_unit_id, category_mask, channel, flags
    ON CONFLICT (occurred_on, org_unit_id, category_mask, channel, flags)
    DO UPDATE SET reports = c.reports + excluded.reports;
$$;

CREATE FUNCTION report_day_cells_insert() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_apply_day_cells(ARRAY(
        SELECT ROW(org_unit_id, occurred_on, category_mask, channel, flags, count(*))::deviation_day_cell
        FROM day_cell_new WHERE NOT multi_unit GROUP BY org_unit_id, occurred_on, category_mask, channel, flags));
    RETURN NULL;
END
$$;

CREATE FUNCTION report_day_cells_update() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_apply_day_cells(ARRAY(
        SELECT ROW(org_unit_id, occurred_on, category_mask, channel, flags, sum(d))::deviation_day_cell
        FROM (SELECT org_unit_id, occurred_on, category_mask, channel, flags, 1 AS d FROM day_cell_new WHERE NOT multi_unit
              UNION ALL
              SELECT org_unit_id, occurred_on, category_mask, channel, flags, -1 FROM day_cell_old WHERE NOT multi_unit) r
        GROUP BY org_unit_id, occurred_on, category_mask, channel, flags));
    RETURN NULL;
END
$$;

CREATE FUNCTION report_day_cells_delete() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_apply_day_cells(ARRAY(
        SELECT ROW(org_unit_id, occurred_on, category_mask, channel, flags, -count(*))::deviation_day_cell
        FROM day_cell_old WHERE NOT multi_unit GROUP BY org_unit_id, occurred_on, category_mask, channel, flags));
    RETURN NULL;
END
$$;

CREATE FUNCTION report_day_cells_truncate() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE deviation_day_cell;
    RETURN NULL;
END
$$;

CREATE TRIGGER deviation_fact_day_cells_insert AFTER INSERT ON deviation_fact
    REFERENCING NEW TABLE AS day_cell_new FOR EACH STATEMENT EXECUTE FUNCTION report_day_cells_insert();
CREATE TRIGGER deviation_fact_day_cells_update AFTER UPDATE ON deviation_fact
    REFERENCING OLD TABLE AS day_cell_old NEW TABLE AS day_cell_new FOR EACH STATEMENT EXECUTE FUNCTION report_day_cells_update();
CREATE TRIGGER deviation_fact_day_cells_delete AFTER DELETE ON deviation_fact
    REFERENCING OLD TABLE AS day_cell_old FOR EACH STATEMENT EXECUTE FUNCTION report_day_cells_delete();
CREATE TRIGGER deviation_fact_day_cells_truncate AFTER TRUNCATE ON deviation_fact
    FOR EACH STATEMENT EXECUTE FUNCTION report_day_cells_truncate();

INSERT INTO deviation_day_cell (org_unit_id, occurred_on, category_mask, channel, flags, reports)
SELECT org_unit_id, occurred_on, category_mask, channel, flags, count(*) FROM deviation_fact
WHERE NOT multi_unit GROUP BY 1, 2, 3, 4, 5;
