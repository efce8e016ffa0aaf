package se.kvalitet.followup.org;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import se.kvalitet.events.registry.OrgUnitChangedV1;
import se.kvalitet.followup.domain.OrgTree;

/**
 * The local copy of the organisation tree (owned by process-registry-service), kept from its
 * {@link OrgUnitChangedV1} snapshots. The copy holds each unit as it stands now: the latest
 * snapshot by {@code validFrom} wins, whatever order snapshots arrive in. Closed units stay (their
 * history still rolls up where they were).
 */
@ApplicationScoped
public class OrgUnits {

    @Inject
    DataSource dataSource;

    public OrgTree tree() {
        Map<UUID, UUID> parents = new HashMap<>();
        Map<UUID, String> names = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, parent_id, name FROM org_unit");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                parents.put(id, rs.getObject(2, UUID.class));
                names.put(id, rs.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read org units", e);
        }
        return new OrgTree(parents, names);
    }

    /**
     * Seeds one unit of the local copy where none is kept yet (demo data): a placeholder the
     * registry's own snapshots replace, since it has no {@code valid_from}.
     */
    public void seedInNewTransaction(UUID id, UUID parentId, String name, String kind) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("""
                            INSERT INTO org_unit (id, parent_id, name, kind, updated_at) VALUES (?, ?, ?, ?, now())
                            ON CONFLICT (id) DO NOTHING""")) {
                ps.setObject(1, id);
                ps.setObject(2, parentId);
                ps.setString(3, name);
                ps.setString(4, kind);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot store org unit", e);
            }
        });
    }

    /** Applies a registry snapshot (inside the inbox's transaction); an older snapshot than the one kept is ignored. */
    public void apply(OrgUnitChangedV1 e) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO org_unit (id, parent_id, name, kind, valid_from, active, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, now())
                        ON CONFLICT (id) DO UPDATE SET parent_id = EXCLUDED.parent_id, name = EXCLUDED.name,
                            kind = EXCLUDED.kind, valid_from = EXCLUDED.valid_from, active = EXCLUDED.active, updated_at = now()
                        WHERE org_unit.valid_from IS NULL OR org_unit.valid_from <= EXCLUDED.valid_from""")) {
            ps.setObject(1, e.orgUnitId());
            ps.setObject(2, e.parentId());
            ps.setString(3, e.name());
            ps.setString(4, e.type());
            ps.setObject(5, e.validFrom());
            ps.setBoolean(6, e.active());
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot store org unit", ex);
        }
    }
}
