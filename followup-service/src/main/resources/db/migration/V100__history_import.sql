-- Issue 16 item 1: the migration import of past quality initiatives and egenkontroll occurrences
-- (POST /followup/v1/imports/quality-initiatives, /imports/egenkontroll-occurrences). One run table for both
-- kinds (kind names which), each row's outcome, and one row per imported source reference per kind: the
-- idempotency key and the provenance of the record it became. Measurements keep their own tables (V90).
CREATE TABLE history_import_run (
    id               UUID PRIMARY KEY,
    kind             VARCHAR(40)  NOT NULL,
    format           VARCHAR(10)  NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    imported_by      VARCHAR(200) NOT NULL,
    started_at       TIMESTAMPTZ  NOT NULL,
    finished_at      TIMESTAMPTZ,
    total            INTEGER      NOT NULL,
    accepted         INTEGER      NOT NULL,
    already_imported INTEGER      NOT NULL,
    rejected         INTEGER      NOT NULL
);

CREATE TABLE history_import_row (
    run_id        UUID         NOT NULL REFERENCES history_import_run (id) ON DELETE CASCADE,
    row_number    INTEGER      NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    source_system VARCHAR(100),
    source_id     VARCHAR(200),
    record_id     UUID,
    errors        TEXT,
    PRIMARY KEY (run_id, row_number)
);
-- GET /imports/<kind>/{id}?status=…: the rows of one run with one outcome, by row number
CREATE INDEX history_import_row_status ON history_import_row (run_id, status, row_number);

CREATE TABLE history_migration (
    kind          VARCHAR(40)  NOT NULL,
    source_system VARCHAR(100) NOT NULL,
    source_id     VARCHAR(200) NOT NULL,
    record_id     UUID         NOT NULL,
    import_run_id UUID         NOT NULL REFERENCES history_import_run (id),
    digest        VARCHAR(64)  NOT NULL,
    imported_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (kind, source_system, source_id)
);

-- The provenance on the record itself (null for what was recorded here).
ALTER TABLE quality_initiative
    ADD COLUMN source_system VARCHAR(100),
    ADD COLUMN source_id     VARCHAR(200),
    ADD COLUMN import_run_id UUID;
ALTER TABLE egenkontroll_occurrence
    ADD COLUMN source_system VARCHAR(100),
    ADD COLUMN source_id     VARCHAR(200),
    ADD COLUMN import_run_id UUID;
