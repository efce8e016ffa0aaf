package se.kvalitet.deviation.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import se.kvalitet.deviation.Deviation;
import se.kvalitet.deviation.mapping.DeviationMapper;
import se.kvalitet.deviation.repository.DeviationRepository;
import se.kvalitet.deviation.rest.ReportDeviationRequest;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ProblemException;

/** Intake of reports: one use case per method, each one transaction with its outbox rows. */
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

    @Transactional
    public Deviation report(ReportDeviationRequest request) {
        if (request.externalReference() != null) {
            Optional<Deviation> existing = deviations.findByExternalReference(request.externalReference().source(),
                    request.externalReference().id());
            if (existing.isPresent()) {
                throw ProblemException.conflict("duplicate-external-reference",
                        "A report with this external reference from this source already exists")
                        .with("existingId", existing.get().id)
                        .with("existing", "/deviation/v1/deviations/" + existing.get().id);
            }
        }
        Deviation d = DeviationMapper.toEntity(request);
        d.channel = caller.hasRole(Roles.CASE_SYSTEM) && !caller.hasRole(Roles.REPORTER)
                ? Deviation.Channel.CASE_SYSTEM : Deviation.Channel.STAFF;
        d.reporterSubject = caller.subject();
        d.reporterClient = caller.clientId();
        var event = Deviation.report(d, clock.instant());
        deviations.persist(d);
        outbox.publish(event);
        return d;
    }

    @Transactional
    public Optional<Deviation> find(UUID id) {
        return deviations.findByIdOptional(id);
    }
}
