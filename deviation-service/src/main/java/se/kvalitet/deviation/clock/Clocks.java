package se.kvalitet.deviation.clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import se.kvalitet.deviation.domain.ClockPolicy;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationCategory;

/** Starting and stopping deadline clocks, inside the transaction of the change that starts or stops them. */
@ApplicationScoped
public class Clocks {

    @Inject
    EntityManager em;

    @Inject
    ClockEngine engine;

    @Transactional(Transactional.TxType.MANDATORY)
    public DeadlineClock start(
            UUID deviationId,
            ClockKind kind,
            UUID subjectId,
            DeviationCategory trackType,
            UUID orgUnitId,
            Instant startedAt) {
        Optional<DeadlineClock> running = running(subjectId, kind);
        if (running.isPresent()) {
            return running.get();
        }
        return startNew(deviationId, kind, subjectId, trackType, orgUnitId, startedAt);
    }

    /** Starts the first clock of a subject just created in this transaction (no running one to look for). */
    @Transactional(Transactional.TxType.MANDATORY)
    public DeadlineClock startNew(
            UUID deviationId,
            ClockKind kind,
            UUID subjectId,
            DeviationCategory trackType,
            UUID orgUnitId,
            Instant startedAt) {
        ClockPolicy policy = engine.policy(kind, orgUnitId);
        return persist(
                deviationId,
                kind,
                subjectId,
                trackType,
                orgUnitId,
                policy.toString(),
                startedAt,
                policy.due(startedAt, Deviation.SWEDEN));
    }

    /**
     * Starts a clock whose due time is a date someone set (an action's due date) rather than a
     * policy; the due-soon window is the engine's share of its span.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public DeadlineClock startUntil(
            UUID deviationId,
            ClockKind kind,
            UUID subjectId,
            DeviationCategory trackType,
            UUID orgUnitId,
            Instant startedAt,
            Instant dueAt) {
        Optional<DeadlineClock> running = running(subjectId, kind);
        if (running.isPresent()) {
            return running.get();
        }
        return persist(deviationId, kind, subjectId, trackType, orgUnitId, "date", startedAt, dueAt);
    }

    private DeadlineClock persist(
            UUID deviationId,
            ClockKind kind,
            UUID subjectId,
            DeviationCategory trackType,
            UUID orgUnitId,
            String policy,
            Instant startedAt,
            Instant dueAt) {
        DeadlineClock c = new DeadlineClock();
        c.id = UUID.randomUUID();
        c.deviationId = deviationId;
        c.subjectId = subjectId;
        c.trackType = trackType;
        c.kind = kind;
        c.orgUnitId = orgUnitId;
        c.policy = policy;
        c.startedAt = startedAt;
        c.dueAt = dueAt;
        c.dueSoonAt = engine.dueSoonAt(startedAt, dueAt);
        em.persist(c);
        return c;
    }

    /** Every clock of the subject, oldest first. */
    public List<DeadlineClock> of(UUID subjectId) {
        return em.createQuery("from DeadlineClock where subjectId = :s order by startedAt, id", DeadlineClock.class)
                .setParameter("s", subjectId)
                .getResultList();
    }

    /** Stops the running clock of this kind for the subject, if any: MET, NOT_REQUIRED or CANCELLED. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<DeadlineClock> stop(UUID subjectId, ClockKind kind, String reason, Instant at) {
        Optional<DeadlineClock> running = running(subjectId, kind);
        running.ifPresent(c -> {
            c.stoppedAt = at;
            c.stopReason = reason;
        });
        return running;
    }

    /** Stops every running clock of the subject (a track reclassified away). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelAll(UUID subjectId, Instant at) {
        for (DeadlineClock c : em.createQuery(
                        "from DeadlineClock where subjectId = :s and stoppedAt is null", DeadlineClock.class)
                .setParameter("s", subjectId)
                .getResultList()) {
            c.stoppedAt = at;
            c.stopReason = "CANCELLED";
        }
    }

    public Optional<DeadlineClock> running(UUID subjectId, ClockKind kind) {
        return em.createQuery(
                        "from DeadlineClock where subjectId = :s and kind = :k and stoppedAt is null",
                        DeadlineClock.class)
                .setParameter("s", subjectId)
                .setParameter("k", kind)
                .getResultStream()
                .findFirst();
    }

    /** The current clock of this kind for the subject: the running one, else the one stopped last. */
    public Optional<DeadlineClock> latest(UUID subjectId, ClockKind kind) {
        List<DeadlineClock> all = em.createQuery(
                        "from DeadlineClock where subjectId = :s and kind = :k"
                                + " order by case when stoppedAt is null then 0 else 1 end, stoppedAt desc, startedAt desc",
                        DeadlineClock.class)
                .setParameter("s", subjectId)
                .setParameter("k", kind)
                .setMaxResults(1)
                .getResultList();
        return all.stream().findFirst();
    }
}
