-- Issue 3: the clock engine's deadlines, personal data breach and complaint tracks.
CREATE TABLE deadline_clock (
    id                    UUID PRIMARY KEY,
    deviation_id          UUID        NOT NULL REFERENCES deviation (id),
    subject_id            UUID        NOT NULL,
    track_type            VARCHAR(40),
    kind                  VARCHAR(40) NOT NULL,
    org_unit_id           UUID        NOT NULL,
    policy                VARCHAR(40) NOT NULL,
    started_at            TIMESTAMPTZ NOT NULL,
    due_at                TIMESTAMPTZ NOT NULL,
    due_soon_at           TIMESTAMPTZ NOT NULL,
    stopped_at            TIMESTAMPTZ,
    stop_reason           VARCHAR(20),
    due_soon_published_at TIMESTAMPTZ,
    overdue_published_at  TIMESTAMPTZ
);
CREATE INDEX deadline_clock_deviation ON deadline_clock (deviation_id);
CREATE INDEX deadline_clock_subject ON deadline_clock (subject_id, kind);
CREATE INDEX deadline_clock_running ON deadline_clock (due_at) WHERE stopped_at IS NULL;
CREATE UNIQUE INDEX deadline_clock_one_running ON deadline_clock (subject_id, kind) WHERE stopped_at IS NULL;

-- personal data breach (GDPR art. 33-34)
ALTER TABLE deviation_track ADD COLUMN aware_at TIMESTAMPTZ;
ALTER TABLE deviation_track ADD COLUMN affected_count INTEGER;
ALTER TABLE deviation_track ADD COLUMN data_categories VARCHAR(500);
ALTER TABLE deviation_track ADD COLUMN data_subjects_notified_at TIMESTAMPTZ;
ALTER TABLE deviation_track ADD COLUMN data_subjects_not_notified_reason VARCHAR(4000);

-- complaints and suggestions (SOSFS 2011:9 5 kap 3-5 §§)
ALTER TABLE deviation_track ADD COLUMN complaint_kind VARCHAR(20);
ALTER TABLE deviation_track ADD COLUMN complaint_source VARCHAR(40);
ALTER TABLE deviation_track ADD COLUMN complaint_channel VARCHAR(20);
ALTER TABLE deviation_track ADD COLUMN anonymous BOOLEAN;
ALTER TABLE deviation_track ADD COLUMN received_at TIMESTAMPTZ;
ALTER TABLE deviation_track ADD COLUMN acknowledged_at TIMESTAMPTZ;
ALTER TABLE deviation_track ADD COLUMN answered_at TIMESTAMPTZ;
ALTER TABLE deviation_track ADD COLUMN answer_text VARCHAR(10000);
ALTER TABLE deviation_track ADD COLUMN deviation_occurred BOOLEAN;
