-- Transactional outbox and idempotent inbox (platform/messaging). Every service's Flyway runs this
-- from classpath:db/messaging before its own migrations (versions from 1 up).

CREATE TABLE outbox_event (
    seq            BIGSERIAL PRIMARY KEY,          -- publication order (per-key order follows)
    event_id       UUID         NOT NULL UNIQUE,
    topic          VARCHAR(200) NOT NULL,
    event_key      VARCHAR(200) NOT NULL,          -- Kafka key = aggregate id = ce_subject
    event_type     VARCHAR(200) NOT NULL,
    source         VARCHAR(200) NOT NULL,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    data_schema    VARCHAR(300),
    correlation_id VARCHAR(128),
    payload        BYTEA        NOT NULL,          -- UTF-8 JSON, exactly as published
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    sent_at        TIMESTAMPTZ,
    attempts       INTEGER      NOT NULL DEFAULT 0,
    last_error     VARCHAR(1000)
);
CREATE INDEX outbox_event_unsent ON outbox_event (seq) WHERE sent_at IS NULL;
CREATE INDEX outbox_event_sent_at ON outbox_event (sent_at) WHERE sent_at IS NOT NULL;

CREATE TABLE inbox_event (
    consumer    VARCHAR(100) NOT NULL,
    event_id    VARCHAR(200) NOT NULL,
    event_type  VARCHAR(200) NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- events a consumer could not apply after its retries; kept for inspection and replay
CREATE TABLE dead_letter_event (
    id          BIGSERIAL PRIMARY KEY,
    consumer    VARCHAR(100)  NOT NULL,
    topic       VARCHAR(200)  NOT NULL,
    kafka_partition INTEGER   NOT NULL,
    kafka_offset BIGINT       NOT NULL,
    event_id    VARCHAR(200),
    event_type  VARCHAR(200),
    error       VARCHAR(1000) NOT NULL,
    headers     JSONB         NOT NULL,
    payload     BYTEA,
    failed_at   TIMESTAMPTZ   NOT NULL DEFAULT now()
);
