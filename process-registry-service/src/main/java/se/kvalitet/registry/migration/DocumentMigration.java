package se.kvalitet.registry.migration;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** A document the import created, by its reference in the source system: later versions of it join it. */
@Entity
@Table(name = "document_migration")
public class DocumentMigration {

    @Embeddable
    public record Key(
            @Column(name = "source_system") String sourceSystem,
            @Column(name = "document_ref") String documentRef) implements Serializable {}

    @EmbeddedId
    public Key key;

    @Column(name = "document_id", nullable = false)
    public UUID documentId;
}
