package se.kvalitet.followup.measurement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import se.kvalitet.followup.domain.Enums.Gender;
import se.kvalitet.followup.domain.Enums.MissingReason;

/**
 * A measurement (mätvärde) of one indicator for one org unit, period and gender: a value or a
 * numerator/denominator, with the number of responses behind it, or a missing value with its
 * reason. Corrections raise {@link #revision} and keep the earlier values in {@code measurement_revision}.
 */
@Entity
@Table(name = "measurement")
public class Measurement extends MeasuredFacts {

    @Id
    public UUID id;

    @Column(name = "indicator_id", nullable = false)
    public UUID indicatorId;

    @Column(name = "org_unit_id", nullable = false)
    public UUID orgUnitId;

    @Column(nullable = false, length = 10)
    public String period;

    @Column(name = "period_type", nullable = false, length = 10)
    public String periodType;

    @Column(name = "period_start", nullable = false)
    public LocalDate periodStart;

    @Column(name = "period_end", nullable = false)
    public LocalDate periodEnd;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 1, columnDefinition = "varchar(1)")
    public Gender gender;

    @Column(nullable = false)
    public int revision;

    /** The token subject of whoever recorded the current revision. */
    @Column(name = "recorded_by", length = 200)
    public String recordedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** Provenance of a migrated measurement (issue 16 item 1): the system it came from; null when recorded here. */
    @Column(name = "source_system", length = 100)
    public String sourceSystem;

    /** The measurement's id in {@link #sourceSystem}. */
    @Column(name = "source_id", length = 200)
    public String sourceId;

    /** The import run that brought it in ({@code GET /followup/v1/imports/{id}}). */
    @Column(name = "import_run_id")
    public UUID importRunId;

    /** The measured facts, compared to decide whether an upsert is a correction. */
    public record Values(
            BigDecimal value,
            BigDecimal numerator,
            BigDecimal denominator,
            Integer responses,
            BigDecimal responseRate,
            MissingReason missingReason,
            String source,
            String comment) {

        public boolean sameAs(Values o) {
            return eq(value, o.value)
                    && eq(numerator, o.numerator)
                    && eq(denominator, o.denominator)
                    && Objects.equals(responses, o.responses)
                    && eq(responseRate, o.responseRate)
                    && missingReason == o.missingReason
                    && Objects.equals(source, o.source)
                    && Objects.equals(comment, o.comment);
        }

        private static boolean eq(BigDecimal a, BigDecimal b) {
            return a == null ? b == null : b != null && a.compareTo(b) == 0;
        }
    }

    /** Applies new values as a new revision; returns false when nothing changed (an idempotent re-upload). */
    public boolean apply(Values v, Instant now, String by) {
        if (revision > 0 && values().sameAs(v)) {
            return false;
        }
        setFacts(v);
        revision++;
        recordedBy = by;
        if (createdAt == null) {
            createdAt = now;
        }
        updatedAt = now;
        return true;
    }
}
