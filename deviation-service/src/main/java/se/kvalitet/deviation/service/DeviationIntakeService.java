package se.kvalitet.deviation.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import se.kvalitet.deviation.CaseAccessLogEntry.Action;
import se.kvalitet.deviation.Deviation;
import se.kvalitet.deviation.mapping.DeviationMapper;
import se.kvalitet.deviation.repository.DeviationRepository;
import se.kvalitet.deviation.rest.DeviationResponse;
import se.kvalitet.deviation.rest.ReportDeviationRequest;
import se.kvalitet.deviation.clock.Clocks;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ProblemException;

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

    /** The outcome of a POST: a new report, or the replay of the first response to the same Idempotency-Key. */
    public record Intake(DeviationResponse created, long version, IdempotencyKeys.Stored replayed) {
    }

    @Transactional
    public Intake report(ReportDeviationRequest request, String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<IdempotencyKeys.Stored> first = idempotency.claim(caller.subject(), idempotencyKey, request);
            if (first.isPresent()) {
                return new Intake(null, 0, first.get());
            }
        }
        Deviation d = DeviationMapper.toEntity(request);
        FreeTextGuard.Screening screening = guard.screen();
        d.summary = screening.text("summary", d.summary);
        d.description = screening.text("description", d.description);
        d.immediateActions = screening.text("immediateActions", d.immediateActions);
        screening.identifier("affectedPersonRef", d.affectedPersonRef);
        screening.identifier("externalReference.source", d.externalSource);
        screening.identifier("externalReference.id", d.externalId);
        screening.done();

        if (d.externalSource != null) {
            Optional<Deviation> existing = deviations.findByExternalReference(d.externalSource, d.externalId);
            if (existing.isPresent()) {
                throw ProblemException.conflict("duplicate-external-reference",
                        "A report with this external reference from this source already exists")
                        .with("existingId", existing.get().id)
                        .with("existing", "/deviation/v1/deviations/" + existing.get().id);
            }
        }
        d.channel = caller.hasRole(Roles.CASE_SYSTEM) && !caller.hasRole(Roles.REPORTER)
                ? Deviation.Channel.CASE_SYSTEM : Deviation.Channel.STAFF;
        d.reporterSubject = caller.subject();
        d.reporterClient = caller.clientId();
        var event = Deviation.report(d, clock.instant());
        deviations.persist(d);
        outbox.publish(event);
        clocks.startNew(d.id, ClockKind.TRIAGE, d.id, null, d.orgUnitId, d.createdAt);
        accessLog.granted(d.id, Action.CREATE);
        DeviationResponse response = DeviationMapper.toResponse(d);
        if (idempotencyKey != null) {
            idempotency.complete(caller.subject(), idempotencyKey, 201, d.id, response);
        }
        return new Intake(response, d.version, null);
    }
}
