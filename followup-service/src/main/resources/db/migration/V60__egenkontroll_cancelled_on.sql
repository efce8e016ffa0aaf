-- The day an egenkontroll occurrence was cancelled (issue 16 item 3: "as of" answers). Whether an occurrence
-- was overdue on a past day depends on whether it had been cancelled by then; the reason alone does not say when.
ALTER TABLE egenkontroll_occurrence ADD COLUMN cancelled_on DATE;

-- A cancelled occurrence is final (nothing changes it afterwards), so its last update is the cancellation.
UPDATE egenkontroll_occurrence
   SET cancelled_on = (updated_at AT TIME ZONE 'Europe/Stockholm')::date
 WHERE status = 'CANCELLED';

ALTER TABLE egenkontroll_occurrence
    ADD CONSTRAINT egenkontroll_occurrence_cancelled_on CHECK ((status = 'CANCELLED') = (cancelled_on IS NOT NULL));
