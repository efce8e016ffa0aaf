package se.kvalitet.deviation.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.kvalitet.deviation.access.CaseAccessLogEntry.Action;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.clock.Clocks;
import se.kvalitet.deviation.clock.DeadlineClock;
import se.kvalitet.deviation.clock.StepTime;
import se.kvalitet.deviation.domain.CategoryPolicy;
import se.kvalitet.deviation.domain.HandledBy;
import se.kvalitet.deviation.report.AuthorityNotification;
import se.kvalitet.deviation.report.AuthorityNotificationRepository;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.deviation.report.DeviationTrack;
import se.kvalitet.deviation.report.TrackWork;
import se.kvalitet.deviation.screening.FreeTextGuard;
import se.kvalitet.events.deviation.Authority;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationAuthorityNotifiedV1;
import se.kvalitet.events.deviation.NotificationKind;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.web.Caller;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/**
 * Notifications to the supervisory authority a track's policy names (IVO for lex Sarah and lex Maria,
 * IMY for a breach): the initial one when reportable, then supplements; each frozen with its hash.
 */
@ApplicationScoped
public class NotificationService {

    @Inject
    AuthorityNotificationRepository filed;

    @Inject
    TrackWork work;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @Inject
    FreeTextGuard guard;

    @Inject
    Clocks clocks;

    @Inject
    ObjectMapper json;

    /**
     * Records a notification filed with IVO through its e-service: the content sent is frozen here
     * with its hash. The first is INITIAL (once per track; only when the assessment is serious),
     * later ones SUPPLEMENT. Lex Maria notifications are filed by the MAS only. A late initial
     * notification needs a reason.
     */
    @Transactional
    public AuthorityNotification notifyAuthority(UUID deviationId, UUID trackId, FileNotification command) {
        NotificationKind kind = command.kind();
        Instant sentAt = command.sentAt();
        String authorityReference = command.authorityReference();
        String lateReason = command.lateReason();
        String content = command.content();
        DeviationTrack t = work.track(deviationId, trackId, Action.UPDATE);
        Deviation d = t.deviation;
        CategoryPolicy policy = t.policy();
        requireMayNotify(policy);
        Authority authority = policy.authority().get();
        ClockKind clockKind = policy.notificationClock().orElseThrow();
        Instant now = clock.instant();
        // when it was really sent (not in the future, not before the deviation occurred): the report may have
        // reached this service later than the authority did (a past year posted now)
        StepTime.of("sentAt", sentAt, now, d.occurredAt);
        requireFits(t, kind);
        Instant clockStart;
        Instant dueAt;
        if (kind == NotificationKind.INITIAL) {
            DeadlineClock c = clocks.running(t.id, clockKind)
                    .orElseGet(() ->
                            clocks.start(d.id, clockKind, t.id, t.category, d.orgUnitId, t.notificationClockStart()));
            clockStart = c.startedAt;
            dueAt = c.dueAt;
        } else {
            clockStart = t.initialNotification().get().clockStartedAt;
            dueAt = null;
        }
        FreeTextGuard.Screening screening = guard.screen();
        String reason =
                screening.text("lateReason", lateReason == null || lateReason.isBlank() ? null : lateReason.strip());
        String form = screening.text("content", content.strip());
        screening.done();
        if (dueAt != null && sentAt.isAfter(dueAt) && reason == null) {
            throw ProblemException.unprocessable(
                    "late-reason-required",
                    "The notification was sent after its deadline; say why",
                    List.of(new Problem.FieldError("lateReason", "required when sentAt is after " + dueAt)));
        }
        AuthorityNotification n = new AuthorityNotification();
        n.id = UUID.randomUUID();
        n.track = t;
        n.authority = authority;
        n.kind = kind;
        n.clockStartedAt = clockStart;
        n.dueAt = dueAt;
        n.sentAt = sentAt;
        n.authorityReference =
                authorityReference == null || authorityReference.isBlank() ? null : authorityReference.strip();
        n.lateReason = reason;
        n.filedBy = caller.subject();
        n.createdAt = now;
        n.snapshot = snapshot(d, t, n, form);
        n.snapshotSha256 = sha256(n.snapshot);
        filed.persist(n);
        t.notifications.add(n);
        if (kind == NotificationKind.INITIAL) {
            clocks.stop(t.id, clockKind, "MET", sentAt);
        }
        work.touch(t);
        publish(d, t, n);
        return n;
    }

    /** Whether the track's category is notified at all, and whether the caller files its notifications. */
    private void requireMayNotify(CategoryPolicy policy) {
        if (policy.authority().isEmpty()) {
            throw ProblemException.unprocessable(
                    "notification-not-allowed",
                    "Notifications belong to lex Sarah, lex Maria (IVO) and personal data breach (IMY) tracks",
                    List.of());
        }
        if (policy.handledBy() == HandledBy.MEDICALLY_RESPONSIBLE) {
            work.requireRole(
                    Roles.MEDICALLY_RESPONSIBLE,
                    "Only the medically responsible (MAS) files " + policy.displayName() + " notifications");
        } else {
            work.requireAnyRole(
                    "The quality team files " + policy.displayName() + " notifications",
                    Roles.QUALITY_TEAM,
                    Roles.ADMIN);
        }
    }

    /** One INITIAL notification, only when reportable; SUPPLEMENTs after it. */
    private static void requireFits(DeviationTrack t, NotificationKind kind) {
        boolean hasInitial = t.initialNotification().isPresent();
        if (kind == NotificationKind.INITIAL) {
            if (hasInitial) {
                throw ProblemException.conflict(
                        "already-notified",
                        "The initial notification is filed and cannot be changed; file a SUPPLEMENT");
            }
            if (!t.reportable()) {
                throw ProblemException.conflict(
                                "not-reportable",
                                "Only a track assessed as reportable is notified: "
                                        + "allvarligt missförhållande, allvarlig vårdskada or risk of it (IVO), a breach with risk (IMY)")
                        .with("assessment", t.assessment);
            }
        } else if (!hasInitial) {
            throw ProblemException.conflict("no-initial-notification", "A supplement follows an initial notification");
        }
    }

    private void publish(Deviation d, DeviationTrack t, AuthorityNotification n) {
        long hoursLate = n.onTime()
                ? 0
                : (long) Math.ceil(Duration.between(n.dueAt, n.sentAt).toSeconds() / 3600.0);
        int daysLate = n.onTime()
                ? 0
                : (int) Math.ceil(Duration.between(n.dueAt, n.sentAt).toSeconds() / 86400.0);
        outbox.publish(new DeviationAuthorityNotifiedV1(
                d.id,
                t.id,
                t.category,
                n.id,
                n.authority,
                n.kind,
                d.orgUnitId,
                n.clockStartedAt,
                n.dueAt,
                n.sentAt,
                n.onTime(),
                daysLate,
                hoursLate));
    }

    /** When the initial IVO notification of a serious case is due; null when none is due. */
    public Instant notificationDueAt(DeviationTrack t) {
        ClockKind kind = t.policy().notificationClock().orElse(null);
        if (kind == null) {
            return null;
        }
        return clocks.latest(t.id, kind)
                .filter(c -> !"CANCELLED".equals(c.stopReason) && !"NOT_REQUIRED".equals(c.stopReason))
                .map(c -> c.dueAt)
                .orElse(null);
    }

    private String snapshot(Deviation d, DeviationTrack t, AuthorityNotification n, String form) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("authority", n.authority);
        s.put("kind", n.kind);
        s.put("sentAt", n.sentAt.toString());
        s.put("authorityReference", n.authorityReference);
        s.put(
                "deviation",
                Map.of(
                        "id",
                        d.id.toString(),
                        "orgUnitId",
                        d.orgUnitId.toString(),
                        "occurredAt",
                        d.occurredAt.toString(),
                        "summary",
                        d.summary,
                        "description",
                        d.description));
        Map<String, Object> track = new LinkedHashMap<>();
        track.put("id", t.id.toString());
        track.put("category", t.category);
        track.put("assessment", t.assessment);
        track.put("serious", t.serious);
        s.put("track", track);
        s.put(
                "entries",
                t.entries.stream()
                        .map(e -> Map.of(
                                "section",
                                e.section,
                                "kind",
                                e.kind,
                                "date",
                                e.entryDate.toString(),
                                "source",
                                e.source,
                                "text",
                                e.text,
                                "author",
                                e.authorName == null ? e.authorSubject : e.authorName))
                        .toList());
        s.put("content", form);
        s.put("lateReason", n.lateReason);
        try {
            return json.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
