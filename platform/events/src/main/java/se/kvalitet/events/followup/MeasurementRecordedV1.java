package se.kvalitet.events.followup;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A measurement (mätvärde) of an indicator (nyckeltal) was recorded or corrected for one org unit,
 * period and gender. Aggregates only: a value, a share's numerator/denominator and counts.
 *
 * @param measurementId  the measurement (aggregate id)
 * @param indicatorId    the indicator
 * @param orgUnitId      the org unit measured
 * @param period         the period, e.g. {@code 2025}, {@code 2025-H1}, {@code 2025-T2}, {@code 2025-Q3}, {@code 2025-04}
 * @param gender         {@code T} (total), {@code K} (women), {@code M} (men), as in Kolada
 * @param value          the value, null when missing
 * @param numerator      a share's numerator, may be null
 * @param denominator    a share's denominator, may be null
 * @param responses      number of answers or cases behind the value, may be null
 * @param missingReason  why the value is missing ({@code TOO_FEW_RESPONSES}, ...), null when present
 * @param revision       1 for the first recording, higher for each correction
 * @param recordedAt     when it was recorded
 */
@EventType(value = MeasurementRecordedV1.TYPE, topic = Topics.FOLLOWUP)
public record MeasurementRecordedV1(
        UUID measurementId,
        UUID indicatorId,
        UUID orgUnitId,
        String period,
        String gender,
        BigDecimal value,
        BigDecimal numerator,
        BigDecimal denominator,
        Integer responses,
        String missingReason,
        int revision,
        Instant recordedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.followup.measurement.recorded.v1";

    @Override
    public String aggregateId() {
        return measurementId.toString();
    }
}
