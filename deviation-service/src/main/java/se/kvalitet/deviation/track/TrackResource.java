package se.kvalitet.deviation.track;

import se.kvalitet.deviation.investigation.BreachService;
import se.kvalitet.deviation.investigation.CompletionService;
import se.kvalitet.deviation.notification.NotificationService;
import se.kvalitet.deviation.casefile.TrackWork;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.deviation.casefile.AuthorityNotification;
import se.kvalitet.deviation.access.CaseAccessLogEntry.Action;
import se.kvalitet.deviation.casefile.DeviationTrack;
import se.kvalitet.deviation.casefile.InvestigationEntry;
import se.kvalitet.deviation.complaint.ComplaintService;
import se.kvalitet.deviation.rootcause.RootCauseService;
import se.kvalitet.deviation.rootcause.TrackRootCause;
import jakarta.ws.rs.DELETE;
import se.kvalitet.deviation.investigation.InvestigationService;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/** A track's investigation: assignment, entries, assessment, IVO notifications and the position. */
@Path("/deviation/v1/deviations/{id}/tracks/{trackId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Investigations (utredningar)", description = "Lex Sarah, lex Maria, personal data breach, complaint and other-deviation tracks")
@SecurityRequirement(name = "SecurityScheme")
public class TrackResource {

    static final String BASE = "/deviation/v1/deviations/%s/tracks/%s";

    @Inject
    InvestigationService investigations;

    @Inject
    NotificationService notifications;

    @Inject
    BreachService breaches;

    @Inject
    CompletionService completions;

    @Inject
    TrackWork work;

    @Inject
    ComplaintService complaints;

    @Inject
    RootCauseService rootCauses;

    @Inject
    java.time.Clock clock;

    @GET
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.INVESTIGATOR, Roles.QUALITY_TEAM, Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN})
    @Operation(summary = "A track with its investigation", description = "Entries, assessment, notifications, missing sections and the IVO deadline.")
    @APIResponse(responseCode = "200", description = "The track", content = @Content(schema = @Schema(implementation = TrackDtos.Detail.class)))
    @APIResponse(responseCode = "404", description = "No such track, or not visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id, @PathParam("trackId") UUID trackId) {
        return detail(work.track(id, trackId, Action.READ));
    }

    @POST
    @Path("assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Assign an investigator", description = "The investigator then sees the case and works on this track. Requires If-Match (the track's ETag).")
    @APIResponse(responseCode = "200", description = "The track")
    @APIResponse(responseCode = "409", description = "The track has ended or is not investigated",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response assign(@PathParam("id") UUID id, @PathParam("trackId") UUID trackId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TrackDtos.AssignRequest request) {
        return detail(investigations.assign(id, trackId, ifMatch, request.investigator()));
    }

    @POST
    @Path("entries")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INVESTIGATOR, Roles.QUALITY_TEAM, Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN})
    @Operation(summary = "Add a dated entry to the investigation",
            description = "A fact or an assessment, with its source; the author comes from the token. Entries are never edited: "
                    + "a correction is a new entry. The quality team, the assigned investigator and, for lex Maria, the MAS may add.")
    @APIResponse(responseCode = "201", description = "The entry", content = @Content(schema = @Schema(implementation = TrackDtos.Entry.class)))
    @APIResponse(responseCode = "403", description = "Not the quality team, the assigned investigator or (lex Maria) the MAS")
    public Response addEntry(@PathParam("id") UUID id, @PathParam("trackId") UUID trackId,
            @NotNull @Valid TrackDtos.EntryRequest request) {
        InvestigationEntry e = investigations.addEntry(id, trackId, request.section(), request.kind(), request.entryDate(),
                request.source(), request.text());
        return Response.created(URI.create(BASE.formatted(id, trackId))).entity(TrackDtos.Entry.of(e)).build();
    }

    @POST
    @Path("assessment")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INVESTIGATOR, Roles.QUALITY_TEAM, Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN})
    @Operation(summary = "Assess the track",
            description = "Lex Sarah: missförhållande / påtaglig risk / neither, and whether it is allvarligt. Lex Maria (MAS only): "
                    + "the care-injury assessment. A serious assessment starts the IVO notification clock. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The track")
    @APIResponse(responseCode = "422", description = "An assessment that does not fit the track",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response assess(@PathParam("id") UUID id, @PathParam("trackId") UUID trackId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TrackDtos.AssessmentRequest request) {
        return detail(investigations.assess(id, trackId, ifMatch, request.assessment(), request.serious()));
    }

    @POST
    @Path("notifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN})
    @Operation(summary = "Record a notification filed with IVO",
            description = "Freezes what was sent with its SHA-256. INITIAL once per serious track, then SUPPLEMENTs; never edited. "
                    + "Lex Sarah: the quality team; lex Maria: the MAS only. A late initial notification needs lateReason.")
    @APIResponse(responseCode = "201", description = "The notification",
            content = @Content(schema = @Schema(implementation = TrackDtos.Notification.class)))
    @APIResponse(responseCode = "409", description = "Not reportable, already notified, or no initial notification",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response notifyAuthority(@PathParam("id") UUID id, @PathParam("trackId") UUID trackId,
            @NotNull @Valid TrackDtos.NotificationRequest request) {
        AuthorityNotification n = notifications.notifyAuthority(id, trackId, request.kind(), request.sentAt(),
                request.authorityReference(), request.lateReason(), request.content());
        return Response.created(URI.create(BASE.formatted(id, trackId) + "/notifications/" + n.id))
                .entity(TrackDtos.Notification.of(n, true)).build();
    }

    @GET
    @Path("notifications/{notificationId}")
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.INVESTIGATOR, Roles.QUALITY_TEAM, Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN})
    @Operation(summary = "A filed notification with its frozen snapshot")
    @APIResponse(responseCode = "200", description = "The notification",
            content = @Content(schema = @Schema(implementation = TrackDtos.Notification.class)))
    @APIResponse(responseCode = "404", description = "No such notification, or not visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TrackDtos.Notification notification(@PathParam("id") UUID id, @PathParam("trackId") UUID trackId,
            @PathParam("notificationId") UUID notificationId) {
        DeviationTrack t = work.track(id, trackId, Action.READ);
        return t.notifications.stream().filter(n -> n.id.equals(notificationId)).findFirst()
                .map(n -> TrackDtos.Notification.of(n, true))
                .orElseThrow(() -> ProblemException.notFound("Notification " + notificationId));
    }

    @POST
    @Path("complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INVESTIGATOR, Roles.QUALITY_TEAM, Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN})
    @Operation(summary = "Complete the investigation with its position (ställningstagande)",
            description = "Refused (422, listing what is missing) until every required section has an entry, the track is assessed "
                    + "and a serious case has its IVO notification. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The completed track")
    @APIResponse(responseCode = "422", description = "The investigation is not complete",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response complete(@PathParam("id") UUID id, @PathParam("trackId") UUID trackId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TrackDtos.CompleteRequest request) {
        return detail(completions.complete(id, trackId, ifMatch, request.position()));
    }

    @POST
    @Path("breach")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INVESTIGATOR, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Record what a personal data breach concerns (personuppgiftsincident)",
            description = "Time of awareness (moves the IMY 72 h clock until IMY is notified), the number of data subjects, the "
                    + "categories of data, and for a high-risk breach when the data subjects were told or why not. Fields left out "
                    + "are kept. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The track", content = @Content(schema = @Schema(implementation = TrackDtos.Detail.class)))
    @APIResponse(responseCode = "400", description = "Invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such track, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "Not a breach track, ended, or awareness moved after IMY was notified",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response breach(@PathParam("id") UUID id, @PathParam("trackId") UUID trackId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TrackDtos.BreachRequest r) {
        return detail(breaches.breachDetails(id, trackId, ifMatch, r.awareAt(), r.affectedCount(), r.dataCategories(),
                r.dataSubjectsNotifiedAt(), r.dataSubjectsNotNotifiedReason()));
    }

    @POST
    @Path("complaint")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Register a complaint or suggestion (klagomål, synpunkt, beröm)",
            description = "Kind, source (SOSFS 2011:9 5 kap 3 §), channel, anonymity and when it was received. Unless anonymous this "
                    + "starts the acknowledgement and answer clocks. Can be corrected until it is acknowledged. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The track", content = @Content(schema = @Schema(implementation = TrackDtos.Detail.class)))
    @APIResponse(responseCode = "400", description = "Invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such track, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "Not a complaint track, ended, or already acknowledged",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response registerComplaint(@PathParam("id") UUID id, @PathParam("trackId") UUID trackId,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid TrackDtos.ComplaintRequest r) {
        return detail(complaints.register(id, trackId, ifMatch, r.kind(), r.source(), r.channel(), r.anonymous(), r.receivedAt()));
    }

    @POST
    @Path("acknowledgement")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Record that the complainant was told the complaint was received (mottagningsbekräftelse)",
            description = "Stops the acknowledgement clock. Not for anonymous complaints. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The track", content = @Content(schema = @Schema(implementation = TrackDtos.Detail.class)))
    @APIResponse(responseCode = "400", description = "Invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such track, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "Not registered, anonymous, or already acknowledged",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response acknowledge(@PathParam("id") UUID id, @PathParam("trackId") UUID trackId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TrackDtos.AcknowledgementRequest r) {
        return detail(complaints.acknowledge(id, trackId, ifMatch, r.acknowledgedAt()));
    }

    @POST
    @Path("answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Record the answer sent to the complainant (svar)",
            description = "Stops the answer clock (and the acknowledgement clock, if still running). Not for anonymous complaints. "
                    + "The answer text is screened for personal identity numbers. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The track", content = @Content(schema = @Schema(implementation = TrackDtos.Detail.class)))
    @APIResponse(responseCode = "400", description = "Invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such track, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "Not registered, anonymous, or already answered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "422", description = "A personal identity number in the answer")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response answer(@PathParam("id") UUID id, @PathParam("trackId") UUID trackId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TrackDtos.AnswerRequest r) {
        return detail(complaints.answer(id, trackId, ifMatch, r.answeredAt(), r.answer()));
    }

    @POST
    @Path("outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Complete a complaint with its outcome",
            description = "Whether a deviation occurred, linked to the track of this report or the other report it became. A named "
                    + "complainant is answered first. Publishes the track's closing with kind, source, channel and outcome. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The completed track",
            content = @Content(schema = @Schema(implementation = TrackDtos.Detail.class)))
    @APIResponse(responseCode = "400", description = "Invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such track, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "Not a registered complaint, or ended",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "422", description = "Not answered yet, or a link that does not fit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response outcome(@PathParam("id") UUID id, @PathParam("trackId") UUID trackId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TrackDtos.OutcomeRequest r) {
        return detail(complaints.complete(id, trackId, ifMatch, r.outcome(), r.deviationOccurred(), r.linkedTrackId(),
                r.linkedDeviationId()));
    }

    @POST
    @Path("root-causes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INVESTIGATOR, Roles.QUALITY_TEAM, Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN})
    @Operation(summary = "Add a root cause (orsak) to the investigation",
            description = "From the taxonomy (missing routine, deficient routine, routine not known or not followed, staffing and "
                    + "resources, communication and information transfer, documentation, competence, technology, other), optionally "
                    + "pointing at routines of the process registry: an id the registry has not published as a routine, or one withdrawn "
                    + "before the deviation occurred, is a 422. The quality team, the assigned investigator and (lex Maria) the MAS add.")
    @APIResponse(responseCode = "201", description = "The root cause",
            content = @Content(schema = @Schema(implementation = TrackDtos.RootCauseView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not the quality team, the assigned investigator or (lex Maria) the MAS")
    @APIResponse(responseCode = "404", description = "No such track, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "The track is not a running investigation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "An unknown or withdrawn routine, or a personal identity number in the comment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response addRootCause(@PathParam("id") UUID id, @PathParam("trackId") UUID trackId,
            @NotNull @Valid TrackDtos.RootCauseRequest r) {
        TrackRootCause c = rootCauses.add(id, trackId, r.cause(), r.routineIds(), r.comment());
        return Response.created(URI.create(BASE.formatted(id, trackId) + "/root-causes/" + c.id))
                .entity(TrackDtos.RootCauseView.of(c)).build();
    }

    @DELETE
    @Path("root-causes/{causeId}")
    @RolesAllowed({Roles.INVESTIGATOR, Roles.QUALITY_TEAM, Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN})
    @Operation(summary = "Remove a root cause recorded by mistake", description = "While the track runs. Requires If-Match (the track's ETag).")
    @APIResponse(responseCode = "200", description = "The track", content = @Content(schema = @Schema(implementation = TrackDtos.Detail.class)))
    @APIResponse(responseCode = "403", description = "Not the quality team, the assigned investigator or (lex Maria) the MAS")
    @APIResponse(responseCode = "404", description = "No such root cause, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "The track has ended")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response removeRootCause(@PathParam("id") UUID id, @PathParam("trackId") UUID trackId, @PathParam("causeId") UUID causeId,
            @HeaderParam("If-Match") String ifMatch) {
        return detail(rootCauses.remove(id, trackId, causeId, ifMatch));
    }

    private Response detail(DeviationTrack t) {
        return Response.ok(TrackDtos.detail(t, investigations.missingSections(t), notifications.notificationDueAt(t),
                        investigations.clocksOf(t), rootCauses.of(t.id), clock.instant()))
                .tag(ETags.of(t.version)).build();
    }
}
