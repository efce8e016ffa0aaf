package se.kvalitet.followup.measurement;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.followup.domain.Enums.Gender;
import se.kvalitet.followup.domain.Enums.MissingReason;
import se.kvalitet.followup.domain.Numbers;
import se.kvalitet.followup.indicator.IndicatorApi;

/** Request and response bodies of measurements (mätvärden). */
public final class MeasurementApi {

    private MeasurementApi() {}

    @Schema(
            name = "MeasurementRequest",
            description = "A measurement (mätvärde) of one indicator for one org unit, period and gender: "
                    + "a value, or a share's numerator and denominator, or a missing value with its reason")
    public record MeasurementRequest(
            @NotNull UUID indicatorId,
            @NotNull UUID orgUnitId,

            @Schema(
                    example = "2025",
                    description = "2025, 2025-H1, 2025-T2, 2025-Q3 or 2025-04; must fit the indicator's frequency")
            @NotNull
            @Pattern(
                    regexp = IndicatorApi.PERIOD_PATTERN,
                    message = "must be a period such as 2025, 2025-H1, 2025-T2, 2025-Q3 or 2025-04")
            String period,

            @Schema(description = "T total (default), K women, M men, as in Kolada")
            Gender gender,

            @Schema(
                    example = "4.2",
                    description = "The value (a percentage for PERCENT indicators); or give numerator and denominator")
            @DecimalMin("-100000000000000")
            @DecimalMax("100000000000000")
            BigDecimal value,

            @Schema(example = "38") @DecimalMin("-100000000000000") @DecimalMax("100000000000000")
            BigDecimal numerator,

            @Schema(example = "45") @DecimalMin("-100000000000000") @DecimalMax("100000000000000")
            BigDecimal denominator,

            @Schema(example = "45", description = "Number of answers or cases behind the value")
            @Min(0)
            @Max(100_000_000)
            Integer responses,

            @Schema(example = "41", description = "Response rate (svarsfrekvens) in percent")
            @DecimalMin("0")
            @DecimalMax("100")
            BigDecimal responseRate,

            @Schema(description = "Why there is no value (Kolada prints \"..\")")
            MissingReason missingReason,

            @Schema(example = "Brukarundersökning 2025") @Size(max = 100)
            String source,

            @Size(max = 1000) String comment) {

        public Values values() {
            return new Values(value, numerator, denominator, responses, responseRate, missingReason, source, comment);
        }

        /** The command this request asks for. */
        public MeasurementCommands.RecordMeasurement toCommand() {
            return new MeasurementCommands.RecordMeasurement(
                    indicatorId, orgUnitId, period, gender, values().toDomain());
        }
    }

    /** The measured facts; also the body of a correction. */
    @Schema(
            name = "MeasurementValues",
            description = "The measured facts of a measurement (a correction replaces them all)")
    public record Values(
            @Schema(
                    example = "4.2",
                    description = "The value (a percentage for PERCENT indicators); or give numerator and denominator")
            @DecimalMin("-100000000000000")
            @DecimalMax("100000000000000")
            BigDecimal value,

            @Schema(example = "38", description = "A share's or ratio's numerator")
            @DecimalMin("-100000000000000")
            @DecimalMax("100000000000000")
            BigDecimal numerator,

            @Schema(example = "45", description = "A share's or ratio's denominator")
            @DecimalMin("-100000000000000")
            @DecimalMax("100000000000000")
            BigDecimal denominator,

            @Schema(example = "45", description = "Number of answers or cases behind the value")
            @Min(0)
            @Max(100_000_000)
            Integer responses,

            @Schema(example = "41", description = "Response rate (svarsfrekvens) in percent")
            @DecimalMin("0")
            @DecimalMax("100")
            BigDecimal responseRate,

            @Schema(description = "Why there is no value (Kolada prints \"..\")")
            MissingReason missingReason,

            @Schema(example = "Brukarundersökning 2025") @Size(max = 100)
            String source,

            @Size(max = 1000) String comment) {

        public Measurement.Values toDomain() {
            return new Measurement.Values(
                    value,
                    numerator,
                    denominator,
                    responses,
                    responseRate,
                    missingReason,
                    blankToNull(source),
                    blankToNull(comment));
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Schema(name = "Measurement")
    public record MeasurementResponse(
            UUID id,
            UUID indicatorId,
            UUID orgUnitId,
            String period,
            String periodType,
            LocalDate periodStart,
            LocalDate periodEnd,
            Gender gender,
            BigDecimal value,
            BigDecimal numerator,
            BigDecimal denominator,
            Integer responses,
            BigDecimal responseRate,
            MissingReason missingReason,
            String source,
            String comment,
            int revision,
            Instant createdAt,
            Instant updatedAt,

            @Schema(description = "Migrated measurements only: the system it was imported from (POST /imports)")
            String sourceSystem,

            @Schema(description = "Migrated measurements only: its id in the source system")
            String sourceId,

            @Schema(description = "Migrated measurements only: the import run that brought it in (GET /imports/{id})")
            UUID importRunId) {

        public static MeasurementResponse of(Measurement m) {
            return new MeasurementResponse(
                    m.id,
                    m.indicatorId,
                    m.orgUnitId,
                    m.period,
                    m.periodType,
                    m.periodStart,
                    m.periodEnd,
                    m.gender,
                    strip(m.value),
                    strip(m.numerator),
                    strip(m.denominator),
                    m.responses,
                    strip(m.responseRate),
                    m.missingReason,
                    m.source,
                    m.comment,
                    m.revision,
                    m.createdAt,
                    m.updatedAt,
                    m.sourceSystem,
                    m.sourceId,
                    m.importRunId);
        }
    }

    @Schema(
            name = "MeasurementRevision",
            description = "One revision as it was recorded; the highest is the current one")
    public record RevisionResponse(
            int revision,
            BigDecimal value,
            BigDecimal numerator,
            BigDecimal denominator,
            Integer responses,
            BigDecimal responseRate,
            MissingReason missingReason,
            String source,
            String comment,
            Instant recordedAt,

            @Schema(description = "Token subject (id) of whoever recorded it")
            String recordedBy) {

        public static RevisionResponse of(MeasurementRevision r) {
            return new RevisionResponse(
                    r.key.revision(),
                    strip(r.value),
                    strip(r.numerator),
                    strip(r.denominator),
                    r.responses,
                    strip(r.responseRate),
                    r.missingReason,
                    r.source,
                    r.comment,
                    r.recordedAt,
                    r.recordedBy);
        }
    }

    @Schema(name = "BulkRowError", description = "Why one row of a bulk upload was refused")
    public record RowError(
            @Schema(description = "Row number, from 1 (the first data row)")
            int row,

            @Schema(description = "Line in the CSV file (the header is line 1); null for JSON")
            Integer line,

            String field,
            String message) {

        static RowError of(MeasurementCommands.RowFailure f) {
            return new RowError(f.row(), f.line(), f.field(), f.message());
        }
    }

    @Schema(name = "BulkResult", description = "What a bulk upload did")
    public record BulkResult(
            int rows, int created, int corrected, int unchanged, int failed, boolean partial, List<RowError> errors) {

        public static BulkResult of(MeasurementCommands.BulkOutcome o) {
            return o == null
                    ? null
                    : new BulkResult(
                            o.rows(),
                            o.created(),
                            o.corrected(),
                            o.unchanged(),
                            o.failed(),
                            o.partial(),
                            o.errors().stream().map(RowError::of).toList());
        }
    }

    static BigDecimal strip(BigDecimal v) {
        return Numbers.plain(v);
    }
}
