package se.kvalitet.registry.review;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.registry.access.Roles;
import se.kvalitet.registry.document.DocumentQueries;
import se.kvalitet.registry.document.DocumentViews.DocumentListItem;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.QueryParams;

@Path("/registry/v1/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews (revidering)", description = "Documents in force due for review or overdue")
@SecurityRequirement(name = "SecurityScheme")
public class ReviewResource {

    @Inject
    DocumentQueries queries;

    @GET
    @RolesAllowed(Roles.READERS)
    @Operation(
            summary = "Documents due for review or overdue (revision försenad)",
            description =
                    "Documents in force whose next review date is within the lead time (DUE, kvalitet.registry.review."
                            + "due-lead-time, default 30 days) or has passed (OVERDUE); both when state is absent. Sorted by review date.")
    @APIResponse(responseCode = "200", description = "One page of documents")
    @APIResponse(
            responseCode = "400",
            description = "A malformed filter (state, type, unit, asOf) or an unknown query parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such unit on the asOf day (default today)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<DocumentListItem> reviews(
            @Parameter(
                            description = "DUE or OVERDUE; both when absent",
                            schema = @Schema(implementation = DocumentQueries.ReviewState.class))
                    @QueryParam("state")
                    String state,
            @Parameter(
                            description = "PROCESS, ROUTINE, GUIDELINE, CHECKLIST, COOPERATION_AGREEMENT",
                            schema = @Schema(implementation = DocumentType.class))
                    @QueryParam("type")
                    String type,
            @Parameter(description = "Only documents concerning this unit (above, at or under it)") @QueryParam("unit")
                    String unit,
            @Parameter(
                            description =
                                    "The day (YYYY-MM-DD) the list answers for: the versions in force that day and"
                                            + " the review dates that applied then (review history); the unit as organised"
                                            + " that day. Default today (Europe/Stockholm) from the current review dates",
                            schema = @Schema(type = SchemaType.STRING, format = "date"))
                    @QueryParam("asOf")
                    String asOf,
            @BeanParam @Valid PageParams paging) {
        return queries.reviews(
                QueryParams.enumValue("state", state, DocumentQueries.ReviewState.class),
                QueryParams.enumValue("type", type, DocumentType.class),
                QueryParams.uuid("unit", unit),
                QueryParams.date("asOf", asOf),
                paging.page,
                paging.limit);
    }
}
