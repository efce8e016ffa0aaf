-- The statistics read the few reports that touch several units one by one: find them without a scan.
CREATE INDEX deviation_fact_multi_unit ON deviation_fact (occurred_on) WHERE multi_unit;
