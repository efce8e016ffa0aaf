package se.kvalitet.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import se.kvalitet.events.registry.MeasureRef;
import se.kvalitet.events.registry.MeasureStatus;
import se.kvalitet.events.registry.RiskAssessedV1;
import se.kvalitet.events.registry.RiskMatrixClass;
import se.kvalitet.events.registry.RiskStatus;
import se.kvalitet.events.registry.RiskSubjectKind;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.registry.Document;
import se.kvalitet.registry.Risk;
import se.kvalitet.registry.RiskAnalysis;
import se.kvalitet.registry.RiskAssessment;
import se.kvalitet.registry.RiskMatrix;
import se.kvalitet.registry.RiskMeasure;
import se.kvalitet.registry.config.RiskMatrixConfig;
import se.kvalitet.registry.rest.RiskDtos.AnalysisListItem;
import se.kvalitet.registry.rest.RiskDtos.AnalysisRequest;
import se.kvalitet.registry.rest.RiskDtos.AnalysisResponse;
import se.kvalitet.registry.rest.RiskDtos.AssessmentRequest;
import se.kvalitet.registry.rest.RiskDtos.AssessmentResponse;
import se.kvalitet.registry.rest.RiskDtos.MatrixCell;
import se.kvalitet.registry.rest.RiskDtos.MatrixResponse;
import se.kvalitet.registry.rest.RiskDtos.MeasureRequest;
import se.kvalitet.registry.rest.RiskDtos.MeasureResponse;
import se.kvalitet.registry.rest.RiskDtos.RiskRequest;
import se.kvalitet.registry.rest.RiskDtos.RiskResponse;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.ReferenceProblems;

/**
 * Risk analyses (SOSFS 2011:9 5 kap. 1 §): one use case per method, each one transaction; every
 * assessment of a risk is kept and published as risk.assessed. Who may: the quality team (and
 * admins, investigators and the MAS for reading) every analysis; unit managers and process owners
 * those of the units in their subtree. Board members and BI see the aggregated matrix only.
 */
@ApplicationScoped
public class RiskService {

    static final ObjectMapper JSON = se.kvalitet.events.EventCodec.mapper();

    @Inject
    EntityManager em;

    @Inject
    OrgUnitService orgUnits;

    @Inject
    DocumentReferences references;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @Inject
    RiskMatrix matrix;

    public record Filter(UUID unit, RiskSubjectKind subjectKind, UUID processId, RiskAnalysis.Status status, java.time.Instant updatedSince) {
    }

    @Produces
    @ApplicationScoped
    RiskMatrix riskMatrix(RiskMatrixConfig c) {
        return new RiskMatrix(c.mediumFrom(), c.highFrom(), c.veryHighFrom());
    }

    /** Misconfigured thresholds stop the service at start, not at the first assessment. */
    void validateThresholds(@Observes StartupEvent ev, RiskMatrixConfig c) {
        new RiskMatrix(c.mediumFrom(), c.highFrom(), c.veryHighFrom());
    }

    // ------------------------------------------------------------------ commands

    @Transactional
    public RiskAnalysis create(UUID id, AnalysisRequest r) {
        requireWrite(r.orgUnitId());
        RiskAnalysis a = new RiskAnalysis();
        a.id = id == null ? UUID.randomUUID() : id;
        a.createdAt = clock.instant();
        a.createdBy = who();
        apply(a, r);
        em.persist(a);
        return a;
    }

    @Transactional
    public RiskAnalysis replace(UUID id, String ifMatch, AnalysisRequest r) {
        RiskAnalysis a = writable(id, ifMatch);
        if (!r.orgUnitId().equals(a.orgUnitId)) {
            requireWrite(r.orgUnitId());
        }
        apply(a, r);
        em.flush();
        return a;
    }

    @Transactional
    public Risk addRisk(UUID analysisId, String ifMatch, RiskRequest r) {
        RiskAnalysis a = writable(analysisId, ifMatch);
        requireOpen(a);
        texts(Map.of("description", r.description(), "causes", DocumentService.nullToEmpty(r.causes()), "note",
                DocumentService.nullToEmpty(r.note())));
        Risk risk = new Risk();
        risk.id = UUID.randomUUID();
        risk.analysis = a;
        risk.position = a.risks.size() + 1;
        risk.description = r.description().strip();
        risk.causes = DocumentService.blankToNull(r.causes());
        LocalDate on = r.assessedOn() == null ? orgUnits.today() : r.assessedOn();
        record(a, risk, true, r.likelihood(), r.consequence(), r.status() == null ? RiskStatus.OPEN : r.status(), on, r.note(),
                DocumentService.orEmpty(r.measures()), "measures");
        return risk;
    }

    @Transactional
    public Risk reassess(UUID analysisId, UUID riskId, String ifMatch, AssessmentRequest r) {
        RiskAnalysis a = writable(analysisId, ifMatch);
        Risk risk = a.risks.stream().filter(x -> x.id.equals(riskId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Risk " + riskId + " of the analysis"));
        texts(Map.of("description", DocumentService.nullToEmpty(r.description()), "causes", DocumentService.nullToEmpty(r.causes()),
                "note", DocumentService.nullToEmpty(r.note())));
        if (r.description() != null && !r.description().isBlank()) {
            risk.description = r.description().strip();
        }
        if (r.causes() != null) {
            risk.causes = DocumentService.blankToNull(r.causes());
        }
        LocalDate on = r.assessedOn() == null ? orgUnits.today() : r.assessedOn();
        record(a, risk, false, r.likelihood(), r.consequence(), r.status(), on, r.note(), r.measures(), "measures");
        return risk;
    }

    // ------------------------------------------------------------------ queries

    @Transactional
    public RiskAnalysis get(UUID id) {
        RiskAnalysis a = em.find(RiskAnalysis.class, id);
        if (a == null || !canRead(a.orgUnitId)) {
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
        a.risks.stream().filter(x -> x.id.equals(riskId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Risk " + riskId + " of the analysis"));
        return em.createQuery("from RiskAssessment a where a.riskId = :r order by a.number", RiskAssessment.class)
                .setParameter("r", riskId).getResultStream()
                .map(x -> new AssessmentResponse(x.number, x.likelihood, x.consequence, x.score, x.matrixClass, x.status, x.assessedOn,
                        x.note, measures(x.measures), x.assessedAt))
                .toList();
    }

    @Transactional
    public Page<AnalysisListItem> list(Filter f, int page, int limit) {
        StringBuilder q = new StringBuilder("from RiskAnalysis a where 1 = 1");
        Map<String, Object> p = new HashMap<>();
        if (!readsAll()) {
            Set<UUID> units = ownUnits();
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
        TypedQuery<RiskAnalysis> rows = em.createQuery("select a " + q + " order by a.analysedOn desc, a.id", RiskAnalysis.class);
        p.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        List<AnalysisListItem> items = rows.setFirstResult((page - 1) * limit).setMaxResults(limit).getResultStream()
                .map(a -> new AnalysisListItem(a.id, a.title, a.subjectKind, a.processId, a.activityId, a.orgUnitId, a.analysedOn,
                        a.status, a.risks.size(), a.risks.stream().filter(r -> r.status != RiskStatus.CLOSED).map(r -> r.matrixClass)
                                .max(Enum::compareTo).orElse(null), a.updatedAt))
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
        List<Object[]> rows = em.createNativeQuery("""
                SELECT latest.likelihood, latest.consequence, count(*) FROM (
                    SELECT DISTINCT ON (ra.risk_id) ra.likelihood, ra.consequence, ra.status
                      FROM risk_assessment ra JOIN risk r ON r.id = ra.risk_id JOIN risk_analysis an ON an.id = r.analysis_id
                     WHERE an.org_unit_id IN (:units) AND ra.assessed_on <= :day
                     ORDER BY ra.risk_id, ra.assessed_on DESC, ra.number DESC) latest
                 WHERE :closed OR latest.status <> 'CLOSED'
                 GROUP BY latest.likelihood, latest.consequence""")
                .setParameter("units", subtree).setParameter("day", day).setParameter("closed", includeClosed).getResultList();
        Map<Integer, Long> counts = new HashMap<>();
        rows.forEach(r -> counts.put(((Number) r[0]).intValue() * 10 + ((Number) r[1]).intValue(), ((Number) r[2]).longValue()));
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
        long analyses = ((Number) em.createNativeQuery(
                "SELECT count(*) FROM risk_analysis WHERE org_unit_id IN (:units) AND analysed_on <= :day")
                .setParameter("units", subtree).setParameter("day", day).getSingleResult()).longValue();
        return new MatrixResponse(unit, day, includeClosed, matrix.thresholds(), cells, byClass, total, analyses);
    }

    public long etag(UUID id) {
        return get(id).version;
    }

    // ------------------------------------------------------------------ internals

    /** Validates first (queries flush), then changes the risk, persists it when new, and records and publishes the assessment. */
    private void record(RiskAnalysis a, Risk risk, boolean isNew, int likelihood, int consequence, RiskStatus status, LocalDate on,
            String note, List<MeasureRequest> measures, String field) {
        LocalDate today = orgUnits.today();
        if (on.isAfter(today)) {
            throw ProblemException.invalidField("assessedOn", "cannot be after today (" + today + ")");
        }
        validateMeasures(risk, measures, field);
        RiskAssessment x = risk.assess(likelihood, consequence, status, on, matrix);
        applyMeasures(risk, measures);
        if (isNew) {
            a.risks.add(risk);
            em.persist(risk);
        }
        x.note = DocumentService.blankToNull(note);
        x.assessedAt = clock.instant();
        x.assessedBy = who();
        try {
            x.measures = JSON.writeValueAsString(risk.measures.stream().map(RiskService::measure).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        touch(a);
        em.flush();
        em.persist(x);
        outbox.publish(new RiskAssessedV1(a.id, risk.id, x.number, a.subjectKind, a.processId, a.activityId, a.orgUnitId,
                x.likelihood, x.consequence, x.score, x.matrixClass, x.previousClass, x.status,
                risk.measures.stream().map(m -> new MeasureRef(m.id, m.kind, m.status, m.dueDate, m.ownerOrgUnitId)).toList(),
                x.assessedOn, x.assessedAt));
    }

    private void validateMeasures(Risk risk, List<MeasureRequest> list, String field) {
        Set<UUID> existing = risk.measures.stream().map(m -> m.id).collect(Collectors.toSet());
        // a measure's owner unit gets the work (and the events carry it): the caller names units they may write for;
        // a measure that keeps the owner unit it had may stay as it is
        Map<UUID, UUID> ownerBefore = new HashMap<>();
        risk.measures.forEach(m -> ownerBefore.put(m.id, m.ownerOrgUnitId));
        for (int i = 0; i < list.size(); i++) {
            MeasureRequest m = list.get(i);
            boolean unchanged = m.id() != null && ownerBefore.containsKey(m.id())
                    && java.util.Objects.equals(ownerBefore.get(m.id()), m.ownerOrgUnitId());
            if (m.ownerOrgUnitId() != null && !unchanged && !canWrite(m.ownerOrgUnitId())) {
                throw ReferenceProblems.foreign(field + "[" + i + "].ownerOrgUnitId",
                        "a measure is owned by a unit of your own part of the organisation");
            }
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        List<UUID> units = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            MeasureRequest m = list.get(i);
            if (m.id() != null && !existing.contains(m.id())) {
                errors.add(new Problem.FieldError(field + "[" + i + "].id", "no such measure of this risk"));
            }
            texts.put(field + "[" + i + "].description", m.description());
            texts.put(field + "[" + i + "].ownerRole", DocumentService.nullToEmpty(m.ownerRole()));
            if (m.ownerOrgUnitId() != null) {
                units.add(m.ownerOrgUnitId());
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("unknown-reference", "Some references do not exist", errors);
        }
        references.requireFreeOfPersonalIdentityNumbers(texts);
        references.requireActiveUnits(field + ".ownerOrgUnitId", units, orgUnits.today());
    }

    /** Replaces the risk's measures with the list: ids given keep their measure, new entries are added, the rest removed. */
    private static void applyMeasures(Risk risk, List<MeasureRequest> list) {
        Map<UUID, RiskMeasure> existing = risk.measures.stream().collect(Collectors.toMap(m -> m.id, m -> m));
        List<RiskMeasure> next = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            MeasureRequest m = list.get(i);
            RiskMeasure x = m.id() == null ? new RiskMeasure() : existing.get(m.id());
            if (x.id == null) {
                x.id = UUID.randomUUID();
                x.risk = risk;
            }
            x.position = i + 1;
            x.kind = m.kind();
            x.description = m.description().strip();
            x.ownerRole = DocumentService.blankToNull(m.ownerRole());
            x.ownerOrgUnitId = m.ownerOrgUnitId();
            x.dueDate = m.dueDate();
            x.status = m.status() == null ? MeasureStatus.PLANNED : m.status();
            next.add(x);
        }
        risk.measures.clear();
        risk.measures.addAll(next);
    }

    private void apply(RiskAnalysis a, AnalysisRequest r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        switch (r.subjectKind()) {
            case PROCESS -> {
                if (r.processId() == null) {
                    errors.add(new Problem.FieldError("processId", "is required for a PROCESS analysis"));
                }
                if (r.activityId() != null) {
                    errors.add(new Problem.FieldError("activityId", "is for an ACTIVITY analysis"));
                }
            }
            case ACTIVITY -> {
                if (r.activityId() == null) {
                    errors.add(new Problem.FieldError("activityId", "is required for an ACTIVITY analysis"));
                }
            }
            case PLANNED_CHANGE -> {
                if (r.plannedChange() == null || r.plannedChange().isBlank()) {
                    errors.add(new Problem.FieldError("plannedChange", "describe the planned change"));
                }
                if (r.activityId() != null) {
                    errors.add(new Problem.FieldError("activityId", "is for an ACTIVITY analysis"));
                }
            }
        }
        if (r.analysedOn().isAfter(orgUnits.today())) {
            errors.add(new Problem.FieldError("analysedOn", "cannot be after today"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("validation", "The analysis does not fit its subject", errors);
        }
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("title", r.title());
        texts.put("plannedChange", DocumentService.nullToEmpty(r.plannedChange()));
        texts.put("description", DocumentService.nullToEmpty(r.description()));
        List<String> participants = DocumentService.orEmpty(r.participants());
        for (int i = 0; i < participants.size(); i++) {
            texts.put("participants[" + i + "]", participants.get(i));
        }
        references.requireFreeOfPersonalIdentityNumbers(texts);
        references.requireActiveUnits("orgUnitId", List.of(r.orgUnitId()), orgUnits.today());
        UUID process = r.processId();
        if (r.activityId() != null) {
            UUID owner = references.processOf(r.activityId());
            if (process != null && !process.equals(owner)) {
                throw ProblemException.unprocessable("unknown-reference", "The activity is not of that process",
                        List.of(new Problem.FieldError("activityId", "is not an activity of that process")));
            }
            process = owner;
        }
        if (process != null) {
            Document d = em.find(Document.class, process);
            if (d == null || d.type != se.kvalitet.events.registry.DocumentType.PROCESS || !references.visibleProcess(process)) {
                throw ProblemException.unprocessable("unknown-reference", "No such process",
                        List.of(new Problem.FieldError("processId", "no such process")));
            }
        }
        a.title = r.title().strip();
        a.subjectKind = r.subjectKind();
        a.processId = process;
        a.activityId = r.activityId();
        a.plannedChange = DocumentService.blankToNull(r.plannedChange());
        a.orgUnitId = r.orgUnitId();
        a.analysedOn = r.analysedOn();
        a.description = DocumentService.blankToNull(r.description());
        a.status = r.status() == null ? RiskAnalysis.Status.OPEN : r.status();
        a.participants.clear();
        participants.forEach(x -> a.participants.add(x.strip()));
        touch(a);
    }

    private RiskAnalysis writable(UUID id, String ifMatch) {
        RiskAnalysis a = get(id);
        if (!canWrite(a.orgUnitId)) {
            throw ProblemException.forbidden("Only the quality team and the managers and process owners of the unit change its risk analyses");
        }
        ETags.requireMatch(ifMatch, a.version);
        return a;
    }

    private static void requireOpen(RiskAnalysis a) {
        if (a.status != RiskAnalysis.Status.OPEN) {
            throw ProblemException.conflict("analysis-completed", "The analysis is completed; reopen it to add risks")
                    .with("currentState", a.status);
        }
    }

    private void texts(Map<String, String> texts) {
        references.requireFreeOfPersonalIdentityNumbers(texts);
    }

    private void touch(RiskAnalysis a) {
        a.updatedAt = clock.instant();
        a.updatedBy = who();
    }

    /** Unauthenticated only inside the service (demo data at startup): every endpoint requires a token. */
    private boolean system() {
        return !caller.isAuthenticated();
    }

    private boolean readsAll() {
        return system() || caller.hasAnyRole(Roles.QUALITY_TEAM, Roles.ADMIN, Roles.INVESTIGATOR, Roles.MEDICALLY_RESPONSIBLE);
    }

    private Set<UUID> ownUnits() {
        Set<UUID> out = new java.util.HashSet<>();
        if (caller.hasAnyRole(Roles.UNIT_MANAGER, Roles.PROCESS_OWNER)) {
            caller.orgUnits().forEach(u -> out.addAll(orgUnits.subtree(u, orgUnits.today())));
        }
        return out;
    }

    boolean canRead(UUID unit) {
        return readsAll() || ownUnits().contains(unit);
    }

    boolean canWrite(UUID unit) {
        return system() || caller.hasAnyRole(Roles.QUALITY_TEAM, Roles.ADMIN) || ownUnits().contains(unit);
    }

    private void requireWrite(UUID unit) {
        if (!canWrite(unit)) {
            throw ReferenceProblems.foreign("orgUnitId", "risk analyses are made for units of the caller's own part of the organisation");
        }
    }

    private String who() {
        return caller.isAuthenticated() ? caller.subject() : "system";
    }

    AnalysisResponse response(RiskAnalysis a) {
        Map<RiskMatrixClass, Integer> byClass = new EnumMap<>(RiskMatrixClass.class);
        for (RiskMatrixClass c : RiskMatrixClass.values()) {
            byClass.put(c, 0);
        }
        a.risks.stream().filter(r -> r.status != RiskStatus.CLOSED).forEach(r -> byClass.merge(r.matrixClass, 1, Integer::sum));
        return new AnalysisResponse(a.id, a.title, a.subjectKind, a.processId, a.activityId, a.plannedChange, a.orgUnitId, a.analysedOn,
                a.description, List.copyOf(a.participants), a.status, a.risks.stream().map(RiskService::risk).toList(), byClass,
                a.createdAt, a.updatedAt);
    }

    static RiskResponse risk(Risk r) {
        return new RiskResponse(r.id, r.description, r.causes, r.likelihood, r.consequence, r.score, r.matrixClass, r.status,
                r.assessments, r.assessedOn, r.measures.stream().map(RiskService::measure).toList());
    }

    static MeasureResponse measure(RiskMeasure m) {
        return new MeasureResponse(m.id, m.kind, m.description, m.ownerRole, m.ownerOrgUnitId, m.dueDate, m.status);
    }

    static List<MeasureResponse> measures(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<MeasureResponse>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable measure snapshot", e);
        }
    }
}
