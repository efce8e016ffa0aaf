package se.kvalitet.registry.risk;

import static se.kvalitet.registry.domain.FreeText.requireFreeOfPersonalIdentityNumbers;
import static se.kvalitet.registry.domain.Values.blankToNull;
import static se.kvalitet.registry.domain.Values.nullToEmpty;
import static se.kvalitet.registry.domain.Values.orEmpty;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
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
import se.kvalitet.events.registry.RiskStatus;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.registry.document.Document;
import se.kvalitet.registry.document.DocumentReferences;
import se.kvalitet.registry.document.DocumentRepository;
import se.kvalitet.registry.domain.RiskMatrix;
import se.kvalitet.registry.orgunit.OrgUnitService;
import se.kvalitet.registry.risk.RiskCommands.AnalysisCommand;
import se.kvalitet.registry.risk.RiskCommands.AssessmentCommand;
import se.kvalitet.registry.risk.RiskCommands.MeasureCommand;
import se.kvalitet.registry.risk.RiskCommands.RiskCommand;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.ReferenceProblems;

/**
 * The writes of risk analyses (SOSFS 2011:9 5 kap. 1 §): one use case per method, each one
 * transaction; every assessment of a risk is kept and published as risk.assessed. Who may is
 * {@link RiskAccess}; reads are {@link RiskQueries}.
 */
@ApplicationScoped
public class RiskService {

    @Inject
    RiskQueries queries;

    @Inject
    RiskAccess access;

    @Inject
    RiskAnalysisRepository analyses;

    @Inject
    RiskRepository risks;

    @Inject
    RiskAssessmentRepository assessments;

    @Inject
    DocumentRepository documents;

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

    // ------------------------------------------------------------------ commands

    @Transactional
    public RiskAnalysis create(UUID id, AnalysisCommand r) {
        access.requireWrite(r.orgUnitId());
        RiskAnalysis a = new RiskAnalysis();
        a.id = id == null ? UUID.randomUUID() : id;
        a.createdAt = clock.instant();
        a.createdBy = access.who();
        apply(a, r);
        analyses.persist(a);
        return a;
    }

    @Transactional
    public RiskAnalysis replace(UUID id, String ifMatch, AnalysisCommand r) {
        RiskAnalysis a = writable(id, ifMatch);
        if (!r.orgUnitId().equals(a.orgUnitId)) {
            access.requireWrite(r.orgUnitId());
        }
        apply(a, r);
        analyses.flush();
        return a;
    }

    @Transactional
    public Risk addRisk(UUID analysisId, String ifMatch, RiskCommand r) {
        RiskAnalysis a = writable(analysisId, ifMatch);
        requireOpen(a);
        texts(Map.of("description", r.description(), "causes", nullToEmpty(r.causes()), "note", nullToEmpty(r.note())));
        Risk risk = new Risk();
        risk.id = UUID.randomUUID();
        risk.analysis = a;
        risk.position = a.risks.size() + 1;
        risk.description = r.description().strip();
        risk.causes = blankToNull(r.causes());
        LocalDate on = r.assessedOn() == null ? orgUnits.today() : r.assessedOn();
        record(
                a,
                risk,
                true,
                r.likelihood(),
                r.consequence(),
                r.status() == null ? RiskStatus.OPEN : r.status(),
                on,
                r.note(),
                orEmpty(r.measures()),
                "measures");
        return risk;
    }

    @Transactional
    public Risk reassess(UUID analysisId, UUID riskId, String ifMatch, AssessmentCommand r) {
        RiskAnalysis a = writable(analysisId, ifMatch);
        Risk risk = a.risks.stream()
                .filter(x -> x.id.equals(riskId))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("Risk " + riskId + " of the analysis"));
        texts(Map.of(
                "description",
                nullToEmpty(r.description()),
                "causes",
                nullToEmpty(r.causes()),
                "note",
                nullToEmpty(r.note())));
        if (r.description() != null && !r.description().isBlank()) {
            risk.description = r.description().strip();
        }
        if (r.causes() != null) {
            risk.causes = blankToNull(r.causes());
        }
        LocalDate on = r.assessedOn() == null ? orgUnits.today() : r.assessedOn();
        record(a, risk, false, r.likelihood(), r.consequence(), r.status(), on, r.note(), r.measures(), "measures");
        return risk;
    }

    // ------------------------------------------------------------------ queries

    // ------------------------------------------------------------------ internals

    /** Validates first (queries flush), then changes the risk, persists it when new, and records and publishes the assessment. */
    private void record(
            RiskAnalysis a,
            Risk risk,
            boolean isNew,
            int likelihood,
            int consequence,
            RiskStatus status,
            LocalDate on,
            String note,
            List<MeasureCommand> measures,
            String field) {
        LocalDate today = orgUnits.today();
        if (on.isAfter(today)) {
            throw ProblemException.invalidField("assessedOn", "cannot be after today (" + today + ")");
        }
        validateMeasures(risk, measures, field);
        RiskAssessment x = risk.assess(likelihood, consequence, status, on, matrix);
        applyMeasures(risk, measures);
        if (isNew) {
            a.risks.add(risk);
            risks.persist(risk);
        }
        x.note = blankToNull(note);
        x.assessedAt = clock.instant();
        x.assessedBy = access.who();
        try {
            x.measures = RiskQueries.JSON.writeValueAsString(
                    risk.measures.stream().map(RiskQueries::measure).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        touch(a);
        analyses.flush();
        assessments.persist(x);
        outbox.publish(new RiskAssessedV1(
                a.id,
                risk.id,
                x.number,
                a.subjectKind,
                a.processId,
                a.activityId,
                a.orgUnitId,
                x.likelihood,
                x.consequence,
                x.score,
                x.matrixClass,
                x.previousClass,
                x.status,
                risk.measures.stream()
                        .map(m -> new MeasureRef(m.id, m.kind, m.status, m.dueDate, m.ownerOrgUnitId))
                        .toList(),
                x.assessedOn,
                x.assessedAt));
    }

    private void validateMeasures(Risk risk, List<MeasureCommand> list, String field) {
        Set<UUID> existing = risk.measures.stream().map(m -> m.id).collect(Collectors.toSet());
        // a measure's owner unit gets the work (and the events carry it): the caller names units they may write for;
        // a measure that keeps the owner unit it had may stay as it is
        Map<UUID, UUID> ownerBefore = new HashMap<>();
        risk.measures.forEach(m -> ownerBefore.put(m.id, m.ownerOrgUnitId));
        for (int i = 0; i < list.size(); i++) {
            MeasureCommand m = list.get(i);
            boolean unchanged = m.id() != null
                    && ownerBefore.containsKey(m.id())
                    && java.util.Objects.equals(ownerBefore.get(m.id()), m.ownerOrgUnitId());
            if (m.ownerOrgUnitId() != null && !unchanged && !access.canWrite(m.ownerOrgUnitId())) {
                throw ReferenceProblems.foreign(
                        field + "[" + i + "].ownerOrgUnitId",
                        "a measure is owned by a unit of your own part of the organisation");
            }
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        List<UUID> units = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            MeasureCommand m = list.get(i);
            if (m.id() != null && !existing.contains(m.id())) {
                errors.add(new Problem.FieldError(field + "[" + i + "].id", "no such measure of this risk"));
            }
            texts.put(field + "[" + i + "].description", m.description());
            texts.put(field + "[" + i + "].ownerRole", nullToEmpty(m.ownerRole()));
            if (m.ownerOrgUnitId() != null) {
                units.add(m.ownerOrgUnitId());
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("unknown-reference", "Some references do not exist", errors);
        }
        requireFreeOfPersonalIdentityNumbers(texts);
        references.requireActiveUnits(field + ".ownerOrgUnitId", units, orgUnits.today());
    }

    /** Replaces the risk's measures with the list: ids given keep their measure, new entries are added, the rest removed. */
    private static void applyMeasures(Risk risk, List<MeasureCommand> list) {
        Map<UUID, RiskMeasure> existing = risk.measures.stream().collect(Collectors.toMap(m -> m.id, m -> m));
        List<RiskMeasure> next = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            MeasureCommand m = list.get(i);
            RiskMeasure x = m.id() == null ? new RiskMeasure() : existing.get(m.id());
            if (x.id == null) {
                x.id = UUID.randomUUID();
                x.risk = risk;
            }
            x.position = i + 1;
            x.kind = m.kind();
            x.description = m.description().strip();
            x.ownerRole = blankToNull(m.ownerRole());
            x.ownerOrgUnitId = m.ownerOrgUnitId();
            x.dueDate = m.dueDate();
            x.status = m.status() == null ? MeasureStatus.PLANNED : m.status();
            next.add(x);
        }
        risk.measures.clear();
        risk.measures.addAll(next);
    }

    private void apply(RiskAnalysis a, AnalysisCommand r) {
        requireFitsSubject(r);
        List<String> participants = orEmpty(r.participants());
        requireFreeTexts(r, participants);
        references.requireActiveUnits("orgUnitId", List.of(r.orgUnitId()), orgUnits.today());
        UUID process = subjectProcess(r);
        a.title = r.title().strip();
        a.subjectKind = r.subjectKind();
        a.processId = process;
        a.activityId = r.activityId();
        a.plannedChange = blankToNull(r.plannedChange());
        a.orgUnitId = r.orgUnitId();
        a.analysedOn = r.analysedOn();
        a.description = blankToNull(r.description());
        a.status = r.status() == null ? RiskAnalysis.Status.OPEN : r.status();
        a.participants.clear();
        participants.forEach(x -> a.participants.add(x.strip()));
        touch(a);
    }

    /** Which subject fields a PROCESS, ACTIVITY or PLANNED_CHANGE analysis needs (400 naming the fields). */
    private void requireFitsSubject(AnalysisCommand r) {
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
    }

    private static void requireFreeTexts(AnalysisCommand r, List<String> participants) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("title", r.title());
        texts.put("plannedChange", nullToEmpty(r.plannedChange()));
        texts.put("description", nullToEmpty(r.description()));
        for (int i = 0; i < participants.size(); i++) {
            texts.put("participants[" + i + "]", participants.get(i));
        }
        requireFreeOfPersonalIdentityNumbers(texts);
    }

    /** The process the analysis is about: given, or that of its activity; one the caller can see (else 422). */
    private UUID subjectProcess(AnalysisCommand r) {
        UUID process = r.processId();
        if (r.activityId() != null) {
            UUID owner = references.processOf(r.activityId());
            if (process != null && !process.equals(owner)) {
                throw ProblemException.unprocessable(
                        "unknown-reference",
                        "The activity is not of that process",
                        List.of(new Problem.FieldError("activityId", "is not an activity of that process")));
            }
            process = owner;
        }
        if (process != null) {
            Document d = documents.findById(process);
            if (d == null
                    || d.type != se.kvalitet.events.registry.DocumentType.PROCESS
                    || !references.visibleProcess(process)) {
                throw ProblemException.unprocessable(
                        "unknown-reference",
                        "No such process",
                        List.of(new Problem.FieldError("processId", "no such process")));
            }
        }
        return process;
    }

    private RiskAnalysis writable(UUID id, String ifMatch) {
        RiskAnalysis a = queries.get(id);
        if (!access.canWrite(a.orgUnitId)) {
            throw ProblemException.forbidden(
                    "Only the quality team and the managers and process owners of the unit change its risk analyses");
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
        requireFreeOfPersonalIdentityNumbers(texts);
    }

    private void touch(RiskAnalysis a) {
        a.updatedAt = clock.instant();
        a.updatedBy = access.who();
    }
}
