package se.kvalitet.followup.measurement;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.kvalitet.followup.domain.Enums.Gender;

/** What the measurement service is asked to do and what a bulk upload did (the resource maps these to and from its bodies). */
public final class MeasurementCommands {

    private MeasurementCommands() {}

    /** Record a measurement of one indicator for one unit, period (as written) and gender (null: T). */
    public record RecordMeasurement(
            UUID indicatorId, UUID orgUnitId, String period, Gender gender, Measurement.Values values) {}

    /** One row of a bulk upload as text: column name (lower case) → value; {@code line} is the CSV line or null; {@code problem} what made the row unreadable. */
    public record RawRow(int row, Integer line, Map<String, String> cells, String problem) {}

    /** Why one row of a bulk upload was refused: row from 1, CSV line (null for JSON), field and message. */
    public record RowFailure(int row, Integer line, String field, String message) {}

    /** What a bulk upload did. */
    public record BulkOutcome(
            int rows,
            int created,
            int corrected,
            int unchanged,
            int failed,
            boolean partial,
            List<RowFailure> errors) {}
}
