package se.kvalitet.followup.history;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * A record brought in by the history import, by its kind and its reference in the system it came from: the
 * idempotency key (the same reference again stores nothing) and the digest of what was imported under it (the same
 * reference with other values is refused).
 */
@Entity
@Table(name = "history_migration")
public class HistoryMigration {

    @Embeddable
    public record Key(
            @Column(name = "kind") String kind,
            @Column(name = "source_system") String sourceSystem,
            @Column(name = "source_id") String sourceId)
            implements Serializable {}

    @EmbeddedId
    public Key key;

    @Column(name = "record_id", nullable = false)
    public UUID recordId;

    @Column(name = "import_run_id", nullable = false)
    public UUID importRunId;

    @Column(nullable = false, length = 64)
    public String digest;

    @Column(name = "imported_at", nullable = false)
    public Instant importedAt;
}
