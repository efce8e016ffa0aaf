-- Issue 20: the kvalitetsberättelse reads a year's egenkontroller and quality initiatives by the day each is placed by
-- (executed, else due; closed, else the deadline). Without these indexes every occurrence and initiative of the
-- history was read for one year.
CREATE INDEX followup_egenkontroll_day ON followup_egenkontroll ((coalesce(executed_on, due_on)));
CREATE INDEX followup_initiative_day ON followup_initiative ((coalesce(closed_on, deadline)));
-- Issue 16 item 3: a past year's overdue initiatives are those whose deadline fell in the year (as of 31 December).
CREATE INDEX followup_initiative_deadline ON followup_initiative (deadline);

-- Issue 16 item 3: every review date a document's version had, and the day it stopped being due (reviewed, a newer
-- version in force, withdrawn), so that "overdue for review" can be answered as of any day (a past year's
-- kvalitetsberättelse counts it as of 31 December). registry_document keeps only the present state.
CREATE TABLE registry_document_review (
    document_id   UUID    NOT NULL,
    version       INTEGER NOT NULL,
    review_date   DATE    NOT NULL,
    -- the first day the version was in force (null: known only from a review or an overdue notice)
    in_force_from DATE,
    -- reviewed on / superseded from / withdrawn from; null while still due
    cleared_on    DATE,
    PRIMARY KEY (document_id, version, review_date)
);
-- "due on day D" reads the rows not cleared by D: the ones still due and those cleared after D, not the history before
CREATE INDEX registry_document_review_open ON registry_document_review ((coalesce(cleared_on, DATE 'infinity')));

-- What the present state knows of the past: the review date each document in force has now. Earlier review dates of
-- documents consumed before this migration are not known (a read-model rebuild replays them from the topic).
INSERT INTO registry_document_review (document_id, version, review_date, in_force_from)
SELECT document_id, version, next_review_on, valid_from FROM registry_document
WHERE in_force AND next_review_on IS NOT NULL;
