package se.kvalitet.followup.support;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import se.kvalitet.web.Page;

/**
 * The where-clause of a list query built from optional filters (a filter whose value is null is
 * left out), paged in the database with its total: the shape every list of this service shares.
 */
public final class Where {

    private final StringBuilder clause = new StringBuilder("1 = 1");
    private final List<Object> params = new ArrayList<>();

    /** Adds {@code condition}, whose each {@code ?} takes the next of {@code values}, unless the first value is null or empty. */
    public Where and(String condition, Object... values) {
        if (values.length > 0 && (values[0] == null || (values[0] instanceof Collection<?> c && c.isEmpty()))) {
            return this;
        }
        StringBuilder c = new StringBuilder();
        int next = 0;
        for (int k = 0; k < condition.length(); k++) {
            char ch = condition.charAt(k);
            if (ch == '?') {
                params.add(values[next++]);
                c.append('?').append(params.size());
            } else {
                c.append(ch);
            }
        }
        clause.append(" and (").append(c).append(')');
        return this;
    }

    /** Adds {@code condition} when {@code when} holds. */
    public Where andIf(boolean when, String condition, Object... values) {
        return when ? and(condition, values) : this;
    }

    /** One page, sorted by {@code order}, with the total. */
    public <T> Page<T> page(PanacheRepositoryBase<T, ?> repository, String order, int page, int limit) {
        var query = repository.find(clause + " order by " + order, params.toArray());
        long total = query.count();
        return new Page<>(
                query.page(io.quarkus.panache.common.Page.of(page - 1, limit)).list(), page, limit, total);
    }
}
