package se.kvalitet.report.readmodel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.registry.DocumentApprovedV1;
import se.kvalitet.events.registry.DocumentReviewOverdueV1;
import se.kvalitet.events.registry.DocumentReviewedV1;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.DocumentWithdrawnV1;
import se.kvalitet.events.registry.MeasureStatus;
import se.kvalitet.events.registry.OrgUnitChangedV1;
import se.kvalitet.events.registry.RequirementRef;
import se.kvalitet.events.registry.RiskAssessedV1;
import se.kvalitet.events.registry.UnitCoverageChangedV1;
import se.kvalitet.orgcopy.OrgCopy;

/**
 * process-registry-service's facts: the organisation's history (org-unit snapshots, kept by platform/orgcopy), steering
 * documents in force and their reviews, risk assessments and requirement coverage. Every write is
 * guarded by the version, assessment number or computation time the event carries, so an older
 * event arriving late never overwrites a newer state.
 */
@ApplicationScoped
public class RegistryProjection implements Projection {

    public static final String CONSUMER = "report.registry-facts";

    @Inject
    OrgCopy orgUnits;

    @Inject
    EntityManager em;

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public String topic() {
        return Topics.REGISTRY;
    }

    @Override
    public List<String> tables() {
        return List.of(
                "orgcopy_version",
                "registry_document",
                "registry_document_unit",
                "registry_document_review",
                "registry_document_in_force",
                "registry_risk",
                "registry_risk_assessment",
                "registry_unit_coverage",
                "registry_unit_coverage_gap");
    }

    @Override
    public void apply(EventEnvelope env) {
        switch (env.type()) {
            case OrgUnitChangedV1.TYPE -> orgUnits.apply(EventCodec.data(env, OrgUnitChangedV1.class));
            case DocumentApprovedV1.TYPE -> approved(EventCodec.data(env, DocumentApprovedV1.class));
            case DocumentReviewOverdueV1.TYPE -> reviewOverdue(EventCodec.data(env, DocumentReviewOverdueV1.class));
            case DocumentReviewedV1.TYPE -> reviewed(EventCodec.data(env, DocumentReviewedV1.class));
            case DocumentWithdrawnV1.TYPE -> withdrawn(EventCodec.data(env, DocumentWithdrawnV1.class));
            case RiskAssessedV1.TYPE -> risk(EventCodec.data(env, RiskAssessedV1.class));
            case UnitCoverageChangedV1.TYPE -> coverage(EventCodec.data(env, UnitCoverageChangedV1.class));
            default -> {
                // superseded (the newer approval already replaced the row), review due: not needed by reports
            }
        }
    }

    void approved(DocumentApprovedV1 e) {
        boolean cooperation = e.documentType() == DocumentType.COOPERATION_AGREEMENT
                || !e.cooperationPartnerKinds().isEmpty();
        UUID unit = e.ownerOrgUnitId() != null
                ? e.ownerOrgUnitId()
                : e.orgUnitIds().stream().findFirst().orElse(null);
        int changed = em.createNativeQuery("""
                INSERT INTO registry_document (document_id, kind, org_unit_id, approved_on, next_review_on, review_overdue,
                                               cooperation, version, process_category, in_force, valid_from, requirement_count,
                                               first_in_force_on)
                VALUES (:id, :kind, :unit, :decided, :next, FALSE, :coop, :version, :category, TRUE, :from, :requirements,
                        :from)
                ON CONFLICT (document_id) DO UPDATE SET kind = excluded.kind, org_unit_id = excluded.org_unit_id,
                    first_in_force_on = CASE WHEN registry_document.withdrawn_on IS NOT NULL
                                                  AND registry_document.withdrawn_on <= excluded.valid_from
                                             THEN excluded.valid_from
                                             ELSE least(registry_document.first_in_force_on, excluded.valid_from) END,
                    approved_on = excluded.approved_on, next_review_on = excluded.next_review_on, review_overdue = FALSE,
                    cooperation = excluded.cooperation, version = excluded.version,
                    process_category = excluded.process_category, in_force = TRUE, withdrawn_on = NULL,
                    valid_from = excluded.valid_from, requirement_count = excluded.requirement_count
                WHERE registry_document.version < excluded.version""")
                .setParameter("id", e.documentId())
                .setParameter("kind", e.documentType().name())
                .setParameter("unit", unit)
                .setParameter("decided", e.decidedOn())
                .setParameter("next", e.nextReviewDate())
                .setParameter("coop", cooperation)
                .setParameter("version", e.version())
                .setParameter(
                        "category",
                        e.processCategory() == null ? null : e.processCategory().name())
                .setParameter("from", e.validFrom())
                .setParameter("requirements", e.requirements().size())
                .executeUpdate();
        if (changed == 1 && e.validFrom() != null) {
            inForceFrom(e.documentId(), e.validFrom());
        }
        reviewDue(e.documentId(), e.version(), e.nextReviewDate(), e.validFrom());
        em.createNativeQuery("""
                UPDATE registry_document_review SET cleared_on = :from
                WHERE document_id = :id AND version < :version AND (cleared_on IS NULL OR cleared_on > :from)""")
                .setParameter("id", e.documentId())
                .setParameter("version", e.version())
                .setParameter("from", e.validFrom())
                .executeUpdate();
        if (changed == 1) {
            em.createNativeQuery("DELETE FROM registry_document_unit WHERE document_id = :id")
                    .setParameter("id", e.documentId())
                    .executeUpdate();
            for (UUID u : e.orgUnitIds().isEmpty() && unit != null ? List.of(unit) : e.orgUnitIds()) {
                em.createNativeQuery("""
                        INSERT INTO registry_document_unit (document_id, org_unit_id) VALUES (:id, :unit)
                        ON CONFLICT DO NOTHING""")
                        .setParameter("id", e.documentId())
                        .setParameter("unit", u)
                        .executeUpdate();
            }
        }
    }

    /** Issue 16 item 3: a review date a version has (kept with the day it stops being due, for "as of" answers). */
    private void reviewDue(UUID document, int version, LocalDate reviewDate, LocalDate inForceFrom) {
        if (reviewDate == null) {
            return;
        }
        em.createNativeQuery("""
                INSERT INTO registry_document_review (document_id, version, review_date, in_force_from)
                VALUES (:id, :version, :date, :from)
                ON CONFLICT (document_id, version, review_date) DO UPDATE
                    SET in_force_from = coalesce(registry_document_review.in_force_from, excluded.in_force_from)""")
                .setParameter("id", document)
                .setParameter("version", version)
                .setParameter("date", reviewDate)
                .setParameter("from", inForceFrom)
                .executeUpdate();
    }

    /** The version's review dates up to {@code upTo} (every version's and date when null) stop being due on {@code on}. */
    private void reviewsCleared(UUID document, Integer version, LocalDate upTo, LocalDate on) {
        var update = em.createNativeQuery("UPDATE registry_document_review SET cleared_on = :on WHERE document_id = :id"
                        + (version == null ? "" : " AND version = :version AND review_date <= :upTo")
                        + " AND (cleared_on IS NULL OR cleared_on > :on)")
                .setParameter("id", document)
                .setParameter("on", on);
        if (version != null) {
            update.setParameter("version", version).setParameter("upTo", upTo);
        }
        update.executeUpdate();
    }

    void reviewOverdue(DocumentReviewOverdueV1 e) {
        reviewDue(e.documentId(), e.version(), e.nextReviewDate(), null);
        em.createNativeQuery("""
                UPDATE registry_document SET review_overdue = TRUE
                WHERE document_id = :id AND version = :version AND in_force
                  AND next_review_on IS NOT DISTINCT FROM :date""")
                .setParameter("id", e.documentId())
                .setParameter("version", e.version())
                .setParameter("date", e.nextReviewDate())
                .executeUpdate();
    }

    void reviewed(DocumentReviewedV1 e) {
        if (e.reviewedOn() != null) {
            LocalDate upTo = e.previousReviewDate() != null ? e.previousReviewDate() : e.reviewedOn();
            reviewsCleared(e.documentId(), e.version(), upTo, e.reviewedOn());
        }
        reviewDue(e.documentId(), e.version(), e.nextReviewDate(), null);
        em.createNativeQuery("""
                UPDATE registry_document SET review_overdue = FALSE, next_review_on = :next, last_reviewed_on = :on
                WHERE document_id = :id AND version = :version
                  AND (last_reviewed_on IS NULL OR last_reviewed_on <= :on)""")
                .setParameter("id", e.documentId())
                .setParameter("version", e.version())
                .setParameter("next", e.nextReviewDate())
                .setParameter("on", e.reviewedOn())
                .executeUpdate();
    }

    void withdrawn(DocumentWithdrawnV1 e) {
        if (e.withdrawnOn() != null) {
            reviewsCleared(e.documentId(), null, null, e.withdrawnOn());
        }
        int changed = em.createNativeQuery("""
                INSERT INTO registry_document (document_id, kind, version, in_force, withdrawn_on)
                VALUES (:id, :kind, :version, FALSE, :on)
                ON CONFLICT (document_id) DO UPDATE SET in_force = FALSE, withdrawn_on = excluded.withdrawn_on,
                    review_overdue = FALSE
                WHERE registry_document.version <= excluded.version""")
                .setParameter("id", e.documentId())
                .setParameter("kind", e.documentType().name())
                .setParameter("version", e.version())
                .setParameter("on", e.withdrawnOn())
                .executeUpdate();
        if (changed == 1) {
            // the open period ends on the withdrawal day (the registry's day, else the day it was recorded)
            em.createNativeQuery("""
                    UPDATE registry_document_in_force SET in_force_to = greatest(in_force_from, :on)
                    WHERE document_id = :id AND in_force_to IS NULL""")
                    .setParameter("id", e.documentId())
                    .setParameter(
                            "on",
                            e.withdrawnOn() != null
                                    ? e.withdrawnOn()
                                    : LocalDate.ofInstant(e.withdrawnAt(), ZoneId.of("Europe/Stockholm")))
                    .executeUpdate();
        }
    }

    /**
     * Issue 16 item 3: an approval in force from {@code from} opens a period unless one is open (a newer version of a
     * document in force continues its period; one in force from an earlier day moves the start back).
     */
    private void inForceFrom(UUID document, LocalDate from) {
        int open = em.createNativeQuery("""
                UPDATE registry_document_in_force SET in_force_from = least(in_force_from, :from)
                WHERE document_id = :id AND in_force_to IS NULL""")
                .setParameter("id", document)
                .setParameter("from", from)
                .executeUpdate();
        if (open == 0) {
            em.createNativeQuery("""
                    INSERT INTO registry_document_in_force (document_id, in_force_from) VALUES (:id, :from)
                    ON CONFLICT (document_id, in_force_from) DO UPDATE SET in_force_to = NULL""")
                    .setParameter("id", document)
                    .setParameter("from", from)
                    .executeUpdate();
        }
    }

    void risk(RiskAssessedV1 e) {
        long open = e.measures().stream()
                .filter(m -> m.status() != MeasureStatus.DONE && m.status() != MeasureStatus.CANCELLED)
                .count();
        em.createNativeQuery("""
                INSERT INTO registry_risk (risk_id, org_unit_id, assessed_on, likelihood, consequence, risk_analysis_id,
                                           assessment, score, matrix_class, status, subject_kind, open_measures)
                VALUES (:id, :unit, :on, :l, :c, :analysis, :n, :score, :class, :status, :subject, :open)
                ON CONFLICT (risk_id) DO UPDATE SET org_unit_id = excluded.org_unit_id, assessed_on = excluded.assessed_on,
                    likelihood = excluded.likelihood, consequence = excluded.consequence, assessment = excluded.assessment,
                    score = excluded.score, matrix_class = excluded.matrix_class, status = excluded.status,
                    subject_kind = excluded.subject_kind, open_measures = excluded.open_measures
                WHERE registry_risk.assessment < excluded.assessment""")
                .setParameter("id", e.riskId())
                .setParameter("unit", e.orgUnitId())
                .setParameter("on", e.assessedOn())
                .setParameter("l", e.likelihood())
                .setParameter("c", e.consequence())
                .setParameter("analysis", e.riskAnalysisId())
                .setParameter("n", e.assessment())
                .setParameter("score", e.score())
                .setParameter("class", e.matrixClass().name())
                .setParameter("status", e.status() == null ? null : e.status().name())
                .setParameter(
                        "subject",
                        e.subjectKind() == null ? null : e.subjectKind().name())
                .setParameter("open", (int) open)
                .executeUpdate();
        em.createNativeQuery("""
                INSERT INTO registry_risk_assessment (risk_id, assessment, org_unit_id, assessed_on, score, matrix_class)
                VALUES (:id, :n, :unit, :on, :score, :class) ON CONFLICT DO NOTHING""")
                .setParameter("id", e.riskId())
                .setParameter("n", e.assessment())
                .setParameter("unit", e.orgUnitId())
                .setParameter("on", e.assessedOn())
                .setParameter("score", e.score())
                .setParameter("class", e.matrixClass().name())
                .executeUpdate();
    }

    void coverage(UnitCoverageChangedV1 e) {
        int changed = em.createNativeQuery("""
                INSERT INTO registry_unit_coverage (org_unit_id, as_of, applicable_count, covered_count, documents_in_force,
                                                    computed_at)
                VALUES (:unit, :asOf, :applicable, :covered, :docs, :at)
                ON CONFLICT (org_unit_id) DO UPDATE SET as_of = excluded.as_of, applicable_count = excluded.applicable_count,
                    covered_count = excluded.covered_count, documents_in_force = excluded.documents_in_force,
                    computed_at = excluded.computed_at
                WHERE registry_unit_coverage.computed_at <= excluded.computed_at""")
                .setParameter("unit", e.orgUnitId())
                .setParameter("asOf", e.asOf())
                .setParameter("applicable", e.applicableCount())
                .setParameter("covered", e.coveredRequirementItemIds().size())
                .setParameter("docs", e.documentsInForceCount())
                .setParameter("at", Timestamp.from(e.computedAt()))
                .executeUpdate();
        if (changed == 1) {
            em.createNativeQuery("DELETE FROM registry_unit_coverage_gap WHERE org_unit_id = :unit")
                    .setParameter("unit", e.orgUnitId())
                    .executeUpdate();
            for (RequirementRef gap : e.gaps()) {
                em.createNativeQuery("""
                        INSERT INTO registry_unit_coverage_gap (org_unit_id, requirement_item_id, regulation_code, reference)
                        VALUES (:unit, :item, :code, :ref) ON CONFLICT DO NOTHING""")
                        .setParameter("unit", e.orgUnitId())
                        .setParameter("item", gap.requirementItemId())
                        .setParameter("code", gap.regulationCode())
                        .setParameter("ref", gap.reference())
                        .executeUpdate();
            }
        }
    }
}
