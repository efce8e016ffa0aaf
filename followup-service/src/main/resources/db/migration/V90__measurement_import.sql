-- Issue 16 item 1: the migration import of past measurements (POST /followup/v1/imports).
-- A run (who, when, format, counts), each row's outcome, and one row per imported source reference
-- (sourceSystem, sourceId): the idempotency key and the provenance of the measurement it became.
CREATE TABLE measurement_import_run (
    id               UUID PRIMARY KEY,
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

CREATE TABLE measurement_import_row (
    run_id         UUID         NOT NULL REFERENCES measurement_import_run (id) ON DELETE CASCADE,
    row_number     INTEGER      NOT NULL,
    status         VARCHAR(20)  NOT NULL,
    source_system  VARCHAR(100),
    source_id      VARCHAR(200),
    measurement_id UUID,
    errors         TEXT,
    PRIMARY KEY (run_id, row_number)
);
-- GET /imports/{id}?status=…: the rows of one run with one outcome, by row number
CREATE INDEX measurement_import_row_status ON measurement_import_row (run_id, status, row_number);

CREATE TABLE measurement_migration (
    source_system  VARCHAR(100) NOT NULL,
    source_id      VARCHAR(200) NOT NULL,
    measurement_id UUID         NOT NULL REFERENCES measurement (id),
    import_run_id  UUID         NOT NULL REFERENCES measurement_import_run (id),
    digest         VARCHAR(64)  NOT NULL,
    imported_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (source_system, source_id)
);

-- The provenance on the measurement itself (null for measurements recorded here).
ALTER TABLE measurement
    ADD COLUMN source_system VARCHAR(100),
    ADD COLUMN source_id     VARCHAR(200),
    ADD COLUMN import_run_id UUID;
