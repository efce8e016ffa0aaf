package se.kvalitet.report.statistics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.orgcopy.OrgHistory;
import se.kvalitet.report.lifecycle.Roles;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.QueryParams;

@Path("/report/v1/deviation-statistics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Deviation statistics (avvikelsestatistik)",
        description =
                "Counts of deviations by the day they happened, per unit and category, from the events (aggregates only): for the board, the kvalitetsberättelse and BI tools")
@SecurityRequirement(name = "SecurityScheme")
public class DeviationStatisticsResource {

    static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    @Inject
    StatisticsService statistics;

    @Inject
    Clock clock;

    @GET
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.VIEWER, Roles.UNIT_MANAGER, Roles.BI_READER, Roles.ADMIN})
    @Operation(
            summary = "Deviation statistics for a period and an org subtree (avvikelsestatistik)",
            description =
                    "The pivot of department/unit × category (not a deviation, lex Sarah, lex Maria, personal data breach, "
                            + "complaint/suggestion, other deviation) with distinct-report totals at every level, each category's share, "
                            + "the shares notified to IVO and IMY (on time and late), per month and tertial. Reports are placed where "
                            + "their units sat in the organisation on the day they happened. Aggregates only, no case data.")
    @APIResponse(
            responseCode = "200",
            description = "The statistics",
            content = @Content(schema = @Schema(implementation = DeviationStatistics.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid period or org unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeviationStatistics get(
            @Parameter(description = "Root of the subtree (e.g. the board); default: the organisation's only root")
                    @QueryParam("orgUnit")
                    String orgUnit,
            @Parameter(description = "Calendar year; sets from/to to 1 January - 31 December") @QueryParam("year")
                    String year,
            @Parameter(description = "First day (YYYY-MM-DD), default 1 January this year") @QueryParam("from")
                    String from,
            @Parameter(description = "Last day (YYYY-MM-DD), default 31 December this year") @QueryParam("to")
                    String to) {
        LocalDate today = LocalDate.now(clock.withZone(SWEDEN));
        LocalDate f = QueryParams.date("from", from);
        LocalDate t = QueryParams.date("to", to);
        if (year != null && !year.isBlank()) {
            int y = year(year);
            f = f != null ? f : LocalDate.of(y, 1, 1);
            t = t != null ? t : LocalDate.of(y, 12, 31);
        }
        f = f != null ? f : today.withDayOfYear(1);
        t = t != null ? t : today.withMonth(12).withDayOfMonth(31);
        if (t.isBefore(f)) {
            throw ProblemException.invalidField("to", "must not be before from");
        }
        if (f.plusYears(10).isBefore(t)) {
            throw ProblemException.invalidField("to", "the period may be at most ten years");
        }
        OrgHistory history = statistics.history();
        UUID root = QueryParams.uuid("orgUnit", orgUnit);
        if (root == null) {
            var roots = history.roots();
            if (roots.size() != 1) {
                throw ProblemException.invalidField(
                        "orgUnit", "is required: the organisation has " + roots.size() + " roots");
            }
            root = roots.get(0);
        }
        return statistics.compute(history, root, f, t);
    }

    public static int year(String value) {
        try {
            int y = Integer.parseInt(value.strip());
            if (y >= 2000 && y <= 2100) {
                return y;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ProblemException.invalidField("year", "must be a year between 2000 and 2100");
    }
}
