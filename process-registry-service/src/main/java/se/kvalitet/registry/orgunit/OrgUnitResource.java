package se.kvalitet.registry.orgunit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
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
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.registry.access.Roles;
import se.kvalitet.registry.orgunit.OrgUnitDtos.CloseRequest;
import se.kvalitet.registry.orgunit.OrgUnitDtos.CreateOrgUnitRequest;
import se.kvalitet.registry.orgunit.OrgUnitDtos.MergeRequest;
import se.kvalitet.registry.orgunit.OrgUnitDtos.MoveRequest;
import se.kvalitet.registry.orgunit.OrgUnitDtos.OrgUnitResponse;
import se.kvalitet.registry.orgunit.OrgUnitDtos.RenameRequest;
import se.kvalitet.registry.orgunit.OrgUnitDtos.SplitRequest;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.QueryParams;

@Path("/registry/v1/org-units")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Organisation (organisation)",
        description = "The organisation tree with its history: every question can be asked as of a day")
@SecurityRequirement(name = "SecurityScheme")
public class OrgUnitResource {

    @Inject
    OrgUnitService service;

    @Inject
    OrgUnitChanges changes;

    @GET
    @RolesAllowed(Roles.READERS_AND_CASE_SYSTEM)
    @Operation(
            summary = "The organisation as of a day (organisationen per datum)",
            description =
                    "Units valid on asOf (default today), optionally only a unit and everything under it, sorted by name.")
    @APIResponse(responseCode = "200", description = "One page of units")
    public Page<OrgUnitResponse> list(
            @Parameter(description = "Day (YYYY-MM-DD), default today") @QueryParam("asOf") String asOf,
            @Parameter(description = "Only this unit and its subtree") @QueryParam("under") String under,
            @Parameter(description = "Include units closed on that day") @QueryParam("includeClosed")
                    boolean includeClosed,
            @BeanParam @Valid PageParams paging) {
        LocalDate day = service.asOf(asOf);
        UUID root = under == null ? null : QueryParams.uuid("under", under);
        return service.page(day, root, includeClosed, paging.page, paging.limit).map(OrgUnitResponse::of);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.READERS_AND_CASE_SYSTEM)
    @Operation(summary = "One unit as of a day")
    @APIResponse(
            responseCode = "200",
            description = "The unit; ETag for changes",
            content = @Content(schema = @Schema(implementation = OrgUnitResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such unit on that day",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "400",
            description = "Malformed or out-of-range asOf, or an unknown query parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(
            @PathParam("id") UUID id,
            @Parameter(
                            description = "Day (YYYY-MM-DD) the unit is answered as, from its stored versions; default"
                                    + " today (Europe/Stockholm)",
                            // no format: the released v1 document has this parameter as a plain string, and adding
                            // one is a change its generated clients would see (BreakingChanges)
                            schema = @Schema(type = SchemaType.STRING))
                    @QueryParam("asOf")
                    String asOf) {
        LocalDate day = service.asOf(asOf);
        OrgUnitVersion v = service.one(id, day);
        return Response.ok(OrgUnitResponse.of(v))
                .tag(ETags.of(service.version(id)))
                .build();
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed(Roles.READERS_AND_CASE_SYSTEM)
    @Operation(summary = "Every version of a unit, oldest first (its reorganisations)")
    @APIResponse(responseCode = "200", description = "The versions")
    @APIResponse(
            responseCode = "404",
            description = "No such unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<OrgUnitResponse> history(@PathParam("id") UUID id) {
        return service.history(id).stream().map(OrgUnitResponse::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.QUALITY_TEAM})
    @Operation(summary = "Create a unit (inrätta en enhet)")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = OrgUnitResponse.class)))
    @APIResponse(
            responseCode = "409",
            description = "The id or code is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid CreateOrgUnitRequest r) {
        OrgUnitVersion v = changes.create(r.id(), r.code(), r.name(), r.type(), r.parentId(), r.validFrom());
        return Response.created(URI.create("/registry/v1/org-units/" + v.orgUnitId))
                .tag(ETags.of(0))
                .entity(OrgUnitResponse.of(v))
                .build();
    }

    @POST
    @Path("{id}/rename")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.QUALITY_TEAM})
    @Operation(summary = "Rename a unit from a day", description = "Needs the unit's ETag in If-Match.")
    @APIResponse(responseCode = "200", description = "The new version")
    @APIResponse(
            responseCode = "409",
            description = "Closed unit, code taken, or a later change exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response rename(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid RenameRequest r) {
        return changed(changes.rename(id, ifMatch, r.name(), r.code(), r.effectiveFrom()));
    }

    @POST
    @Path("{id}/move")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.QUALITY_TEAM})
    @Operation(summary = "Move a unit under another parent from a day (omorganisation)")
    @APIResponse(responseCode = "200", description = "The new version")
    @APIResponse(
            responseCode = "409",
            description = "Would create a cycle, closed unit, or a later change exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response move(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid MoveRequest r) {
        return changed(changes.move(id, ifMatch, r.parentId(), r.effectiveFrom()));
    }

    @POST
    @Path("{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.QUALITY_TEAM})
    @Operation(
            summary = "Close a unit from a day (avveckla)",
            description = "Units under it must be moved or closed first.")
    @APIResponse(responseCode = "200", description = "The closing version")
    @APIResponse(
            responseCode = "409",
            description = "Active units under it, already closed, or a later change exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response close(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid CloseRequest r) {
        return changed(changes.close(id, ifMatch, r.effectiveFrom()));
    }

    @POST
    @Path("{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.QUALITY_TEAM})
    @Operation(
            summary = "Merge a unit into another from a day (slå samman)",
            description = "Its units move to the target and it closes with change MERGED.")
    @APIResponse(responseCode = "200", description = "The closing version")
    public Response merge(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid MergeRequest r) {
        return changed(changes.merge(id, ifMatch, r.intoId(), r.effectiveFrom()));
    }

    @POST
    @Path("{id}/split")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.QUALITY_TEAM})
    @Operation(
            summary = "Split new units off a unit from a day (dela)",
            description = "New sibling units of the same type; the original stays or closes.")
    @APIResponse(responseCode = "200", description = "The original's new version first, then the new units")
    public Response split(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid SplitRequest r) {
        List<OrgUnitVersion> out = changes.split(
                id,
                ifMatch,
                r.parts().stream()
                        .map(p -> new OrgUnitChanges.NewPart(p.code(), p.name()))
                        .toList(),
                r.closeOriginal(),
                r.effectiveFrom());
        return Response.ok(out.stream().map(OrgUnitResponse::of).toList())
                .tag(ETags.of(service.version(id)))
                .build();
    }

    private Response changed(OrgUnitVersion v) {
        return Response.ok(OrgUnitResponse.of(v))
                .tag(ETags.of(service.version(v.orgUnitId)))
                .build();
    }
}
