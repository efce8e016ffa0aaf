package se.kvalitet.registry.search;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.registry.access.Roles;
import se.kvalitet.registry.search.SearchViews.SearchHit;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.QueryParams;

@Path("/registry/v1/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Search (sök)",
        description = "Swedish full-text search over approved processes, routines, guidelines, checklists and "
                + "cooperation agreements")
@SecurityRequirement(name = "SecurityScheme")
public class SearchResource {

    @Inject
    SearchService search;

    @GET
    @RolesAllowed(Roles.READERS_AND_CASE_SYSTEM)
    @Operation(
            summary = "Search the documents in force (sök rutiner)",
            description =
                    "PostgreSQL's swedish text search (stemming, stop words), web-search syntax: words, \"phrases\", OR, "
                            + "-word. Ranked, with highlighted snippets (<mark>, HTML-escaped). Only approved versions in force. "
                            + "At most "
                            + SearchService.CANDIDATES
                            + " hits are ranked: when more documents match, the hits are the "
                            + SearchService.CANDIDATES
                            + " most recently approved of them, ranked among themselves, and the page says totalExact=false "
                            + "with total = "
                            + SearchService.CANDIDATES
                            + " (more match: add a word, a type or a unit to narrow the search).")
    @APIResponse(responseCode = "200", description = "One page of hits, best first")
    @APIResponse(
            responseCode = "400",
            description = "q missing or over 200 characters, malformed parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such unit today",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<SearchHit> search(
            @Parameter(description = "What to look for", required = true, example = "läkemedel utskrivning")
                    @QueryParam("q")
                    String q,
            @Parameter(description = "Only these types (repeat the parameter); default all") @QueryParam("type")
                    List<String> type,
            @Parameter(description = "Only documents concerning this unit (above, at or under it)") @QueryParam("unit")
                    String unit,
            @BeanParam @Valid PageParams paging) {
        Set<DocumentType> types = EnumSet.noneOf(DocumentType.class);
        if (type != null) {
            type.stream()
                    .filter(t -> t != null && !t.isBlank())
                    .forEach(t -> types.add(QueryParams.enumValue("type", t, DocumentType.class)));
        }
        return search.search(q, types, QueryParams.uuid("unit", unit), paging.page, paging.limit);
    }
}
