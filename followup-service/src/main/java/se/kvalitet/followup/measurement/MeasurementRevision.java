package se.kvalitet.followup.measurement;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import se.kvalitet.followup.domain.Enums.MissingReason;

/** One revision of a measurement as it was recorded: corrections keep history, nothing is overwritten here. */
@Entity
@Table(name = "measurement_revision")
public class MeasurementRevision {

    @Embeddable
    public record Key(@Column(name = "measurement_id") UUID measurementId, @Column(name = "revision") int revision)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(precision = 20, scale = 6)
    public BigDecimal value;

    @Column(precision = 20, scale = 6)
    public BigDecimal numerator;

    @Column(precision = 20, scale = 6)
    public BigDecimal denominator;

    public Integer responses;

    @Column(name = "response_rate", precision = 9, scale = 6)
    public BigDecimal responseRate;

    @Enumerated(EnumType.STRING)
    @Column(name = "missing_reason", length = 30)
    public MissingReason missingReason;

    @Column(length = 100)
    public String source;

    @Column(length = 1000)
    public String comment;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** The token subject of whoever recorded it (an id, not a name). */
    @Column(name = "recorded_by", nullable = false, length = 200)
    public String recordedBy;

    public static MeasurementRevision of(Measurement m) {
        MeasurementRevision r = new MeasurementRevision();
        r.key = new Key(m.id, m.revision);
        r.value = m.value;
        r.numerator = m.numerator;
        r.denominator = m.denominator;
        r.responses = m.responses;
        r.responseRate = m.responseRate;
        r.missingReason = m.missingReason;
        r.source = m.source;
        r.comment = m.comment;
        r.recordedAt = m.updatedAt;
        r.recordedBy = m.recordedBy;
        return r;
    }
}
