package se.kvalitet.deviation.track;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.rootcause.RootCauseService;
import se.kvalitet.deviation.rootcause.TrackRootCause;
import se.kvalitet.web.Problem;

/** Root causes of a track, linked to the registry's routines. */
@Path("/deviation/v1/deviations/{id}/tracks/{trackId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Investigations (utredningar)",
        description = "Lex Sarah, lex Maria, personal data breach, complaint and other-deviation tracks")
@SecurityRequirement(name = "SecurityScheme")
public class RootCauseResource {

    static final String BASE = "/deviation/v1/deviations/%s/tracks/%s";

    @Inject
    RootCauseService rootCauses;

    @Inject
    TrackView view;

    @POST
    @Path("root-causes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INVESTIGATOR, Roles.QUALITY_TEAM, Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN})
    @Operation(
            summary = "Add a root cause (orsak) to the investigation",
            description =
                    "From the taxonomy (missing routine, deficient routine, routine not known or not followed, staffing and "
                            + "resources, communication and information transfer, documentation, competence, technology, other), optionally "
                            + "pointing at routines of the process registry: an id the registry has not published as a routine, or one withdrawn "
                            + "before the deviation occurred, is a 422. The quality team, the assigned investigator and (lex Maria) the MAS add.")
    @APIResponse(
            responseCode = "201",
            description = "The root cause",
            content = @Content(schema = @Schema(implementation = TrackDtos.RootCauseView.class)))
    @APIResponse(responseCode = "404", description = "No such track, or not visible to the caller")
    @APIResponse(
            responseCode = "409",
            description = "The track is not a running investigation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "An unknown or withdrawn routine, or a personal identity number in the comment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response addRootCause(
            @PathParam("id") UUID id,
            @PathParam("trackId") UUID trackId,
            @NotNull @Valid TrackDtos.RootCauseRequest r) {
        TrackRootCause c = rootCauses.add(id, trackId, r.cause(), r.routineIds(), r.comment());
        return Response.created(URI.create(BASE.formatted(id, trackId) + "/root-causes/" + c.id))
                .entity(TrackDtos.RootCauseView.of(c))
                .build();
    }

    @DELETE
    @Path("root-causes/{causeId}")
    @RolesAllowed({Roles.INVESTIGATOR, Roles.QUALITY_TEAM, Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN})
    @Operation(
            summary = "Remove a root cause recorded by mistake",
            description = "While the track runs. Requires If-Match (the track's ETag).")
    @APIResponse(
            responseCode = "200",
            description = "The track",
            content = @Content(schema = @Schema(implementation = TrackDtos.Detail.class)))
    @APIResponse(responseCode = "404", description = "No such root cause, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "The track has ended")
    public Response removeRootCause(
            @PathParam("id") UUID id,
            @PathParam("trackId") UUID trackId,
            @PathParam("causeId") UUID causeId,
            @HeaderParam("If-Match") String ifMatch) {
        return view.detail(rootCauses.remove(id, trackId, causeId, ifMatch));
    }
}
