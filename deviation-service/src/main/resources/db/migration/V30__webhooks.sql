-- Issue 19 item 2: webhooks for integrated systems (CloudEvents HTTP webhooks).
-- Numbered apart from the V1x series so that migrations written at the same time in other features
-- cannot collide with it (Flyway runs with outOfOrder=true).

-- A machine client's subscription: where to deliver which event types of the reports it may read.
CREATE TABLE webhook_subscription (
    id               UUID          PRIMARY KEY,
    client_id        VARCHAR(200)  NOT NULL,
    subject          VARCHAR(200)  NOT NULL,
    url              VARCHAR(2000) NOT NULL,
    event_types      TEXT          NOT NULL,
    mode             VARCHAR(20)   NOT NULL,
    secret           VARCHAR(200)  NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    idempotency_key  VARCHAR(200)  NOT NULL,
    request_hash     VARCHAR(64)   NOT NULL,
    created_at       TIMESTAMPTZ   NOT NULL,
    disabled_at      TIMESTAMPTZ,
    CONSTRAINT webhook_subscription_key UNIQUE (client_id, subject, idempotency_key)
);
CREATE INDEX webhook_subscription_owner ON webhook_subscription (client_id, subject) WHERE status = 'ACTIVE';

-- The per-subscription outbox: one row per subscription and event, written in the transaction that
-- takes the event from the inbox; the dispatcher claims due rows under a lease.
CREATE TABLE webhook_delivery (
    id               UUID          PRIMARY KEY,
    subscription_id  UUID          NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    event_id         VARCHAR(200)  NOT NULL,
    event_type       VARCHAR(200)  NOT NULL,
    payload          TEXT          NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    attempts         INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ   NOT NULL,
    leased_until     TIMESTAMPTZ,
    last_status      INTEGER,
    last_error       VARCHAR(300),
    created_at       TIMESTAMPTZ   NOT NULL,
    delivered_at     TIMESTAMPTZ,
    CONSTRAINT webhook_delivery_once UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_subscription ON webhook_delivery (subscription_id, status, created_at);
