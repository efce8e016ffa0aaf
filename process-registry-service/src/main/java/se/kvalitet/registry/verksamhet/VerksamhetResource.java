package se.kvalitet.registry.verksamhet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.registry.access.Roles;
import se.kvalitet.registry.codelist.LegalBasis;
import se.kvalitet.registry.codelist.VerksamhetKind;
import se.kvalitet.registry.verksamhet.VerksamhetDtos.VerksamhetRequest;
import se.kvalitet.registry.verksamhet.VerksamhetDtos.VerksamhetResponse;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.QueryParams;

@Path("/registry/v1/verksamheter")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Verksamheter (areas of operation)",
        description =
                "What each verksamhet does, the laws it is run under (rättslig grund) and the org units that run it")
@SecurityRequirement(name = "SecurityScheme")
public class VerksamhetResource {

    @Inject
    VerksamhetService service;

    @GET
    @RolesAllowed(Roles.READERS_AND_CASE_SYSTEM)
    @Operation(
            summary = "List verksamheter (areas of operation)",
            description =
                    "Sorted by name. Filter by an org unit (optionally with every unit under it today), a legal basis, "
                            + "a kind, or updatedSince for incremental pulls.")
    @APIResponse(responseCode = "200", description = "One page of verksamheter")
    public Page<VerksamhetResponse> list(
            @Parameter(description = "Only verksamheter run by this org unit") @QueryParam("orgUnitId")
                    String orgUnitId,
            @Parameter(description = "With orgUnitId: also those run by any unit under it (as the tree stands today)")
                    @QueryParam("includeSubtree")
                    boolean includeSubtree,
            @Parameter(
                            description = "Only verksamheter run under this legal basis, e.g. LSS",
                            schema = @Schema(implementation = LegalBasis.class))
                    @QueryParam("legalBasis")
                    String legalBasis,
            @Parameter(
                            description = "Only verksamheter of this kind, e.g. HOME_CARE",
                            schema = @Schema(implementation = VerksamhetKind.class))
                    @QueryParam("kind")
                    String kind,
            @Parameter(description = "Only verksamheter changed at or after this instant (RFC 3339)")
                    @QueryParam("updatedSince")
                    String updatedSince,
            @BeanParam @Valid PageParams paging) {
        var filter = new VerksamhetService.Filter(
                QueryParams.uuid("orgUnitId", orgUnitId),
                includeSubtree,
                QueryParams.enumValue("legalBasis", legalBasis, LegalBasis.class),
                QueryParams.enumValue("kind", kind, VerksamhetKind.class),
                QueryParams.instant("updatedSince", updatedSince));
        return service.list(filter, paging.page, paging.limit).map(VerksamhetResponse::of);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.READERS_AND_CASE_SYSTEM)
    @Operation(summary = "One verksamhet")
    @APIResponse(
            responseCode = "200",
            description = "The verksamhet; ETag for updates",
            content = @Content(schema = @Schema(implementation = VerksamhetResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such verksamhet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Verksamhet v = service.get(id);
        return Response.ok(VerksamhetResponse.of(v)).tag(ETags.of(v.version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Create a verksamhet", description = "Its org units must exist in this registry.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = VerksamhetResponse.class)))
    @APIResponse(
            responseCode = "409",
            description = "The code is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "An org unit does not exist (the field is named, e.g. orgUnitIds[1])",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid VerksamhetRequest request) {
        Verksamhet v = service.create(request.toCommand());
        return Response.created(URI.create("/registry/v1/verksamheter/" + v.id))
                .tag(ETags.of(v.version))
                .entity(VerksamhetResponse.of(v))
                .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Replace a verksamhet", description = "The whole new state; needs the ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "Replaced",
            content = @Content(schema = @Schema(implementation = VerksamhetResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such verksamhet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The code is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "An org unit does not exist",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replace(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid VerksamhetRequest request) {
        Verksamhet v = service.replace(id, ifMatch, request.toCommand());
        return Response.ok(VerksamhetResponse.of(v)).tag(ETags.of(v.version)).build();
    }
}
