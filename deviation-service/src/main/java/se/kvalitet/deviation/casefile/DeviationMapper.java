package se.kvalitet.deviation.casefile;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import se.kvalitet.deviation.intake.ReportDeviationRequest;

/** Entity to and from the API model; entities never leave the service. */
public final class DeviationMapper {

    private DeviationMapper() {
    }

    public static Deviation toEntity(ReportDeviationRequest r) {
        Deviation d = new Deviation();
        d.id = UUID.randomUUID();
        d.summary = r.summary().strip();
        d.description = r.description().strip();
        d.occurredAt = r.occurredAt();
        d.noticedAt = r.noticedAt();
        d.orgUnitId = r.orgUnitId();
        d.involvedOrgUnitIds = new LinkedHashSet<>(r.involvedOrgUnitIds() == null ? List.of() : r.involvedOrgUnitIds());
        d.suggestedCategory = r.suggestedCategory();
        d.immediateActions = r.immediateActions() == null ? null : r.immediateActions().strip();
        if (r.externalReference() != null) {
            d.externalSource = r.externalReference().source();
            d.externalId = r.externalReference().id();
        }
        d.affectedPersonRef = r.affectedPersonRef();
        return d;
    }

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
        return new DeviationResponse(d.id, d.summary, d.description, d.occurredAt, d.noticedAt, d.orgUnitId,
                List.copyOf(d.involvedOrgUnitIds), d.suggestedCategory, d.immediateActions, d.channel,
                d.externalSource == null ? null : new ReportDeviationRequest.ExternalReference(d.externalSource, d.externalId),
                d.affectedPersonRef, d.status, caseView ? d.categories() : null, caseView ? tracks(d) : null, d.feedbackToReporter,
                d.createdAt, d.updatedAt, d.closedAt);
    }

    static List<DeviationResponse.Track> tracks(Deviation d) {
        return d.tracks.stream().map(t -> new DeviationResponse.Track(t.id, t.category,
                t.state(), t.openedAt, t.closedAt)).toList();
    }

    public static DeviationSummary toSummary(Deviation d, boolean caseView) {
        return new DeviationSummary(d.id, d.summary, d.orgUnitId, List.copyOf(d.involvedOrgUnitIds), d.occurredAt, d.channel,
                d.externalSource == null ? null : new ReportDeviationRequest.ExternalReference(d.externalSource, d.externalId),
                d.status, caseView ? d.categories() : null, d.createdAt, d.updatedAt, d.closedAt);
    }

    public static MyDeviation toMine(Deviation d) {
        return new MyDeviation(d.id, d.summary, d.orgUnitId, d.occurredAt, d.createdAt, d.status, d.status.swedish,
                d.feedbackToReporter, d.closedAt, d.updatedAt);
    }
}
