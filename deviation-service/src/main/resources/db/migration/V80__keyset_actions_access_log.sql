-- Issue 20: the cross-case action list and the access log are keyset pages, like the case lists (V40). Each
-- index a page walks has the filter's column first and the list's sort key after it, ending in the id (a total
-- order for the cursor), so a page reads its limit's worth of entries whatever the history holds.
-- Actions: soonest due first (due_date, id); incremental sync (updated_at, id) is V6's deviation_action_updated.
CREATE INDEX deviation_action_due ON deviation_action (due_date, id);
-- the access log: oldest first (at, id); per case, per person, per username, and the refused attempts
DROP INDEX case_access_log_at;
CREATE INDEX case_access_log_at ON case_access_log (at, id);
DROP INDEX case_access_log_deviation;
CREATE INDEX case_access_log_deviation ON case_access_log (deviation_id, at, id);
DROP INDEX case_access_log_subject;
CREATE INDEX case_access_log_subject ON case_access_log (subject, at, id);
CREATE INDEX case_access_log_username ON case_access_log (username, at, id);
CREATE INDEX case_access_log_refused ON case_access_log (at, id) WHERE NOT granted;
