package se.kvalitet.deviation.clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.kvalitet.deviation.report.DeviationQueries;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.orgcopy.OrgCopy;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.ProblemException;

/** Deadline clocks running now or at an instant (asOf), of the cases the caller may see: overdue, due soon, or all. */
@ApplicationScoped
public class DeadlineQueries {

    /** Which running clocks: past due, in the due-soon window (not yet due), or all running. */
    public enum State {
        OVERDUE,
        DUE_SOON,
        RUNNING;

        public static State parse(String text) {
            if (text == null || text.isBlank()) {
                return RUNNING;
            }
            return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "overdue" -> OVERDUE;
                case "due-soon" -> DUE_SOON;
                case "running" -> RUNNING;
                default -> throw ProblemException.invalidField("state", "must be overdue, due-soon or running");
            };
        }
    }

    @Inject
    DeviationQueries queries;

    @Inject
    OrgCopy orgUnits;

    @Inject
    Clock clock;

    @Transactional
    public Page<DeadlineClock> list(State state, ClockKind kind, UUID orgUnit, Instant asOf, PageParams page) {
        Instant now = asOf == null ? clock.instant() : asOf;
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(" where d.id = c.deviationId");
        if (asOf == null) {
            where.append(" and c.stoppedAt is null"); // running now: the partial indexes on running clocks serve it
        } else {
            // running at asOf, from the stored instants (DeadlineClock.state)
            where.append(" and c.startedAt <= :now and (c.stoppedAt is null or c.stoppedAt > :now)");
            params.put("now", now);
        }
        queries.appendWorkable(where, params);
        switch (state) {
            case OVERDUE -> where.append(" and c.dueAt <= :now");
            case DUE_SOON -> where.append(" and c.dueSoonAt <= :now and c.dueAt > :now");
            default -> {}
        }
        if (state != State.RUNNING) {
            params.put("now", now);
        }
        if (kind != null) {
            where.append(" and c.kind = :kind");
            params.put("kind", kind);
        }
        if (orgUnit != null) {
            where.append(" and c.orgUnitId in :subtree");
            params.put("subtree", orgUnits.subtree(List.of(orgUnit)));
        }
        Page<DeadlineClock> result = queries.page(
                "c",
                "DeadlineClock c, Deviation d",
                where,
                params,
                " order by c.dueAt, c.id",
                page,
                DeadlineClock.class);
        queries.logListed(
                result.items().stream().map(c -> c.deviationId).distinct().toList());
        return result;
    }
}
