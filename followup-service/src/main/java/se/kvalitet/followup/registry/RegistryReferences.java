package se.kvalitet.followup.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.events.registry.DocumentApprovedV1;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.DocumentWithdrawnV1;
import se.kvalitet.events.registry.RiskAssessedV1;
import se.kvalitet.events.registry.RiskStatus;
import se.kvalitet.web.Problem.FieldError;
import se.kvalitet.web.ReferenceProblems;

/**
 * The local copy of process-registry-service's routines and risks, kept from its
 * {@code document.approved}, {@code document.withdrawn} and {@code risk.assessed} events (inbox),
 * newest version or assessment winning. Links from egenkontroll plans and internal control items
 * are checked against it: an id the copy knows to be wrong (a withdrawn routine, a document that is
 * not a routine or checklist, a closed risk) is refused; an id it does not know yet is accepted and
 * shown as UNKNOWN, since the registry's event may simply not have arrived.
 */
@ApplicationScoped
public class RegistryReferences {

    /** What the copy knows of a linked routine or risk. */
    public enum LinkStatus {
        IN_FORCE,
        WITHDRAWN,
        UNKNOWN,
        OPEN,
        MITIGATED,
        ACCEPTED,
        CLOSED
    }

    /** A routine link as shown: its status and version (null when unknown). */
    @Schema(name = "RegistryRoutineLink", description = "A linked routine as the copy of the process registry knows it")
    public record RoutineLink(UUID id, LinkStatus status, String documentType, Integer version) {}

    /** A risk link as shown: its status and latest assessment (null when unknown). */
    @Schema(
            name = "RegistryRiskLink",
            description = "A linked risk as the copy of the process registry knows it, with its latest assessment")
    public record RiskLink(UUID id, LinkStatus status, Integer score, String matrixClass, UUID orgUnitId) {}

    @Inject
    DataSource dataSource;

    public void apply(DocumentApprovedV1 e) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO registry_document (document_id, document_type, version, valid_from)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT (document_id) DO UPDATE SET document_type = EXCLUDED.document_type, version = EXCLUDED.version,
                            valid_from = EXCLUDED.valid_from, withdrawn = FALSE, withdrawn_on = NULL, updated_at = now()
                        WHERE registry_document.version < EXCLUDED.version
                           OR (registry_document.version = EXCLUDED.version AND NOT registry_document.withdrawn)""")) {
            ps.setObject(1, e.documentId());
            ps.setString(2, e.documentType().name());
            ps.setInt(3, e.version());
            ps.setObject(4, e.validFrom());
            ps.executeUpdate();
        }
    }

    public void apply(DocumentWithdrawnV1 e) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO registry_document (document_id, document_type, version, withdrawn, withdrawn_on)
                        VALUES (?, ?, ?, TRUE, ?)
                        ON CONFLICT (document_id) DO UPDATE SET withdrawn = TRUE, withdrawn_on = EXCLUDED.withdrawn_on, updated_at = now()
                        WHERE registry_document.version <= EXCLUDED.version""")) {
            ps.setObject(1, e.documentId());
            ps.setString(2, e.documentType().name());
            ps.setInt(3, e.version());
            ps.setObject(4, e.withdrawnOn());
            ps.executeUpdate();
        }
    }

    public void apply(RiskAssessedV1 e) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO registry_risk (risk_id, risk_analysis_id, org_unit_id, assessment, score, matrix_class, status, assessed_on)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (risk_id) DO UPDATE SET org_unit_id = EXCLUDED.org_unit_id, assessment = EXCLUDED.assessment,
                            score = EXCLUDED.score, matrix_class = EXCLUDED.matrix_class, status = EXCLUDED.status,
                            assessed_on = EXCLUDED.assessed_on, updated_at = now()
                        WHERE registry_risk.assessment <= EXCLUDED.assessment""")) {
            ps.setObject(1, e.riskId());
            ps.setObject(2, e.riskAnalysisId());
            ps.setObject(3, e.orgUnitId());
            ps.setInt(4, e.assessment());
            ps.setInt(5, e.score());
            ps.setString(6, e.matrixClass() == null ? null : e.matrixClass().name());
            ps.setString(7, e.status().name());
            ps.setObject(8, e.assessedOn());
            ps.executeUpdate();
        }
    }

    public Map<UUID, RoutineLink> routines(Collection<UUID> ids) {
        Map<UUID, RoutineLink> out = new HashMap<>();
        for (UUID id : ids) {
            out.put(id, new RoutineLink(id, LinkStatus.UNKNOWN, null, null));
        }
        if (ids.isEmpty()) {
            return out;
        }
        query(
                "SELECT document_id, document_type, version, withdrawn FROM registry_document WHERE document_id = ANY (?)",
                ids,
                rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    out.put(
                            id,
                            new RoutineLink(
                                    id,
                                    rs.getBoolean(4) ? LinkStatus.WITHDRAWN : LinkStatus.IN_FORCE,
                                    rs.getString(2),
                                    rs.getInt(3)));
                });
        return out;
    }

    public Map<UUID, RiskLink> risks(Collection<UUID> ids) {
        Map<UUID, RiskLink> out = new HashMap<>();
        for (UUID id : ids) {
            out.put(id, new RiskLink(id, LinkStatus.UNKNOWN, null, null, null));
        }
        if (ids.isEmpty()) {
            return out;
        }
        query(
                "SELECT risk_id, status, score, matrix_class, org_unit_id FROM registry_risk WHERE risk_id = ANY (?)",
                ids,
                rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    int score = rs.getInt(3);
                    out.put(
                            id,
                            new RiskLink(
                                    id,
                                    LinkStatus.valueOf(
                                            RiskStatus.valueOf(rs.getString(2)).name()),
                                    rs.wasNull() ? null : score,
                                    rs.getString(4),
                                    rs.getObject(5, UUID.class)));
                });
        return out;
    }

    /**
     * 422 (unknown-reference) naming every routine the copy does not know, knows is withdrawn, or knows is
     * not a routine or checklist. {@code acceptUnknown}: the service itself (demo data) may link the
     * registry's fixed ids before their events arrive; a caller's link must be one the copy knows.
     */
    public void requireRoutines(String field, Collection<UUID> ids, boolean acceptUnknown) {
        List<FieldError> errors = new ArrayList<>();
        for (RoutineLink l : routines(ids).values()) {
            if (l.status() == LinkStatus.UNKNOWN) {
                if (!acceptUnknown) {
                    errors.add(new FieldError(field, "no routine " + l.id() + " is published by the process registry"));
                }
            } else if (l.status() == LinkStatus.WITHDRAWN) {
                errors.add(new FieldError(field, "routine " + l.id() + " is withdrawn in the process registry"));
            } else if (l.documentType() != null
                    && !l.documentType().equals(DocumentType.ROUTINE.name())
                    && !l.documentType().equals(DocumentType.CHECKLIST.name())) {
                errors.add(
                        new FieldError(field, l.id() + " is a " + l.documentType() + ", not a routine or checklist"));
            }
        }
        if (!errors.isEmpty()) {
            throw ReferenceProblems.unknown(errors);
        }
    }

    /**
     * 422 (unknown-reference) naming every risk the copy does not know (unless {@code acceptUnknown}), knows
     * is closed, or belongs to a unit the caller may not see ({@code visibleUnit}: a risk analysis is read
     * by the unit's own managers and the quality team; a risk of another unit is as unknown as a missing one).
     */
    public void requireRisks(String field, Collection<UUID> ids, boolean acceptUnknown, Predicate<UUID> visibleUnit) {
        List<FieldError> errors = new ArrayList<>();
        for (RiskLink l : risks(ids).values()) {
            if (l.status() == LinkStatus.UNKNOWN) {
                if (!acceptUnknown) {
                    errors.add(new FieldError(field, "no risk " + l.id() + " is published by the process registry"));
                }
            } else if (!visibleUnit.test(l.orgUnitId())) {
                errors.add(new FieldError(field, "no risk " + l.id() + " is published by the process registry"));
            } else if (l.status() == LinkStatus.CLOSED) {
                errors.add(new FieldError(field, "risk " + l.id() + " is closed in the process registry"));
            }
        }
        if (!errors.isEmpty()) {
            throw ReferenceProblems.unknown(errors);
        }
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Collection<UUID> ids, RowHandler handler) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            Array array = c.createArrayOf("uuid", ids.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the registry copy", e);
        }
    }
}
