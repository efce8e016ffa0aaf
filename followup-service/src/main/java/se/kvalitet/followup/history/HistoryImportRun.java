package se.kvalitet.followup.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One posted history import file (a run) of one kind: who posted it, when, its format and how its rows came out. */
@Entity
@Table(name = "history_import_run")
public class HistoryImportRun {

    @Id
    public UUID id;

    /** The kind of row ({@link HistoryKind#name()}): QUALITY_INITIATIVE or EGENKONTROLL_OCCURRENCE. */
    @Column(nullable = false, length = 40)
    public String kind;

    /** NDJSON or CSV. */
    @Column(nullable = false, length = 10)
    public String format;

    /** COMPLETED (a run is done within its request). */
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
