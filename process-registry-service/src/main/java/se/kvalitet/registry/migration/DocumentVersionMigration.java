package se.kvalitet.registry.migration;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * One imported version: the idempotency key (source system and the row's id there), what the row said (a SHA-256
 * digest) and its provenance (the version it became, the run that brought it in).
 */
@Entity
@Table(name = "document_version_migration")
public class DocumentVersionMigration {

    @Embeddable
    public record Key(
            @Column(name = "source_system") String sourceSystem,
            @Column(name = "source_id") String sourceId) implements Serializable {}

    @EmbeddedId
    public Key key;

    @Column(name = "document_id", nullable = false)
    public UUID documentId;

    @Column(name = "version_number", nullable = false)
    public int versionNumber;

    @Column(name = "version_id", nullable = false)
    public UUID versionId;

    @Column(name = "import_run_id", nullable = false)
    public UUID importRunId;

    @Column(nullable = false, length = 64)
    public String digest;

    @Column(name = "imported_at", nullable = false)
    public Instant importedAt;
}
