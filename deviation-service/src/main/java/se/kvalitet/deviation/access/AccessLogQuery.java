package se.kvalitet.deviation.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Loggkontroll's search over the case access log: typed lines, oldest first. */
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

    public record Result(List<Line> lines, long total) {}

    public Result search(Filter filter, int offset, int limit) {
        StringBuilder where = new StringBuilder(" where 1=1");
        Map<String, Object> params = new HashMap<>();
        condition(where, params, "e.deviationId = :id", "id", filter.deviationId());
        condition(where, params, "e.subject = :subject", "subject", filter.subject());
        condition(where, params, "e.username = :username", "username", filter.username());
        condition(where, params, "e.action = :action", "action", filter.action());
        condition(where, params, "e.granted = :granted", "granted", filter.granted());
        condition(where, params, "e.at >= :from", "from", filter.from());
        condition(where, params, "e.at < :to", "to", filter.to());
        TypedQuery<Long> count = em.createQuery("select count(e) from CaseAccessLogEntry e" + where, Long.class);
        TypedQuery<Line> items = em.createQuery(
                "select new se.kvalitet.deviation.access.AccessLogQuery$Line(e.id, e.at, e.deviationId,"
                        + " e.action, e.granted, e.subject, e.username, e.clientId, e.roles, e.correlationId) from CaseAccessLogEntry e"
                        + where + " order by e.id",
                Line.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            items.setParameter(k, v);
        });
        return new Result(items.setFirstResult(offset).setMaxResults(limit).getResultList(), count.getSingleResult());
    }

    private static void condition(
            StringBuilder where, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            where.append(" and ").append(clause);
            params.put(name, value);
        }
    }
}
