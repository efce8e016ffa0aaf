package se.kvalitet.deviation.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.hibernate.Session;
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
import se.kvalitet.orgcopy.OrgUnitLookup;
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
    OrgUnitLookup lookup;

    @Inject
    DeviationAccess access;

    @Inject
    EntityManager em;

    @Inject
    TransactionManager transactions;

    /**
     * The outcome of a POST: a new report (as {@code render} made it; with an Idempotency-Key also as the JSON kept
     * with the key, which is what is sent), or the replay of the first response to the same Idempotency-Key.
     */
    public record Intake<R>(R created, String createdJson, long version, IdempotencyKeys.Stored replayed) {}

    /** What intake looks up before it writes: the key's first use, and the filer's report with the same reference. */
    record Lookup(IdempotencyKeys.Row key, UUID existingId) {}

    @Transactional
    /**
     * Receives a report. {@code render} makes the response body from the stored report and whether the caller works on
     * the case; it is kept with the Idempotency-Key in the same transaction, so a retry replays exactly it.
     */
    public <R> Intake<R> report(
            ReportDeviation request, String idempotencyKey, BiFunction<Deviation, Boolean, R> render) {
        String subject = caller.subject();
        String client = caller.clientId();
        String fingerprint = idempotencyKey == null ? null : idempotency.fingerprint(request);
        Lookup found = lookup(subject, client, idempotencyKey, request.externalReference());
        if (found.key() != null) {
            return new Intake<>(null, null, 0, IdempotencyKeys.replay(found.key(), fingerprint));
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
        d.reporterSubject = subject;
        d.reporterClient = client;
        if (found.existingId() != null) {
            // a reference is unique per filer: another system's (or person's) reports are never found, nor named
            throw ProblemException.conflict(
                            "duplicate-external-reference",
                            "A report with this external reference from this source already exists")
                    .with("existingId", found.existingId())
                    .with("existing", "/deviation/v1/deviations/" + found.existingId());
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
        if (idempotencyKey == null) {
            return new Intake<>(response, null, d.version, null);
        }
        String json = idempotency.write(response);
        if (!idempotency.record(subject, idempotencyKey, fingerprint, 201, d.id, json)) {
            // a concurrent request with this key committed first: its report stands, this one is not stored
            IdempotencyKeys.Stored first = idempotency
                    .find(subject, idempotencyKey, fingerprint)
                    .orElseThrow(() -> new IllegalStateException("an idempotency key conflicted but is not there"));
            try {
                transactions.setRollbackOnly();
            } catch (SystemException e) {
                throw new IllegalStateException(e);
            }
            return new Intake<>(null, null, 0, first);
        }
        return new Intake<>(response, json, d.version, null);
    }

    /**
     * One round trip for what intake must know before it writes (issue 20 item 3): the first use of the
     * Idempotency-Key by this caller, and the id of this filer's report with the same external reference (through
     * the unique index of V8, whose expression this matches).
     */
    private Lookup lookup(
            String subject, String client, String idempotencyKey, ReportDeviation.ExternalReference reference) {
        if (idempotencyKey == null && reference == null) {
            return new Lookup(null, null);
        }
        List<String> parts = new ArrayList<>();
        if (idempotencyKey != null) {
            parts.add("SELECT 1 AS kind, k.request_hash, k.response_status, k.resource_id, k.response_body"
                    + " FROM idempotency_key k WHERE k.caller = ? AND k.idempotency_key = ?");
        }
        if (reference != null) {
            parts.add("(SELECT 2, NULL::text, NULL::integer, d.id, NULL::text FROM deviation d"
                    + " WHERE COALESCE(d.reporter_client, '') = ? AND d.reporter_subject = ?"
                    + " AND d.external_source = ? AND d.external_id = ? LIMIT 1)");
        }
        String sql = String.join(" UNION ALL ", parts);
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (idempotencyKey != null) {
                    ps.setString(i++, subject);
                    ps.setString(i++, idempotencyKey);
                }
                if (reference != null) {
                    ps.setString(i++, client == null ? "" : client);
                    ps.setString(i++, subject);
                    ps.setString(i++, reference.source());
                    ps.setString(i, reference.id());
                }
                IdempotencyKeys.Row key = null;
                UUID existing = null;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getInt(1) == 1) {
                            key = IdempotencyKeys.row(rs, 2);
                        } else {
                            existing = rs.getObject(4, UUID.class);
                        }
                    }
                }
                return new Lookup(key, existing);
            }
        });
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
        // a unit created a moment ago, whose event has not arrived, is looked up in the registry at once
        // (platform/orgcopy's OrgUnitLookup; a registry that does not answer is a 503)
        Map<UUID, Boolean> known = lookup.activeByUnit(all);
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
