package se.kvalitet.registry.risk;

import static se.kvalitet.registry.sql.Columns.integer;
import static se.kvalitet.registry.sql.Columns.longValue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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

    @Transactional
    public Page<AnalysisListItem> list(Filter f, int page, int limit) {
        StringBuilder q = new StringBuilder("from RiskAnalysis a where 1 = 1");
        Map<String, Object> p = new HashMap<>();
        if (!access.readsAll()) {
            Set<UUID> units = access.ownUnits();
            if (units.isEmpty()) {
                return new Page<>(List.of(), page, limit, 0);
            }
            q.append(" and a.orgUnitId in :own");
            p.put("own", units);
        }
        if (f.unit() != null) {
            orgUnits.one(f.unit(), orgUnits.today());
            q.append(" and a.orgUnitId in :subtree");
            p.put("subtree", orgUnits.subtree(f.unit(), orgUnits.today()));
        }
        if (f.subjectKind() != null) {
            q.append(" and a.subjectKind = :kind");
            p.put("kind", f.subjectKind());
        }
        if (f.processId() != null) {
            q.append(" and a.processId = :process");
            p.put("process", f.processId());
        }
        if (f.status() != null) {
            q.append(" and a.status = :status");
            p.put("status", f.status());
        }
        if (f.updatedSince() != null) {
            q.append(" and a.updatedAt >= :since");
            p.put("since", f.updatedSince());
        }
        TypedQuery<Long> count = em.createQuery("select count(a) " + q, Long.class);
        TypedQuery<RiskAnalysis> rows =
                em.createQuery("select a " + q + " order by a.analysedOn desc, a.id", RiskAnalysis.class);
        p.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        List<AnalysisListItem> items = rows.setFirstResult((page - 1) * limit)
                .setMaxResults(limit)
                .getResultStream()
                .map(a -> new AnalysisListItem(
                        a.id,
                        a.title,
                        a.subjectKind,
                        a.processId,
                        a.activityId,
                        a.orgUnitId,
                        a.analysedOn,
                        a.status,
                        a.risks.size(),
                        a.risks.stream()
                                .filter(r -> r.status != RiskStatus.CLOSED)
                                .map(r -> r.matrixClass)
                                .max(Enum::compareTo)
                                .orElse(null),
                        a.updatedAt))
                .toList();
        return new Page<>(items, page, limit, count.getSingleResult());
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
