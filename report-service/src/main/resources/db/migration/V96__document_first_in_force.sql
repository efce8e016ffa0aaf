-- Issue 16 item 3: the documents in force on a past day (a past year's kvalitetsberättelse counts them as of its
-- 31 December): the first day any version of the document was in force. With withdrawn_on this answers "in force on
-- D" (first_in_force_on <= D and not withdrawn on or before D); registry_document keeps only the present version.
ALTER TABLE registry_document ADD COLUMN first_in_force_on DATE;
-- what the present state knows: the earliest in-force day of any version seen (registry_document_review, V80) or
-- of the present one; a read-model rebuild replays every approval and sets it exactly
UPDATE registry_document d SET first_in_force_on = least(d.valid_from,
    (SELECT min(r.in_force_from) FROM registry_document_review r WHERE r.document_id = d.document_id));
