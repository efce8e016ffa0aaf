-- Issue 19 item 1: a control of an adopted internal control plan that passes its due date without having been
-- carried out publishes followup.internal-control.overdue.v1 once (the scheduler, schedule/OverdueJob, as for
-- egenkontroll and quality initiatives); this remembers that it did. Controls overdue by more than 30 days when this version is installed are
-- marked as told, so an upgrade does not mail about every old plan's controls at once.
ALTER TABLE internal_control_item ADD COLUMN overdue_notified BOOLEAN NOT NULL DEFAULT false;
UPDATE internal_control_item SET overdue_notified = true WHERE due_on < current_date - 30;
CREATE INDEX internal_control_item_overdue_watch ON internal_control_item (due_on) WHERE NOT overdue_notified;
