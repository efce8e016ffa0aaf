package se.kvalitet.deviation.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import se.kvalitet.deviation.access.AccessLog;
import se.kvalitet.deviation.access.CaseAccessLogEntry.Action;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.clock.Clocks;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.deviation.report.DeviationAccess;
import se.kvalitet.deviation.report.DeviationRepository;
import se.kvalitet.deviation.screening.FreeTextGuard;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.orgcopy.OrgCopy;
import se.kvalitet.web.Caller;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.ReferenceProblems;

/** Intake of reports: one transaction with the report, its outbox row, its access-log line and its idempotency key. */
@ApplicationScoped
public class DeviationIntakeService {

    @Inject
    DeviationRepository deviations;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @Inject
    FreeTextGuard guard;

    @Inject
    IdempotencyKeys idempotency;

    @Inject
    AccessLog accessLog;

    @Inject
    Clocks clocks;

    @Inject
    OrgCopy orgUnits;

    @Inject
    DeviationAccess access;

    /** The outcome of a POST: a new report (as {@code render} made it), or the replay of the first response to the same Idempotency-Key. */
    public record Intake<R>(R created, long version, IdempotencyKeys.Stored replayed) {}

    @Transactional
    /**
     * Receives a report. {@code render} makes the response body from the stored report and whether the caller works on
     * the case; it is kept with the Idempotency-Key in the same transaction, so a retry replays exactly it.
     */
    public <R> Intake<R> report(
            ReportDeviation request, String idempotencyKey, BiFunction<Deviation, Boolean, R> render) {
        if (idempotencyKey != null) {
            Optional<IdempotencyKeys.Stored> first = idempotency.claim(caller.subject(), idempotencyKey, request);
            if (first.isPresent()) {
                return new Intake<>(null, 0, first.get());
            }
        }
        Deviation d = toEntity(request);
        FreeTextGuard.Screening screening = guard.screen();
        d.summary = screening.text("summary", d.summary);
        d.description = screening.text("description", d.description);
        d.immediateActions = screening.text("immediateActions", d.immediateActions);
        screening.identifier("affectedPersonRef", d.affectedPersonRef);
        screening.identifier("externalReference.source", d.externalSource);
        screening.identifier("externalReference.id", d.externalId);
        screening.done();

        requireKnownUnits(d);
        d.reporterSubject = caller.subject();
        d.reporterClient = caller.clientId();
        if (d.externalSource != null) {
            // a reference is unique per filer: another system's (or person's) reports are never found, nor named
            Optional<Deviation> existing = deviations.findByExternalReference(
                    d.reporterClient, d.reporterSubject, d.externalSource, d.externalId);
            if (existing.isPresent()) {
                throw ProblemException.conflict(
                                "duplicate-external-reference",
                                "A report with this external reference from this source already exists")
                        .with("existingId", existing.get().id)
                        .with("existing", "/deviation/v1/deviations/" + existing.get().id);
            }
        }
        d.channel = caller.hasRole(Roles.CASE_SYSTEM) && !caller.hasRole(Roles.REPORTER)
                ? Deviation.Channel.CASE_SYSTEM
                : Deviation.Channel.STAFF;
        var event = Deviation.report(d, clock.instant());
        deviations.persist(d);
        outbox.publish(event);
        clocks.startNew(d.id, ClockKind.TRIAGE, d.id, null, d.orgUnitId, d.createdAt);
        accessLog.granted(d.id, Action.CREATE);
        R response = render.apply(d, access.canWorkOn(d));
        if (idempotencyKey != null) {
            idempotency.complete(caller.subject(), idempotencyKey, 201, d.id, response);
        }
        return new Intake<>(response, d.version, null);
    }

    private static Deviation toEntity(ReportDeviation r) {
        Deviation d = new Deviation();
        d.id = UUID.randomUUID();
        d.summary = r.summary().strip();
        d.description = r.description().strip();
        d.occurredAt = r.occurredAt();
        d.noticedAt = r.noticedAt();
        d.orgUnitId = r.orgUnitId();
        d.involvedOrgUnitIds = new LinkedHashSet<>(r.involvedOrgUnitIds() == null ? List.of() : r.involvedOrgUnitIds());
        d.suggestedCategory = r.suggestedCategory();
        d.immediateActions =
                r.immediateActions() == null ? null : r.immediateActions().strip();
        if (r.externalReference() != null) {
            d.externalSource = r.externalReference().source();
            d.externalId = r.externalReference().id();
        }
        d.affectedPersonRef = r.affectedPersonRef();
        return d;
    }

    /**
     * Where it happened and the units involved must be units the organisation has (this service's copy
     * of the registry's tree; a unit closed since still counts, a report may come late): 422 naming each
     * unknown one. Any member of staff may report on any unit (SoL 14 kap. 3 §: the duty to report is not
     * limited to one's own unit), so intake checks existence, not scope.
     */
    private void requireKnownUnits(Deviation d) {
        List<UUID> involved = List.copyOf(d.involvedOrgUnitIds);
        Set<UUID> all = new HashSet<>(involved);
        all.add(d.orgUnitId);
        Map<UUID, Boolean> known = orgUnits.activeByUnit(all);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!known.containsKey(d.orgUnitId)) {
            errors.add(new Problem.FieldError("orgUnitId", "no such org unit (as published by the process registry)"));
        }
        for (int i = 0; i < involved.size(); i++) {
            if (!known.containsKey(involved.get(i))) {
                errors.add(new Problem.FieldError(
                        "involvedOrgUnitIds[" + i + "]", "no such org unit (as published by the process registry)"));
            }
        }
        if (!errors.isEmpty()) {
            throw ReferenceProblems.unknown(errors);
        }
    }
}
