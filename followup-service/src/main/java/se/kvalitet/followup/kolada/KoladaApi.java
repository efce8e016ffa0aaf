package se.kvalitet.followup.kolada;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.followup.measurement.MeasurementApi.BulkResult;

/** Response bodies of the Kolada import (the values and entries it reads and serves are {@link KoladaDocument} and {@link KoladaExport} records). */
public final class KoladaApi {

    private KoladaApi() {}

    @Schema(
            name = "KoladaImportResult",
            description =
                    "Values read, stored and deleted, the measurements recorded when asked, and the values that became "
                            + "no measurement of an indicator with their KPI (each with the reason)")
    public record ImportResponse(
            int values, int stored, int deleted, BulkResult measurements, List<SkippedValue> skipped) {

        static ImportResponse of(KoladaImport.ImportResult r) {
            return new ImportResponse(
                    r.values(),
                    r.stored(),
                    r.deleted(),
                    BulkResult.of(r.measurements()),
                    r.skipped().stream().map(SkippedValue::of).toList());
        }
    }

    @Schema(
            name = "KoladaSkippedValue",
            description =
                    "A value of the document (at: its place, values[n].values[m]) that was not recorded as a measurement of "
                            + "the indicator: FREQUENCY (the indicator is not followed up yearly), NOT_SPLIT_BY_GENDER (K or M "
                            + "for an indicator without gender split), DERIVED (computed from deviation events)")
    public record SkippedValue(
            String at,
            String kpi,
            int period,
            String gender,
            UUID indicatorId,
            String indicatorCode,

            @Schema(enumeration = {"FREQUENCY", "NOT_SPLIT_BY_GENDER", "DERIVED"})
            String reason,

            String detail) {

        static SkippedValue of(KoladaImport.Skipped s) {
            return new SkippedValue(
                    s.at(),
                    s.kpi(),
                    s.period(),
                    s.gender(),
                    s.indicatorId(),
                    s.indicatorCode(),
                    s.reason().name(),
                    s.detail());
        }
    }
}
