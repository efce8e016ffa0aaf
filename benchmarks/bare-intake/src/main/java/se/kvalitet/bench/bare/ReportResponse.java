package se.kvalitet.bench.bare;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the endpoint answers: the stored report. */
public record ReportResponse(
        UUID id,
        String summary,
        String description,
        Instant occurredAt,
        Instant noticedAt,
        UUID orgUnitId,
        List<UUID> involvedOrgUnitIds,
        String suggestedCategory,
        String immediateActions,
        ReportRequest.ExternalReference externalReference,
        String affectedPersonRef,
        Instant createdAt,
        long version) {

    static ReportResponse of(Report r) {
        return new ReportResponse(
                r.id,
                r.summary,
                r.description,
                r.occurredAt,
                r.noticedAt,
                r.orgUnitId,
                List.copyOf(r.involvedOrgUnitIds),
                r.suggestedCategory,
                r.immediateActions,
                r.externalSource == null ? null : new ReportRequest.ExternalReference(r.externalSource, r.externalId),
                r.affectedPersonRef,
                r.createdAt,
                r.version);
    }
}
