package se.kvalitet.followup.history;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** How one row of a history import run came out; {@code errors} is the JSON list of (field, reason) of a rejected row. */
@Entity
@Table(name = "history_import_row")
public class HistoryImportRow {

    @Embeddable
    public record Key(
            @Column(name = "run_id") UUID runId,
            @Column(name = "row_number") int rowNumber) implements Serializable {}

    @EmbeddedId
    public Key key;

    /** ACCEPTED, ALREADY_IMPORTED or REJECTED. */
    @Column(nullable = false, length = 20)
    public String status;

    @Column(name = "source_system", length = 100)
    public String sourceSystem;

    @Column(name = "source_id", length = 200)
    public String sourceId;

    /** The initiative or occurrence the row became (accepted) or became before (already imported). */
    @Column(name = "record_id")
    public UUID recordId;

    @Column(columnDefinition = "text")
    public String errors;
}
