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
     * most recently approved of them, ranked among themselves; the page then says {@code totalExact = false} with
     * {@code total} = {@value} (more match: refine the search). Ranking reads every candidate's {@code tsvector}, so
     * without the cap a common word's search grew with the registry.
     */
    public static final int CANDIDATES = 200;

    /** The query of :text, written out where it is used (not a CTE) so the planner sees the term (see {@link #sql}). */
    static final String QUERY = "websearch_to_tsquery('swedish', :text)";

    /** The full-text condition on {@code document_version v} for :text. */
    public static final String MATCH = "v.search_vector @@ " + QUERY;

    /**
     * The search statement for a WHERE clause on {@code document_version v} (and {@code document d} when {@code
     * byType}) that includes {@link #MATCH}; parameters :text, :limit, :offset, :candidates ({@link #CANDIDATES} + 1)
     * and those of the clause; public for the benchmark. Column {@code matched}: the candidates found, at most
     * :candidates (one more than are ranked says the cap was reached).
     *
     * <p>Choosing the candidates (issue 20): the term is a constant of the statement (custom plan, the tsquery
     * written out rather than read from a CTE), so the planner knows from the column's statistics how common it is
     * and picks one of two plans that both stop early: for a common term, a walk of {@code document_version_recent}
     * ({@code (approved_at DESC, id DESC)} of approved versions, V80) with the match as a filter that stops at the
     * :candidates-th match (about :candidates / frequency rows); for a rarer one, the term's GIN matches and a
     * top-N sort. The ranking then reads the 200 candidates' {@code tsvector} by key, and the page's rows only get
     * their document, their text and the headlines.
     */
    public static String sql(String where, boolean byType) {
        return """
                WITH cand AS MATERIALIZED (
                  SELECT v.id, v.approved_at FROM document_version v%s
                   WHERE %s
                   ORDER BY v.approved_at DESC, v.id DESC
                   LIMIT :candidates),
                ranked AS (
                  SELECT v.id, ts_rank_cd(v.search_vector, %s, 32) AS rank, v.title, v.document_id
                    FROM (SELECT c.id FROM cand c ORDER BY c.approved_at DESC, c.id DESC LIMIT %d) c
                    JOIN document_version v ON v.id = c.id
                   ORDER BY rank DESC, v.title, v.document_id
                   LIMIT :limit OFFSET :offset)
                SELECT v.document_id, d.type, v.number, v.title, v.process_category, v.valid_from, r.rank,
                       (SELECT count(*) FROM cand) AS matched,
                       ts_headline('swedish', %s, %s, 'StartSel=<mark>, StopSel=</mark>, HighlightAll=true') AS title_html,
                       ts_headline('swedish', %s, %s,
                                   'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS snippet
                  FROM ranked r JOIN document_version v ON v.id = r.id JOIN document d ON d.id = v.document_id
                 ORDER BY r.rank DESC, r.title, r.document_id""".formatted(
                        byType ? " JOIN document d ON d.id = v.document_id" : "",
                        where,
                        QUERY,
                        CANDIDATES,
                        ESCAPED.formatted("v.title"),
                        QUERY,
                        ESCAPED.formatted(
                                "coalesce(v.summary, '') || E'\\n' || coalesce(v.content, '') || E'\\n' || v.search_extra"),
                        QUERY);
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
        StringBuilder where = new StringBuilder("v.status = 'APPROVED' AND " + MATCH);
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
        Query query = em.createNativeQuery(sql(where.toString(), !types.isEmpty()), Tuple.class)
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
                    SELECT count(*) FROM (SELECT 1 FROM document_version v JOIN document d ON d.id = v.document_id
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
