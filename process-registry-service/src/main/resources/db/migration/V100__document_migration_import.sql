-- Issue 16 item 1: the migration import of governing documents (POST /registry/v1/imports).
-- A run (who, when, format, counts), each row's outcome, the documents the import created (by their
-- reference in the source system) and one row per imported version (the idempotency key and the
-- provenance of the version it became).
CREATE TABLE document_import_run (
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

CREATE TABLE document_import_row (
    run_id         UUID        NOT NULL REFERENCES document_import_run (id) ON DELETE CASCADE,
    row_number     INTEGER     NOT NULL,
    status         VARCHAR(20) NOT NULL,
    source_system  VARCHAR(100),
    source_id      VARCHAR(200),
    document_id    UUID,
    version_number INTEGER,
    errors         TEXT,
    PRIMARY KEY (run_id, row_number)
);
-- GET /imports/{id}?status=…: the rows of one run with one outcome, by row number
CREATE INDEX document_import_row_status ON document_import_row (run_id, status, row_number);

-- A document the import created, by its reference in the source system (versions of one document share it).
CREATE TABLE document_migration (
    source_system VARCHAR(100) NOT NULL,
    document_ref  VARCHAR(200) NOT NULL,
    document_id   UUID         NOT NULL UNIQUE REFERENCES document (id),
    PRIMARY KEY (source_system, document_ref)
);

-- One imported version: its reference, what the row said (digest), and the run that brought it in.
CREATE TABLE document_version_migration (
    source_system  VARCHAR(100) NOT NULL,
    source_id      VARCHAR(200) NOT NULL,
    document_id    UUID         NOT NULL REFERENCES document (id),
    version_number INTEGER      NOT NULL,
    version_id     UUID         NOT NULL UNIQUE,
    import_run_id  UUID         NOT NULL REFERENCES document_import_run (id),
    digest         VARCHAR(64)  NOT NULL,
    imported_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (source_system, source_id)
);
