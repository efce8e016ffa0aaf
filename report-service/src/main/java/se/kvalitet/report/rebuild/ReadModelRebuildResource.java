package se.kvalitet.report.rebuild;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.report.lifecycle.Roles;
import se.kvalitet.web.Problem;
import se.kvalitet.web.QueryParams;

/** The admin command that rebuilds the read models by replaying the topics from the start. */
@Path("/report/v1/admin/read-model-rebuilds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration", description = "Operating the service: rebuilding read models from the event log")
@SecurityRequirement(name = "SecurityScheme")
public class ReadModelRebuildResource {

    @Inject
    ReadModelRebuild rebuild;

    /** The rebuild empties every read model first: the caller confirms it. */
    @Schema(name = "ReadModelRebuildRequest")
    public record Request(
            @jakarta.validation.constraints.NotNull
            @jakarta.validation.constraints.AssertTrue
            @Schema(description = "Must be true: the read models are emptied and rebuilt", example = "true")
            Boolean confirm) {}

    @POST
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Rebuild every read model from the event topics",
            description =
                    "Empties the read models (deviation, organisation history, follow-up) and replays the deviation, "
                            + "registry and follow-up topics from their beginning through the inbox. Runs in the background; poll the "
                            + "Location. Reports already generated are not touched. Live consumption continues meanwhile.")
    @APIResponse(
            responseCode = "202",
            description = "Started",
            content = @Content(schema = @Schema(implementation = ReadModelRebuild.Status.class)))
    @APIResponse(
            responseCode = "400",
            description = "confirm is not true",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "A rebuild is already running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(@jakarta.validation.constraints.NotNull @jakarta.validation.Valid Request request) {
        ReadModelRebuild.Status s = rebuild.start();
        return Response.accepted(s)
                .location(URI.create("/report/v1/admin/read-model-rebuilds/" + s.id()))
                .build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "The state of a rebuild",
            description = "RUNNING, DONE or FAILED, with the number of events read.")
    @APIResponse(
            responseCode = "200",
            description = "The rebuild",
            content = @Content(schema = @Schema(implementation = ReadModelRebuild.Status.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such rebuild",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReadModelRebuild.Status get(@PathParam("id") String id) {
        return rebuild.status(QueryParams.uuid("id", id));
    }
}
