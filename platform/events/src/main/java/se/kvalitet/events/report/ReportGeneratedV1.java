package se.kvalitet.events.report;

import java.time.Instant;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A draft version of a yearly report was generated from the read models. Carries ids, the period,
 * the content hash and counts only; the document itself is fetched from report-service.
 *
 * @param reportId      the report (aggregate id)
 * @param versionId     the generated version
 * @param versionNumber 1, 2, ... within the report
 * @param kind          kvalitetsberättelse or patientsäkerhetsberättelse
 * @param year          the calendar year reported on
 * @param orgUnitId     the organisation (e.g. the board) the report covers, with its subtree
 * @param contentHash   SHA-256 (hex) of the version's canonical JSON content
 * @param deviationCount distinct deviation reports counted in the report
 * @param generatedAt   when generation finished
 */
@EventType(value = ReportGeneratedV1.TYPE, topic = Topics.REPORT)
public record ReportGeneratedV1(
        UUID reportId,
        UUID versionId,
        int versionNumber,
        ReportKind kind,
        int year,
        UUID orgUnitId,
        String contentHash,
        long deviationCount,
        Instant generatedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.report.generated.v1";

    @Override
    public String aggregateId() {
        return reportId.toString();
    }
}
