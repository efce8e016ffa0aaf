-- Who publishes the outbox (platform/messaging). One relay per database publishes at a time, so
-- that the outbox's order per aggregate survives scaling out. The leader holds this lease and
-- renews it while it runs; no transaction or lock is held while it waits for Kafka. A relay that
-- dies loses the lease when it expires; the same instance restarted (same holder) takes it back at
-- once. Services apply this after their own migrations (quarkus.flyway.out-of-order=true).

CREATE TABLE outbox_relay_lease (
    id          SMALLINT     PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    holder      VARCHAR(200) NOT NULL,
    acquired_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ  NOT NULL
);
