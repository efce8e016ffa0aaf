-- Issue 16 item 3 / issue 20: the deadlines "as of" a past instant T (GET /deadlines?asOf=) are the clocks running at
-- T: started by T and not stopped by T (stopped_at IS NULL OR stopped_at > T). Without asOf the partial indexes on
-- running clocks (V5, V6) serve the list; with a past T there was no index, so the list read every clock ever
-- started. With this one the two arms are two ranges of one index (the clocks running now, and those stopped after
-- T), started_at checked in the index: a past T reads what ran or stopped since T, not the whole history.
CREATE INDEX deadline_clock_stopped ON deadline_clock (stopped_at, started_at);
