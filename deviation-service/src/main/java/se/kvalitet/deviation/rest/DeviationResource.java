package se.kvalitet.deviation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import se.kvalitet.deviation.Deviation;
import se.kvalitet.deviation.mapping.DeviationMapper;
import se.kvalitet.deviation.service.DeviationAccess;
import se.kvalitet.deviation.service.DeviationIntakeService;
import se.kvalitet.deviation.service.Roles;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

@Path("/deviation/v1/deviations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deviations (avvikelser)", description = "Reports of deviations: intake and reading")
@SecurityRequirement(name = "SecurityScheme")
public class DeviationResource {

    @Inject
    DeviationIntakeService intake;

    @Inject
    DeviationAccess access;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REPORTER, Roles.CASE_SYSTEM})
    @Operation(summary = "Report a deviation (rapportera en avvikelse)",
            description = "Staff (role reporter) and case-management systems (role case-system) file a report. "
                    + "It starts in stage RECEIVED and is triaged by the quality team.")
    @APIResponse(responseCode = "201", description = "Report received",
            content = @Content(schema = @Schema(implementation = DeviationResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "The caller's roles may not report")
    @APIResponse(responseCode = "409", description = "The source already reported this external reference",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large")
    public Response report(@NotNull @Valid ReportDeviationRequest request) {
        Deviation d = intake.report(request);
        return Response.created(URI.create("/deviation/v1/deviations/" + d.id))
                .tag(ETags.of(d.version))
                .entity(DeviationMapper.toResponse(d))
                .build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.REPORTER, Roles.CASE_SYSTEM, Roles.UNIT_MANAGER, Roles.INVESTIGATOR, Roles.QUALITY_TEAM,
            Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN})
    @Operation(summary = "Read a report of a deviation",
            description = "Reporters see their own reports, unit managers their units' reports, the quality team all.")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(schema = @Schema(implementation = DeviationResponse.class)))
    @APIResponse(responseCode = "404", description = "No such report, or not visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Deviation d = intake.find(id).filter(access::canRead)
                .orElseThrow(() -> ProblemException.notFound("Deviation " + id));
        return Response.ok(DeviationMapper.toResponse(d)).tag(ETags.of(d.version)).build();
    }
}
