package se.kvalitet.registry.coverage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.registry.access.Roles;
import se.kvalitet.registry.coverage.CoverageDtos.CoverageResponse;
import se.kvalitet.registry.coverage.CoverageDtos.OperatingUnit;
import se.kvalitet.registry.coverage.CoverageDtos.Row;
import se.kvalitet.registry.coverage.CoverageDtos.SatisfyingDocument;
import se.kvalitet.registry.coverage.CoverageDtos.Summary;
import se.kvalitet.registry.domain.CoverageCalculator;
import se.kvalitet.registry.orgunit.OrgUnitService;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.QueryParams;

@Path("/registry/v1/coverage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Coverage (täckning)",
        description = "Which rule each routine satisfies and which rules have none: seed 002's "
                + "requirement matrix (krav → gällande rutiner → uppföljning/metod → ansvar), computed")
@SecurityRequirement(name = "SecurityScheme")
public class CoverageResource {

    @Inject
    CoverageService coverage;

    @Inject
    OrgUnitService orgUnits;

    @GET
    @RolesAllowed(Roles.READERS)
    @Operation(
            summary = "Requirement coverage of a unit (kravtäckning)",
            description =
                    "For the unit and the units under it that run verksamheter: per applicable requirement, the documents "
                            + "in force that satisfy it with follow-up method and responsible, the units it applies to and those "
                            + "without a document; and the gaps. A requirement applies to a verksamhet when it lists none or one of "
                            + "its legal bases and kinds; a unit runs the verksamheter of its own and of the units above it; a "
                            + "document applies to the units it names and every unit under them.")
    @APIResponse(
            responseCode = "200",
            description = "The matrix",
            content = @Content(schema = @Schema(implementation = CoverageResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "unit missing or malformed, unknown verksamhet, malformed asOf",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such unit on that day",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CoverageResponse coverage(
            @Parameter(description = "The unit (with the units under it)", required = true) @QueryParam("unit")
                    String unit,
            @Parameter(description = "Only this verksamhet's requirements") @QueryParam("verksamhet") String verksamhet,
            @Parameter(description = "Day (YYYY-MM-DD), default today") @QueryParam("asOf") String asOf) {
        UUID unitId = QueryParams.uuid("unit", unit);
        if (unitId == null) {
            throw ProblemException.invalidField("unit", "is required");
        }
        UUID verksamhetId = QueryParams.uuid("verksamhet", verksamhet);
        LocalDate day = orgUnits.asOf(asOf);
        CoverageCalculator.Result result = coverage.forUnit(unitId, verksamhetId, day);
        Set<UUID> versionIds = new HashSet<>();
        Set<UUID> itemIds = new HashSet<>();
        result.rows().forEach(r -> {
            itemIds.add(r.requirement().id());
            r.satisfiers().forEach(s -> versionIds.add(s.document().versionId()));
        });
        Map<UUID, String> titles = coverage.titles(versionIds);
        Map<UUID, String> summaries = coverage.summaries(itemIds);
        List<Row> rows = result.rows().stream()
                .map(r -> new Row(
                        r.requirement().id(),
                        r.requirement().regulationCode(),
                        r.requirement().reference(),
                        summaries.get(r.requirement().id()),
                        r.state(),
                        r.satisfiers().stream()
                                .map(s -> new SatisfyingDocument(
                                        s.document().documentId(),
                                        s.document().type(),
                                        s.document().version(),
                                        titles.get(s.document().versionId()),
                                        s.link().followUpMethod(),
                                        s.link().responsible()))
                                .toList(),
                        List.copyOf(r.applicableUnits()),
                        List.copyOf(r.uncoveredUnits())))
                .toList();
        List<Row> gaps = rows.stream()
                .filter(r -> r.state() != CoverageCalculator.State.COVERED)
                .sorted(Comparator.comparing((Row r) -> r.state() == CoverageCalculator.State.GAP ? 0 : 1))
                .toList();
        List<OperatingUnit> operating = result.operatingUnits().entrySet().stream()
                .map(e -> new OperatingUnit(e.getKey(), List.copyOf(e.getValue())))
                .toList();
        return new CoverageResponse(
                unitId,
                day,
                verksamhetId,
                operating,
                new Summary(
                        rows.size(),
                        (int) result.count(CoverageCalculator.State.COVERED),
                        (int) result.count(CoverageCalculator.State.PARTIAL),
                        (int) result.count(CoverageCalculator.State.GAP)),
                rows,
                gaps);
    }
}
