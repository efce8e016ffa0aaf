package se.kvalitet.events.report;

import java.time.Instant;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * The quality team approved a version of a yearly report: it is frozen (immutable, fetchable
 * forever) under its content hash. Who approved stays in report-service.
 *
 * @param reportId      the report (aggregate id)
 * @param versionId     the approved version
 * @param versionNumber its number within the report
 * @param kind          kvalitetsberättelse or patientsäkerhetsberättelse
 * @param year          the calendar year reported on
 * @param orgUnitId     the organisation the report covers
 * @param contentHash   SHA-256 (hex) of the frozen canonical JSON content
 * @param pdfHash       SHA-256 (hex) of the frozen PDF/A document
 * @param approvedAt    when it was approved
 */
@EventType(value = ReportApprovedV1.TYPE, topic = Topics.REPORT)
public record ReportApprovedV1(
        UUID reportId,
        UUID versionId,
        int versionNumber,
        ReportKind kind,
        int year,
        UUID orgUnitId,
        String contentHash,
        String pdfHash,
        Instant approvedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.report.approved.v1";

    @Override
    public String aggregateId() {
        return reportId.toString();
    }
}
