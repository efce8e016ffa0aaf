package se.kvalitet.registry.coverage;

import static se.kvalitet.registry.sql.Columns.string;
import static se.kvalitet.registry.sql.Columns.uuid;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import se.kvalitet.events.registry.RequirementRef;
import se.kvalitet.events.registry.UnitCoverageChangedV1;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.registry.domain.CoverageCalculator;
import se.kvalitet.registry.domain.CoverageCalculator.Requirement;
import se.kvalitet.registry.domain.CoverageCalculator.UnitCoverage;
import se.kvalitet.registry.domain.CoverageInputsChanged;
import se.kvalitet.registry.orgunit.OrgUnitService;

/**
 * Publishes unit-coverage.changed for every operating unit whose coverage differs from what was
 * last published: called in the transaction of every change that can move coverage (approvals,
 * withdrawals, verksamheter, the requirement catalogue, the tree) and daily, for changes that take
 * effect on a later day. Refreshes are serialised by a transaction-scoped advisory lock, so each
 * one computes from what the previous one committed.
 */
@ApplicationScoped
public class CoveragePublisher {

    private static final Logger LOG = Logger.getLogger(CoveragePublisher.class);
    private static final long LOCK = 0x6b76_636f_7665_72L; // "kvcover"

    @Inject
    CoverageService coverage;

    @Inject
    CoverageSummary summary;

    @Inject
    OrgUnitService orgUnits;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /** Recomputes every operating unit's coverage for today and publishes the changed ones; returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int refresh() {
        return refresh(null);
    }

    /**
     * Recomputes the coverage of today of the operating units at or under {@code documentUnits} (null: of every
     * unit) and publishes the changed ones; returns how many. Each unit's documents are read from the per-unit summary
     * ({@link CoverageSummary}, brought up to date first), so an approval costs its own versions' units and links and
     * the affected units' chains, not the documents of those units or the whole registry.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    int refresh(Set<UUID> documentUnits) {
        em.flush();
        em.createNativeQuery("SELECT pg_advisory_xact_lock(:k)")
                .setParameter("k", LOCK)
                .getSingleResult();
        LocalDate today = orgUnits.today();
        summary.bringUpToDate(today);
        CoverageCalculator calc = coverage.structure(today);
        Set<UUID> operating = calc.operatingUnits();
        Set<UUID> affected = null;
        if (documentUnits != null) {
            affected = new HashSet<>();
            for (UUID u : documentUnits) {
                affected.addAll(calc.subtree(u));
            }
            if (affected.isEmpty()) {
                return 0;
            }
        }
        Map<UUID, String> published = new HashMap<>();
        var snapshots = affected == null
                ? em.createNativeQuery("SELECT org_unit_id, fingerprint FROM unit_coverage_snapshot", Tuple.class)
                : em.createNativeQuery(
                                "SELECT org_unit_id, fingerprint FROM unit_coverage_snapshot WHERE org_unit_id IN (:units)",
                                Tuple.class)
                        .setParameter("units", affected);
        for (Tuple row : (List<Tuple>) snapshots.getResultList()) {
            published.put(uuid(row, "org_unit_id"), string(row, "fingerprint"));
        }
        TreeSet<UUID> units = new TreeSet<>(operating);
        if (affected != null) {
            units.retainAll(affected);
        }
        units.addAll(published.keySet());
        int changed = 0;
        for (UUID u : units) {
            CoverageSummary.DocumentFacts facts = summary.facts(calc.selfAndAncestors(u));
            UnitCoverage c = calc.ofUnit(u, facts.linkedItems(), facts.documents());
            String fingerprint = fingerprint(c);
            if (fingerprint.equals(published.get(u))) {
                continue;
            }
            em.createNativeQuery("""
                    INSERT INTO unit_coverage_snapshot (org_unit_id, fingerprint, computed_at) VALUES (:u, :f, :t)
                    ON CONFLICT (org_unit_id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, computed_at = EXCLUDED.computed_at""")
                    .setParameter("u", u)
                    .setParameter("f", fingerprint)
                    .setParameter("t", clock.instant())
                    .executeUpdate();
            outbox.publish(new UnitCoverageChangedV1(
                    u,
                    today,
                    List.copyOf(c.verksamhetIds()),
                    c.applicable().size(),
                    c.covered().stream().map(Requirement::id).toList(),
                    c.gaps().stream()
                            .map(r -> new RequirementRef(r.id(), r.regulationCode(), r.reference(), null))
                            .toList(),
                    c.documentsInForce(),
                    clock.instant()));
            changed++;
        }
        return changed;
    }

    /** In the transaction of the change that can move coverage (fired synchronously by that feature). */
    @Transactional(Transactional.TxType.MANDATORY)
    void onInputsChanged(@Observes CoverageInputsChanged change) {
        refresh(change.documentUnits());
    }

    /** Daily, for documents, withdrawals and requirement items that take effect on a later day. */
    @Scheduled(
            cron = "{kvalitet.registry.coverage.refresh-cron}",
            timeZone = "Europe/Stockholm",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void daily() {
        int n = refresh();
        LOG.infof("coverage refresh: %d unit snapshots published", n);
    }

    static String fingerprint(UnitCoverage c) {
        String s = c.verksamhetIds() + "|" + ids(c.applicable()) + "|" + ids(c.covered()) + "|" + ids(c.gaps()) + "|"
                + c.documentsInForce();
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ids(List<Requirement> l) {
        return l.stream().map(r -> r.id().toString()).sorted().collect(Collectors.joining(","));
    }
}
