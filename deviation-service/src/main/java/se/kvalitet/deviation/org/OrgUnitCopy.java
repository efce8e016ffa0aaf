package se.kvalitet.deviation.org;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import se.kvalitet.events.registry.OrgUnitChangedV1;

/**
 * The organisation tree as process-registry-service last published it ({@link OrgUnitChangedV1}
 * snapshots; the one with the latest {@code validFrom} wins whatever order they arrive in). Used to
 * widen a unit manager's units from the token to everything under them.
 */
@ApplicationScoped
public class OrgUnitCopy {

    @Inject
    DataSource dataSource;

    /** Applies a snapshot inside the inbox's transaction. */
    public void apply(OrgUnitChangedV1 e) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO org_unit_copy (id, parent_id, name, type, valid_from, active, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET parent_id = EXCLUDED.parent_id, name = EXCLUDED.name,
                            type = EXCLUDED.type, valid_from = EXCLUDED.valid_from, active = EXCLUDED.active,
                            updated_at = EXCLUDED.updated_at
                        WHERE org_unit_copy.valid_from <= EXCLUDED.valid_from""")) {
            ps.setObject(1, e.orgUnitId());
            ps.setObject(2, e.parentId());
            ps.setString(3, e.name());
            ps.setString(4, e.type());
            ps.setObject(5, e.validFrom());
            ps.setBoolean(6, e.active());
            ps.setTimestamp(7, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot store org unit", ex);
        }
    }

    /**
     * A unit of a known organisation before the registry has published it (the demo organisation's
     * fixed ids): kept with a {@code valid_from} older than any snapshot, so the registry's own
     * snapshot replaces it whenever it arrives, and never overwrites one that did.
     */
    public void placeholder(UUID id, UUID parentId, String name, String type) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO org_unit_copy (id, parent_id, name, type, valid_from, active, updated_at)
                        VALUES (?, ?, ?, ?, DATE '1900-01-01', TRUE, now()) ON CONFLICT (id) DO NOTHING""")) {
            ps.setObject(1, id);
            ps.setObject(2, parentId);
            ps.setString(3, name);
            ps.setString(4, type);
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot store org unit", ex);
        }
    }

    /** Of the given units, those the copy knows, each with whether it is active (not closed). */
    public Map<UUID, Boolean> known(Collection<UUID> ids) {
        Map<UUID, Boolean> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, active FROM org_unit_copy WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class), rs.getBoolean(2));
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read org units", ex);
        }
        return out;
    }

    /** The given units and every unit under them (closed units included: their reports stay visible). */
    public Set<UUID> withDescendants(Collection<UUID> roots) {
        if (roots.isEmpty()) {
            return Set.of();
        }
        Map<UUID, List<UUID>> children = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, parent_id FROM org_unit_copy WHERE parent_id IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                children.computeIfAbsent(rs.getObject(2, UUID.class), k -> new ArrayList<>()).add(rs.getObject(1, UUID.class));
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read org units", ex);
        }
        Set<UUID> out = new HashSet<>();
        List<UUID> todo = new ArrayList<>(roots);
        while (!todo.isEmpty()) {
            UUID u = todo.remove(todo.size() - 1);
            if (out.add(u)) {
                todo.addAll(children.getOrDefault(u, List.of()));
            }
        }
        return out;
    }

    /** The unit and its ancestors, nearest first (the unit alone when the copy does not know it). */
    public List<UUID> withAncestors(UUID unit) {
        List<UUID> chain = new ArrayList<>();
        UUID at = unit;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT parent_id FROM org_unit_copy WHERE id = ?")) {
            while (at != null && !chain.contains(at) && chain.size() < 50) {
                chain.add(at);
                ps.setObject(1, at);
                try (ResultSet rs = ps.executeQuery()) {
                    at = rs.next() ? rs.getObject(1, UUID.class) : null;
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read org units", ex);
        }
        return chain;
    }
}
