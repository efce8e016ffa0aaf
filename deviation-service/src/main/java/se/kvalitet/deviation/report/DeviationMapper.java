package se.kvalitet.deviation.report;

import java.util.List;

/** Entity to and from the API model; entities never leave the service. */
public final class DeviationMapper {

    private DeviationMapper() {}

    /** The whole report, as those who work on the case see it. */
    public static DeviationResponse toResponse(Deviation d) {
        return toResponse(d, true);
    }

    /**
     * The report; {@code caseView} false is the filer's view (a reporter or case-management system
     * that does not work on the case): what it submitted, the stage and the closing feedback, without
     * the triage categories and tracks.
     */
    public static DeviationResponse toResponse(Deviation d, boolean caseView) {
        return new DeviationResponse(
                d.id,
                d.summary,
                d.description,
                d.occurredAt,
                d.noticedAt,
                d.orgUnitId,
                List.copyOf(d.involvedOrgUnitIds),
                d.suggestedCategory,
                d.immediateActions,
                d.channel,
                d.externalSource == null ? null : new ExternalReference(d.externalSource, d.externalId),
                d.affectedPersonRef,
                d.status,
                caseView ? d.categories() : null,
                caseView ? tracks(d) : null,
                d.feedbackToReporter,
                d.createdAt,
                d.updatedAt,
                d.closedAt);
    }

    static List<DeviationResponse.Track> tracks(Deviation d) {
        return d.tracks.stream()
                .map(t -> new DeviationResponse.Track(t.id, t.category, t.state(), t.openedAt, t.closedAt))
                .toList();
    }

    public static DeviationSummary toSummary(Deviation d, boolean caseView) {
        return new DeviationSummary(
                d.id,
                d.summary,
                d.orgUnitId,
                List.copyOf(d.involvedOrgUnitIds),
                d.occurredAt,
                d.channel,
                d.externalSource == null ? null : new ExternalReference(d.externalSource, d.externalId),
                d.status,
                caseView ? d.categories() : null,
                d.createdAt,
                d.updatedAt,
                d.closedAt);
    }

    public static MyDeviation toMine(Deviation d) {
        return new MyDeviation(
                d.id,
                d.summary,
                d.orgUnitId,
                d.occurredAt,
                d.createdAt,
                d.status,
                d.status.swedish,
                d.feedbackToReporter,
                d.closedAt,
                d.updatedAt);
    }
}
