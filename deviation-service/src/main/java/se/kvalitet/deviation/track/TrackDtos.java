package se.kvalitet.deviation.track;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.deviation.clock.Deadline;
import se.kvalitet.deviation.clock.DeadlineClock;
import se.kvalitet.deviation.domain.Section;
import se.kvalitet.deviation.domain.TrackKind;
import se.kvalitet.deviation.report.AuthorityNotification;
import se.kvalitet.deviation.report.DeviationTrack;
import se.kvalitet.deviation.report.InvestigationEntry;
import se.kvalitet.deviation.rootcause.TrackRootCause;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.Authority;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.ComplaintChannel;
import se.kvalitet.events.deviation.ComplaintKind;
import se.kvalitet.events.deviation.ComplaintSource;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.NotificationKind;
import se.kvalitet.events.deviation.RootCause;

/** Requests and responses of a track's investigation. */
public final class TrackDtos {

    private TrackDtos() {}

    @Schema(name = "AssignInvestigatorRequest")
    public record AssignRequest(
            @Schema(description = "Username of the investigator (Keycloak preferred_username)", example = "ingrid")
            @NotBlank
            @Size(max = 200)
            @Pattern(regexp = "^[A-Za-z0-9._@-]{1,200}$", message = "must be a username")
            String investigator) {}

    @Schema(
            name = "InvestigationEntryRequest",
            description = "One dated entry: a fact or an assessment, with its source")
    public record EntryRequest(
            @NotNull Section section,
            @NotNull InvestigationEntry.Kind kind,

            @Schema(description = "The day the information refers to or was gathered", example = "2026-09-15") @NotNull
            LocalDate entryDate,

            @Schema(
                    description = "Where it comes from: interview, record, document, observation",
                    example = "Samtal med undersköterska")
            @NotBlank
            @Size(max = 500)
            String source,

            @Schema(description = "The entry", maxLength = 10000) @NotBlank @Size(max = 10000)
            String text) {}

    @Schema(name = "InvestigationEntry")
    public record Entry(
            UUID id,
            Section section,
            InvestigationEntry.Kind kind,
            LocalDate entryDate,
            String source,
            String text,

            @Schema(description = "Username of the author, from the token")
            String author,

            Instant createdAt) {
        public static Entry of(InvestigationEntry e) {
            return new Entry(
                    e.id,
                    e.section,
                    e.kind,
                    e.entryDate,
                    e.source,
                    e.text,
                    e.authorName == null ? e.authorSubject : e.authorName,
                    e.createdAt);
        }
    }

    @Schema(name = "AssessmentRequest")
    public record AssessmentRequest(
            @Schema(
                    description =
                            "Lex Sarah: MISSFORHALLANDE, PATAGLIG_RISK_FOR_MISSFORHALLANDE or INGET_MISSFORHALLANDE; "
                                    + "lex Maria: ALLVARLIG_VARDSKADA, RISK_FOR_ALLVARLIG_VARDSKADA, VARDSKADA or INGEN_VARDSKADA; "
                                    + "personal data breach: NO_RISK, RISK or HIGH_RISK")
            @NotNull
            Assessment assessment,

            @Schema(
                    description =
                            "Lex Sarah: whether it is allvarligt (required); lex Maria: follows from the assessment")
            Boolean serious,

            @Schema(
                    description =
                            "When it was assessed (default now): a serious lex Sarah / lex Maria assessment starts"
                                    + " the IVO notification clock then. Not in the future (5 minutes of clock skew allowed),"
                                    + " not before the deviation occurred",
                    example = "2026-11-21T10:00:00Z")
            Instant assessedAt) {}

    @Schema(name = "AuthorityNotificationRequest", description = "A notification filed with IVO through its e-service")
    public record NotificationRequest(
            @NotNull NotificationKind kind,

            @Schema(
                    description = "When it was sent: the deadline's on-time/late figure is computed from it."
                            + " Not in the future (5 minutes of clock skew allowed), not before the deviation"
                            + " occurred (a notification may precede the report's arrival here)")
            @NotNull
            Instant sentAt,

            @Schema(description = "IVO's reference (diarienummer), when known", example = "3.5.1-12345/2026")
            @Size(max = 100)
            String authorityReference,

            @Schema(description = "Why it was sent after its deadline; required then", maxLength = 4000)
            @Size(max = 4000)
            String lateReason,

            @Schema(description = "The text of the form as sent", maxLength = 20000) @NotBlank @Size(max = 20000)
            String content) {}

    @Schema(name = "AuthorityNotification")
    public record Notification(
            UUID id,
            Authority authority,
            NotificationKind kind,
            Instant clockStartedAt,
            Instant dueAt,
            Instant sentAt,
            boolean onTime,
            String authorityReference,
            String lateReason,

            @Schema(description = "SHA-256 of the frozen snapshot")
            String snapshotSha256,

            Instant createdAt,

            @Schema(description = "What was sent, frozen (JSON); only in the single-notification read")
            String snapshot) {
        public static Notification of(AuthorityNotification n, boolean withSnapshot) {
            return new Notification(
                    n.id,
                    n.authority,
                    n.kind,
                    n.clockStartedAt,
                    n.dueAt,
                    n.sentAt,
                    n.onTime(),
                    n.authorityReference,
                    n.lateReason,
                    n.snapshotSha256,
                    n.createdAt,
                    withSnapshot ? n.snapshot : null);
        }
    }

    @Schema(name = "CompleteTrackRequest")
    public record CompleteRequest(
            @Schema(
                    description = "The position (ställningstagande) or, for other deviations, the analysis",
                    maxLength = 10000)
            @NotBlank
            @Size(max = 10000)
            String position,

            @Schema(
                    description = "When the position was taken (default now): the investigation clock stops then. Not"
                            + " in the future (5 minutes of clock skew allowed), not before the deviation occurred, the"
                            + " assessment or the initial notification",
                    example = "2026-11-27T14:00:00Z")
            Instant completedAt) {}

    @Schema(
            name = "BreachDetailsRequest",
            description =
                    "What a personal data breach (personuppgiftsincident) concerns; " + "fields left out are kept")
    public record BreachRequest(
            @Schema(
                    description = "When the organisation became aware of the breach; the IMY 72 h clock runs from here "
                            + "(default: when the report arrived)")
            Instant awareAt,

            @Schema(description = "Approximate number of data subjects concerned") @PositiveOrZero @Max(100_000_000)
            Integer affectedCount,

            @Schema(description = "Categories of personal data concerned") @Size(max = 10)
            List<DeviationTrack.DataCategory> dataCategories,

            @Schema(description = "When the data subjects of a high-risk breach were told (art. 34)")
            Instant dataSubjectsNotifiedAt,

            @Schema(
                    description = "Why the data subjects of a high-risk breach are not told (art. 34.3)",
                    maxLength = 4000)
            @Size(max = 4000)
            String dataSubjectsNotNotifiedReason) {}

    @Schema(name = "BreachDetails")
    public record Breach(
            Instant awareAt,

            @Schema(description = "When IMY must be notified (72 h after awareness), while it applies")
            Instant imyNotificationDueAt,

            Integer affectedCount,
            List<DeviationTrack.DataCategory> dataCategories,

            @Schema(description = "Whether the data subjects must be told: a high-risk breach")
            boolean dataSubjectsNotificationRequired,

            Instant dataSubjectsNotifiedAt,
            String dataSubjectsNotNotifiedReason) {}

    @Schema(
            name = "ComplaintRegistrationRequest",
            description = "What the complaint or suggestion is, where it came from and how")
    public record ComplaintRequest(
            @NotNull ComplaintKind kind,

            @Schema(description = "Who it comes from, SOSFS 2011:9 5 kap 3 §") @NotNull
            ComplaintSource source,

            @NotNull ComplaintChannel channel,

            @Schema(description = "Anonymous: no acknowledgement or answer is due") @NotNull
            Boolean anonymous,

            @Schema(description = "When it was received; the acknowledgement and answer clocks run from here") @NotNull
            Instant receivedAt) {}

    @Schema(name = "ComplaintAcknowledgementRequest")
    public record AcknowledgementRequest(
            @Schema(description = "When the complainant was told it was received") @NotNull
            Instant acknowledgedAt) {}

    @Schema(name = "ComplaintAnswerRequest")
    public record AnswerRequest(
            @Schema(description = "When the answer was sent") @NotNull
            Instant answeredAt,

            @Schema(description = "The answer sent to the complainant", maxLength = 10000) @NotBlank @Size(max = 10000)
            String answer) {}

    @Schema(name = "ComplaintOutcomeRequest", description = "The outcome that completes a complaint track")
    public record OutcomeRequest(
            @Schema(description = "Whether handling found that a deviation occurred") @NotNull
            Boolean deviationOccurred,

            @Schema(description = "The track of this report it became (add the category by reclassification first)")
            UUID linkedTrackId,

            @Schema(description = "Another report it became")
            UUID linkedDeviationId,

            @Schema(description = "The outcome and what was done", maxLength = 10000) @NotBlank @Size(max = 10000)
            String outcome,

            @Schema(
                    description = "When the outcome was decided (RFC 3339); default now. Not in the future, not"
                            + " before the complaint was received or answered. The track's closing carries it.")
            Instant completedAt) {}

    @Schema(name = "ComplaintDetails")
    public record Complaint(
            ComplaintKind kind,
            ComplaintSource source,
            ComplaintChannel channel,
            Boolean anonymous,
            Instant receivedAt,
            @Schema(description = "While it applies") Instant acknowledgementDueAt,
            Instant acknowledgedAt,
            @Schema(description = "While it applies") Instant answerDueAt,
            Instant answeredAt,
            String answer,
            Boolean deviationOccurred,
            UUID linkedTrackId,
            UUID linkedDeviationId) {}

    @Schema(name = "TrackDetail", description = "A track with its investigation")
    public record Detail(
            UUID id,
            UUID deviationId,
            DeviationCategory category,

            @Schema(
                    description =
                            "OPEN, INVESTIGATING, ASSESSED, COMPLETED or RECLASSIFIED; complaints: OPEN, RECEIVED, "
                                    + "ACKNOWLEDGED, ANSWERED, COMPLETED")
            String state,

            String investigator,
            Assessment assessment,
            Boolean serious,
            Instant assessedAt,
            Instant seriousSince,

            @Schema(description = "When the initial notification (IVO / IMY) is due, while one is due")
            Instant notificationDueAt,

            @Schema(description = "Required sections that have no entry yet")
            List<Section> missingSections,

            List<Entry> entries,
            List<Notification> notifications,

            @Schema(description = "The position (ställningstagande), analysis, or a complaint's outcome")
            String position,

            Instant openedAt,
            Instant closedAt,

            @Schema(description = "Personal data breach tracks only")
            Breach breach,

            @Schema(description = "Complaint tracks only") Complaint complaint,

            @Schema(description = "Every deadline clock of the track")
            List<Deadline> deadlines,

            @Schema(description = "Root causes found (orsaker)")
            List<RootCauseView> rootCauses) {}

    @Schema(
            name = "RootCauseRequest",
            description = "A root cause from the taxonomy, optionally pointing at routines of the process registry")
    public record RootCauseRequest(
            @NotNull RootCause cause,

            @Schema(description = "Document ids of routines in process-registry-service") @Size(max = 20)
            Set<UUID> routineIds,

            @Schema(maxLength = 4000) @Size(max = 4000) String comment) {}

    @Schema(name = "RootCause")
    public record RootCauseView(
            UUID id, RootCause cause, Set<UUID> routineIds, String comment, String createdBy, Instant createdAt) {
        public static RootCauseView of(TrackRootCause c) {
            return new RootCauseView(c.id, c.cause, c.routineIds, c.comment, c.createdBy, c.createdAt);
        }
    }

    public static Detail detail(
            DeviationTrack t,
            List<Section> missing,
            Instant notificationDueAt,
            List<DeadlineClock> clocks,
            List<TrackRootCause> causes,
            Instant now) {
        Breach breach = null;
        Complaint complaint = null;
        if (t.policy().notificationClockFromAwareness()) {
            List<DeviationTrack.DataCategory> categories = t.dataCategories == null || t.dataCategories.isBlank()
                    ? List.of()
                    : java.util.Arrays.stream(t.dataCategories.split(","))
                            .map(DeviationTrack.DataCategory::valueOf)
                            .toList();
            breach = new Breach(
                    t.awareAt,
                    notificationDueAt,
                    t.affectedCount,
                    categories,
                    t.policy().dataSubjectsToBeTold(t.assessment),
                    t.dataSubjectsNotifiedAt,
                    t.dataSubjectsNotNotifiedReason);
        }
        if (t.policy().trackKind() == TrackKind.COMPLAINT) {
            complaint = new Complaint(
                    t.complaintKind,
                    t.complaintSource,
                    t.complaintChannel,
                    t.anonymous,
                    t.receivedAt,
                    due(clocks, ClockKind.COMPLAINT_ACKNOWLEDGEMENT),
                    t.acknowledgedAt,
                    due(clocks, ClockKind.COMPLAINT_ANSWER),
                    t.answeredAt,
                    t.answerText,
                    t.deviationOccurred,
                    t.linkedTrackId,
                    t.linkedDeviationId);
        }
        return new Detail(
                t.id,
                t.deviation.id,
                t.category,
                t.state(),
                t.investigator,
                t.assessment,
                t.serious,
                t.assessedAt,
                t.seriousSince,
                notificationDueAt,
                missing,
                t.entries.stream().map(Entry::of).toList(),
                t.notifications.stream().map(n -> Notification.of(n, false)).toList(),
                t.positionText,
                t.openedAt,
                t.closedAt,
                breach,
                complaint,
                Deadline.of(clocks, now),
                causes.stream().map(RootCauseView::of).toList());
    }

    /** The due time of the latest clock of this kind that still applies (running or met), else null. */
    private static Instant due(List<DeadlineClock> clocks, ClockKind kind) {
        Instant due = null;
        for (DeadlineClock c : clocks) {
            if (c.kind == kind && (c.stoppedAt == null || "MET".equals(c.stopReason))) {
                due = c.dueAt;
            }
        }
        return due;
    }
}
