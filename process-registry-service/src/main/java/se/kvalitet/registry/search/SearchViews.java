package se.kvalitet.registry.search;

import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.ProcessCategory;

/** Search results (the read model SearchService returns; served as the response body). */
public final class SearchViews {

    private SearchViews() {}

    @Schema(name = "SearchHit", description = "An approved document matching the query, with highlighted snippets")
    public record SearchHit(
            UUID documentId,
            DocumentType type,
            int version,
            String title,
            ProcessCategory processCategory,
            LocalDate validFrom,

            @Schema(description = "Relevance (ts_rank_cd); higher is better")
            double rank,

            @Schema(description = "The title, HTML-escaped, matches in <mark>")
            String titleHighlight,

            @Schema(description = "Up to two fragments of the text, HTML-escaped, matches in <mark>")
            String snippet) {}
}
