package se.kvalitet.deviation.track;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.complaint.ComplaintService;
import se.kvalitet.deviation.complaint.CompleteComplaint;
import se.kvalitet.deviation.complaint.RegisterComplaint;
import se.kvalitet.web.Problem;

/** A complaint track: registration, acknowledgement, answer and outcome (SOSFS 2011:9 5 kap 3-5 §§). */
@Path("/deviation/v1/deviations/{id}/tracks/{trackId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Investigations (utredningar)",
        description = "Lex Sarah, lex Maria, personal data breach, complaint and other-deviation tracks")
@SecurityRequirement(name = "SecurityScheme")
public class ComplaintResource {

    @Inject
    ComplaintService complaints;

    @Inject
    TrackView view;

    @POST
    @Path("complaint")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Register a complaint or suggestion (klagomål, synpunkt, beröm)",
            description =
                    "Kind, source (SOSFS 2011:9 5 kap 3 §), channel, anonymity and when it was received. Unless anonymous this "
                            + "starts the acknowledgement and answer clocks. Can be corrected until it is acknowledged. Requires If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The track",
            content = @Content(schema = @Schema(implementation = TrackDtos.Detail.class)))
    @APIResponse(responseCode = "404", description = "No such track, or not visible to the caller")
    @APIResponse(
            responseCode = "409",
            description = "Not a complaint track, ended, or already acknowledged",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response registerComplaint(
            @PathParam("id") UUID id,
            @PathParam("trackId") UUID trackId,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TrackDtos.ComplaintRequest r) {
        return view.detail(complaints.register(
                id,
                trackId,
                ifMatch,
                new RegisterComplaint(r.kind(), r.source(), r.channel(), r.anonymous(), r.receivedAt())));
    }

    @POST
    @Path("acknowledgement")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Record that the complainant was told the complaint was received (mottagningsbekräftelse)",
            description = "Stops the acknowledgement clock. Not for anonymous complaints. Requires If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The track",
            content = @Content(schema = @Schema(implementation = TrackDtos.Detail.class)))
    @APIResponse(responseCode = "404", description = "No such track, or not visible to the caller")
    @APIResponse(
            responseCode = "409",
            description = "Not registered, anonymous, or already acknowledged",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response acknowledge(
            @PathParam("id") UUID id,
            @PathParam("trackId") UUID trackId,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TrackDtos.AcknowledgementRequest r) {
        return view.detail(complaints.acknowledge(id, trackId, ifMatch, r.acknowledgedAt()));
    }

    @POST
    @Path("answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Record the answer sent to the complainant (svar)",
            description =
                    "Stops the answer clock (and the acknowledgement clock, if still running). Not for anonymous complaints. "
                            + "The answer text is screened for personal identity numbers. Requires If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The track",
            content = @Content(schema = @Schema(implementation = TrackDtos.Detail.class)))
    @APIResponse(responseCode = "404", description = "No such track, or not visible to the caller")
    @APIResponse(
            responseCode = "409",
            description = "Not registered, anonymous, or already answered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A personal identity number in the answer")
    public Response answer(
            @PathParam("id") UUID id,
            @PathParam("trackId") UUID trackId,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TrackDtos.AnswerRequest r) {
        return view.detail(complaints.answer(id, trackId, ifMatch, r.answeredAt(), r.answer()));
    }

    @POST
    @Path("outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Complete a complaint with its outcome",
            description =
                    "Whether a deviation occurred, linked to the track of this report or the other report it became. A named "
                            + "complainant is answered first. Publishes the track's closing with kind, source, channel and outcome. Requires If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The completed track",
            content = @Content(schema = @Schema(implementation = TrackDtos.Detail.class)))
    @APIResponse(responseCode = "404", description = "No such track, or not visible to the caller")
    @APIResponse(
            responseCode = "409",
            description = "Not a registered complaint, or ended",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Not answered yet, or a link that does not fit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response outcome(
            @PathParam("id") UUID id,
            @PathParam("trackId") UUID trackId,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TrackDtos.OutcomeRequest r) {
        return view.detail(complaints.complete(
                id,
                trackId,
                ifMatch,
                new CompleteComplaint(
                        r.outcome(),
                        r.deviationOccurred(),
                        r.linkedTrackId(),
                        r.linkedDeviationId(),
                        r.completedAt())));
    }
}
