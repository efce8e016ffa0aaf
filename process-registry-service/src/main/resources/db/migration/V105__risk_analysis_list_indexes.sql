-- Issue 20: the list of risk analyses (newest first: analysed_on DESC, then id) pages by keyset and reads no more
-- index entries than the page and its filters need, however many analyses the years have left. The indexes carry
-- the columns the list filters on (status, subject_kind, process_id, updated_at), so a filter is checked on the
-- index entries walked (an index-only scan) instead of the table's rows, and the planner keeps the ordered walk.

-- A unit's analyses newest first: the list of a unit's subtree (or of a unit manager's part) walks this per unit
-- with a LIMIT (RiskQueries.list). It replaces the index on the unit alone, which it leads with.
CREATE INDEX risk_analysis_unit_newest ON risk_analysis (org_unit_id, analysed_on DESC, id)
    INCLUDE (status, subject_kind, process_id, updated_at);
DROP INDEX risk_analysis_unit;

-- Every analysis newest first (the list without units: the quality team, admins, investigators, the MAS).
CREATE INDEX risk_analysis_newest ON risk_analysis (analysed_on DESC, id)
    INCLUDE (status, subject_kind, process_id, updated_at);

-- The analyses of a process (filter processId; the foreign key had no index).
CREATE INDEX risk_analysis_process ON risk_analysis (process_id, analysed_on DESC, id) WHERE process_id IS NOT NULL;
