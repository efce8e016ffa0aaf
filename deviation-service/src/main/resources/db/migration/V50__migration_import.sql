-- Issue 16 item 1: the migration import (moving in with past years from another system).
-- Numbered apart (V50-V59) so that migrations written at the same time in other features cannot collide.

-- One posted file (or part of one): who posted it, when, and how its rows came out.
CREATE TABLE migration_import_run (
    id                UUID          PRIMARY KEY,
    format            VARCHAR(20)   NOT NULL,
    submitted_by      VARCHAR(200)  NOT NULL,
    submitted_client  VARCHAR(200),
    started_at        TIMESTAMPTZ   NOT NULL,
    finished_at       TIMESTAMPTZ,
    status            VARCHAR(20)   NOT NULL,
    rows_total        INTEGER       NOT NULL DEFAULT 0,
    rows_accepted     INTEGER       NOT NULL DEFAULT 0,
    rows_already      INTEGER       NOT NULL DEFAULT 0,
    rows_rejected     INTEGER       NOT NULL DEFAULT 0
);

-- Each row's outcome (no free text of the row: the reference, the report it became, or why it was refused).
CREATE TABLE migration_import_row (
    run_id        UUID          NOT NULL REFERENCES migration_import_run (id),
    row_number    INTEGER       NOT NULL,
    status        VARCHAR(20)   NOT NULL,
    source_system VARCHAR(100),
    source_id     VARCHAR(200),
    deviation_id  UUID,
    errors        TEXT,
    PRIMARY KEY (run_id, row_number)
);

-- Provenance of a migrated report, and the idempotency of the import: one report per source system and id,
-- whoever imports it and however often.
CREATE TABLE deviation_migration (
    deviation_id  UUID          PRIMARY KEY REFERENCES deviation (id),
    source_system VARCHAR(100)  NOT NULL,
    source_id     VARCHAR(200)  NOT NULL,
    import_run_id UUID          NOT NULL REFERENCES migration_import_run (id),
    imported_at   TIMESTAMPTZ   NOT NULL,
    CONSTRAINT deviation_migration_reference UNIQUE (source_system, source_id)
);
CREATE INDEX deviation_migration_run ON deviation_migration (import_run_id);
