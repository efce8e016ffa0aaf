package se.kvalitet.deviation.triage;

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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.deviation.report.DeviationMapper;
import se.kvalitet.deviation.report.DeviationResponse;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Problem;

/** Triage into tracks, its history, and closing the report with feedback to the reporter. */
@Path("/deviation/v1/deviations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deviations (avvikelser)", description = "Reports of deviations: intake, lists, triage and closing")
@SecurityRequirement(name = "SecurityScheme")
public class TriageResource {

    @Inject
    TriageService triage;

    @POST
    @Path("{id}/triage")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Triage or reclassify a report (bedöm och klassificera)",
            description =
                    "Sets the report's categories; each runs as a track. A reclassification ends the tracks whose "
                            + "category was removed (kept as history) and opens the new ones; it needs a reason. NOT_A_DEVIATION "
                            + "stands alone and needs a reason. Requires If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The triaged report",
            content = @Content(schema = @Schema(implementation = DeviationResponse.class)))
    @APIResponse(
            responseCode = "409",
            description = "Closed, or no change",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "A triage rule is broken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response triage(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid TriageRequest request) {
        Deviation d = triage.triage(id, ifMatch, request.categories(), request.reason(), request.decidedAt());
        return Response.ok(DeviationMapper.toResponse(d))
                .tag(ETags.of(d.version))
                .build();
    }

    @GET
    @Path("{id}/triage-history")
    @RolesAllowed(Roles.HANDLERS)
    @Operation(
            summary = "How a report was classified over time",
            description = "Every triage and reclassification, oldest first.")
    @APIResponse(responseCode = "200", description = "The decisions")
    @APIResponse(
            responseCode = "404",
            description = "No such report, or not visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<TriageDecisionResponse> triageHistory(@PathParam("id") UUID id) {
        return triage.history(id).stream().map(TriageDecisionResponse::of).toList();
    }

    @POST
    @Path("{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Close a report with feedback to the reporter (återkoppling)",
            description =
                    "Allowed when every track has ended. The closing summary is what the reporter reads in my-deviations. "
                            + "Requires If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The closed report",
            content = @Content(schema = @Schema(implementation = DeviationResponse.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not triaged, tracks still open, or already closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response close(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid CloseRequest request) {
        Deviation d = triage.close(id, ifMatch, request.feedbackToReporter(), request.closedAt());
        return Response.ok(DeviationMapper.toResponse(d))
                .tag(ETags.of(d.version))
                .build();
    }
}
