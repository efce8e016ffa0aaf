package se.kvalitet.deviation.track;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import se.kvalitet.deviation.investigation.AddEntry;
import se.kvalitet.deviation.investigation.BreachDetails;
import se.kvalitet.deviation.investigation.BreachService;
import se.kvalitet.deviation.investigation.CompletionService;
import se.kvalitet.deviation.investigation.InvestigationService;
import se.kvalitet.deviation.report.InvestigationEntry;
import se.kvalitet.deviation.report.TrackWork;
import se.kvalitet.web.Problem;
import se.kvalitet.web.QueryParams;

/** A track's investigation: assignment, entries, assessment, IVO notifications and the position. */
@Path("/deviation/v1/deviations/{id}/tracks/{trackId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Investigations (utredningar)",
        description = "Lex Sarah, lex Maria, personal data breach, complaint and other-deviation tracks")
@SecurityRequirement(name = "SecurityScheme")
public class TrackResource {

    static final String BASE = "/deviation/v1/deviations/%s/tracks/%s";

    @Inject
    InvestigationService investigations;

    @Inject
    BreachService breaches;

    @Inject
    CompletionService completions;

    @Inject
    TrackWork work;

    @Inject
    TrackView view;

    @GET
    @RolesAllowed(Roles.HANDLERS)
    @Operation(
            summary = "A track with its investigation",
            description = "Entries, assessment, notifications, missing sections and the IVO deadline; the deadlines'"
                    + " states at asOf (default now).")
    @APIResponse(
            responseCode = "200",
            description = "The track",
            content = @Content(schema = @Schema(implementation = TrackDtos.Detail.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such track, or not visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "400",
            description = "Malformed or out-of-range asOf, or an unknown query parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(
            @PathParam("id") UUID id,
            @PathParam("trackId") UUID trackId,
            @Parameter(
                            description = "The instant (RFC 3339) the deadlines' states answer for, from their stored"
                                    + " start, due and stop instants; default now",
                            example = "2026-03-01T12:00:00Z",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    @QueryParam("asOf")
                    String asOf) {
        Instant at = QueryParams.instant("asOf", asOf);
        return view.detail(work.track(id, trackId, Action.READ), at);
    }

    @POST
    @Path("assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Assign an investigator",
            description =
                    "The investigator then sees the case and works on this track. Requires If-Match (the track's ETag).")
    @APIResponse(responseCode = "200", description = "The track")
    @APIResponse(
            responseCode = "409",
            description = "The track has ended or is not investigated",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response assign(
            @PathParam("id") UUID id,
            @PathParam("trackId") UUID trackId,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TrackDtos.AssignRequest request) {
        return view.detail(investigations.assign(id, trackId, ifMatch, request.investigator()));
    }

    @POST
    @Path("entries")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INVESTIGATOR, Roles.QUALITY_TEAM, Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN})
    @Operation(
            summary = "Add a dated entry to the investigation",
            description =
                    "A fact or an assessment, with its source; the author comes from the token. Entries are never edited: "
                            + "a correction is a new entry. The quality team, the assigned investigator and, for lex Maria, the MAS may add.")
    @APIResponse(
            responseCode = "201",
            description = "The entry",
            content = @Content(schema = @Schema(implementation = TrackDtos.Entry.class)))
    public Response addEntry(
            @PathParam("id") UUID id,
            @PathParam("trackId") UUID trackId,
            @NotNull @Valid TrackDtos.EntryRequest request) {
        InvestigationEntry e = investigations.addEntry(
                id,
                trackId,
                new AddEntry(request.section(), request.kind(), request.entryDate(), request.source(), request.text()));
        return Response.created(URI.create(BASE.formatted(id, trackId)))
                .entity(TrackDtos.Entry.of(e))
                .build();
    }

    @POST
    @Path("assessment")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INVESTIGATOR, Roles.QUALITY_TEAM, Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN})
    @Operation(
            summary = "Assess the track",
            description =
                    "Lex Sarah: missförhållande / påtaglig risk / neither, and whether it is allvarligt. Lex Maria (MAS only): "
                            + "the care-injury assessment. A serious assessment starts the IVO notification clock. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The track")
    @APIResponse(
            responseCode = "422",
            description = "An assessment that does not fit the track",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response assess(
            @PathParam("id") UUID id,
            @PathParam("trackId") UUID trackId,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TrackDtos.AssessmentRequest request) {
        return view.detail(investigations.assess(
                id, trackId, ifMatch, request.assessment(), request.serious(), request.assessedAt()));
    }

    @POST
    @Path("complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INVESTIGATOR, Roles.QUALITY_TEAM, Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN})
    @Operation(
            summary = "Complete the investigation with its position (ställningstagande)",
            description =
                    "Refused (422, listing what is missing) until every required section has an entry, the track is assessed "
                            + "and a serious case has its IVO notification. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The completed track")
    @APIResponse(
            responseCode = "422",
            description = "The investigation is not complete",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response complete(
            @PathParam("id") UUID id,
            @PathParam("trackId") UUID trackId,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TrackDtos.CompleteRequest request) {
        return view.detail(completions.complete(id, trackId, ifMatch, request.position(), request.completedAt()));
    }

    @POST
    @Path("breach")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INVESTIGATOR, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Record what a personal data breach concerns (personuppgiftsincident)",
            description =
                    "Time of awareness (moves the IMY 72 h clock until IMY is notified), the number of data subjects, the "
                            + "categories of data, and for a high-risk breach when the data subjects were told or why not. Fields left out "
                            + "are kept. Requires If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The track",
            content = @Content(schema = @Schema(implementation = TrackDtos.Detail.class)))
    @APIResponse(responseCode = "404", description = "No such track, or not visible to the caller")
    @APIResponse(
            responseCode = "409",
            description = "Not a breach track, ended, or awareness moved after IMY was notified",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response breach(
            @PathParam("id") UUID id,
            @PathParam("trackId") UUID trackId,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TrackDtos.BreachRequest r) {
        return view.detail(breaches.breachDetails(
                id,
                trackId,
                ifMatch,
                new BreachDetails(
                        r.awareAt(),
                        r.affectedCount(),
                        r.dataCategories(),
                        r.dataSubjectsNotifiedAt(),
                        r.dataSubjectsNotNotifiedReason())));
    }
}
