package se.kvalitet.orgcopy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import se.kvalitet.events.registry.OrgUnitChangedV1;

/**
 * A service's copy of the organisation tree that process-registry-service owns, kept from its
 * {@link OrgUnitChangedV1} snapshots in the service's own database (table {@code orgcopy_version},
 * migration in {@code db/orgcopy}), with every snapshot's validity so that as-of questions work.
 *
 * <p>Two views: <b>latest</b> (the methods without a date) is each unit as the registry last
 * published it, changes dated ahead included; <b>as of a day</b> (the {@code ...On} methods) is the
 * snapshot valid on that day, nothing for a day before the unit's first snapshot. Closed units
 * stay in both (their history still belongs where they were); {@link OrgUnit#active()} tells.
 *
 * <p>Plain JDBC on the service's data source: applying runs inside the caller's transaction (the
 * inbox's), queries are one statement each over indexed columns.
 */
@ApplicationScoped
public class OrgCopy {

    /** The day a seeded (provisional) unit is valid from: before any real snapshot. */
    public static final LocalDate PROVISIONAL_FROM = LocalDate.of(1900, 1, 1);

    private static final int MAX_DEPTH = 50;

    private static final String COLUMNS = "org_unit_id, parent_id, code, name, type, active, valid_from, valid_to";

    private static final String ON_DAY = "valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)";

    private DataSource dataSource;

    /** The service's data source: the copy lives in the service's own database. */
    @Inject
    public OrgCopy(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For the container's client proxy. */
    protected OrgCopy() {}

    /** What {@link #apply} did with a snapshot. */
    public enum Applied {
        /** kept: a new snapshot, or a later recorded one for the same unit and day */
        STORED,
        /** ignored: the copy holds the same or a later recorded snapshot for that unit and day */
        STALE
    }

    /**
     * Applies a snapshot (inside the caller's transaction; idempotent). It is kept under its unit
     * and day; of two for the same unit and day the later recorded ({@code changedAt}) wins, whatever
     * order they arrive in, and each snapshot of the unit is valid until the next one's day. The
     * unit's seeded (provisional) rows are dropped by its first real snapshot.
     */
    public Applied apply(OrgUnitChangedV1 e) {
        try (Connection c = dataSource.getConnection()) {
            lock(c, e.orgUnitId());
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM orgcopy_version WHERE org_unit_id = ? AND provisional")) {
                ps.setObject(1, e.orgUnitId());
                ps.executeUpdate();
            }
            int stored;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO orgcopy_version (org_unit_id, valid_from, parent_id, code, name, type, active, change, changed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (org_unit_id, valid_from) DO UPDATE SET parent_id = excluded.parent_id, code = excluded.code,
                        name = excluded.name, type = excluded.type, active = excluded.active, change = excluded.change,
                        changed_at = excluded.changed_at, provisional = FALSE
                    WHERE orgcopy_version.changed_at IS NULL OR orgcopy_version.changed_at < excluded.changed_at""")) {
                ps.setObject(1, e.orgUnitId());
                ps.setObject(2, e.validFrom());
                ps.setObject(3, e.parentId());
                ps.setString(4, e.code());
                ps.setString(5, e.name());
                ps.setString(6, e.type());
                ps.setBoolean(7, e.active());
                ps.setString(8, e.change());
                ps.setTimestamp(9, e.changedAt() == null ? null : Timestamp.from(e.changedAt()));
                stored = ps.executeUpdate();
            }
            chain(c, e.orgUnitId());
            return stored == 1 ? Applied.STORED : Applied.STALE;
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot store org unit " + e.orgUnitId(), ex);
        }
    }

    /**
     * Seeds a unit the registry has not published yet (demo data of a known organisation): kept as
     * provisional from {@link #PROVISIONAL_FROM}, only while the copy knows nothing of the unit, and
     * dropped by the unit's first real snapshot.
     */
    public void seed(UUID id, UUID parentId, String name, String type) {
        try (Connection c = dataSource.getConnection()) {
            lock(c, id);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO orgcopy_version (org_unit_id, valid_from, parent_id, name, type, active, provisional)
                    SELECT ?, ?, ?, ?, ?, TRUE, TRUE
                    WHERE NOT EXISTS (SELECT 1 FROM orgcopy_version WHERE org_unit_id = ?)""")) {
                ps.setObject(1, id);
                ps.setObject(2, PROVISIONAL_FROM);
                ps.setObject(3, parentId);
                ps.setString(4, name);
                ps.setString(5, type);
                ps.setObject(6, id);
                ps.executeUpdate();
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot store org unit " + id, ex);
        }
    }

    /** Whether the copy has any snapshot of the unit. */
    public boolean knows(UUID id) {
        return !list("SELECT 1 FROM orgcopy_version WHERE org_unit_id = ? LIMIT 1", rs -> 1, id)
                .isEmpty();
    }

    /** The unit as last published. */
    public Optional<OrgUnit> unit(UUID id) {
        return list(
                        "SELECT " + COLUMNS + " FROM orgcopy_version WHERE org_unit_id = ? AND valid_to IS NULL",
                        OrgCopy::unit,
                        id)
                .stream()
                .findFirst();
    }

    /** The unit as it stood on {@code day}; empty before its first snapshot. */
    public Optional<OrgUnit> unitOn(UUID id, LocalDate day) {
        return list(
                        "SELECT " + COLUMNS + " FROM orgcopy_version WHERE org_unit_id = ? AND " + ON_DAY,
                        OrgCopy::unit,
                        id,
                        day,
                        day)
                .stream()
                .findFirst();
    }

    /** Every snapshot of the unit, oldest first. */
    public List<OrgUnit> versions(UUID id) {
        return list(
                "SELECT " + COLUMNS + " FROM orgcopy_version WHERE org_unit_id = ? ORDER BY valid_from",
                OrgCopy::unit,
                id);
    }

    public Optional<String> name(UUID id) {
        return unit(id).map(OrgUnit::name);
    }

    public Optional<String> nameOn(UUID id, LocalDate day) {
        return unitOn(id, day).map(OrgUnit::name);
    }

    /** The unit's parent as last published; empty for a root or an unknown unit. */
    public Optional<UUID> parent(UUID id) {
        return unit(id).map(OrgUnit::parentId);
    }

    public Optional<UUID> parentOn(UUID id, LocalDate day) {
        return unitOn(id, day).map(OrgUnit::parentId);
    }

    /** Of the given units, those the copy knows, each with whether it is active as last published. */
    public Map<UUID, Boolean> activeByUnit(Collection<UUID> ids) {
        return active("valid_to IS NULL", ids);
    }

    /** Of the given units, those that existed on {@code day}, each with whether it was active then. */
    public Map<UUID, Boolean> activeByUnitOn(Collection<UUID> ids, LocalDate day) {
        return active(ON_DAY, ids, day, day);
    }

    /**
     * The given units and every unit under them as last published (closed ones included). The given
     * units are in it even when the copy does not know them.
     */
    public Set<UUID> subtree(Collection<UUID> roots) {
        return down(roots, null);
    }

    /** The given units and every unit under them on {@code day}. */
    public Set<UUID> subtreeOn(Collection<UUID> roots, LocalDate day) {
        return down(roots, Objects.requireNonNull(day, "day"));
    }

    /** The unit and its ancestors as last published, nearest first (the unit alone when the copy does not know it). */
    public List<UUID> ancestors(UUID id) {
        return up(id, null);
    }

    /** The unit and its ancestors on {@code day}, nearest first (the unit alone when it did not exist then). */
    public List<UUID> ancestorsOn(UUID id, LocalDate day) {
        return up(id, Objects.requireNonNull(day, "day"));
    }

    /** The whole tree as last published, in memory (for roll-ups that walk it many times). */
    public OrgTree tree() {
        Map<UUID, UUID> parents = new HashMap<>();
        Map<UUID, String> names = new HashMap<>();
        for (OrgUnit u : list("SELECT " + COLUMNS + " FROM orgcopy_version WHERE valid_to IS NULL", OrgCopy::unit)) {
            parents.put(u.id(), u.parentId());
            names.put(u.id(), u.name());
        }
        return new OrgTree(parents, names);
    }

    /** Every kept snapshot, in memory (for statistics that place many facts on the day they happened). */
    public OrgHistory history() {
        return new OrgHistory(list("SELECT " + COLUMNS + " FROM orgcopy_version", OrgCopy::unit).stream()
                .map(u -> new OrgHistory.Version(u.id(), u.validFrom(), u.parentId(), u.name(), u.type(), u.active()))
                .toList());
    }

    private Map<UUID, Boolean> active(String when, Collection<UUID> ids, Object... day) {
        Map<UUID, Boolean> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT org_unit_id, active FROM orgcopy_version WHERE org_unit_id = ANY (?) AND " + when)) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            bind(ps, 2, day);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject("org_unit_id", UUID.class), rs.getBoolean("active"));
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read org units", ex);
        }
        return out;
    }

    /** {@code v}'s snapshot that is the latest ({@code day} null) or valid on the day (two parameters). */
    private static String valid(LocalDate day) {
        return day == null ? "v.valid_to IS NULL" : "v.valid_from <= ? AND (v.valid_to IS NULL OR v.valid_to > ?)";
    }

    private Set<UUID> down(Collection<UUID> roots, LocalDate day) {
        if (roots.isEmpty()) {
            return Set.of();
        }
        // UNION (not ALL) stops at a unit already reached, so even a cyclic copy ends
        String sql = """
                WITH RECURSIVE t(id) AS (
                    SELECT unnest(?::uuid[])
                    UNION
                    SELECT v.org_unit_id FROM orgcopy_version v JOIN t ON v.parent_id = t.id WHERE %s
                ) SELECT id FROM t""".formatted(valid(day));
        Set<UUID> out = new LinkedHashSet<>(roots);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", roots.toArray()));
            bind(ps, 2, days(day));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject("id", UUID.class));
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read org units", ex);
        }
        return out;
    }

    private List<UUID> up(UUID id, LocalDate day) {
        String sql = """
                WITH RECURSIVE up(id, parent_id, depth) AS (
                    SELECT v.org_unit_id, v.parent_id, 0 FROM orgcopy_version v WHERE v.org_unit_id = ? AND %1$s
                    UNION ALL
                    SELECT v.org_unit_id, v.parent_id, up.depth + 1 FROM orgcopy_version v JOIN up ON v.org_unit_id = up.parent_id
                    WHERE up.depth < %2$d AND %1$s
                ) SELECT id FROM up ORDER BY depth""".formatted(valid(day), MAX_DEPTH);
        LinkedHashSet<UUID> chain = new LinkedHashSet<>();
        chain.add(id);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            bind(ps, bind(ps, 2, days(day)), days(day));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID u = rs.getObject("id", UUID.class);
                    if (!u.equals(id) && !chain.add(u)) {
                        break; // a cycle in a broken copy ends the chain at the first repeat
                    }
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read org units", ex);
        }
        return List.copyOf(chain);
    }

    private static Object[] days(LocalDate day) {
        return day == null ? new Object[0] : new Object[] {day, day};
    }

    /** Binds {@code values} from parameter {@code at}; returns the next parameter's index. */
    private static int bind(PreparedStatement ps, int at, Object... values) throws SQLException {
        for (Object v : values) {
            ps.setObject(at++, v);
        }
        return at;
    }

    /** Serialises changes to one unit's snapshots (their validity chain) within the caller's transaction. */
    private static void lock(Connection c, UUID unit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, unit.getMostSignificantBits() ^ unit.getLeastSignificantBits());
            ps.execute();
        }
    }

    /** Each snapshot of the unit is valid until the next one's day; the latest has no end. */
    private static void chain(Connection c, UUID unit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE orgcopy_version v SET valid_to = n.next
                FROM (SELECT valid_from, lead(valid_from) OVER (ORDER BY valid_from) AS next
                      FROM orgcopy_version WHERE org_unit_id = ?) n
                WHERE v.org_unit_id = ? AND v.valid_from = n.valid_from AND v.valid_to IS DISTINCT FROM n.next""")) {
            ps.setObject(1, unit);
            ps.setObject(2, unit);
            ps.executeUpdate();
        }
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> list(String sql, Row<T> row, Object... params) {
        List<T> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, 1, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.map(rs));
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read org units", ex);
        }
        return out;
    }

    private static OrgUnit unit(ResultSet rs) throws SQLException {
        return new OrgUnit(
                rs.getObject("org_unit_id", UUID.class),
                rs.getObject("parent_id", UUID.class),
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("type"),
                rs.getBoolean("active"),
                rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_to", LocalDate.class));
    }
}
