package se.kvalitet.report.lifecycle;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.events.report.ReportKind;
import se.kvalitet.report.content.Editorial;
import se.kvalitet.report.content.ReportContent;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.QueryParams;
import se.kvalitet.web.input.OptionalBody;

/**
 * Yearly reports: the kvalitetsberättelse and the patientsäkerhetsberättelse. The quality team
 * (and admins) create them, write their editorial text, generate versions and approve one; board
 * members (viewer), unit managers, the MAS and BI clients read approved versions only (a draft is a
 * 404 to them).
 */
@Path("/report/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Yearly reports (kvalitetsberättelse, patientsäkerhetsberättelse)",
        description =
                "The yearly kvalitetsberättelse and patientsäkerhetsberättelse: definition, editorial text, generated versions (JSON, HTML, PDF/A, XLSX), approval and signature")
@SecurityRequirement(name = "SecurityScheme")
public class ReportResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String BASE = "/report/v1/reports/";
    private static final Pattern WAIT = Pattern.compile("(?:^|[,;\\s])wait\\s*=\\s*(\\d{1,4})");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,100}");
    private static final int MAX_WAIT_SECONDS = 50;

    @Inject
    ReportService reports;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    boolean editor() {
        return caller.hasAnyRole(Roles.QUALITY_TEAM, Roles.ADMIN);
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Create a yearly report for an organisation",
            description =
                    "One report per kind, year and organisation (the root of the subtree it covers). Generate versions "
                            + "with POST …/versions.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = ReportDtos.Report.class)))
    @APIResponse(
            responseCode = "409",
            description = "The report exists (existingId)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description =
                    "The title holds a personnummer, or orgUnitId is no unit the registry published (unknown-reference)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid ReportDtos.CreateRequest request) {
        ReportService.Definition d =
                reports.create(request.kind(), request.year(), request.orgUnitId(), request.title());
        return Response.created(URI.create(BASE + d.id()))
                .tag(ETags.of(d.version()))
                .entity(view(d))
                .build();
    }

    @GET
    @Transactional
    @RolesAllowed({
        Roles.QUALITY_TEAM,
        Roles.ADMIN,
        Roles.VIEWER,
        Roles.UNIT_MANAGER,
        Roles.MEDICALLY_RESPONSIBLE,
        Roles.BI_READER
    })
    @Operation(
            summary = "List yearly reports",
            description =
                    "Newest year first (with updatedSince: oldest change first). Readers other than the quality team see "
                            + "only reports with an approved version.")
    @APIResponse(responseCode = "200", description = "A page of reports")
    @APIResponse(
            responseCode = "400",
            description = "Invalid filter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ReportDtos.Report> list(
            @Parameter(description = "Only reports of this kind", schema = @Schema(implementation = ReportKind.class))
                    @QueryParam("kind")
                    String kind,
            @Parameter(description = "Calendar year") @QueryParam("year") String year,
            @Parameter(description = "Organisation the report covers") @QueryParam("orgUnit") String orgUnit,
            @Parameter(description = "Only reports changed at or after (RFC 3339)") @QueryParam("updatedSince")
                    String updatedSince,
            @BeanParam @Valid PageParams paging) {
        Integer y = year == null || year.isBlank()
                ? null
                : se.kvalitet.report.statistics.DeviationStatisticsResource.year(year);
        return reports.list(
                        QueryParams.enumValue("kind", kind, ReportKind.class),
                        y,
                        QueryParams.uuid("orgUnit", orgUnit),
                        QueryParams.instant("updatedSince", updatedSince),
                        !editor(),
                        paging.limit,
                        paging.page)
                .map(this::view);
    }

    @GET
    @Path("{id}")
    @Transactional
    @RolesAllowed({
        Roles.QUALITY_TEAM,
        Roles.ADMIN,
        Roles.VIEWER,
        Roles.UNIT_MANAGER,
        Roles.MEDICALLY_RESPONSIBLE,
        Roles.BI_READER
    })
    @Operation(summary = "A yearly report with its latest and approved versions")
    @APIResponse(
            responseCode = "200",
            description = "The report (ETag for editorial updates and generation)",
            content = @Content(schema = @Schema(implementation = ReportDtos.Report.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such report, or none approved for a reader",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id) {
        ReportService.Definition d = visible(QueryParams.uuid("id", id));
        return Response.ok(view(d)).tag(ETags.of(d.version())).build();
    }

    @PUT
    @Transactional
    @Path("{id}/editorial")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Write the report's editorial text",
            description =
                    "Summary, per-chapter narrative, verdict overrides (each needs a justification) and next year's focus "
                            + "areas. Replaces the whole text; requires If-Match. Applies to versions generated afterwards. No personnummer.")
    @APIResponse(
            responseCode = "200",
            description = "The report",
            content = @Content(schema = @Schema(implementation = ReportDtos.Report.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such report",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Unknown chapter, override without justification, or a personnummer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response editorial(
            @PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid Editorial editorial) {
        ReportService.Definition d = reports.updateEditorial(QueryParams.uuid("id", id), ifMatch, editorial);
        return Response.ok(view(d)).tag(ETags.of(d.version())).build();
    }

    @POST
    @Path("{id}/versions")
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, "application/pdf"})
    @Operation(
            summary = "Generate a new version from the read models",
            description =
                    "Asynchronous: 202 with the version (status PENDING) and its Location; poll it until DRAFT or FAILED. "
                            + "With 'Prefer: wait=N' (N ≤ 50 s) the call waits for the result and answers 201 when done; with "
                            + "'Accept: application/pdf' as well, the body is the PDF itself. Requires If-Match (the report's ETag, "
                            + "or *). The same Idempotency-Key returns the version it first created. A draft can be regenerated any "
                            + "time; an approved version never changes.")
    @APIResponse(
            responseCode = "201",
            description = "Generated within the wait",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = ReportDtos.Version.class)),
                @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(
            responseCode = "202",
            description = "Accepted; the version is being generated",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReportDtos.Version.class)))
    @APIResponse(
            responseCode = "400",
            description = "Malformed id or Idempotency-Key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such report",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response generate(
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch,
            @Parameter(description = "Repeat-safe key (1-100 visible ASCII characters)") @HeaderParam("Idempotency-Key")
                    String key,
            @Parameter(description = "wait=N: wait up to N seconds (max 50) for the result") @HeaderParam("Prefer")
                    String prefer,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        UUID reportId = QueryParams.uuid("id", id);
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ProblemException.invalidField("Idempotency-Key", "must be 1-100 visible ASCII characters");
        }
        UUID versionId = reports.requestVersion(reportId, ifMatch, key);
        int wait = waitSeconds(prefer);
        ReportService.VersionRow v = QuarkusTransaction.requiringNew().call(() -> reports.version(reportId, versionId));
        long deadline = System.nanoTime() + wait * 1_000_000_000L;
        while (!v.finished() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            v = QuarkusTransaction.requiringNew().call(() -> reports.version(reportId, versionId));
        }
        URI location = URI.create(BASE + reportId + "/versions/" + versionId);
        if (!v.finished()) {
            return Response.accepted(version(v))
                    .location(location)
                    .type(MediaType.APPLICATION_JSON)
                    .build();
        }
        Response.ResponseBuilder b = Response.status(201).location(location).tag(ETags.of(v.rowVersion()));
        if (accept != null
                && accept.contains("application/pdf")
                && !accept.contains(MediaType.APPLICATION_JSON)
                && v.generated()) {
            byte[] pdf =
                    (byte[]) QuarkusTransaction.requiringNew().call(() -> reports.document(reportId, versionId, "pdf"));
            return b.type("application/pdf")
                    .entity(pdf)
                    .header("Content-Disposition", attachment(v, "pdf"))
                    .build();
        }
        return b.type(MediaType.APPLICATION_JSON).entity(version(v)).build();
    }

    static int waitSeconds(String prefer) {
        if (prefer == null) {
            return 0;
        }
        Matcher m = WAIT.matcher(prefer);
        return m.find() ? Math.min(MAX_WAIT_SECONDS, Integer.parseInt(m.group(1))) : 0;
    }

    @GET
    @Path("{id}/versions")
    @Transactional
    @RolesAllowed({
        Roles.QUALITY_TEAM,
        Roles.ADMIN,
        Roles.VIEWER,
        Roles.UNIT_MANAGER,
        Roles.MEDICALLY_RESPONSIBLE,
        Roles.BI_READER
    })
    @Operation(
            summary = "The report's versions, newest first",
            description = "Readers other than the quality team see approved versions only.")
    @APIResponse(responseCode = "200", description = "A page of versions")
    @APIResponse(
            responseCode = "400",
            description = "Malformed id or paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such report (or none approved for a reader)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ReportDtos.Version> versions(@PathParam("id") String id, @BeanParam @Valid PageParams paging) {
        ReportService.Definition d = visible(QueryParams.uuid("id", id));
        return reports.versions(d.id(), !editor(), paging.limit, paging.page).map(ReportResource::version);
    }

    @GET
    @Path("{id}/versions/{versionId}")
    @Transactional
    @RolesAllowed({
        Roles.QUALITY_TEAM,
        Roles.ADMIN,
        Roles.VIEWER,
        Roles.UNIT_MANAGER,
        Roles.MEDICALLY_RESPONSIBLE,
        Roles.BI_READER
    })
    @Operation(
            summary = "A version's status and hashes",
            description = "Poll this after generating. ETag for approval.")
    @APIResponse(
            responseCode = "200",
            description = "The version",
            content = @Content(schema = @Schema(implementation = ReportDtos.Version.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such version (or a draft, for a reader)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response version(@PathParam("id") String id, @PathParam("versionId") String versionId) {
        ReportService.VersionRow v = visibleVersion(id, versionId);
        return Response.ok(version(v)).tag(ETags.of(v.rowVersion())).build();
    }

    @GET
    @Path("{id}/versions/{versionId}/content")
    @Transactional
    @RolesAllowed({
        Roles.QUALITY_TEAM,
        Roles.ADMIN,
        Roles.VIEWER,
        Roles.UNIT_MANAGER,
        Roles.MEDICALLY_RESPONSIBLE,
        Roles.BI_READER
    })
    @Operation(
            summary = "The version's structured content (JSON)",
            description = "Exactly the canonical bytes the content hash is taken over: sha256(body) = contentHash.")
    @APIResponse(
            responseCode = "200",
            description = "The content",
            content = @Content(schema = @Schema(implementation = ReportContent.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such version (or a draft, for a reader)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not generated (yet)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response content(@PathParam("id") String id, @PathParam("versionId") String versionId) {
        ReportService.VersionRow v = generatedVersion(id, versionId);
        String json = (String) reports.document(v.reportId(), v.id(), "content");
        return Response.ok(json.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON + ";charset=UTF-8")
                .header("ETag", "\"" + v.contentHash() + "\"")
                .build();
    }

    @GET
    @Path("{id}/versions/{versionId}/html")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    @RolesAllowed({
        Roles.QUALITY_TEAM,
        Roles.ADMIN,
        Roles.VIEWER,
        Roles.UNIT_MANAGER,
        Roles.MEDICALLY_RESPONSIBLE,
        Roles.BI_READER
    })
    @Operation(summary = "The version as one self-contained HTML page (charts inline)")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "No such version (or a draft, for a reader)")
    @APIResponse(responseCode = "409", description = "Not generated (yet)")
    public Response html(@PathParam("id") String id, @PathParam("versionId") String versionId) {
        ReportService.VersionRow v = generatedVersion(id, versionId);
        return Response.ok(reports.document(v.reportId(), v.id(), "html"), MediaType.TEXT_HTML + ";charset=UTF-8")
                .build();
    }

    @GET
    @Path("{id}/versions/{versionId}/pdf")
    @Produces("application/pdf")
    @Transactional
    @RolesAllowed({
        Roles.QUALITY_TEAM,
        Roles.ADMIN,
        Roles.VIEWER,
        Roles.UNIT_MANAGER,
        Roles.MEDICALLY_RESPONSIBLE,
        Roles.BI_READER
    })
    @Operation(
            summary = "The version as PDF (PDF/A-2a and PDF/UA-1)",
            description =
                    "Tagged and accessible: headings, "
                            + "tables with header scopes, charts with their values as alternative text, language sv, bookmarks per chapter; "
                            + "fonts embedded, table of contents, page numbers. An approved version's PDF carries the approval stamp and a "
                            + "PAdES signature (verify it with POST …/verifications) and has the pdfHash of the approval event.")
    @APIResponse(
            responseCode = "200",
            description = "The PDF",
            content =
                    @Content(
                            mediaType = "application/pdf",
                            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such version (or a draft, for a reader)")
    @APIResponse(responseCode = "409", description = "Not generated (yet)")
    public Response pdf(@PathParam("id") String id, @PathParam("versionId") String versionId) {
        ReportService.VersionRow v = generatedVersion(id, versionId);
        return Response.ok(reports.document(v.reportId(), v.id(), "pdf"), "application/pdf")
                .header("Content-Disposition", attachment(v, "pdf"))
                .build();
    }

    @GET
    @Path("{id}/versions/{versionId}/xlsx")
    @Produces(XLSX)
    @Transactional
    @RolesAllowed({
        Roles.QUALITY_TEAM,
        Roles.ADMIN,
        Roles.VIEWER,
        Roles.UNIT_MANAGER,
        Roles.MEDICALLY_RESPONSIBLE,
        Roles.BI_READER
    })
    @Operation(summary = "Every table of the version as an Excel workbook (XLSX)")
    @APIResponse(
            responseCode = "200",
            description = "The workbook",
            content = @Content(mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such version (or a draft, for a reader)")
    @APIResponse(responseCode = "409", description = "Not generated (yet)")
    public Response xlsx(@PathParam("id") String id, @PathParam("versionId") String versionId) {
        ReportService.VersionRow v = generatedVersion(id, versionId);
        return Response.ok(reports.document(v.reportId(), v.id(), "xlsx"), XLSX)
                .header("Content-Disposition", attachment(v, "xlsx"))
                .build();
    }

    @POST
    @Path("{id}/versions/{versionId}/approve") // no transaction here: ReportService.approve renders between two short
    // ones
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Approve a version: freeze it for ever",
            description =
                    "Only the newest generated draft. The content and its hash stay as generated; the documents get the "
                            + "approval stamp and the PDF a digital signature (PAdES baseline B, shown in its approval block); the "
                            + "version can never change again and stays downloadable. Requires If-Match (the version's ETag). "
                            + "Publishes report.approved.v1 with the signed PDF's hash.")
    @APIResponse(
            responseCode = "200",
            description = "The approved version",
            content = @Content(schema = @Schema(implementation = ReportDtos.Version.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not a draft, or not the newest version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response approve(
            @PathParam("id") String id,
            @PathParam("versionId") String versionId,
            @HeaderParam("If-Match") String ifMatch,
            @OptionalBody @Valid ReportDtos.ApproveRequest request) {
        ReportService.VersionRow v = reports.approve(
                QueryParams.uuid("id", id),
                QueryParams.uuid("versionId", versionId),
                ifMatch,
                request == null ? null : request.note(),
                caller.subject());
        return Response.ok(version(v)).tag(ETags.of(v.rowVersion())).build();
    }

    // ------------------------------------------------------------------ access and mapping

    private ReportService.Definition visible(UUID id) {
        ReportService.Definition d = reports.definition(id);
        if (!editor() && reports.versions(id, true, 1, 1).total() == 0) {
            throw ProblemException.notFound("Report " + id);
        }
        return d;
    }

    private ReportService.VersionRow visibleVersion(String id, String versionId) {
        UUID reportId = QueryParams.uuid("id", id);
        UUID vid = QueryParams.uuid("versionId", versionId);
        ReportService.VersionRow v = reports.version(reportId, vid);
        if (!editor() && !"APPROVED".equals(v.status())) {
            throw ProblemException.notFound("Version " + vid + " of report " + reportId);
        }
        return v;
    }

    private ReportService.VersionRow generatedVersion(String id, String versionId) {
        ReportService.VersionRow v = visibleVersion(id, versionId);
        if (!v.generated()) {
            throw ProblemException.conflict(
                            "not-generated", "The version has not been generated (status " + v.status() + ")")
                    .with("currentState", v.status());
        }
        return v;
    }

    private static String attachment(ReportService.VersionRow v, String extension) {
        return "attachment; filename=\"rapport-" + v.reportId() + "-v" + v.number() + "." + extension + "\"";
    }

    ReportDtos.Report view(ReportService.Definition d) {
        boolean editor = editor();
        var latest = reports.versions(d.id(), !editor, 1, 1).items();
        var approved = reports.versions(d.id(), true, 1, 1).items();
        LocalDate due = d.kind() == ReportKind.PATIENTSAKERHETSBERATTELSE ? LocalDate.of(d.year() + 1, 3, 1) : null;
        boolean overdue = due != null
                && approved.isEmpty()
                && LocalDate.now(clock.withZone(ReportService.SWEDEN)).isAfter(due);
        return new ReportDtos.Report(
                d.id(),
                d.kind(),
                d.year(),
                d.orgUnitId(),
                d.title(),
                due,
                overdue,
                editor ? d.editorial() : null,
                latest.isEmpty() ? null : version(latest.get(0)),
                approved.isEmpty() ? null : version(approved.get(0)),
                d.createdAt(),
                d.updatedAt());
    }

    static ReportDtos.Version version(ReportService.VersionRow v) {
        String self = BASE + v.reportId() + "/versions/" + v.id();
        ReportDtos.Links links = v.generated()
                ? new ReportDtos.Links(self, self + "/content", self + "/html", self + "/pdf", self + "/xlsx")
                : new ReportDtos.Links(self, null, null, null, null);
        return new ReportDtos.Version(
                v.id(),
                v.reportId(),
                v.number(),
                v.status(),
                v.requestedAt(),
                v.generatedAt(),
                v.approvedAt(),
                v.approvalNote(),
                v.contentHash(),
                v.pdfHash(),
                v.deviationCount(),
                v.error(),
                links);
    }
}
