package se.kvalitet.followup.odata;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.olingo.commons.api.http.HttpMethod;
import org.apache.olingo.server.api.ODataRequest;
import org.apache.olingo.server.api.ODataResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.followup.access.Roles;

/**
 * The OData v4 feed for BI tools (Power BI, Excel "Från OData-feed"): each GET is handed to Apache Olingo's
 * handler ({@link ODataFeed}) as an {@link ODataRequest}, without a servlet container. Who may read it is who
 * may read the BI export; errors (401, 403 and the feed's own 4xx) are problem documents like everywhere
 * in the suite.
 */
@Path(ODataResource.ROOT)
@Tag(
        name = "OData feed",
        description = "OData v4 (read-only) over the follow-up data and deviation counts for BI tools: $metadata, "
                + "$filter, $select, $orderby, $top, $skip, $count, server-driven paging (@odata.nextLink), "
                + "updatedSince for incremental refresh. Aggregates only, no personal data.")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed({Roles.BI_READER, Roles.QUALITY_TEAM, Roles.ADMIN})
public class ODataResource {

    static final String ROOT = "/followup/v1/odata";

    private static final String QUERY_OPTIONS = " Query options: $filter (eq ne gt ge lt le in, and or not, "
            + "startswith contains endswith), $select, $orderby (properties that are never missing), $top, $skip, "
            + "$count=true, updatedSince=<RFC 3339> (rows changed at or after it; sets with updatedAt). "
            + "A page holds at most 5000 rows (Prefer: odata.maxpagesize=n for fewer); follow @odata.nextLink.";

    @Inject
    ODataFeed feed;

    @GET
    @Operation(summary = "OData service document: the entity sets of the feed")
    @APIResponse(
            responseCode = "200",
            description = "The service document",
            content =
                    @Content(
                            mediaType = ODataApi.JSON,
                            schema = @Schema(implementation = ODataApi.ServiceDocument.class)))
    public Response serviceDocument(
            @BeanParam ODataQueryParams query, @Context UriInfo uri, @Context HttpHeaders headers) {
        return answer(uri, headers);
    }

    @GET
    @Path("$metadata")
    @Operation(
            summary = "OData $metadata: the entity data model (CSDL XML)",
            description = "Entity types Indicator, Measurement, Evaluation, Unit, DeviationCount and their properties.")
    @APIResponse(
            responseCode = "200",
            description = "CSDL",
            content =
                    @Content(
                            mediaType = ODataApi.XML,
                            schema =
                                    @Schema(
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .STRING)))
    public Response metadata(@BeanParam ODataQueryParams query, @Context UriInfo uri, @Context HttpHeaders headers) {
        return answer(uri, headers);
    }

    @GET
    @Path("Indicators")
    @Operation(
            summary = "OData: indicators (nyckeltal)",
            description =
                    "id, code, name, criterionCode, goalId, unitOfMeasure, method, frequency, decimals, genderSplit, "
                            + "koladaKpi, minResponses, derivedMetric, derivedCategory, updatedAt." + QUERY_OPTIONS)
    @APIResponse(
            responseCode = "200",
            description = "A page",
            content = @Content(mediaType = ODataApi.JSON, schema = @Schema(implementation = ODataApi.Page.class)))
    public Response indicators(@BeanParam ODataQueryParams query, @Context UriInfo uri, @Context HttpHeaders headers) {
        return answer(uri, headers);
    }

    @GET
    @Path("Measurements")
    @Operation(
            summary = "OData: measurements (mätvärden), the rows of the CSV measurement export",
            description =
                    "id, indicatorId, indicatorCode, orgUnitId, orgUnitName, period, periodType, periodStart, periodEnd, "
                            + "year, gender, value, numerator, denominator, responses, responseRate, missingReason, source, revision, "
                            + "updatedAt. No comments; a value with too few answers is missing (TOO_FEW_RESPONSES)."
                            + QUERY_OPTIONS)
    @APIResponse(
            responseCode = "200",
            description = "A page",
            content = @Content(mediaType = ODataApi.JSON, schema = @Schema(implementation = ODataApi.Page.class)))
    public Response measurements(
            @BeanParam ODataQueryParams query, @Context UriInfo uri, @Context HttpHeaders headers) {
        return answer(uri, headers);
    }

    @GET
    @Path("Evaluations")
    @Operation(
            summary = "OData: evaluations of every indicator at every unit for one period",
            description =
                    "Needs $filter=period eq '2025'; may add indicatorId, orgUnitId, gender (default T), each with eq, "
                            + "joined by and. Columns as the CSV evaluation export. $select, $top, $count; pages end at an indicator "
                            + "(code order); no $orderby, $skip or updatedSince.")
    @APIResponse(
            responseCode = "200",
            description = "A page",
            content = @Content(mediaType = ODataApi.JSON, schema = @Schema(implementation = ODataApi.Page.class)))
    public Response evaluations(@BeanParam ODataQueryParams query, @Context UriInfo uri, @Context HttpHeaders headers) {
        return answer(uri, headers);
    }

    @GET
    @Path("Units")
    @Operation(
            summary = "OData: organisation units (this service's copy of the registry's tree, as last published)",
            description = "id, parentId, code, name, type, active, validFrom." + QUERY_OPTIONS)
    @APIResponse(
            responseCode = "200",
            description = "A page",
            content = @Content(mediaType = ODataApi.JSON, schema = @Schema(implementation = ODataApi.Page.class)))
    public Response units(@BeanParam ODataQueryParams query, @Context UriInfo uri, @Context HttpHeaders headers) {
        return answer(uri, headers);
    }

    @GET
    @Path("DeviationCounts")
    @Operation(
            summary = "OData: deviation reports per unit × category × month received",
            description =
                    "orgUnitId, category, month (YYYY-MM), year, count: reports counted in the month they were received, "
                            + "once at each unit they concern and once in each of their categories (not the board's statistics by "
                            + "the day it happened)." + QUERY_OPTIONS)
    @APIResponse(
            responseCode = "200",
            description = "A page",
            content = @Content(mediaType = ODataApi.JSON, schema = @Schema(implementation = ODataApi.Page.class)))
    public Response deviationCounts(
            @BeanParam ODataQueryParams query, @Context UriInfo uri, @Context HttpHeaders headers) {
        return answer(uri, headers);
    }

    /** The rest of OData's URL space ({@code Measurements/$count}, {@code $batch}, …) for Olingo to answer. */
    @GET
    @Path("{path: .+}")
    @Operation(hidden = true)
    public Response other(
            @Parameter(hidden = true) @PathParam("path") String path,
            @BeanParam ODataQueryParams query,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return answer(uri, headers);
    }

    private Response answer(UriInfo uri, HttpHeaders headers) {
        URI request = uri.getRequestUri();
        String rawPath = request.getRawPath();
        int at = rawPath.indexOf(ROOT);
        String odataPath = at < 0 ? "/" : rawPath.substring(at + ROOT.length());
        if (odataPath.isEmpty()) {
            odataPath = "/"; // the service document, without Olingo's redirect to the trailing slash
        }
        String base = publicBase(request, headers) + ROOT;
        String query = formSpaces(request.getRawQuery());
        ODataRequest r = new ODataRequest();
        r.setMethod(HttpMethod.GET);
        r.setProtocol("HTTP/1.1");
        for (Map.Entry<String, List<String>> h : headers.getRequestHeaders().entrySet()) {
            r.addHeader(h.getKey(), h.getValue());
        }
        r.setRawBaseUri(base);
        r.setRawODataPath(odataPath);
        r.setRawQueryPath(query);
        r.setRawRequestUri(base + odataPath + (query == null ? "" : "?" + query));
        r.setBody(InputStream.nullInputStream());
        ODataResponse o = feed.handle(r);
        Response.ResponseBuilder b = Response.status(o.getStatusCode()).header("Cache-Control", "no-store");
        for (Map.Entry<String, List<String>> h : o.getAllHeaders().entrySet()) {
            if (h.getKey().equalsIgnoreCase("Content-Type")) {
                b.type(h.getValue().get(0));
            } else {
                h.getValue().forEach(v -> b.header(h.getKey(), v));
            }
        }
        InputStream content = o.getContent();
        if (o.getODataContent() != null) {
            // a page the feed writes itself (FeedJson): streamed into the response as it is written
            b.entity((StreamingOutput) out -> o.getODataContent().write(out));
        } else if (content != null) {
            b.entity((StreamingOutput) out -> {
                try (InputStream in = content) {
                    in.transferTo(out);
                }
            });
        }
        return b.build();
    }

    /**
     * A query string with {@code +} for spaces, as HTML forms, curl's {@code --data-urlencode}, Python's
     * {@code requests} and Java's {@code URLEncoder} write it, read as OData reads {@code %20}: Olingo takes a literal
     * {@code +} ({@code $filter=year+eq+2026} was a 400 "Edm.Boolean and Edm.Int32 are not compatible"), while
     * every other query parameter of the suite (JAX-RS) already decodes {@code +} as a space. OData's URL conventions
     * ask clients to write a plus sign in a value (a time zone offset) as {@code %2B}, which stays a plus.
     */
    static String formSpaces(String rawQuery) {
        return rawQuery == null || rawQuery.indexOf('+') < 0 ? rawQuery : rawQuery.replace("+", "%20");
    }

    /**
     * The address the client used: the gateway's forwarded scheme and host when it set them (so links in the
     * feed point at the gateway), else this request's.
     */
    static String publicBase(URI request, HttpHeaders headers) {
        String proto = first(headers.getHeaderString("X-Forwarded-Proto"));
        String host = first(headers.getHeaderString("X-Forwarded-Host"));
        if (proto == null || !(proto.equalsIgnoreCase("http") || proto.equalsIgnoreCase("https"))) {
            proto = request.getScheme();
        }
        if (host == null || !host.matches("[A-Za-z0-9.\\-\\[\\]:]{1,255}")) {
            host = request.getRawAuthority();
        }
        return proto.toLowerCase(java.util.Locale.ROOT) + "://" + host;
    }

    private static String first(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        String v = (comma < 0 ? header : header.substring(0, comma)).trim();
        return v.isEmpty() ? null : v;
    }
}
