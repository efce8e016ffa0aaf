-- Issue 20: the kvalitetsberättelse reads a year's indicators through a range of periods, not the whole history.
-- followup_measurement's only index led with indicator_id and followup_target_missed's key too, so the report's
-- `period BETWEEN` and `period LIKE 'YYYY%'` read every measurement and missed target of the history.
CREATE INDEX followup_measurement_period ON followup_measurement (period);
CREATE INDEX followup_target_missed_period ON followup_target_missed (period);

-- Issue 16 item 3: a past year's egenkontroll counts the occurrences due in the year and carried out after its
-- 31 December as not executed on that day (FollowupQueries.notExecutedAtYearEnd), read by the due day.
CREATE INDEX followup_egenkontroll_due ON followup_egenkontroll (due_on) WHERE executed_on IS NOT NULL;
