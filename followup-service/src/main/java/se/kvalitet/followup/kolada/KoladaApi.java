package se.kvalitet.followup.kolada;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.followup.measurement.MeasurementApi.BulkResult;

/** Response bodies of the Kolada import (the values and entries it reads and serves are {@link KoladaDocument} and {@link KoladaExport} records). */
public final class KoladaApi {

    private KoladaApi() {}

    @Schema(
            name = "KoladaImportResult",
            description = "Values read, stored and deleted, and the measurements recorded when asked")
    public record ImportResponse(int values, int stored, int deleted, BulkResult measurements) {

        static ImportResponse of(KoladaImport.ImportResult r) {
            return new ImportResponse(r.values(), r.stored(), r.deleted(), BulkResult.of(r.measurements()));
        }
    }
}
