package se.kvalitet.registry.orgunit;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The organisation tree's versions. Tree questions (subtree, ancestors, a page of the tree as of a
 * day) are recursive SQL over the versions valid on that day, answered and paged in the database.
 */
@ApplicationScoped
public class OrgUnitVersionRepository implements PanacheRepositoryBase<OrgUnitVersion, UUID> {

    static final String VALID = "%1$s.valid_from <= :day AND (%1$s.valid_to IS NULL OR %1$s.valid_to > :day)";

    /**
     * The unit and every unit under it on :day (UNION, not UNION ALL: a cycle could never loop). The
     * root is the anchor whether or not it has a version that day: a change in progress may have
     * ended its old version before writing the new one.
     */
    static final String SUBTREE = """
            WITH RECURSIVE sub AS (
                SELECT CAST(:root AS uuid) AS org_unit_id
                UNION
                SELECT c.org_unit_id FROM org_unit_version c JOIN sub s ON c.parent_id = s.org_unit_id WHERE %s)
            """.formatted(VALID.formatted("c"));

    /** Every unit's version valid on {@code day} (the whole tree as of that day). */
    public List<OrgUnitVersion> asOf(LocalDate day) {
        return list(
                "validFrom <= ?1 and (validTo is null or validTo > ?1)",
                Sort.by("name").and("orgUnitId"),
                day);
    }

    public Optional<OrgUnitVersion> asOf(UUID unit, LocalDate day) {
        return find("orgUnitId = ?1 and validFrom <= ?2 and (validTo is null or validTo > ?2)", unit, day)
                .firstResultOptional();
    }

    /** The unit's current (open-ended) version. */
    public Optional<OrgUnitVersion> latest(UUID unit) {
        return find("orgUnitId = ?1 and validTo is null", unit).firstResultOptional();
    }

    public List<OrgUnitVersion> history(UUID unit) {
        return list("orgUnitId", Sort.by("validFrom"), unit);
    }

    /** One page of the tree as of {@code day}, optionally only the subtree of {@code under}, sorted by name. */
    @SuppressWarnings("unchecked")
    public List<OrgUnitVersion> page(LocalDate day, UUID under, boolean includeClosed, int offset, int limit) {
        Query q = getEntityManager()
                .createNativeQuery(
                        pageSql("v.*", under, includeClosed)
                                + " ORDER BY v.name, v.org_unit_id LIMIT :limit OFFSET :offset",
                        OrgUnitVersion.class)
                .setParameter("limit", limit)
                .setParameter("offset", offset);
        return bind(q, day, under).getResultList();
    }

    public long count(LocalDate day, UUID under, boolean includeClosed) {
        return ((Number) bind(
                                getEntityManager().createNativeQuery(pageSql("count(*)", under, includeClosed)),
                                day,
                                under)
                        .getSingleResult())
                .longValue();
    }

    /** The unit and every unit under it on {@code day}. */
    @SuppressWarnings("unchecked")
    public Set<UUID> subtree(UUID root, LocalDate day) {
        return new LinkedHashSet<>(getEntityManager()
                .createNativeQuery(SUBTREE + "SELECT org_unit_id FROM sub")
                .setParameter("root", root)
                .setParameter("day", day)
                .getResultList());
    }

    /** The unit's ancestors on {@code day}, nearest first. */
    @SuppressWarnings("unchecked")
    public List<UUID> ancestors(UUID unit, LocalDate day) {
        return getEntityManager()
                .createNativeQuery("""
                WITH RECURSIVE up AS (
                    SELECT v.parent_id, 1 AS depth FROM org_unit_version v WHERE v.org_unit_id = :unit AND %s
                    UNION
                    SELECT p.parent_id, u.depth + 1 FROM org_unit_version p JOIN up u ON p.org_unit_id = u.parent_id
                     WHERE %s AND u.depth < 100)
                SELECT parent_id FROM up WHERE parent_id IS NOT NULL ORDER BY depth""".formatted(VALID.formatted("v"), VALID.formatted("p")))
                .setParameter("unit", unit)
                .setParameter("day", day)
                .getResultList();
    }

    public List<OrgUnitVersion> activeChildren(UUID parent, LocalDate day) {
        return list(
                "parentId = ?1 and active = true and validFrom <= ?2 and (validTo is null or validTo > ?2)",
                parent,
                day);
    }

    public List<OrgUnitVersion> activeWithCode(String code, LocalDate day) {
        return list("code = ?1 and active = true and validFrom <= ?2 and (validTo is null or validTo > ?2)", code, day);
    }

    /** Which of the ids are active units on {@code day}. */
    public Set<UUID> active(java.util.Collection<UUID> ids, LocalDate day) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new LinkedHashSet<>(getEntityManager()
                .createQuery(
                        "select v.orgUnitId from OrgUnitVersion v where v.orgUnitId in :ids"
                                + " and v.active = true and v.validFrom <= :day and (v.validTo is null or v.validTo > :day)",
                        UUID.class)
                .setParameter("ids", ids)
                .setParameter("day", day)
                .getResultList());
    }

    /** The versions valid on :day, of the subtree only when {@code under} is given (a join on the (unit, validFrom) key). */
    private static String pageSql(String select, UUID under, boolean includeClosed) {
        return (under == null
                        ? "SELECT " + select + " FROM org_unit_version v WHERE "
                        : SUBTREE + "SELECT " + select
                                + " FROM sub JOIN org_unit_version v ON v.org_unit_id = sub.org_unit_id WHERE ")
                + VALID.formatted("v")
                + (includeClosed ? "" : " AND v.active");
    }

    private static Query bind(Query q, LocalDate day, UUID under) {
        q.setParameter("day", day);
        if (under != null) {
            q.setParameter("root", under);
        }
        return q;
    }
}
