package se.kvalitet.followup.indicator;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import se.kvalitet.events.followup.TargetComparison;
import se.kvalitet.followup.domain.Target;

/** A målvärde valid from the start of a period until the next målvärde of the same indicator. */
@Entity
@Table(name = "indicator_target")
public class IndicatorTarget {

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "indicator_id")
    public Indicator indicator;

    @Column(name = "valid_from_period", nullable = false, length = 10)
    public String validFromPeriod;

    @Column(name = "valid_from", nullable = false)
    public LocalDate validFrom;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    public TargetComparison comparator;

    @Column(name = "target_value", nullable = false, precision = 20, scale = 6)
    public BigDecimal targetValue;

    @Column(name = "target_upper", precision = 20, scale = 6)
    public BigDecimal targetUpper;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public Target rule() {
        return new Target(comparator, targetValue, targetUpper);
    }
}
