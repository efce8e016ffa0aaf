package se.kvalitet.registry.risk;

import static se.kvalitet.registry.sql.Columns.integer;
import static se.kvalitet.registry.sql.Columns.longValue;
import static se.kvalitet.registry.sql.Columns.uuid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.events.registry.RiskMatrixClass;
import se.kvalitet.events.registry.RiskStatus;
import se.kvalitet.events.registry.RiskSubjectKind;
import se.kvalitet.registry.domain.RiskMatrix;
import se.kvalitet.registry.orgunit.OrgUnitService;
import se.kvalitet.registry.risk.RiskViews.AnalysisListItem;
import se.kvalitet.registry.risk.RiskViews.AnalysisResponse;
import se.kvalitet.registry.risk.RiskViews.AssessmentResponse;
import se.kvalitet.registry.risk.RiskViews.MatrixCell;
import se.kvalitet.registry.risk.RiskViews.MatrixResponse;
import se.kvalitet.registry.risk.RiskViews.MeasureResponse;
import se.kvalitet.registry.risk.RiskViews.RiskResponse;
import se.kvalitet.web.Cursor;
import se.kvalitet.web.Page;
import se.kvalitet.web.ProblemException;

/**
 * The read side of risk analyses: one analysis, its assessment history, the filtered list and the
 * aggregated risk matrix of a subtree as of a day (records of {@link RiskViews}).
 */
@ApplicationScoped
public class RiskQueries {

    static final ObjectMapper JSON = se.kvalitet.events.EventCodec.mapper();

    @Inject
    EntityManager em;

    @Inject
    RiskAnalysisRepository analyses;

    @Inject
    OrgUnitService orgUnits;

    @Inject
    RiskMatrix matrix;

    @Inject
    RiskAccess access;

    public record Filter(
            UUID unit,
            RiskSubjectKind subjectKind,
            UUID processId,
            RiskAnalysis.Status status,
            java.time.Instant updatedSince) {}

    @Transactional
    public RiskAnalysis get(UUID id) {
        RiskAnalysis a = analyses.findById(id);
        if (a == null || !access.canRead(a.orgUnitId)) {
            throw ProblemException.notFound("Risk analysis " + id);
        }
        return a;
    }

    @Transactional
    public AnalysisResponse response(UUID id) {
        return response(get(id));
    }

    @Transactional
    public List<AssessmentResponse> history(UUID analysisId, UUID riskId) {
        RiskAnalysis a = get(analysisId);
        if (a.risks.stream().noneMatch(x -> x.id.equals(riskId))) {
            throw ProblemException.notFound("Risk " + riskId + " of the analysis");
        }
        return em.createQuery("from RiskAssessment a where a.riskId = :r order by a.number", RiskAssessment.class)
                .setParameter("r", riskId)
                .getResultStream()
                .map(x -> new AssessmentResponse(
                        x.number,
                        x.likelihood,
                        x.consequence,
                        x.score,
                        x.matrixClass,
                        x.status,
                        x.assessedOn,
                        x.note,
                        measures(x.measures),
                        x.assessedAt))
                .toList();
    }

    /** Deepest row {@code page} may reach; beyond it, the cursor. */
    public static final int MAX_WINDOW = 10_000;

    /** With a filter other than the unit, the total is counted up to this many; above it {@code totalExact} is false. */
    public static final int TOTAL_CAP = 1_000;

    /** The name of the list's order in its cursors (newest first: analysed on, descending, then id). */
    static final String ORDER = "risk-analyses.analysedOn";

    /**
     * One page of analyses, newest first ({@code analysed_on} descending, then id).
     *
     * <p>Issue 20: a page costs the same however many analyses the years have left. With a set of units (the
     * {@code unit}'s subtree, a unit manager's or process owner's part, or both) the page is, per unit that has
     * analyses ({@code risk_analysis_unit_count}, V80), an ordered walk of {@code risk_analysis_unit_newest} (V105)
     * with a {@code LIMIT}, merged; without, one walk of {@code risk_analysis_newest}. The other filters are
     * conditions on the index entries walked (the indexes carry their columns), so their cost is their selectivity,
     * not the history's size. {@code cursor} continues after the last item of the page before ({@code nextCursor});
     * {@code page} reaches {@link #MAX_WINDOW} rows deep. The total is exact from the per-unit counts when only units
     * filter, else counted up to {@link #TOTAL_CAP}.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public Page<AnalysisListItem> list(Filter f, int page, int limit, String cursorParam) {
        Cursor cursor = Cursor.decode("cursor", cursorParam, ORDER);
        LocalDate cursorDay = null;
        if (cursor != null) {
            if (cursor.at().getEpochSecond() % 86_400 != 0 || cursor.at().getNano() != 0) {
                throw ProblemException.invalidField(
                        "cursor",
                        "is not a cursor of this list (send nextCursor of a page of the same list unchanged)");
            }
            cursorDay = LocalDate.ofInstant(cursor.at(), ZoneOffset.UTC);
            if (page > 1) {
                throw ProblemException.invalidField(
                        "page", "must not be sent with cursor (a cursor says where the page starts)");
            }
        }
        if ((long) (page - 1) * limit + limit > MAX_WINDOW) {
            throw ProblemException.invalidField(
                    "page", "page × limit must not exceed " + MAX_WINDOW + ": for deeper pages follow nextCursor");
        }
        int shownPage = cursor == null ? page : 1;
        Set<UUID> units = null; // null: every unit
        if (!access.readsAll()) {
            units = access.ownUnits();
        }
        if (f.unit() != null) {
            orgUnits.one(f.unit(), orgUnits.today());
            Set<UUID> subtree = orgUnits.subtree(f.unit(), orgUnits.today());
            if (units == null) {
                units = subtree;
            } else {
                units = new HashSet<>(units);
                units.retainAll(subtree);
            }
        }
        if (units != null && units.isEmpty()) {
            return new Page<>(List.of(), shownPage, limit, 0);
        }
        StringBuilder filters = new StringBuilder();
        Map<String, Object> p = new HashMap<>();
        if (f.subjectKind() != null) {
            filters.append(" AND a.subject_kind = :kind");
            p.put("kind", f.subjectKind().name());
        }
        if (f.processId() != null) {
            filters.append(" AND a.process_id = :process");
            p.put("process", f.processId());
        }
        if (f.status() != null) {
            filters.append(" AND a.status = :status");
            p.put("status", f.status().name());
        }
        if (f.updatedSince() != null) {
            filters.append(" AND a.updated_at >= :since");
            p.put("since", f.updatedSince());
        }
        String seek = cursor == null
                ? ""
                : " AND a.analysed_on <= :cursorDay AND (a.analysed_on < :cursorDay OR a.id > :cursorId)";
        String sql = units == null
                ? "SELECT a.id, a.analysed_on FROM risk_analysis a WHERE TRUE" + filters + seek
                        + " ORDER BY a.analysed_on DESC, a.id LIMIT :rows OFFSET :offset"
                : "SELECT x.id, x.analysed_on FROM risk_analysis_unit_count c CROSS JOIN LATERAL ("
                        + "SELECT a.id, a.analysed_on FROM risk_analysis a WHERE a.org_unit_id = c.org_unit_id"
                        + filters + seek + " ORDER BY a.analysed_on DESC, a.id LIMIT :window) x"
                        + " WHERE c.org_unit_id IN (:units) AND c.analyses > 0"
                        + " ORDER BY x.analysed_on DESC, x.id LIMIT :rows OFFSET :offset";
        // plans for the values at hand (a generic plan cannot tell a unit's share of the analyses from a filter's)
        em.createNativeQuery("set local plan_cache_mode = force_custom_plan").executeUpdate();
        int offset = cursor == null ? (page - 1) * limit : 0;
        var rows = em.createNativeQuery(sql, Tuple.class)
                .setParameter("rows", limit + 1)
                .setParameter("offset", offset);
        p.forEach(rows::setParameter);
        if (units != null) {
            rows.setParameter("units", units).setParameter("window", offset + limit + 1);
        }
        if (cursor != null) {
            rows.setParameter("cursorDay", cursorDay).setParameter("cursorId", cursor.id());
        }
        List<Tuple> found = rows.getResultList();
        boolean more = found.size() > limit;
        List<UUID> ids = (more ? found.subList(0, limit) : found)
                .stream().map(t -> uuid(t, "id")).toList();
        List<AnalysisListItem> items = items(ids);
        String next = null;
        if (more) {
            AnalysisListItem last = items.get(items.size() - 1);
            next = new Cursor(
                            ORDER,
                            last.analysedOn().atStartOfDay(ZoneOffset.UTC).toInstant(),
                            last.id())
                    .encode();
        }
        if (filters.isEmpty()) {
            // only units filter: the per-unit counts the triggers of V80 keep, exact, O(units)
            var total = em.createNativeQuery("SELECT coalesce(sum(analyses), 0) FROM risk_analysis_unit_count"
                    + (units == null ? "" : " WHERE org_unit_id IN (:units)"));
            if (units != null) {
                total.setParameter("units", units);
            }
            long counted = ((Number) total.getSingleResult()).longValue();
            return new Page<>(items, shownPage, limit, counted, true, next);
        }
        var count = em.createNativeQuery("SELECT count(*) FROM (SELECT 1 FROM risk_analysis a WHERE "
                + (units == null ? "TRUE" : "a.org_unit_id IN (:units)") + filters + " LIMIT :cap) c");
        p.forEach(count::setParameter);
        if (units != null) {
            count.setParameter("units", units);
        }
        long counted = ((Number) count.setParameter("cap", TOTAL_CAP + 1).getSingleResult()).longValue();
        boolean exact = counted <= TOTAL_CAP;
        return new Page<>(items, shownPage, limit, exact ? counted : TOTAL_CAP, exact, next);
    }

    /** The list items of these analyses, in the order given: one statement for the analyses, one for their risks. */
    private List<AnalysisListItem> items(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, RiskAnalysis> byId = new HashMap<>();
        em.createQuery("from RiskAnalysis a where a.id in :ids", RiskAnalysis.class)
                .setParameter("ids", ids)
                .getResultStream()
                .forEach(a -> byId.put(a.id, a));
        Map<UUID, Integer> risks = new HashMap<>();
        Map<UUID, RiskMatrixClass> highest = new HashMap<>();
        em.createQuery(
                        "select r.analysis.id as analysis, r.status as status, r.matrixClass as matrixClass"
                                + " from Risk r where r.analysis.id in :ids",
                        Tuple.class)
                .setParameter("ids", ids)
                .getResultStream()
                .forEach(t -> {
                    UUID analysis = t.get("analysis", UUID.class);
                    risks.merge(analysis, 1, Integer::sum);
                    if (t.get("status", RiskStatus.class) != RiskStatus.CLOSED) {
                        highest.merge(
                                analysis,
                                t.get("matrixClass", RiskMatrixClass.class),
                                (x, y) -> x.compareTo(y) >= 0 ? x : y);
                    }
                });
        return ids.stream()
                .map(byId::get)
                .map(a -> new AnalysisListItem(
                        a.id,
                        a.title,
                        a.subjectKind,
                        a.processId,
                        a.activityId,
                        a.orgUnitId,
                        a.analysedOn,
                        a.status,
                        risks.getOrDefault(a.id, 0),
                        highest.get(a.id),
                        a.updatedAt))
                .toList();
    }

    /**
     * The aggregated risk matrix of a unit's subtree as of a day: each risk counted once, in the cell
     * of its latest assessment on or before that day (re-assessments move it; closed ones only with
     * includeClosed).
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public MatrixResponse matrix(UUID unit, LocalDate day, boolean includeClosed) {
        orgUnits.one(unit, day);
        Set<UUID> subtree = orgUnits.subtree(unit, day);
        if (!day.isBefore(orgUnits.today())) {
            return matrixToday(unit, day, includeClosed, subtree);
        }
        List<Tuple> rows = em.createNativeQuery("""
                SELECT latest.likelihood, latest.consequence, count(*) AS risks FROM (
                    SELECT DISTINCT ON (ra.risk_id) ra.likelihood, ra.consequence, ra.status
                      FROM risk_assessment ra JOIN risk r ON r.id = ra.risk_id JOIN risk_analysis an ON an.id = r.analysis_id
                     WHERE an.org_unit_id IN (:units) AND ra.assessed_on <= :day
                     ORDER BY ra.risk_id, ra.assessed_on DESC, ra.number DESC) latest
                 WHERE :closed OR latest.status <> 'CLOSED'
                 GROUP BY latest.likelihood, latest.consequence""", Tuple.class)
                .setParameter("units", subtree)
                .setParameter("day", day)
                .setParameter("closed", includeClosed)
                .getResultList();
        long analyses = ((Number) em.createNativeQuery(
                                "SELECT count(*) FROM risk_analysis WHERE org_unit_id IN (:units) AND analysed_on <= :day")
                        .setParameter("units", subtree)
                        .setParameter("day", day)
                        .getSingleResult())
                .longValue();
        return matrixResponse(unit, day, includeClosed, rows, analyses);
    }

    /**
     * Today (or a later day: assessments and analyses are never dated after today, and a risk row holds its latest
     * assessment): from the per-unit summary the triggers of V80 maintain, so the cost follows the size of the
     * subtree, not the number of risks assessed over the years.
     */
    @SuppressWarnings("unchecked")
    private MatrixResponse matrixToday(UUID unit, LocalDate day, boolean includeClosed, Set<UUID> subtree) {
        List<Tuple> rows = em.createNativeQuery("""
                SELECT likelihood, consequence, sum(risks) AS risks FROM risk_matrix_summary
                 WHERE org_unit_id IN (:units) AND (:closed OR NOT closed)
                 GROUP BY likelihood, consequence""", Tuple.class)
                .setParameter("units", subtree)
                .setParameter("closed", includeClosed)
                .getResultList();
        long analyses = ((Number) em.createNativeQuery(
                                "SELECT coalesce(sum(analyses), 0) FROM risk_analysis_unit_count WHERE org_unit_id IN (:units)")
                        .setParameter("units", subtree)
                        .getSingleResult())
                .longValue();
        return matrixResponse(unit, day, includeClosed, rows, analyses);
    }

    private MatrixResponse matrixResponse(
            UUID unit, LocalDate day, boolean includeClosed, List<Tuple> rows, long analyses) {
        Map<Integer, Long> counts = new HashMap<>();
        rows.forEach(r -> counts.put(integer(r, "likelihood") * 10 + integer(r, "consequence"), longValue(r, "risks")));
        List<MatrixCell> cells = new ArrayList<>();
        Map<RiskMatrixClass, Long> byClass = new EnumMap<>(RiskMatrixClass.class);
        for (RiskMatrixClass c : RiskMatrixClass.values()) {
            byClass.put(c, 0L);
        }
        long total = 0;
        for (int l = 4; l >= 1; l--) {
            for (int c = 1; c <= 4; c++) {
                long n = counts.getOrDefault(l * 10 + c, 0L);
                RiskMatrixClass k = matrix.classOf(l, c);
                cells.add(new MatrixCell(l, c, l * c, k, n));
                byClass.merge(k, n, Long::sum);
                total += n;
            }
        }
        return new MatrixResponse(unit, day, includeClosed, matrix.thresholds(), cells, byClass, total, analyses);
    }

    public long etag(UUID id) {
        return get(id).version;
    }

    AnalysisResponse response(RiskAnalysis a) {
        Map<RiskMatrixClass, Integer> byClass = new EnumMap<>(RiskMatrixClass.class);
        for (RiskMatrixClass c : RiskMatrixClass.values()) {
            byClass.put(c, 0);
        }
        a.risks.stream()
                .filter(r -> r.status != RiskStatus.CLOSED)
                .forEach(r -> byClass.merge(r.matrixClass, 1, Integer::sum));
        return new AnalysisResponse(
                a.id,
                a.title,
                a.subjectKind,
                a.processId,
                a.activityId,
                a.plannedChange,
                a.orgUnitId,
                a.analysedOn,
                a.description,
                List.copyOf(a.participants),
                a.status,
                a.risks.stream().map(RiskQueries::risk).toList(),
                byClass,
                a.createdAt,
                a.updatedAt);
    }

    static RiskResponse risk(Risk r) {
        return new RiskResponse(
                r.id,
                r.description,
                r.causes,
                r.likelihood,
                r.consequence,
                r.score,
                r.matrixClass,
                r.status,
                r.assessments,
                r.assessedOn,
                r.measures.stream().map(RiskQueries::measure).toList());
    }

    static MeasureResponse measure(RiskMeasure m) {
        return new MeasureResponse(m.id, m.kind, m.description, m.ownerRole, m.ownerOrgUnitId, m.dueDate, m.status);
    }

    static List<MeasureResponse> measures(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<MeasureResponse>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable measure snapshot", e);
        }
    }
}
