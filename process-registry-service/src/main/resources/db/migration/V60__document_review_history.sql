-- Confirmed reviews (revideringar) of a version in force, kept so that "which documents were due for review or
-- overdue on a day" (GET /registry/v1/reviews?asOf=, issue 16 item 3) answers from the review date that applied
-- then; document.next_review_date holds only the latest. One row per version and review day (a second
-- confirmation on the same day replaces the first).
CREATE TABLE document_review_history (
    document_id      UUID        NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    version_number   INTEGER     NOT NULL,
    reviewed_on      DATE        NOT NULL,
    next_review_date DATE,
    recorded_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (document_id, version_number, reviewed_on)
);

-- Before this table only the latest review of a document in force was kept: that one is carried over; earlier
-- confirmations are not known (an "as of" day before the latest review answers from the version's own date).
INSERT INTO document_review_history (document_id, version_number, reviewed_on, next_review_date, recorded_at)
SELECT d.id, d.in_force_version, d.last_reviewed_on, d.next_review_date, d.updated_at
  FROM document d
 WHERE d.status = 'IN_FORCE' AND d.in_force_version IS NOT NULL AND d.last_reviewed_on IS NOT NULL;
