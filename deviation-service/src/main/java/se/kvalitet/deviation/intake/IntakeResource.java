package se.kvalitet.deviation.intake;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.report.DeviationMapper;
import se.kvalitet.deviation.report.DeviationResponse;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Problem;
import se.kvalitet.web.idempotency.IdempotentCreate;

/** Intake: a member of staff or a case-management system reports a deviation. */
@Path("/deviation/v1/deviations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deviations (avvikelser)", description = "Reports of deviations: intake, lists, triage and closing")
@SecurityRequirement(name = "SecurityScheme")
public class IntakeResource {

    @Inject
    DeviationIntakeService intake;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REPORTER, Roles.CASE_SYSTEM})
    @IdempotentCreate
    @Operation(
            summary = "Report a deviation (rapportera en avvikelse)",
            description = "Staff (role reporter) and case-management systems (role case-system) file a report. "
                    + "It starts in stage RECEIVED and is triaged by the quality team. Free text is screened for "
                    + "personal identity numbers. Send an Idempotency-Key to retry safely: the same key and body "
                    + "returns the first response (header Idempotent-Replayed: true); the same key with another body is a 422. "
                    + "Machine clients (case-system) must send one: without it the request is a 428 problem.")
    @APIResponse(
            responseCode = "201",
            description = "Report received",
            content = @Content(schema = @Schema(implementation = DeviationResponse.class)))
    @APIResponse(
            responseCode = "409",
            description = "The source already reported this external reference",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "A personal identity number in the text, or an Idempotency-Key reused with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "428",
            description = "A machine client (case-system) sent no Idempotency-Key: nothing was created",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response report(
            @Parameter(
                            description =
                                    "A key unique per request the caller wants done once: 1-100 of A-Z a-z 0-9 . _ : - (a UUID, for example)")
                    @HeaderParam(IdempotencyKeys.HEADER)
                    String idempotencyKey,
            @NotNull @Valid ReportDeviationRequest request) {
        IdempotencyKeys.validate(idempotencyKey);
        DeviationIntakeService.Intake<DeviationResponse> result =
                intake.report(request.toCommand(), idempotencyKey, DeviationMapper::toResponse);
        if (result.replayed() != null) {
            return Response.status(result.replayed().status())
                    .location(URI.create(
                            "/deviation/v1/deviations/" + result.replayed().resourceId()))
                    .header("Idempotent-Replayed", "true")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(result.replayed().body())
                    .build();
        }
        return Response.created(URI.create(
                        "/deviation/v1/deviations/" + result.created().id()))
                .tag(ETags.of(result.version()))
                // with a key the body is the JSON kept with it (written once, sent as it will be replayed)
                .entity(result.createdJson() != null ? result.createdJson() : result.created())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
