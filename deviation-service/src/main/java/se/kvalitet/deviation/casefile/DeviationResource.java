package se.kvalitet.deviation.casefile;

import se.kvalitet.deviation.triage.CloseRequest;
import se.kvalitet.deviation.intake.ReportDeviationRequest;
import se.kvalitet.deviation.triage.TriageDecisionResponse;
import se.kvalitet.deviation.triage.TriageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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
import se.kvalitet.deviation.intake.DeviationIntakeService;
import se.kvalitet.deviation.intake.IdempotencyKeys;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.triage.TriageService;
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

    static final String[] CASE_READERS = {Roles.REPORTER, Roles.CASE_SYSTEM, Roles.UNIT_MANAGER, Roles.INVESTIGATOR,
            Roles.QUALITY_TEAM, Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN};

    @Inject
    DeviationIntakeService intake;

    @Inject
    DeviationQueries queries;

    @Inject
    TriageService triage;

    @Inject
    DeviationAccess access;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REPORTER, Roles.CASE_SYSTEM})
    @Operation(summary = "Report a deviation (rapportera en avvikelse)",
            description = "Staff (role reporter) and case-management systems (role case-system) file a report. "
                    + "It starts in stage RECEIVED and is triaged by the quality team. Free text is screened for "
                    + "personal identity numbers. Send an Idempotency-Key to retry safely: the same key and body "
                    + "returns the first response (header Idempotent-Replayed: true); the same key with another body is a 422.")
    @APIResponse(responseCode = "201", description = "Report received",
            content = @Content(schema = @Schema(implementation = DeviationResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "The caller's roles may not report")
    @APIResponse(responseCode = "409", description = "The source already reported this external reference",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "422", description = "A personal identity number in the text, or an Idempotency-Key reused with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response report(
            @Parameter(description = "A key unique per request the caller wants done once, 1-200 visible ASCII characters")
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @NotNull @Valid ReportDeviationRequest request) {
        IdempotencyKeys.validate(idempotencyKey);
        DeviationIntakeService.Intake<DeviationResponse> result = intake.report(request.toCommand(), idempotencyKey,
                DeviationMapper::toResponse);
        if (result.replayed() != null) {
            return Response.status(result.replayed().status())
                    .location(URI.create("/deviation/v1/deviations/" + result.replayed().resourceId()))
                    .header("Idempotent-Replayed", "true")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(result.replayed().body())
                    .build();
        }
        return Response.created(URI.create("/deviation/v1/deviations/" + result.created().id()))
                .tag(ETags.of(result.version()))
                .entity(result.created())
                .build();
    }

    @GET
    @RolesAllowed({Roles.REPORTER, Roles.CASE_SYSTEM, Roles.UNIT_MANAGER, Roles.INVESTIGATOR, Roles.QUALITY_TEAM,
            Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN})
    @Operation(summary = "List reports",
            description = "The reports the caller may see (the quality team all, unit managers their subtree and their own, "
                    + "everyone else their own; a case-management system only what its own machine client filed), newest first. "
                    + "Who sees a report only as its filer gets it without the triage categories; with updatedSince oldest change first, for incremental sync. "
                    + "Every listed case is written to the access log.")
    @APIResponse(responseCode = "200", description = "A page of reports")
    @APIResponse(responseCode = "400", description = "A filter is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<DeviationSummary> list(
            @Parameter(description = "Stage", schema = @Schema(implementation = Deviation.Status.class)) @QueryParam("status") String status,
            @Parameter(description = "Reports with this category (track)", schema = @Schema(implementation = DeviationCategory.class))
            @QueryParam("category") String category,
            @Parameter(description = "Org unit and every unit under it (where it happened or involved)") @QueryParam("orgUnit") String orgUnit,
            @Parameter(description = "Happened on or after this day (YYYY-MM-DD)") @QueryParam("occurredFrom") String occurredFrom,
            @Parameter(description = "Happened on or before this day (YYYY-MM-DD)") @QueryParam("occurredTo") String occurredTo,
            @Parameter(description = "Received on or after this day (YYYY-MM-DD)") @QueryParam("reportedFrom") String reportedFrom,
            @Parameter(description = "Received on or before this day (YYYY-MM-DD)") @QueryParam("reportedTo") String reportedTo,
            @Parameter(description = "How it arrived", schema = @Schema(implementation = Deviation.Channel.class))
            @QueryParam("channel") String channel,
            @Parameter(description = "The source system of the external reference") @QueryParam("source") String source,
            @Parameter(description = "Changed at or after this instant (RFC 3339)", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "true: reports with a deadline past due (any running clock of the clock engine); false: none")
            @QueryParam("overdue") String overdue,
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
                false, BooleanParams.bool("overdue", overdue));
        return queries.list(filter, page).map(d -> DeviationMapper.toSummary(d, access.canWorkOn(d)));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.REPORTER, Roles.CASE_SYSTEM, Roles.UNIT_MANAGER, Roles.INVESTIGATOR, Roles.QUALITY_TEAM,
            Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN})
    @Operation(summary = "Read a report of a deviation",
            description = "Reporters see their own reports, a case-management system what its own machine client filed, unit "
                    + "managers their units' reports, the quality team all. The filer who does not work on the case reads what "
                    + "it submitted, the stage and the closing feedback, not the triage categories or tracks. "
                    + "Every read is written to the access log.")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(schema = @Schema(implementation = DeviationResponse.class)))
    @APIResponse(responseCode = "404", description = "No such report, or not visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Deviation d = queries.read(id, Action.READ);
        return Response.ok(DeviationMapper.toResponse(d, access.canWorkOn(d))).tag(ETags.of(d.version)).build();
    }

    @POST
    @Path("{id}/triage")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Triage or reclassify a report (bedöm och klassificera)",
            description = "Sets the report's categories; each runs as a track. A reclassification ends the tracks whose "
                    + "category was removed (kept as history) and opens the new ones; it needs a reason. NOT_A_DEVIATION "
                    + "stands alone and needs a reason. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The triaged report",
            content = @Content(schema = @Schema(implementation = DeviationResponse.class)))
    @APIResponse(responseCode = "409", description = "Closed, or no change",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "422", description = "A triage rule is broken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response triage(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TriageRequest request) {
        Deviation d = triage.triage(id, ifMatch, request.categories(), request.reason());
        return Response.ok(DeviationMapper.toResponse(d)).tag(ETags.of(d.version)).build();
    }

    @GET
    @Path("{id}/triage-history")
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.INVESTIGATOR, Roles.QUALITY_TEAM, Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN})
    @Operation(summary = "How a report was classified over time", description = "Every triage and reclassification, oldest first.")
    @APIResponse(responseCode = "200", description = "The decisions")
    @APIResponse(responseCode = "404", description = "No such report, or not visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<TriageDecisionResponse> triageHistory(@PathParam("id") UUID id) {
        return triage.history(id).stream().map(TriageDecisionResponse::of).toList();
    }

    @POST
    @Path("{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Close a report with feedback to the reporter (återkoppling)",
            description = "Allowed when every track has ended. The closing summary is what the reporter reads in my-deviations. "
                    + "Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The closed report",
            content = @Content(schema = @Schema(implementation = DeviationResponse.class)))
    @APIResponse(responseCode = "409", description = "Not triaged, tracks still open, or already closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response close(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid CloseRequest request) {
        Deviation d = triage.close(id, ifMatch, request.feedbackToReporter());
        return Response.ok(DeviationMapper.toResponse(d)).tag(ETags.of(d.version)).build();
    }

    static Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(Deviation.SWEDEN).toInstant();
    }

    static Instant endOf(LocalDate day) {
        return day == null ? null : day.plusDays(1).atStartOfDay(Deviation.SWEDEN).toInstant();
    }
}
