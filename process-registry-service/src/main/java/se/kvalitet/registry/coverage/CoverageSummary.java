package se.kvalitet.registry.coverage;

import static se.kvalitet.registry.sql.Columns.bool;
import static se.kvalitet.registry.sql.Columns.longValue;
import static se.kvalitet.registry.sql.Columns.uuid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.registry.sql.InForce;

/**
 * What the documents in force amount to per unit (issue 20, V90): how many name the unit and, per requirement item,
 * how many of them link it; kept for the documents in force on one day. The coverage refresh brings it up to date
 * under its advisory lock ({@link #bringUpToDate}) and reads a unit's chain from it ({@link #facts}), so an approval
 * or a withdrawal costs its own versions' units and links, not the documents of the unit and the units above it.
 *
 * <p>Up to date means: when the summary stands for another day than today it is rebuilt from the versions in force
 * today (once a day, as versions come into and go out of force by date; the daily refresh does it); else the
 * versions whose status or dates changed since ({@code coverage_pending}, filled by triggers on {@code
 * document_version} in the writer's transaction) are added or taken away, each according to whether it is in force
 * today and whether it was counted ({@code coverage_version}), so applying a change twice changes nothing.
 */
@ApplicationScoped
public class CoverageSummary {

    /** More changed versions than this (a bulk import) are cheaper as a rebuild than one by one. */
    static final int MAX_INCREMENTAL = 1_000;

    @Inject
    EntityManager em;

    /** What the documents in force for a unit amount to: the requirement items they link, and how many they are. */
    public record DocumentFacts(Set<UUID> linkedItems, int documents) {}

    /** Brings the summary to the documents in force on {@code today}; call under the coverage refresh's lock. */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public void bringUpToDate(LocalDate today) {
        long current = ((Number) em.createNativeQuery("SELECT count(*) FROM coverage_summary_day WHERE day = :day")
                        .setParameter("day", today)
                        .getSingleResult())
                .longValue();
        if (current == 0) {
            rebuild(today);
            return;
        }
        List<UUID> pending = em.createNativeQuery(
                        "SELECT version_id FROM coverage_pending LIMIT " + (MAX_INCREMENTAL + 1), UUID.class)
                .getResultList();
        if (pending.isEmpty()) {
            return;
        }
        if (pending.size() > MAX_INCREMENTAL) {
            rebuild(today);
            return;
        }
        em.createNativeQuery("DELETE FROM coverage_pending WHERE version_id IN (:ids)")
                .setParameter("ids", pending)
                .executeUpdate();
        List<UUID> added = new ArrayList<>();
        List<UUID> removed = new ArrayList<>();
        for (Tuple row : (List<Tuple>) em.createNativeQuery("""
                        SELECT v.id AS version_id, coalesce(""" + InForce.VERSION_ON_DAY + """
                        , false) AS in_force,
                               EXISTS (SELECT 1 FROM coverage_version c WHERE c.version_id = v.id) AS counted
                          FROM document_version v WHERE v.id IN (:ids)""", Tuple.class)
                .setParameter("ids", pending)
                .setParameter("day", today)
                .getResultList()) {
            boolean inForce = bool(row, "in_force");
            boolean counted = bool(row, "counted");
            if (inForce && !counted) {
                added.add(uuid(row, "version_id"));
            } else if (!inForce && counted) {
                removed.add(uuid(row, "version_id"));
            }
        }
        if (!added.isEmpty()) {
            em.createNativeQuery(
                            "INSERT INTO coverage_version (version_id) SELECT id FROM document_version WHERE id IN (:ids)")
                    .setParameter("ids", added)
                    .executeUpdate();
            apply(added, 1);
        }
        if (!removed.isEmpty()) {
            em.createNativeQuery("DELETE FROM coverage_version WHERE version_id IN (:ids)")
                    .setParameter("ids", removed)
                    .executeUpdate();
            apply(removed, -1);
        }
    }

    /** Adds ({@code sign} 1) or takes away (-1) the given versions' units and links. */
    private void apply(List<UUID> versions, int sign) {
        em.createNativeQuery("""
                INSERT INTO coverage_unit_documents AS s (org_unit_id, documents)
                SELECT x.org_unit_id, :sign * count(*) FROM document_version_org_unit x WHERE x.version_id IN (:ids)
                 GROUP BY x.org_unit_id
                ON CONFLICT (org_unit_id) DO UPDATE SET documents = s.documents + EXCLUDED.documents""")
                .setParameter("ids", versions)
                .setParameter("sign", sign)
                .executeUpdate();
        em.createNativeQuery("""
                INSERT INTO coverage_unit_item AS s (org_unit_id, requirement_item_id, versions)
                SELECT x.org_unit_id, r.requirement_item_id, :sign * count(*)
                  FROM (SELECT DISTINCT version_id, requirement_item_id FROM document_version_requirement
                         WHERE version_id IN (:ids)) r
                  JOIN document_version_org_unit x ON x.version_id = r.version_id
                 GROUP BY x.org_unit_id, r.requirement_item_id
                ON CONFLICT (org_unit_id, requirement_item_id) DO UPDATE SET versions = s.versions + EXCLUDED.versions""")
                .setParameter("ids", versions)
                .setParameter("sign", sign)
                .executeUpdate();
        if (sign > 0) {
            em.createNativeQuery("""
                    INSERT INTO coverage_multi_unit (org_unit_id, version_id)
                    SELECT x.org_unit_id, x.version_id FROM document_version_org_unit x
                     WHERE x.version_id IN (:ids)
                       AND x.version_id IN (SELECT y.version_id FROM document_version_org_unit y WHERE y.version_id IN (:ids)
                                             GROUP BY y.version_id HAVING count(*) > 1)""").setParameter("ids", versions).executeUpdate();
        } else {
            em.createNativeQuery("DELETE FROM coverage_multi_unit WHERE version_id IN (:ids)")
                    .setParameter("ids", versions)
                    .executeUpdate();
        }
    }

    /** The summary of the documents in force on {@code day}, from scratch (once a day, or after a bulk import). */
    private void rebuild(LocalDate day) {
        em.createNativeQuery(
                        "TRUNCATE coverage_version, coverage_unit_documents, coverage_unit_item, coverage_multi_unit")
                .executeUpdate();
        // what is pending now is in the rebuild (the changes of transactions still open stay pending for later)
        em.createNativeQuery("DELETE FROM coverage_pending").executeUpdate();
        em.createNativeQuery("INSERT INTO coverage_version (version_id) " + InForce.VERSIONS_ON_DAY)
                .setParameter("day", day)
                .executeUpdate();
        em.createNativeQuery("""
                INSERT INTO coverage_unit_documents (org_unit_id, documents)
                SELECT x.org_unit_id, count(*) FROM coverage_version c
                  JOIN document_version_org_unit x ON x.version_id = c.version_id
                 GROUP BY x.org_unit_id""").executeUpdate();
        em.createNativeQuery("""
                INSERT INTO coverage_unit_item (org_unit_id, requirement_item_id, versions)
                SELECT x.org_unit_id, r.requirement_item_id, count(DISTINCT c.version_id) FROM coverage_version c
                  JOIN document_version_requirement r ON r.version_id = c.version_id
                  JOIN document_version_org_unit x ON x.version_id = c.version_id
                 GROUP BY x.org_unit_id, r.requirement_item_id""").executeUpdate();
        em.createNativeQuery("""
                INSERT INTO coverage_multi_unit (org_unit_id, version_id)
                SELECT x.org_unit_id, x.version_id FROM coverage_version c
                  JOIN document_version_org_unit x ON x.version_id = c.version_id
                 WHERE c.version_id IN (SELECT y.version_id FROM document_version_org_unit y
                                         GROUP BY y.version_id HAVING count(*) > 1)""").executeUpdate();
        em.createNativeQuery("""
                INSERT INTO coverage_summary_day (id, day) VALUES (true, :day)
                ON CONFLICT (id) DO UPDATE SET day = EXCLUDED.day""").setParameter("day", day).executeUpdate();
    }

    /**
     * What the documents counted for any of {@code chain} (a unit and the units above it) amount to: the sum of the
     * units' counts less the versions counted twice (a version naming two units of the chain), and the items linked
     * by any; a handful of rows per unit of the chain.
     */
    @SuppressWarnings("unchecked")
    public DocumentFacts facts(Set<UUID> chain) {
        List<Tuple> rows = (List<Tuple>) em.createNativeQuery("""
                SELECT CAST(NULL AS uuid) AS item,
                       (SELECT coalesce(sum(documents), 0) FROM coverage_unit_documents WHERE org_unit_id IN (:chain))
                       - (SELECT count(*) - count(DISTINCT version_id) FROM coverage_multi_unit WHERE org_unit_id IN (:chain))
                         AS documents
                UNION ALL
                SELECT DISTINCT requirement_item_id, CAST(NULL AS bigint) FROM coverage_unit_item
                 WHERE org_unit_id IN (:chain) AND versions > 0""", Tuple.class)
                .setParameter("chain", chain)
                .getResultList();
        Set<UUID> linked = new HashSet<>();
        long documents = 0;
        for (Tuple row : rows) {
            UUID item = uuid(row, "item");
            if (item == null) {
                documents = longValue(row, "documents");
            } else {
                linked.add(item);
            }
        }
        return new DocumentFacts(linked, Math.toIntExact(documents));
    }
}
