package se.kvalitet.followup.measurement;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One revision of a measurement as it was recorded: corrections keep history, nothing is overwritten here. */
@Entity
@Table(name = "measurement_revision")
public class MeasurementRevision extends MeasuredFacts {

    @Embeddable
    public record Key(
            @Column(name = "measurement_id") UUID measurementId,
            @Column(name = "revision") int revision) implements Serializable {}

    @EmbeddedId
    public Key key;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** The token subject of whoever recorded it (an id, not a name). */
    @Column(name = "recorded_by", nullable = false, length = 200)
    public String recordedBy;

    public static MeasurementRevision of(Measurement m) {
        MeasurementRevision r = new MeasurementRevision();
        r.key = new Key(m.id, m.revision);
        r.setFacts(m.values());
        r.recordedAt = m.updatedAt;
        r.recordedBy = m.recordedBy;
        return r;
    }
}
