package se.kvalitet.report.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The organisation as it was over time, from the registry's org-unit snapshots. Statistics count
 * a report under the units its unit sat below on the day it happened, so a reorganisation does not
 * move last year's reports.
 */
@ApplicationScoped
public class OrgUnitRepository {

    @Inject
    EntityManager em;

    /**
     * Stores the snapshot of a unit that took effect on {@code validFrom} (idempotent: keyed by unit
     * and date; snapshots may arrive in any order) and recomputes the closure.
     */
    public void recordSnapshot(UUID unitId, LocalDate validFrom, UUID parentId, String name, String level, boolean active) {
        em.createNativeQuery("""
                INSERT INTO org_unit_version (org_unit_id, valid_from, parent_id, name, level, active)
                VALUES (:id, :from, :parent, :name, :level, :active)
                ON CONFLICT (org_unit_id, valid_from) DO UPDATE SET parent_id = excluded.parent_id,
                    name = excluded.name, level = excluded.level, active = excluded.active""")
                .setParameter("id", unitId).setParameter("from", validFrom).setParameter("parent", parentId)
                .setParameter("name", name).setParameter("level", level).setParameter("active", active)
                .executeUpdate();
        rebuildClosure();
    }

    /**
     * Every (unit, ancestor-or-self) pair with the interval it held: walk up parent links,
     * intersecting each step's validity interval. Organisations have hundreds of units, so the
     * whole closure is recomputed in one statement.
     */
    public void rebuildClosure() {
        em.createNativeQuery("DELETE FROM org_unit_closure").executeUpdate();
        em.createNativeQuery("""
                INSERT INTO org_unit_closure (org_unit_id, ancestor_id, depth, valid_from, valid_to)
                WITH RECURSIVE v AS (
                    SELECT org_unit_id, parent_id, valid_from,
                           lead(valid_from, 1, 'infinity'::date) OVER (PARTITION BY org_unit_id ORDER BY valid_from) AS valid_to
                    FROM org_unit_version
                ), up AS (
                    SELECT org_unit_id, org_unit_id AS ancestor_id, 0 AS depth, valid_from, valid_to FROM v
                    UNION ALL
                    SELECT up.org_unit_id, v.parent_id, up.depth + 1, greatest(up.valid_from, v.valid_from),
                           least(up.valid_to, v.valid_to)
                    FROM up JOIN v ON v.org_unit_id = up.ancestor_id
                    WHERE v.parent_id IS NOT NULL AND v.valid_from < up.valid_to AND up.valid_from < v.valid_to
                      AND up.depth < 20
                )
                SELECT org_unit_id, ancestor_id, min(depth), valid_from, max(valid_to) FROM up
                GROUP BY org_unit_id, ancestor_id, valid_from""")
                .executeUpdate();
    }

    /** The unit's name as of {@code on} (or its first known name), null when the registry never named it. */
    public String nameOn(UUID unitId, LocalDate on) {
        @SuppressWarnings("unchecked")
        var rows = em.createNativeQuery("""
                SELECT name FROM org_unit_version WHERE org_unit_id = :id
                ORDER BY (valid_from <= :on) DESC, CASE WHEN valid_from <= :on THEN valid_from END DESC NULLS LAST, valid_from
                LIMIT 1""").setParameter("id", unitId).setParameter("on", on).getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }
}
