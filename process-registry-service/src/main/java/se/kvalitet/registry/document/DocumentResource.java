package se.kvalitet.registry.document;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.registry.access.Roles;
import se.kvalitet.registry.document.DocumentDtos.ActivityOrderRequest;
import se.kvalitet.registry.document.DocumentDtos.ActivityRequest;
import se.kvalitet.registry.document.DocumentDtos.ApproveRequest;
import se.kvalitet.registry.document.DocumentDtos.DocumentRequest;
import se.kvalitet.registry.document.DocumentDtos.ReviewRequest;
import se.kvalitet.registry.document.DocumentDtos.WithdrawRequest;
import se.kvalitet.registry.document.DocumentViews.DiffResponse;
import se.kvalitet.registry.document.DocumentViews.DocumentListItem;
import se.kvalitet.registry.document.DocumentViews.DocumentResponse;
import se.kvalitet.registry.document.DocumentViews.VersionSummary;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.QueryParams;

@Path("/registry/v1/documents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Steering documents (styrdokument)",
        description = "Processes with their ordered activities, routines, guidelines "
                + "(riktlinjer), checklists and cooperation agreements (samverkansöverenskommelser): draft → in review → approved → "
                + "superseded or withdrawn, with immutable versions, history and diffs. SOSFS 2011:9 4 kap.")
@SecurityRequirement(name = "SecurityScheme")
public class DocumentResource {

    @Inject
    DocumentService service;

    @Inject
    DocumentLifecycleService lifecycle;

    @Inject
    ProcessActivityService activities;

    @Inject
    DocumentQueries queries;

    @GET
    @RolesAllowed(Roles.READERS_AND_CASE_SYSTEM)
    @Operation(
            summary = "List steering documents (styrdokument)",
            description =
                    "One version per document, sorted by title: the version in force (view=IN_FORCE, default), the withdrawn "
                            + "version of withdrawn documents (WITHDRAWN), or the drafts and versions in review the caller may edit "
                            + "(WORKING). unit: documents that apply to the unit, to a unit above it or to a unit under it (as the tree "
                            + "stands today). Pages do not get slower as the registry grows: follow nextCursor (send it as cursor "
                            + "with the same filters) to page through any number of documents; page/limit reach the first "
                            + DocumentQueries.MAX_WINDOW
                            + " documents. total: with unit and no other filter (views IN_FORCE and WITHDRAWN) always exact; "
                            + "with another filter (type, processId, activityId, requirementItemId, partnerId, ownerOrgUnitId, "
                            + "updatedSince) exact up to "
                            + DocumentQueries.FILTERED_TOTAL_CAP
                            + " documents, else exact up to "
                            + DocumentQueries.TOTAL_CAP
                            + " documents; above that totalExact is false and total is that lower bound.")
    @APIResponse(responseCode = "200", description = "One page of documents")
    @APIResponse(
            responseCode = "400",
            description = "A filter, the cursor or the page is invalid (a page beyond the first "
                    + DocumentQueries.MAX_WINDOW
                    + " documents: follow nextCursor)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such unit today",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<DocumentListItem> list(
            @Parameter(
                            description = "IN_FORCE (default), WITHDRAWN or WORKING",
                            schema = @Schema(implementation = DocumentQueries.View.class))
                    @QueryParam("view")
                    String view,
            @Parameter(
                            description = "PROCESS, ROUTINE, GUIDELINE, CHECKLIST, COOPERATION_AGREEMENT",
                            schema = @Schema(implementation = DocumentType.class))
                    @QueryParam("type")
                    String type,
            @Parameter(description = "Only documents concerning this unit") @QueryParam("unit") String unit,
            @Parameter(description = "Only documents of this process") @QueryParam("processId") String processId,
            @Parameter(description = "Only documents of this activity") @QueryParam("activityId") String activityId,
            @Parameter(description = "Only documents satisfying this requirement item") @QueryParam("requirementItemId")
                    String req,
            @Parameter(description = "Only documents naming this cooperation partner") @QueryParam("partnerId")
                    String partnerId,
            @Parameter(description = "Only documents owned by this unit") @QueryParam("ownerOrgUnitId") String owner,
            @Parameter(description = "Only documents changed at or after this instant (RFC 3339)")
                    @QueryParam("updatedSince")
                    String since,
            @Parameter(
                            description =
                                    "Continue after the page that returned this nextCursor (opaque; same filters; not with page)")
                    @QueryParam("cursor")
                    String cursor,
            @BeanParam @Valid PageParams paging) {
        var v = QueryParams.enumValue("view", view, DocumentQueries.View.class);
        var filter = new DocumentQueries.Filter(
                v == null ? DocumentQueries.View.IN_FORCE : v,
                QueryParams.enumValue("type", type, DocumentType.class),
                QueryParams.uuid("unit", unit),
                QueryParams.uuid("processId", processId),
                QueryParams.uuid("activityId", activityId),
                QueryParams.uuid("requirementItemId", req),
                QueryParams.uuid("partnerId", partnerId),
                QueryParams.uuid("ownerOrgUnitId", owner),
                QueryParams.instant("updatedSince", since));
        return queries.list(filter, paging.page, paging.limit, cursor);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER})
    @Operation(
            summary = "Create a document as a draft (version 1)",
            description = "A process owner creates documents owned by units in their part of the organisation.")
    @APIResponse(
            responseCode = "201",
            description = "The draft; ETag for the next change",
            content = @Content(schema = @Schema(implementation = DocumentResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid request, or a field the type does not take",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "A reference does not exist, or text holds a personal identity number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid DocumentRequest request) {
        DocumentVersion v = service.create(request.toCommand());
        return Response.created(URI.create("/registry/v1/documents/" + v.documentId))
                .tag(ETags.of(queries.etag(v.documentId)))
                .entity(queries.version(v.documentId, v.number))
                .build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.READERS_AND_CASE_SYSTEM)
    @Operation(
            summary = "A document: its version in force",
            description =
                    "Readable by all staff. A withdrawn document shows its withdrawn version; one never approved shows its "
                            + "draft, to its editors only.")
    @APIResponse(
            responseCode = "200",
            description = "The version; ETag of the document",
            content = @Content(schema = @Schema(implementation = DocumentResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such document (or only a draft the caller may not see)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        return Response.ok(queries.current(id)).tag(ETags.of(queries.etag(id))).build();
    }

    @GET
    @Path("{id}/draft")
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER})
    @Operation(summary = "The document's draft or version in review (editors only)")
    @APIResponse(
            responseCode = "200",
            description = "The working version; ETag of the document",
            content = @Content(schema = @Schema(implementation = DocumentResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such document or no draft",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response draft(@PathParam("id") UUID id) {
        return Response.ok(queries.draft(id)).tag(ETags.of(queries.etag(id))).build();
    }

    @PUT
    @Path("{id}/draft")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER})
    @Operation(
            summary = "Replace the draft's content",
            description = "The whole new state (activities are a sub-resource). If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The draft",
            content = @Content(schema = @Schema(implementation = DocumentResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such document",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "No draft, or the version is in review (currentState in the problem)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "A reference does not exist, or text holds a personal identity number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replaceDraft(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid DocumentRequest request) {
        return changed(service.replaceDraft(id, ifMatch, request.toCommand()));
    }

    @DELETE
    @Path("{id}/draft")
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER})
    @Operation(
            summary = "Discard the draft or version in review",
            description = "The version in force stays; a document never approved is deleted with its draft. If-Match.")
    @APIResponse(responseCode = "204", description = "Discarded")
    @APIResponse(
            responseCode = "404",
            description = "No such document",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "No draft",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response discardDraft(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        boolean deleted = service.discardDraft(id, ifMatch);
        return deleted
                ? Response.noContent().build()
                : Response.noContent().tag(ETags.of(queries.etag(id))).build();
    }

    @POST
    @Path("{id}/revisions")
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER})
    @Operation(
            summary = "Start a revision (revidering): a new draft from the version in force",
            description = "The version in force stays in force until the new version is approved. A withdrawn "
                    + "document is revised from its withdrawn version; approving that draft puts the document in "
                    + "force again from the new version's validFrom. If-Match.")
    @APIResponse(
            responseCode = "201",
            description = "The new draft",
            content = @Content(schema = @Schema(implementation = DocumentResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such document",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "A draft exists, or nothing is in force (a document never approved)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response startRevision(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        DocumentVersion v = service.startRevision(id, ifMatch);
        return Response.created(URI.create("/registry/v1/documents/" + id + "/versions/" + v.number))
                .tag(ETags.of(queries.etag(id)))
                .entity(queries.version(id, v.number))
                .build();
    }

    @POST
    @Path("{id}/submit")
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER})
    @Operation(
            summary = "Submit the draft for review (till granskning)",
            description = "The version is locked. If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The version in review",
            content = @Content(schema = @Schema(implementation = DocumentResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such document",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "No draft, or not a draft (currentState in the problem)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return changed(lifecycle.submit(id, ifMatch));
    }

    @POST
    @Path("{id}/return-to-draft")
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER})
    @Operation(
            summary = "Return the version in review to draft",
            description = "For changes before approval. If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The draft",
            content = @Content(schema = @Schema(implementation = DocumentResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such document",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not in review (currentState in the problem)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response returnToDraft(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return changed(lifecycle.returnToDraft(id, ifMatch));
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER})
    @Operation(
            summary = "Record the decision approving the version in review (fastställa)",
            description =
                    "Which body decided, on which date, under which diarienummer. The version becomes immutable and in force "
                            + "from validFrom; the previous version is superseded; the next review is scheduled. Publishes "
                            + "document.approved (and document.superseded). If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The approved version",
            content = @Content(schema = @Schema(implementation = DocumentResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid request or dates",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such document",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not in review, or it drops activities routines in force point at",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Incomplete for its type (the missing fields are named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response approve(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ApproveRequest request) {
        return changed(lifecycle.approve(id, ifMatch, request.toCommand()));
    }

    @POST
    @Path("{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER})
    @Operation(
            summary = "Withdraw the document in force (upphäva)",
            description =
                    "No version applies from withdrawnOn; the history stays readable. Publishes document.withdrawn. If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The withdrawn version",
            content = @Content(schema = @Schema(implementation = DocumentResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such document",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Nothing in force, a draft exists, or documents in force belong to it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "The replacement is not another document in force",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response withdraw(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid WithdrawRequest request) {
        return changed(lifecycle.withdraw(id, ifMatch, request.toCommand()));
    }

    @POST
    @Path("{id}/reviews")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER})
    @Operation(
            summary = "Confirm a review without changes (granskad, inga ändringar)",
            description =
                    "The version in force stays; the next review is scheduled. A review that changes the document is a "
                            + "revision instead. Publishes document.reviewed. If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The version in force with its new review date",
            content = @Content(schema = @Schema(implementation = DocumentResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid dates",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such document",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Nothing in force",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response confirmReview(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ReviewRequest request) {
        return changed(lifecycle.confirmReview(id, ifMatch, request.toCommand()));
    }

    @GET
    @Path("{id}/versions")
    @RolesAllowed(Roles.READERS_AND_CASE_SYSTEM)
    @Operation(
            summary = "The document's history: its versions, oldest first",
            description = "Approved, superseded and withdrawn versions for all staff; drafts too for editors.")
    @APIResponse(responseCode = "200", description = "The versions")
    @APIResponse(
            responseCode = "404",
            description = "No such document",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<VersionSummary> history(@PathParam("id") UUID id) {
        return queries.history(id);
    }

    @GET
    @Path("{id}/versions/{number}")
    @RolesAllowed(Roles.READERS_AND_CASE_SYSTEM)
    @Operation(summary = "One version of a document, as it was decided")
    @APIResponse(
            responseCode = "200",
            description = "The version",
            content = @Content(schema = @Schema(implementation = DocumentResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such version (or a draft the caller may not see)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DocumentResponse version(@PathParam("id") UUID id, @PathParam("number") int number) {
        return queries.version(id, number);
    }

    @GET
    @Path("{id}/diff")
    @RolesAllowed(Roles.READERS_AND_CASE_SYSTEM)
    @Operation(
            summary = "What changed between two versions",
            description =
                    "Changed fields, a line diff of the Markdown text, activities added, removed, renamed or moved, and "
                            + "requirements and units added and removed.")
    @APIResponse(
            responseCode = "200",
            description = "The differences",
            content = @Content(schema = @Schema(implementation = DiffResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "from/to missing, malformed or not versions the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such document",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DiffResponse diff(
            @PathParam("id") UUID id,
            @Parameter(description = "The older version's number", required = true) @QueryParam("from") String from,
            @Parameter(description = "The newer version's number", required = true) @QueryParam("to") String to) {
        return queries.diff(id, number("from", from), number("to", to));
    }

    @POST
    @Path("{id}/activities")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER})
    @Operation(
            summary = "Add an activity to the process draft (aktivitet)",
            description = "At position (from 1) or last; the others move down. If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The draft with its activities",
            content = @Content(schema = @Schema(implementation = DocumentResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such document",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not a process, or no editable draft",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response addActivity(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ActivityRequest r) {
        return changed(activities.addActivity(id, ifMatch, r.toCommand()));
    }

    @PUT
    @Path("{id}/activities/{activityId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER})
    @Operation(summary = "Rename, describe or move an activity of the process draft", description = "If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The draft",
            content = @Content(schema = @Schema(implementation = DocumentResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such document or activity",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not a process, or no editable draft",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response updateActivity(
            @PathParam("id") UUID id,
            @PathParam("activityId") UUID activityId,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ActivityRequest r) {
        return changed(activities.updateActivity(id, activityId, ifMatch, r.toCommand()));
    }

    @DELETE
    @Path("{id}/activities/{activityId}")
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER})
    @Operation(
            summary = "Remove an activity from the process draft",
            description = "Refused while routines or checklists point at it. If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The draft",
            content = @Content(schema = @Schema(implementation = DocumentResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such document or activity",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not a process, no editable draft, or routines point at it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response removeActivity(
            @PathParam("id") UUID id,
            @PathParam("activityId") UUID activityId,
            @HeaderParam("If-Match") String ifMatch) {
        return changed(activities.removeActivity(id, activityId, ifMatch));
    }

    @PUT
    @Path("{id}/activity-order")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER})
    @Operation(
            summary = "Reorder the activities of the process draft (inbördes ordning, 4 kap. 3 §)",
            description = "Every activity of the draft exactly once, in the new order. If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The draft",
            content = @Content(schema = @Schema(implementation = DocumentResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not every activity exactly once",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such document",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not a process, or no editable draft",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reorderActivities(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ActivityOrderRequest r) {
        return changed(activities.reorderActivities(id, ifMatch, r.activityIds()));
    }

    private Response changed(DocumentVersion v) {
        return Response.ok(queries.version(v.documentId, v.number))
                .tag(ETags.of(queries.etag(v.documentId)))
                .build();
    }

    static int number(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(name, "is required");
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 1) {
                throw ProblemException.invalidField(name, "must be a version number from 1");
            }
            return n;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, "must be a version number from 1");
        }
    }
}
