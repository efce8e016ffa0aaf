-- Issue 3: investigations of lex Sarah, lex Maria and other-deviation tracks: assignment,
-- immutable dated entries (fact or assessment, source, author), assessment, position
-- (ställningstagande), and frozen notifications to IVO.
ALTER TABLE deviation_track ADD COLUMN investigator VARCHAR(200);
ALTER TABLE deviation_track ADD COLUMN assessment VARCHAR(40);
ALTER TABLE deviation_track ADD COLUMN serious BOOLEAN;
ALTER TABLE deviation_track ADD COLUMN serious_since TIMESTAMPTZ;
ALTER TABLE deviation_track ADD COLUMN assessed_at TIMESTAMPTZ;
ALTER TABLE deviation_track ADD COLUMN assessed_by VARCHAR(200);
ALTER TABLE deviation_track ADD COLUMN position_text VARCHAR(10000);
ALTER TABLE deviation_track ADD COLUMN position_by VARCHAR(200);
ALTER TABLE deviation_track ADD COLUMN updated_at TIMESTAMPTZ;
ALTER TABLE deviation_track ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX deviation_track_investigator ON deviation_track (investigator) WHERE investigator IS NOT NULL;
CREATE INDEX deviation_track_category ON deviation_track (category);

CREATE TABLE investigation_entry (
    id             UUID PRIMARY KEY,
    track_id       UUID           NOT NULL REFERENCES deviation_track (id),
    section        VARCHAR(40)    NOT NULL,
    kind           VARCHAR(20)    NOT NULL,
    entry_date     DATE           NOT NULL,
    source         VARCHAR(500)   NOT NULL,
    text           VARCHAR(10000) NOT NULL,
    author_subject VARCHAR(200)   NOT NULL,
    author_name    VARCHAR(200),
    created_at     TIMESTAMPTZ    NOT NULL
);
CREATE INDEX investigation_entry_track ON investigation_entry (track_id, created_at);

CREATE TABLE authority_notification (
    id                  UUID PRIMARY KEY,
    track_id            UUID          NOT NULL REFERENCES deviation_track (id),
    authority           VARCHAR(10)   NOT NULL,
    kind                VARCHAR(20)   NOT NULL,
    clock_started_at    TIMESTAMPTZ   NOT NULL,
    due_at              TIMESTAMPTZ,
    sent_at             TIMESTAMPTZ   NOT NULL,
    authority_reference VARCHAR(100),
    late_reason         VARCHAR(4000),
    snapshot            TEXT          NOT NULL,
    snapshot_sha256     VARCHAR(64)   NOT NULL,
    filed_by            VARCHAR(200)  NOT NULL,
    created_at          TIMESTAMPTZ   NOT NULL
);
CREATE INDEX authority_notification_track ON authority_notification (track_id, created_at);
CREATE UNIQUE INDEX authority_notification_one_initial ON authority_notification (track_id) WHERE kind = 'INITIAL';

-- entries and filed notifications are records: never changed, never removed
CREATE FUNCTION investigation_records_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER investigation_entry_immutable BEFORE UPDATE OR DELETE ON investigation_entry
    FOR EACH ROW EXECUTE FUNCTION investigation_records_immutable();
CREATE TRIGGER authority_notification_immutable BEFORE UPDATE OR DELETE ON authority_notification
    FOR EACH ROW EXECUTE FUNCTION investigation_records_immutable();
