package se.kvalitet.followup.kolada;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.kvalitet.followup.domain.Numbers;
import se.kvalitet.followup.kolada.KoladaDocument.Value;
import se.kvalitet.web.Page;

/** The stored Kolada comparison values, a page at a time (rows read by column name into {@link Value}). */
@ApplicationScoped
public class KoladaValueQueries {

    @Inject
    EntityManager em;

    /** A page of stored comparison values, sorted by KPI, area, year and gender. */
    @Transactional
    public Page<Value> values(String kpi, String areaId, Integer fromYear, Integer toYear, int page, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (kpi != null) {
            where.append(" AND kpi = :kpi");
            params.put("kpi", kpi);
        }
        if (areaId != null) {
            where.append(" AND area_id = :area");
            params.put("area", areaId);
        }
        if (fromYear != null) {
            where.append(" AND period >= :fromYear");
            params.put("fromYear", fromYear);
        }
        if (toYear != null) {
            where.append(" AND period <= :toYear");
            params.put("toYear", toYear);
        }
        long total = ((Number) bind(em.createNativeQuery("SELECT count(*) FROM kolada_value" + where), params)
                        .getSingleResult())
                .longValue();
        @SuppressWarnings("unchecked")
        List<Tuple> rows = bind(
                        em.createNativeQuery(
                                "SELECT kpi, area_kind, area_id, period, gender::text AS gender, value, count, status FROM kolada_value"
                                        + where + " ORDER BY kpi, area_kind, area_id, period, gender",
                                Tuple.class),
                        params)
                .setFirstResult((page - 1) * limit)
                .setMaxResults(limit)
                .getResultList();
        List<Value> items = rows.stream()
                .map(t -> new Value(
                        t.get("kpi", String.class),
                        t.get("area_kind", String.class),
                        t.get("area_id", String.class),
                        t.get("period", Number.class).intValue(),
                        t.get("gender", String.class),
                        Numbers.plain(t.get("value", BigDecimal.class)),
                        t.get("count") == null
                                ? null
                                : t.get("count", Number.class).intValue(),
                        t.get("status", String.class),
                        false))
                .toList();
        return new Page<>(items, page, limit, total);
    }

    private static Query bind(Query q, Map<String, Object> params) {
        params.forEach(q::setParameter);
        return q;
    }
}
