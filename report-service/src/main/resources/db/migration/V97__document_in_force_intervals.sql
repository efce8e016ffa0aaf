-- Issue 16 item 3: every period a document was in force, so "in force on D" is right for any past day even when a
-- document was withdrawn and approved again later (registry_document keeps only its present state: a re-approval
-- cleared withdrawn_on and moved first_in_force_on, so the years before the withdrawal lost it). A period runs from
-- the first in-force day of an approval to the withdrawal day (not in force on that day); open while in force.
CREATE TABLE registry_document_in_force (
    document_id   UUID NOT NULL,
    in_force_from DATE NOT NULL,
    in_force_to   DATE,
    PRIMARY KEY (document_id, in_force_from)
);
-- what the present state knows (a read-model rebuild replays every approval and withdrawal and sets it exactly)
INSERT INTO registry_document_in_force (document_id, in_force_from, in_force_to)
SELECT document_id, coalesce(first_in_force_on, valid_from), withdrawn_on FROM registry_document
WHERE coalesce(first_in_force_on, valid_from) IS NOT NULL;
