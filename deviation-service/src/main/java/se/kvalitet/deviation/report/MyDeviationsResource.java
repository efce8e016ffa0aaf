package se.kvalitet.deviation.report;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.QueryParams;

/** Feedback to the reporter: the caller's own reports, where each one is, and how it ended. */
@Path("/deviation/v1/my-deviations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deviations (avvikelser)")
@SecurityRequirement(name = "SecurityScheme")
public class MyDeviationsResource {

    @Inject
    DeviationQueries queries;

    @GET
    @RolesAllowed(Roles.READERS)
    @Operation(
            summary = "My reports and their stage (mina avvikelser)",
            description = "The reports the caller filed, newest first: stage in English and Swedish and, once closed, "
                    + "the closing summary written for the reporter. Keyset pages as in the list of reports: follow "
                    + "nextCursor; total is exact up to "
                    + DeviationQueries.TOTAL_CAP
                    + " (totalExact).")
    @APIResponse(responseCode = "200", description = "A page of the caller's reports")
    @APIResponse(
            responseCode = "400",
            description = "The status, the cursor or the page is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<MyDeviation> mine(
            @Parameter(description = "Stage", schema = @Schema(implementation = Deviation.Status.class))
                    @QueryParam("status")
                    String status,
            @Parameter(
                            description =
                                    "Continue after the page that returned this nextCursor (opaque; same filters; not with page)")
                    @QueryParam("cursor")
                    String cursor,
            @Valid @BeanParam PageParams page) {
        DeviationQueries.Filter filter = new DeviationQueries.Filter(
                QueryParams.enumValue("status", status, Deviation.Status.class),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                true);
        return queries.list(filter, page, cursor).map(DeviationMapper::toMine);
    }
}
