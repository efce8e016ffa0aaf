package se.kvalitet.report.counts;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.QueryParams;

@Path("/report/v1/deviation-counts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deviation statistics (avvikelsestatistik)")
@SecurityRequirement(name = "SecurityScheme")
public class DeviationCountsResource {

    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    @Inject
    DeviationCountsQuery facts;

    @Inject
    Clock clock;

    @GET
    @Transactional
    @RolesAllowed({"quality-team", "viewer", "unit-manager", "bi-reader", "admin"})
    @Operation(
            summary = "Count reported deviations per org unit and category",
            description = "Aggregates only, no case data. Counts reports by the date they happened; "
                    + "defaults to the current calendar year.")
    @APIResponse(
            responseCode = "200",
            description = "The counts",
            content = @Content(schema = @Schema(implementation = DeviationCounts.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid period",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeviationCounts counts(
            @Parameter(description = "First day (YYYY-MM-DD), default 1 January this year") @QueryParam("from")
                    String from,
            @Parameter(description = "Last day (YYYY-MM-DD), default 31 December this year") @QueryParam("to")
                    String to) {
        LocalDate today = LocalDate.now(clock.withZone(SWEDEN));
        LocalDate f = QueryParams.date("from", from);
        LocalDate t = QueryParams.date("to", to);
        f = f != null ? f : today.withDayOfYear(1);
        t = t != null ? t : today.withMonth(12).withDayOfMonth(31);
        if (t.isBefore(f)) {
            throw ProblemException.invalidField("to", "must not be before from");
        }
        return facts.counts(f, t);
    }
}
