package se.kvalitet.registry.search;

import static se.kvalitet.registry.sql.Columns.date;
import static se.kvalitet.registry.sql.Columns.doubleValue;
import static se.kvalitet.registry.sql.Columns.enumValue;
import static se.kvalitet.registry.sql.Columns.integer;
import static se.kvalitet.registry.sql.Columns.longValue;
import static se.kvalitet.registry.sql.Columns.string;
import static se.kvalitet.registry.sql.Columns.uuid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.ProcessCategory;
import se.kvalitet.registry.orgunit.OrgUnitService;
import se.kvalitet.registry.search.SearchViews.SearchHit;
import se.kvalitet.web.Page;
import se.kvalitet.web.ProblemException;

/**
 * Swedish full-text search over the approved versions of steering documents (PostgreSQL's
 * {@code swedish} configuration: stemming, so "rutinerna" finds "rutin"; stop words ignored).
 * The query is web-search syntax ("quoted phrases", OR, -excluded). Hits are ranked by
 * {@code ts_rank_cd} (title weighs most, then the summary, then the text), and the page's hits get
 * highlighted snippets ({@code <mark>}); the text is HTML-escaped before highlighting, so a snippet
 * is safe to show as HTML.
 */
@ApplicationScoped
public class SearchService {

    public static final int MAX_QUERY = 200;

    static final String ESCAPED = "replace(replace(replace(%s, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')";

    @Inject
    EntityManager em;

    @Inject
    OrgUnitService orgUnits;

    /** The search statement for a WHERE clause (parameters :text, :limit, :offset and those of the clause); public for the benchmark. */
    public static String sql(String where) {
        return """
                WITH q AS (SELECT websearch_to_tsquery('swedish', :text) AS query),
                hits AS (
                  SELECT v.id, v.document_id, d.type, v.number, v.title, v.summary, v.content, v.search_extra, v.process_category,
                         v.valid_from, ts_rank_cd(v.search_vector, q.query, 32) AS rank, count(*) OVER () AS total, q.query
                    FROM document_version v JOIN document d ON d.id = v.document_id, q
                   WHERE %s
                   ORDER BY rank DESC, v.title, v.document_id
                   LIMIT :limit OFFSET :offset)
                SELECT h.document_id, h.type, h.number, h.title, h.process_category, h.valid_from, h.rank, h.total,
                       ts_headline('swedish', %s, h.query, 'StartSel=<mark>, StopSel=</mark>, HighlightAll=true') AS title_html,
                       ts_headline('swedish', %s, h.query,
                                   'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS snippet
                  FROM hits h ORDER BY h.rank DESC, h.title, h.document_id""".formatted(
                        where,
                        ESCAPED.formatted("h.title"),
                        ESCAPED.formatted(
                                "coalesce(h.summary, '') || E'\\n' || coalesce(h.content, '') || E'\\n' || h.search_extra"));
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Page<SearchHit> search(String text, Set<DocumentType> types, UUID unit, int page, int limit) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalidField("q", "is required");
        }
        if (text.length() > MAX_QUERY) {
            throw ProblemException.invalidField("q", "must be at most " + MAX_QUERY + " characters");
        }
        StringBuilder where = new StringBuilder("v.status = 'APPROVED' AND v.search_vector @@ q.query");
        if (!types.isEmpty()) {
            where.append(" AND d.type IN (:types)");
        }
        Set<UUID> units = null;
        if (unit != null) {
            orgUnits.one(unit, orgUnits.today());
            units = orgUnits.around(unit, orgUnits.today());
            where.append(
                    " AND EXISTS (SELECT 1 FROM document_version_org_unit u WHERE u.version_id = v.id AND u.org_unit_id IN (:units))");
        }
        // rank and page first; headlines (the expensive part) only for the page's rows
        Query query = em.createNativeQuery(sql(where.toString()), Tuple.class)
                .setParameter("limit", limit)
                .setParameter("offset", (page - 1) * limit);
        Set<UUID> unitIds = units;
        java.util.function.Consumer<Query> bind = qu -> {
            qu.setParameter("text", text.strip());
            if (!types.isEmpty()) {
                qu.setParameter("types", types.stream().map(Enum::name).toList());
            }
            if (unitIds != null) {
                qu.setParameter("units", unitIds);
            }
        };
        bind.accept(query);
        List<Tuple> rows = query.getResultList();
        List<SearchHit> hits = rows.stream().map(SearchService::hit).toList();
        long total = rows.isEmpty() ? 0 : longValue(rows.get(0), "total");
        if (rows.isEmpty() && page > 1) {
            // past the last page: still report the total
            Query count = em.createNativeQuery("""
                    WITH q AS (SELECT websearch_to_tsquery('swedish', :text) AS query)
                    SELECT count(*) FROM document_version v JOIN document d ON d.id = v.document_id, q WHERE %s""".formatted(where));
            bind.accept(count);
            total = ((Number) count.getSingleResult()).longValue();
        }
        return new Page<>(hits, page, limit, total);
    }

    private static SearchHit hit(Tuple r) {
        return new SearchHit(
                uuid(r, "document_id"),
                enumValue(r, "type", DocumentType.class),
                integer(r, "number"),
                string(r, "title"),
                enumValue(r, "process_category", ProcessCategory.class),
                date(r, "valid_from"),
                doubleValue(r, "rank"),
                string(r, "title_html"),
                string(r, "snippet"));
    }
}
