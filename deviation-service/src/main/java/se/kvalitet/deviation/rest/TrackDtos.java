package se.kvalitet.deviation.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.deviation.AuthorityNotification;
import se.kvalitet.deviation.DeviationTrack;
import se.kvalitet.deviation.InvestigationEntry;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.Authority;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.NotificationKind;

/** Requests and responses of a track's investigation. */
public final class TrackDtos {

    private TrackDtos() {
    }

    @Schema(name = "AssignInvestigatorRequest")
    public record AssignRequest(
            @Schema(description = "Username of the investigator (Keycloak preferred_username)", example = "ingrid")
            @NotBlank @Size(max = 200) @Pattern(regexp = "^[A-Za-z0-9._@-]{1,200}$", message = "must be a username") String investigator) {
    }

    @Schema(name = "InvestigationEntryRequest", description = "One dated entry: a fact or an assessment, with its source")
    public record EntryRequest(
            @NotNull InvestigationEntry.Section section,
            @NotNull InvestigationEntry.Kind kind,
            @Schema(description = "The day the information refers to or was gathered", example = "2026-09-15") @NotNull LocalDate entryDate,
            @Schema(description = "Where it comes from: interview, record, document, observation", example = "Samtal med undersköterska")
            @NotBlank @Size(max = 500) String source,
            @Schema(description = "The entry", maxLength = 10000) @NotBlank @Size(max = 10000) String text) {
    }

    @Schema(name = "InvestigationEntry")
    public record Entry(UUID id, InvestigationEntry.Section section, InvestigationEntry.Kind kind, LocalDate entryDate,
            String source, String text, @Schema(description = "Username of the author, from the token") String author,
            Instant createdAt) {
        public static Entry of(InvestigationEntry e) {
            return new Entry(e.id, e.section, e.kind, e.entryDate, e.source, e.text,
                    e.authorName == null ? e.authorSubject : e.authorName, e.createdAt);
        }
    }

    @Schema(name = "AssessmentRequest")
    public record AssessmentRequest(
            @Schema(description = "Lex Sarah: MISSFORHALLANDE, PATAGLIG_RISK_FOR_MISSFORHALLANDE or INGET_MISSFORHALLANDE; "
                    + "lex Maria: ALLVARLIG_VARDSKADA, RISK_FOR_ALLVARLIG_VARDSKADA, VARDSKADA or INGEN_VARDSKADA")
            @NotNull Assessment assessment,
            @Schema(description = "Lex Sarah: whether it is allvarligt (required); lex Maria: follows from the assessment")
            Boolean serious) {
    }

    @Schema(name = "AuthorityNotificationRequest", description = "A notification filed with IVO through its e-service")
    public record NotificationRequest(
            @NotNull NotificationKind kind,
            @Schema(description = "When it was sent") @NotNull Instant sentAt,
            @Schema(description = "IVO's reference (diarienummer), when known", example = "3.5.1-12345/2026") @Size(max = 100) String authorityReference,
            @Schema(description = "Why it was sent after its deadline; required then", maxLength = 4000) @Size(max = 4000) String lateReason,
            @Schema(description = "The text of the form as sent", maxLength = 20000) @NotBlank @Size(max = 20000) String content) {
    }

    @Schema(name = "AuthorityNotification")
    public record Notification(UUID id, Authority authority, NotificationKind kind, Instant clockStartedAt, Instant dueAt,
            Instant sentAt, boolean onTime, String authorityReference, String lateReason,
            @Schema(description = "SHA-256 of the frozen snapshot") String snapshotSha256, Instant createdAt,
            @Schema(description = "What was sent, frozen (JSON); only in the single-notification read") String snapshot) {
        public static Notification of(AuthorityNotification n, boolean withSnapshot) {
            return new Notification(n.id, n.authority, n.kind, n.clockStartedAt, n.dueAt, n.sentAt, n.onTime(),
                    n.authorityReference, n.lateReason, n.snapshotSha256, n.createdAt, withSnapshot ? n.snapshot : null);
        }
    }

    @Schema(name = "CompleteTrackRequest")
    public record CompleteRequest(
            @Schema(description = "The position (ställningstagande) or, for other deviations, the analysis", maxLength = 10000)
            @NotBlank @Size(max = 10000) String position) {
    }

    @Schema(name = "TrackDetail", description = "A track with its investigation")
    public record Detail(UUID id, UUID deviationId, DeviationCategory category,
            @Schema(description = "OPEN, INVESTIGATING, ASSESSED, COMPLETED or RECLASSIFIED") String state,
            String investigator, Assessment assessment, Boolean serious, Instant assessedAt, Instant seriousSince,
            @Schema(description = "When the initial IVO notification is due, for a serious case") Instant notificationDueAt,
            @Schema(description = "Required sections that have no entry yet") List<InvestigationEntry.Section> missingSections,
            List<Entry> entries, List<Notification> notifications, String position, Instant openedAt, Instant closedAt) {
    }

    public static Detail detail(DeviationTrack t, List<InvestigationEntry.Section> missing, Instant notificationDueAt) {
        return new Detail(t.id, t.deviation.id, t.category, t.state(), t.investigator, t.assessment, t.serious, t.assessedAt,
                t.seriousSince, notificationDueAt, missing, t.entries.stream().map(Entry::of).toList(),
                t.notifications.stream().map(n -> Notification.of(n, false)).toList(), t.positionText, t.openedAt, t.closedAt);
    }
}
