package se.kvalitet.followup.kolada;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.followup.access.Roles;
import se.kvalitet.followup.domain.Enums.MissingReason;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.QueryParams;

@Path("/followup/v1/kolada")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Kolada",
        description =
                "Comparison series in Kolada v3's JSON shape (kpi, municipality or ou, period, values by gender with value, count, status)")
@SecurityRequirement(name = "SecurityScheme")
public class KoladaResource {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Inject
    KoladaImport kolada;

    @Inject
    KoladaValueQueries valueQueries;

    @Inject
    KoladaExport export;

    /** The Kolada data shape. */
    @Schema(name = "KoladaData", description = "Kolada v3's data response")
    public record KoladaData(long total_count, int count, List<KoladaExport.Entry> values, String next_url) {}

    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Import Kolada KPI values as comparison series",
            description =
                    "The body is what Kolada's /v3/data endpoints return (v2 is accepted too). Values are stored per KPI, municipality or "
                            + "ou, year and gender; a later import of the same key replaces it, isdeleted=true removes it. With orgUnitId and "
                            + "municipality, that municipality's values are also recorded as the unit's measurements of every yearly indicator with "
                            + "the KPI (a null value becomes a missing value with missingReason). Nothing is stored when an entry is malformed.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples =
                                    @ExampleObject(
                                            name = "kolada",
                                            value =
                                                    "{\"values\":[{\"kpi\":\"U33400\",\"municipality\":\"0188\",\"period\":2021,"
                                                            + "\"values\":[{\"gender\":\"T\",\"count\":1,\"status\":\"\",\"value\":null},{\"gender\":\"K\",\"count\":1,\"status\":\"\",\"value\":91}]}]}")))
    @APIResponse(
            responseCode = "200",
            description = "What was stored",
            content = @Content(schema = @Schema(implementation = KoladaApi.ImportResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not JSON, not Kolada's shape, or a bad parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Malformed entries (each listed); nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public KoladaApi.ImportResponse importValues(
            @Parameter(description = "Also record the values as this unit's measurements") @QueryParam("orgUnitId")
                    String orgUnitId,
            @Parameter(description = "With orgUnitId: whose values (municipality or ou id)") @QueryParam("municipality")
                    String municipality,
            @Parameter(
                            description =
                                    "With orgUnitId: the reason recorded for a missing (null) value; default NOT_COLLECTED",
                            schema = @Schema(implementation = MissingReason.class))
                    @QueryParam("missingReason")
                    String missing,
            @Parameter(description = "With orgUnitId: record the measurements that fit even when some do not")
                    @QueryParam("partial")
                    boolean partial,
            InputStream body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("malformed-json", "The request body is not valid JSON", List.of());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        MissingReason reason = QueryParams.enumValue("missingReason", missing, MissingReason.class);
        return KoladaApi.ImportResponse.of(kolada.importValues(
                KoladaDocument.parse(root),
                QueryParams.uuid("orgUnitId", orgUnitId),
                municipality == null || municipality.isBlank() ? null : municipality.strip(),
                reason == null ? MissingReason.NOT_COLLECTED : reason,
                partial));
    }

    @GET
    @Path("values")
    @RolesAllowed(Roles.READERS)
    @Operation(
            summary = "The imported comparison series",
            description = "Kolada's public values, by KPI, area, year and gender.")
    @APIResponse(responseCode = "200", description = "One page of values")
    public Page<KoladaDocument.Value> values(
            @QueryParam("kpi") String kpi,
            @Parameter(description = "Municipality or ou id") @QueryParam("areaId") String areaId,
            @QueryParam("fromYear") Integer fromYear,
            @QueryParam("toYear") Integer toYear,
            @BeanParam @Valid PageParams paging) {
        return valueQueries.values(kpi, areaId, fromYear, toYear, paging.page, paging.limit);
    }

    @GET
    @Path("data")
    @RolesAllowed({Roles.BI_READER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Export our yearly measurements in Kolada's shape",
            description =
                    "One entry per indicator, unit and year: kpi is the indicator's Kolada id (its code when it has none), ou our org unit "
                            + "id, values per gender with count 1 and status the missing reason when there is no value. Paged like Kolada (next_url).")
    @APIResponse(
            responseCode = "200",
            description = "Kolada-shaped data",
            content = @Content(schema = @Schema(implementation = KoladaData.class)))
    public KoladaData data(
            @QueryParam("indicatorId") String indicatorId,
            @QueryParam("kpi") String kpi,
            @QueryParam("year") Integer year,
            @QueryParam("orgUnitId") String orgUnitId,
            @BeanParam @Valid PageParams paging) {
        Page<KoladaExport.Entry> page = export.export(
                QueryParams.uuid("indicatorId", indicatorId),
                kpi,
                year,
                QueryParams.uuid("orgUnitId", orgUnitId),
                paging.page,
                paging.limit);
        String next = (long) page.page() * page.limit() < page.total()
                ? "/followup/v1/kolada/data?" + (indicatorId != null ? "indicatorId=" + indicatorId + "&" : "")
                        + (kpi != null ? "kpi=" + kpi + "&" : "") + (year != null ? "year=" + year + "&" : "")
                        + (orgUnitId != null ? "orgUnitId=" + orgUnitId + "&" : "") + "limit=" + page.limit() + "&page="
                        + (page.page() + 1)
                : null;
        return new KoladaData(page.total(), page.items().size(), page.items(), next);
    }
}
