package se.kvalitet.deviation.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.kvalitet.web.Cursor;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.ProblemException;

/** Loggkontroll's search over the case access log: typed lines, oldest first, in keyset pages. */
@ApplicationScoped
public class AccessLogQuery {

    @Inject
    EntityManager em;

    /** What to look for; null matches everything. */
    public record Filter(
            UUID deviationId,
            String subject,
            String username,
            CaseAccessLogEntry.Action action,
            Boolean granted,
            Instant from,
            Instant to) {}

    /** One line of the log. */
    public record Line(
            long id,
            Instant at,
            UUID deviationId,
            CaseAccessLogEntry.Action action,
            boolean granted,
            String subject,
            String username,
            String clientId,
            String roles,
            String correlationId) {}

    /** Deepest row a {@code page} may reach; beyond it, the cursor (as the case lists). */
    public static final int MAX_WINDOW = 10_000;

    /** The total is counted up to this many lines. */
    public static final int TOTAL_CAP = 1_000;

    static final String ORDER = "access-log";

    /**
     * A page of the log, oldest first ({@code at}, then {@code id}), as a keyset page like {@code GET /deviations}
     * (issue 20): the log grows with every read of every case for as long as it is kept, so a page walks {@code
     * (at, id)} or a filter's index ending in it (V80) from the cursor, {@code page} reaches {@link #MAX_WINDOW} lines
     * deep, and the total is counted up to {@link #TOTAL_CAP}.
     */
    public Page<Line> search(Filter filter, PageParams page, String cursorParam) {
        Cursor cursor = Cursor.decode("cursor", cursorParam, ORDER);
        if (cursor != null && page.page > 1) {
            throw ProblemException.invalidField(
                    "page", "must not be sent with cursor (a cursor says where the page starts)");
        }
        if ((long) page.offset() + page.limit > MAX_WINDOW) {
            throw ProblemException.invalidField(
                    "page", "page × limit must not exceed " + MAX_WINDOW + ": for deeper pages follow nextCursor");
        }
        StringBuilder where = new StringBuilder(" where 1=1");
        Map<String, Object> params = new HashMap<>();
        condition(where, params, "e.deviationId = :id", "id", filter.deviationId());
        condition(where, params, "e.subject = :subject", "subject", filter.subject());
        condition(where, params, "e.username = :username", "username", filter.username());
        condition(where, params, "e.action = :action", "action", filter.action());
        condition(where, params, "e.granted = :granted", "granted", filter.granted());
        condition(where, params, "e.at >= :from", "from", filter.from());
        condition(where, params, "e.at < :to", "to", filter.to());
        String sort = " order by e.at, e.id";
        StringBuilder walk = new StringBuilder(where);
        if (cursor != null) {
            walk.append(" and e.at >= :cursorAt and (e.at > :cursorAt or e.id > :cursorId)");
            params.put("cursorAt", cursor.at());
            params.put("cursorId", lineId(cursor));
        }
        TypedQuery<Line> items = em.createQuery(
                "select new se.kvalitet.deviation.access.AccessLogQuery$Line(e.id, e.at, e.deviationId,"
                        + " e.action, e.granted, e.subject, e.username, e.clientId, e.roles, e.correlationId) from CaseAccessLogEntry e"
                        + walk + sort,
                Line.class);
        TypedQuery<Long> count = em.createQuery("select e.id from CaseAccessLogEntry e" + where + sort, Long.class);
        params.forEach((k, v) -> {
            items.setParameter(k, v);
            if (!k.startsWith("cursor")) {
                count.setParameter(k, v);
            }
        });
        List<Line> found = new ArrayList<>(items.setFirstResult(cursor == null ? page.offset() : 0)
                .setMaxResults(page.limit + 1)
                .getResultList());
        int counted = count.setMaxResults(TOTAL_CAP + 1).getResultList().size();
        String next = null;
        if (found.size() > page.limit) {
            found = found.subList(0, page.limit);
            Line last = found.get(found.size() - 1);
            next = new Cursor(ORDER, last.at(), new UUID(0L, last.id())).encode();
        }
        boolean exact = counted <= TOTAL_CAP;
        return new Page<>(found, cursor == null ? page.page : 1, page.limit, exact ? counted : TOTAL_CAP, exact, next);
    }

    /** The line id a cursor of this list carries (the shared cursor holds a UUID; the log's ids are numbers). */
    private static long lineId(Cursor cursor) {
        if (cursor.id().getMostSignificantBits() != 0L || cursor.id().getLeastSignificantBits() < 0L) {
            throw ProblemException.invalidField(
                    "cursor", "is not a cursor of this list (send nextCursor of a page of the same list unchanged)");
        }
        return cursor.id().getLeastSignificantBits();
    }

    private static void condition(
            StringBuilder where, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            where.append(" and ").append(clause);
            params.put(name, value);
        }
    }
}
