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

    /**
     * At most this many matches are ranked (issue 20): when more documents match, the candidates are the {@value}
     * most recently approved of them (an ordered walk of {@code document_version_recent}, V80), ranked among
     * themselves; the page then says {@code totalExact = false} with {@code total} = {@value} (more match: refine the
     * search). Ranking reads every candidate's {@code tsvector}, so without the cap a common word's search grew with
     * the registry.
     */
    public static final int CANDIDATES = 200;

    /**
     * The search statement for a WHERE clause (parameters :text, :limit, :offset, :candidates ({@link #CANDIDATES}
     * + 1) and those of the clause); public for the benchmark. Column {@code matched}: the candidates found, at most
     * :candidates (one more than are ranked says the cap was reached).
     */
    public static String sql(String where) {
        return """
                WITH q AS (SELECT websearch_to_tsquery('swedish', :text) AS query),
                cand AS MATERIALIZED (
                  SELECT v.id, row_number() OVER (ORDER BY v.approved_at DESC, v.id DESC) AS n
                    FROM (SELECT v.id, v.approved_at FROM document_version v JOIN document d ON d.id = v.document_id, q
                           WHERE %s
                           ORDER BY v.approved_at DESC, v.id DESC
                           LIMIT :candidates) v),
                hits AS (
                  SELECT v.id, v.document_id, d.type, v.number, v.title, v.summary, v.content, v.search_extra, v.process_category,
                         v.valid_from, ts_rank_cd(v.search_vector, q.query, 32) AS rank, q.query
                    FROM cand JOIN document_version v ON v.id = cand.id JOIN document d ON d.id = v.document_id, q
                   WHERE cand.n <= %d
                   ORDER BY rank DESC, v.title, v.document_id
                   LIMIT :limit OFFSET :offset)
                SELECT h.document_id, h.type, h.number, h.title, h.process_category, h.valid_from, h.rank,
                       (SELECT count(*) FROM cand) AS matched,
                       ts_headline('swedish', %s, h.query, 'StartSel=<mark>, StopSel=</mark>, HighlightAll=true') AS title_html,
                       ts_headline('swedish', %s, h.query,
                                   'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS snippet
                  FROM hits h ORDER BY h.rank DESC, h.title, h.document_id""".formatted(
                        where,
                        CANDIDATES,
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
        // plans for the term at hand: whether walking the recent-first index or reading the term's matches is cheaper
        // depends on how common the term is, which a generic plan cannot know
        em.createNativeQuery("set local plan_cache_mode = force_custom_plan").executeUpdate();
        // rank and page first; headlines (the expensive part) only for the page's rows
        Query query = em.createNativeQuery(sql(where.toString()), Tuple.class)
                .setParameter("limit", limit)
                .setParameter("offset", (page - 1) * limit)
                .setParameter("candidates", CANDIDATES + 1);
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
        long matched;
        if (!rows.isEmpty()) {
            matched = longValue(rows.get(0), "matched");
        } else if (page > 1) {
            // past the last page: still report the total
            Query count = em.createNativeQuery("""
                    WITH q AS (SELECT websearch_to_tsquery('swedish', :text) AS query)
                    SELECT count(*) FROM (SELECT 1 FROM document_version v JOIN document d ON d.id = v.document_id, q
                                           WHERE %s LIMIT :candidates) c""".formatted(where)).setParameter("candidates", CANDIDATES + 1);
            bind.accept(count);
            matched = ((Number) count.getSingleResult()).longValue();
        } else {
            matched = 0;
        }
        boolean exact = matched <= CANDIDATES;
        return new Page<>(hits, page, limit, exact ? matched : CANDIDATES, exact, null);
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
