-- Each case-management system has its own machine client and sees only the reports it filed (issue
-- 13 item 6): an external reference is unique per filer (client and subject), so a second system
-- reporting the same source and id neither collides with nor learns of another system's report.
ALTER TABLE deviation DROP CONSTRAINT deviation_external_ref;
CREATE UNIQUE INDEX deviation_external_ref_per_filer
    ON deviation (COALESCE(reporter_client, ''), reporter_subject, external_source, external_id)
    WHERE external_source IS NOT NULL;
