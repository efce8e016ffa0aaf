-- Issue 20 item 2: every filter of GET /deviation/v1/deviations (and its page total) reads the reports
-- through an index, never by scanning a table that grows with every report (NoSequentialScansTest).
-- status, org unit, reporter, updated_at and created_at had theirs (V1, V3).
CREATE INDEX deviation_occurred ON deviation (occurred_at);
CREATE INDEX deviation_channel_created ON deviation (channel, created_at);
CREATE INDEX deviation_source_created ON deviation (external_source, created_at) WHERE external_source IS NOT NULL;
