package se.kvalitet.deviation.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.deviation.access.CaseAccessLogEntry.Action;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.QueryParams;

@Path("/deviation/v1/deviations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deviations (avvikelser)", description = "Reports of deviations: intake, lists, triage and closing")
@SecurityRequirement(name = "SecurityScheme")
public class DeviationResource {

    static final String[] CASE_READERS = {
        Roles.REPORTER,
        Roles.CASE_SYSTEM,
        Roles.UNIT_MANAGER,
        Roles.INVESTIGATOR,
        Roles.QUALITY_TEAM,
        Roles.MEDICALLY_RESPONSIBLE,
        Roles.ADMIN
    };

    @Inject
    DeviationQueries queries;

    @Inject
    DeviationAccess access;

    @GET
    @RolesAllowed(Roles.READERS)
    @Operation(
            summary = "List reports",
            description =
                    "The reports the caller may see (the quality team all, unit managers their subtree and their own, "
                            + "everyone else their own; a case-management system only what its own machine client filed), newest first. "
                            + "Who sees a report only as its filer gets it without the triage categories; with updatedSince oldest change first, for incremental sync. "
                            + "Every listed case is written to the access log. "
                            + "Pages do not get slower as history grows: follow nextCursor (send it as cursor with the same "
                            + "filters) to page through any number of reports; page/limit reach the first "
                            + DeviationQueries.MAX_WINDOW
                            + " reports. total is exact up to "
                            + DeviationQueries.TOTAL_CAP
                            + " reports; above that totalExact is false and total is that lower bound.")
    @APIResponse(responseCode = "200", description = "A page of reports")
    @APIResponse(
            responseCode = "400",
            description = "A filter, the cursor or the page is invalid (a page beyond the first "
                    + DeviationQueries.MAX_WINDOW
                    + " reports: follow nextCursor)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<DeviationSummary> list(
            @Parameter(description = "Stage", schema = @Schema(implementation = Deviation.Status.class))
                    @QueryParam("status")
                    String status,
            @Parameter(
                            description = "Reports with this category (track)",
                            schema = @Schema(implementation = DeviationCategory.class))
                    @QueryParam("category")
                    String category,
            @Parameter(description = "Org unit and every unit under it (where it happened or involved)")
                    @QueryParam("orgUnit")
                    String orgUnit,
            @Parameter(description = "Happened on or after this day (YYYY-MM-DD)") @QueryParam("occurredFrom")
                    String occurredFrom,
            @Parameter(description = "Happened on or before this day (YYYY-MM-DD)") @QueryParam("occurredTo")
                    String occurredTo,
            @Parameter(description = "Received on or after this day (YYYY-MM-DD)") @QueryParam("reportedFrom")
                    String reportedFrom,
            @Parameter(description = "Received on or before this day (YYYY-MM-DD)") @QueryParam("reportedTo")
                    String reportedTo,
            @Parameter(description = "How it arrived", schema = @Schema(implementation = Deviation.Channel.class))
                    @QueryParam("channel")
                    String channel,
            @Parameter(description = "The source system of the external reference") @QueryParam("source") String source,
            @Parameter(
                            description = "Changed at or after this instant (RFC 3339)",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    @QueryParam("updatedSince")
                    String updatedSince,
            @Parameter(
                            description =
                                    "true: reports with a deadline past due (any running clock of the clock engine); false: none")
                    @QueryParam("overdue")
                    String overdue,
            @Parameter(
                            description =
                                    "The instant (RFC 3339) overdue answers for: the reports with a deadline past due then,"
                                            + " from the clocks' stored start, due and stop instants; default now. An instant,"
                                            + " not a day, as GET /deadlines?asOf (a plain date is a 400). Only with overdue",
                            example = "2026-03-01T12:00:00Z",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    @QueryParam("asOf")
                    String asOf,
            @Parameter(
                            description =
                                    "Continue after the page that returned this nextCursor (opaque; same filters; not with page)")
                    @QueryParam("cursor")
                    String cursor,
            @Valid @BeanParam PageParams page) {
        DeviationQueries.Filter filter = new DeviationQueries.Filter(
                QueryParams.enumValue("status", status, Deviation.Status.class),
                QueryParams.enumValue("category", category, DeviationCategory.class),
                QueryParams.uuid("orgUnit", orgUnit),
                startOf(QueryParams.date("occurredFrom", occurredFrom)),
                endOf(QueryParams.date("occurredTo", occurredTo)),
                startOf(QueryParams.date("reportedFrom", reportedFrom)),
                endOf(QueryParams.date("reportedTo", reportedTo)),
                QueryParams.enumValue("channel", channel, Deviation.Channel.class),
                source == null || source.isBlank() ? null : source.strip(),
                QueryParams.instant("updatedSince", updatedSince),
                false,
                BooleanParams.bool("overdue", overdue),
                asOf(overdue, asOf));
        return queries.list(filter, page, cursor).map(d -> DeviationMapper.toSummary(d, access.canWorkOn(d)));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.READERS)
    @Operation(
            summary = "Read a report of a deviation",
            description =
                    "Reporters see their own reports, a case-management system what its own machine client filed, unit "
                            + "managers their units' reports, the quality team all. The filer who does not work on the case reads what "
                            + "it submitted, the stage and the closing feedback, not the triage categories or tracks. "
                            + "Every read is written to the access log.")
    @APIResponse(
            responseCode = "200",
            description = "The report",
            content = @Content(schema = @Schema(implementation = DeviationResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such report, or not visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Deviation d = queries.read(id, Action.READ);
        return Response.ok(DeviationMapper.toResponse(d, access.canWorkOn(d)))
                .tag(ETags.of(d.version))
                .build();
    }

    /** {@code asOf} of a list, an instant; it says when {@code overdue} answers for, so it is only taken with it. */
    static Instant asOf(String overdue, String asOf) {
        Instant at = QueryParams.instant("asOf", asOf);
        if (at != null && (overdue == null || overdue.isBlank())) {
            throw se.kvalitet.web.ProblemException.invalidField(
                    "asOf", "is the instant overdue answers for: send it with overdue");
        }
        return at;
    }

    static Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(Deviation.SWEDEN).toInstant();
    }

    static Instant endOf(LocalDate day) {
        return day == null
                ? null
                : day.plusDays(1).atStartOfDay(Deviation.SWEDEN).toInstant();
    }
}
