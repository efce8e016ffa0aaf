-- Issue 20 item 2: the generator's claim (every few seconds, ReportGenerator.claim) picks the oldest
-- PENDING version or a stale GENERATING one. V3's index covered PENDING only, so the OR read the whole
-- table; this one covers both states in requested_at order (NoSequentialScansTest).
CREATE INDEX report_version_work ON report_version (requested_at) WHERE status IN ('PENDING', 'GENERATING');
DROP INDEX report_version_pending;
