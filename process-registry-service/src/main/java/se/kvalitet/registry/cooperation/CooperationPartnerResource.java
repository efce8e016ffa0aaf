package se.kvalitet.registry.cooperation;

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
import se.kvalitet.events.registry.CooperationPartnerKind;
import se.kvalitet.registry.access.Roles;
import se.kvalitet.registry.cooperation.CooperationPartnerDtos.PartnerRequest;
import se.kvalitet.registry.cooperation.CooperationPartnerDtos.PartnerResponse;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.QueryParams;

@Path("/registry/v1/cooperation-partners")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Cooperation partners (samverkansparter)",
        description =
                "Regions, the police, Försäkringskassan, schools, other "
                        + "administrations... that processes, routines and cooperation agreements name (SOSFS 2011:9 4 kap. 5 §)")
@SecurityRequirement(name = "SecurityScheme")
public class CooperationPartnerResource {

    @Inject
    CooperationPartnerService service;

    @GET
    @RolesAllowed(Roles.READERS_AND_CASE_SYSTEM)
    @Operation(summary = "List cooperation partners", description = "Sorted by name; inactive ones only on request.")
    @APIResponse(responseCode = "200", description = "One page of partners")
    public Page<PartnerResponse> list(
            @Parameter(
                            description = "Only this kind, e.g. POLICE",
                            schema = @Schema(implementation = CooperationPartnerKind.class))
                    @QueryParam("kind")
                    String kind,
            @Parameter(description = "Also partners whose cooperation ended") @QueryParam("includeInactive")
                    boolean includeInactive,
            @Parameter(description = "Only partners changed at or after this instant (RFC 3339)")
                    @QueryParam("updatedSince")
                    String since,
            @BeanParam @Valid PageParams paging) {
        return service.list(
                        QueryParams.enumValue("kind", kind, CooperationPartnerKind.class),
                        includeInactive,
                        QueryParams.instant("updatedSince", since),
                        paging.page,
                        paging.limit)
                .map(PartnerResponse::of);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.READERS_AND_CASE_SYSTEM)
    @Operation(summary = "One cooperation partner")
    @APIResponse(
            responseCode = "200",
            description = "The partner; ETag for updates",
            content = @Content(schema = @Schema(implementation = PartnerResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such partner",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        CooperationPartner p = service.get(id);
        return Response.ok(PartnerResponse.of(p)).tag(ETags.of(p.version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER})
    @Operation(summary = "Add a cooperation partner")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = PartnerResponse.class)))
    @APIResponse(
            responseCode = "409",
            description = "The name is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid PartnerRequest request) {
        CooperationPartner p = service.create(null, request.toCommand());
        return Response.created(URI.create("/registry/v1/cooperation-partners/" + p.id))
                .tag(ETags.of(p.version))
                .entity(PartnerResponse.of(p))
                .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER})
    @Operation(
            summary = "Replace a cooperation partner",
            description = "The whole new state; needs the ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "Replaced",
            content = @Content(schema = @Schema(implementation = PartnerResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such partner",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The name is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replace(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid PartnerRequest request) {
        CooperationPartner p = service.replace(id, ifMatch, request.toCommand());
        return Response.ok(PartnerResponse.of(p)).tag(ETags.of(p.version)).build();
    }
}
