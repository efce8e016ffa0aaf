package se.kvalitet.deviation.rootcause;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import se.kvalitet.events.registry.DocumentApprovedV1;
import se.kvalitet.events.registry.DocumentSupersededV1;
import se.kvalitet.events.registry.DocumentWithdrawnV1;

/**
 * The steering documents of process-registry-service as its document events describe them (ids,
 * types, versions, units and dates; never their text), so that a root cause can only point at a
 * routine that exists. Events may arrive in any order: the highest version approved wins, and a
 * withdrawal counts while no later version was approved.
 */
@ApplicationScoped
public class RoutineCopy {

    /** What the copy knows of one document. */
    public record Document(UUID id, String type, int currentVersion, LocalDate firstValidFrom, LocalDate withdrawnOn) {
        public boolean isRoutine() {
            return "ROUTINE".equals(type);
        }
    }

    @Inject
    DataSource dataSource;

    public void apply(DocumentApprovedV1 e) {
        upsert(e.documentId(), e.documentType().name(), e.version(), e.validFrom(), e.orgUnitIds());
    }

    public void apply(DocumentSupersededV1 e) {
        // a newer version is in force: the document still exists; make sure it is known
        upsert(e.documentId(), e.documentType().name(), e.supersededByVersion(), null, e.orgUnitIds());
    }

    public void apply(DocumentWithdrawnV1 e) {
        upsert(e.documentId(), e.documentType().name(), e.version(), null, e.orgUnitIds());
        execute(
                "UPDATE routine_copy SET withdrawn_version = ?, withdrawn_on = ? WHERE document_id = ?"
                        + " AND (withdrawn_version IS NULL OR withdrawn_version <= ?)",
                e.version(),
                e.withdrawnOn(),
                e.documentId(),
                e.version());
    }

    public Optional<Document> find(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT document_type, current_version, first_valid_from, withdrawn_version,"
                                + " withdrawn_on FROM routine_copy WHERE document_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int current = rs.getInt(2);
                Integer withdrawnVersion = (Integer) rs.getObject(4);
                LocalDate withdrawnOn = withdrawnVersion != null && withdrawnVersion >= current
                        ? rs.getObject(5, LocalDate.class)
                        : null;
                return Optional.of(
                        new Document(id, rs.getString(1), current, rs.getObject(3, LocalDate.class), withdrawnOn));
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read the routine copy", ex);
        }
    }

    private void upsert(UUID id, String type, int version, LocalDate validFrom, Collection<UUID> units) {
        String unitList = units.stream().map(UUID::toString).sorted().collect(Collectors.joining(","));
        execute("""
                INSERT INTO routine_copy (document_id, document_type, current_version, first_valid_from, org_unit_ids, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (document_id) DO UPDATE SET
                    document_type = EXCLUDED.document_type,
                    first_valid_from = CASE WHEN routine_copy.first_valid_from IS NULL THEN EXCLUDED.first_valid_from
                        WHEN EXCLUDED.first_valid_from IS NULL THEN routine_copy.first_valid_from
                        ELSE LEAST(routine_copy.first_valid_from, EXCLUDED.first_valid_from) END,
                    org_unit_ids = CASE WHEN EXCLUDED.current_version >= routine_copy.current_version
                        THEN EXCLUDED.org_unit_ids ELSE routine_copy.org_unit_ids END,
                    current_version = GREATEST(routine_copy.current_version, EXCLUDED.current_version),
                    updated_at = EXCLUDED.updated_at""", id, type, version, validFrom, unitList, Timestamp.from(Instant.now()));
    }

    private void execute(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot store the routine copy", ex);
        }
    }

    List<UUID> unknown(Collection<UUID> ids) {
        return ids.stream().filter(id -> find(id).isEmpty()).toList();
    }
}
