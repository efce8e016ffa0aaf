package se.kvalitet.registry.requirement;

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
import java.time.LocalDate;
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
import se.kvalitet.registry.requirement.RequirementDtos.RegulationRequest;
import se.kvalitet.registry.requirement.RequirementDtos.RegulationResponse;
import se.kvalitet.registry.requirement.RequirementDtos.RegulationWithItemsResponse;
import se.kvalitet.registry.requirement.RequirementDtos.RequirementItemRequest;
import se.kvalitet.registry.requirement.RequirementDtos.RequirementItemResponse;
import se.kvalitet.registry.requirement.RequirementDtos.WithdrawRequest;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.QueryParams;

@Path("/registry/v1/requirements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Requirement catalogue (kravkatalog)",
        description = "Laws, regulations (föreskrifter) and their paragraphs, and which verksamheter they apply to")
@SecurityRequirement(name = "SecurityScheme")
public class RequirementResource {

    @Inject
    RequirementCatalogueService service;

    @Inject
    RequirementQueries queries;

    @GET
    @Path("regulations")
    @RolesAllowed(Roles.READERS_AND_CASE_SYSTEM)
    @Operation(summary = "List regulations (författningar)", description = "Sorted by code.")
    @APIResponse(responseCode = "200", description = "One page of regulations")
    public Page<RegulationResponse> regulations(
            @Parameter(description = "Only this kind", schema = @Schema(implementation = Regulation.Kind.class))
                    @QueryParam("kind")
                    String kind,
            @BeanParam @Valid PageParams paging) {
        return queries.regulations(
                        QueryParams.enumValue("kind", kind, Regulation.Kind.class), paging.page, paging.limit)
                .map(RegulationResponse::of);
    }

    @GET
    @Path("regulations/{id}")
    @RolesAllowed(Roles.READERS_AND_CASE_SYSTEM)
    @Operation(summary = "One regulation with its requirement items in order")
    @APIResponse(
            responseCode = "200",
            description = "The regulation and its items; ETag of the regulation",
            content = @Content(schema = @Schema(implementation = RegulationWithItemsResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such regulation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response regulation(
            @PathParam("id") UUID id,
            @Parameter(description = "Also items withdrawn on or before today") @QueryParam("includeWithdrawn")
                    boolean includeWithdrawn) {
        Regulation r = queries.regulation(id);
        var body = RegulationWithItemsResponse.of(r, queries.itemsOf(id, includeWithdrawn), service.today());
        return Response.ok(body).tag(ETags.of(r.version)).build();
    }

    @POST
    @Path("regulations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Add a regulation to the catalogue", description = "Then add its items one by one.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = RegulationResponse.class)))
    @APIResponse(
            responseCode = "409",
            description = "The code is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createRegulation(@NotNull @Valid RegulationRequest request) {
        Regulation r = service.createRegulation(request.toCommand());
        return Response.created(URI.create("/registry/v1/requirements/regulations/" + r.id))
                .tag(ETags.of(r.version))
                .entity(RegulationResponse.of(r))
                .build();
    }

    @PUT
    @Path("regulations/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Replace a regulation's code, title, kind, issuer and url",
            description = "Its items are kept. Needs the ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "Replaced",
            content = @Content(schema = @Schema(implementation = RegulationResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such regulation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Another regulation has the code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replaceRegulation(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid RegulationRequest request) {
        Regulation r = service.replaceRegulation(id, ifMatch, request.toCommand());
        return Response.ok(RegulationResponse.of(r)).tag(ETags.of(r.version)).build();
    }

    @POST
    @Path("regulations/{id}/items")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Add a requirement item (krav) to a regulation")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = RequirementItemResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such regulation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "An item with this reference is in force",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response addItem(@PathParam("id") UUID id, @NotNull @Valid RequirementItemRequest request) {
        RequirementItem i = service.addItem(id, request.toCommand());
        return Response.created(URI.create("/registry/v1/requirements/items/" + i.id))
                .tag(ETags.of(i.version))
                .entity(RequirementItemResponse.of(i, service.today()))
                .build();
    }

    @GET
    @Path("items")
    @RolesAllowed(Roles.READERS_AND_CASE_SYSTEM)
    @Operation(
            summary = "List requirement items (krav)",
            description =
                    "Sorted by regulation code and order. An item applies to a legal basis or kind when it lists it or "
                            + "lists none. verksamhetId: the requirements that apply to that verksamhet (one of its legal bases and "
                            + "one of its kinds). q searches summary, reference and regulation code. Withdrawn items only with "
                            + "includeWithdrawn.")
    @APIResponse(responseCode = "200", description = "One page of items")
    @APIResponse(
            responseCode = "400",
            description = "Malformed parameter or unknown verksamhet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<RequirementItemResponse> items(
            @Parameter(description = "Only items of this regulation") @QueryParam("regulationId") String regulationId,
            @Parameter(
                            description = "Only items that apply to this legal basis, e.g. LSS",
                            schema = @Schema(implementation = LegalBasis.class))
                    @QueryParam("legalBasis")
                    String legalBasis,
            @Parameter(
                            description = "Only items that apply to this verksamhet kind",
                            schema = @Schema(implementation = VerksamhetKind.class))
                    @QueryParam("kind")
                    String kind,
            @Parameter(description = "Only items that apply to this verksamhet") @QueryParam("verksamhetId")
                    String verksamhetId,
            @Parameter(description = "Text search (case-insensitive, at most 200 characters)", example = "egenkontroll")
                    @QueryParam("q")
                    String q,
            @Parameter(description = "Also items withdrawn on or before today") @QueryParam("includeWithdrawn")
                    boolean includeWithdrawn,
            @Parameter(description = "Only items changed at or after this instant (RFC 3339)")
                    @QueryParam("updatedSince")
                    String updatedSince,
            @BeanParam @Valid PageParams paging) {
        var filter = new RequirementQueries.ItemFilter(
                QueryParams.uuid("regulationId", regulationId),
                QueryParams.enumValue("legalBasis", legalBasis, LegalBasis.class),
                QueryParams.enumValue("kind", kind, VerksamhetKind.class),
                QueryParams.uuid("verksamhetId", verksamhetId),
                q,
                includeWithdrawn,
                QueryParams.instant("updatedSince", updatedSince));
        LocalDate today = service.today();
        return queries.items(filter, paging.page, paging.limit).map(i -> RequirementItemResponse.of(i, today));
    }

    @GET
    @Path("items/{id}")
    @RolesAllowed(Roles.READERS_AND_CASE_SYSTEM)
    @Operation(summary = "One requirement item, withdrawn or not")
    @APIResponse(
            responseCode = "200",
            description = "The item; ETag for changes",
            content = @Content(schema = @Schema(implementation = RequirementItemResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such item",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response item(@PathParam("id") UUID id) {
        RequirementItem i = queries.item(id);
        return Response.ok(RequirementItemResponse.of(i, service.today()))
                .tag(ETags.of(i.version))
                .build();
    }

    @PUT
    @Path("items/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Replace a requirement item", description = "The whole new state; needs the ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "Replaced",
            content = @Content(schema = @Schema(implementation = RequirementItemResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such item",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The item is withdrawn, or another item in force has the reference",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replaceItem(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid RequirementItemRequest request) {
        RequirementItem i = service.replaceItem(id, ifMatch, request.toCommand());
        return Response.ok(RequirementItemResponse.of(i, service.today()))
                .tag(ETags.of(i.version))
                .build();
    }

    @POST
    @Path("items/{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Withdraw a requirement item from a day (upphäva)",
            description =
                    "The item is kept and stays readable; lists leave it out from that day unless includeWithdrawn. "
                            + "Needs the ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The withdrawn item",
            content = @Content(schema = @Schema(implementation = RequirementItemResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such item",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Already withdrawn (withdrawnOn in the problem)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response withdrawItem(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid WithdrawRequest request) {
        RequirementItem i = service.withdrawItem(id, ifMatch, request.toCommand());
        return Response.ok(RequirementItemResponse.of(i, service.today()))
                .tag(ETags.of(i.version))
                .build();
    }
}
