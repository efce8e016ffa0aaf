package se.kvalitet.registry.migration;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One posted import file (a run): who posted it, when, its format and how its rows came out. */
@Entity
@Table(name = "document_import_run")
public class DocumentImportRun {

    @Id
    public UUID id;

    /** NDJSON or CSV. */
    @Column(nullable = false, length = 10)
    public String format;

    /** RUNNING while its rows are replayed, then COMPLETED. */
    @Column(nullable = false, length = 20)
    public String status;

    /** The token subject of the importer (an id, not a name). */
    @Column(name = "imported_by", nullable = false, length = 200)
    public String importedBy;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(nullable = false)
    public int total;

    @Column(nullable = false)
    public int accepted;

    @Column(name = "already_imported", nullable = false)
    public int alreadyImported;

    @Column(nullable = false)
    public int rejected;
}
