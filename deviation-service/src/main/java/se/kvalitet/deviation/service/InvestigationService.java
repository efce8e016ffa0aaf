package se.kvalitet.deviation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.deviation.AuthorityNotification;
import se.kvalitet.deviation.CaseAccessLogEntry.Action;
import se.kvalitet.deviation.Deviation;
import se.kvalitet.deviation.DeviationTrack;
import se.kvalitet.deviation.InvestigationEntry;
import se.kvalitet.deviation.domain.CategoryPolicy;
import se.kvalitet.deviation.domain.HandledBy;
import se.kvalitet.deviation.domain.RuleViolation;
import se.kvalitet.deviation.domain.Section;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.Authority;
import se.kvalitet.events.deviation.DeviationAuthorityNotifiedV1;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationInvestigationCompletedV1;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;
import se.kvalitet.events.deviation.NotificationKind;
import se.kvalitet.deviation.DeadlineClock;
import se.kvalitet.deviation.clock.Clocks;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/**
 * The investigated tracks: lex Sarah (SoL 14 kap, SOSFS 2011:5), lex Maria (patientsäkerhetslagen
 * 3 kap 5 §) and other deviations. A track is INVESTIGATING until assessed, ASSESSED until its
 * position (ställningstagande) completes it. Entries and filed notifications are immutable.
 */
@ApplicationScoped
public class InvestigationService {

    @Inject
    EntityManager em;

    @Inject
    DeviationQueries queries;

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

    /** A track of a case the caller works on (tracks are never part of the filer's view). */
    @Transactional
    public DeviationTrack track(UUID deviationId, UUID trackId, Action action) {
        Deviation d = queries.readCase(deviationId, action);
        DeviationTrack t = d.tracks.stream().filter(x -> x.id.equals(trackId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Track " + trackId));
        t.entries.size();
        t.notifications.size();
        return t;
    }

    @Transactional
    public DeviationTrack assign(UUID deviationId, UUID trackId, String ifMatch, String investigator) {
        DeviationTrack t = openInvestigated(deviationId, trackId, ifMatch);
        // a username (Keycloak preferred_username): no directory of people here, so its form is checked (the request's
        // pattern) and, as a stored identifier, that it is no personal identity number; it grants access only to a
        // person who also holds the investigator role
        FreeTextGuard.Screening screening = guard.screen();
        screening.identifier("investigator", investigator);
        screening.done();
        t.investigator = investigator.strip();
        touch(t);
        return t;
    }

    @Transactional
    public InvestigationEntry addEntry(UUID deviationId, UUID trackId, Section section, InvestigationEntry.Kind kind,
            LocalDate entryDate, String source, String text) {
        DeviationTrack t = track(deviationId, trackId, Action.UPDATE);
        requireInvestigator(t);
        requireOpenInvestigated(t);
        if (entryDate.isAfter(LocalDate.now(clock.withZone(Deviation.SWEDEN)))) {
            throw ProblemException.invalidField("entryDate", "must not be in the future");
        }
        FreeTextGuard.Screening screening = guard.screen();
        InvestigationEntry e = new InvestigationEntry();
        e.id = UUID.randomUUID();
        e.track = t;
        e.section = section;
        e.kind = kind;
        e.entryDate = entryDate;
        e.source = screening.text("source", source.strip());
        e.text = screening.text("text", text.strip());
        screening.done();
        e.authorSubject = caller.subject();
        e.authorName = caller.username();
        e.createdAt = clock.instant();
        em.persist(e);
        t.entries.add(e);
        touch(t);
        return e;
    }

    @Transactional
    public DeviationTrack assess(UUID deviationId, UUID trackId, String ifMatch, Assessment assessment, Boolean serious) {
        DeviationTrack t = openInvestigated(deviationId, trackId, ifMatch);
        CategoryPolicy policy = t.policy();
        boolean isSerious;
        try {
            isSerious = policy.seriousness(assessment, serious);
        } catch (RuleViolation v) {
            throw problem(v);
        }
        if (policy.handledBy() == HandledBy.MEDICALLY_RESPONSIBLE) {
            requireRole(Roles.MEDICALLY_RESPONSIBLE, "Only the medically responsible (MAS) assesses " + policy.displayName());
        }
        Instant now = clock.instant();
        t.assessment = assessment;
        t.serious = isSerious;
        t.assessedAt = now;
        t.assessedBy = caller.subject();
        if (isSerious && t.seriousSince == null) {
            t.seriousSince = now;
        }
        Deviation d = t.deviation;
        // the notification clock runs from awareness (breach) or from the serious assessment (lex Sarah/Maria);
        // an assessment that is not reportable needs no notification
        ClockKind notification = policy.notificationClock().orElseThrow();
        if (!policy.reportable(assessment, isSerious)) {
            clocks.stop(t.id, notification, "NOT_REQUIRED", now);
        } else if (t.initialNotification().isEmpty()) {
            clocks.start(d.id, notification, t.id, t.category, d.orgUnitId, notificationClockStart(t));
        }
        touch(t);
        return t;
    }

    /**
     * Records what a breach concerns and when the organisation became aware of it (the IMY clock
     * starts then; moving awareness moves the running clock), and whether the data subjects of a
     * high-risk breach were told (art. 34) or why not.
     */
    @Transactional
    public DeviationTrack breachDetails(UUID deviationId, UUID trackId, String ifMatch, Instant awareAt, Integer affectedCount,
            List<DeviationTrack.DataCategory> dataCategories, Instant dataSubjectsNotifiedAt, String notNotifiedReason) {
        DeviationTrack t = openInvestigated(deviationId, trackId, ifMatch);
        if (!t.policy().notificationClockFromAwareness()) {
            throw ProblemException.conflict("not-a-breach", "Only a personal data breach track has breach details");
        }
        Instant now = clock.instant();
        Deviation d = t.deviation;
        if (awareAt != null) {
            if (awareAt.isAfter(now.plusSeconds(300))) {
                throw ProblemException.invalidField("awareAt", "must not be in the future");
            }
            if (t.initialNotification().isPresent() && !awareAt.equals(t.awareAt)) {
                throw ProblemException.conflict("already-notified", "Awareness cannot move after IMY was notified");
            }
            t.awareAt = awareAt;
            ClockKind notification = t.policy().notificationClock().orElseThrow();
            clocks.stop(t.id, notification, "CANCELLED", now);
            if (t.assessment == null || t.reportable()) {
                clocks.start(d.id, notification, t.id, t.category, d.orgUnitId, awareAt);
            }
        }
        if (affectedCount != null) {
            t.affectedCount = affectedCount;
        }
        if (dataCategories != null) {
            t.dataCategories = String.join(",", dataCategories.stream().distinct().sorted().map(Enum::name).toList());
        }
        if (dataSubjectsNotifiedAt != null) {
            if (dataSubjectsNotifiedAt.isAfter(now.plusSeconds(300))) {
                throw ProblemException.invalidField("dataSubjectsNotifiedAt", "must not be in the future");
            }
            t.dataSubjectsNotifiedAt = dataSubjectsNotifiedAt;
        }
        if (notNotifiedReason != null && !notNotifiedReason.isBlank()) {
            FreeTextGuard.Screening screening = guard.screen();
            t.dataSubjectsNotNotifiedReason = screening.text("dataSubjectsNotNotifiedReason", notNotifiedReason.strip());
            screening.done();
        }
        touch(t);
        return t;
    }

    /**
     * Records a notification filed with IVO through its e-service: the content sent is frozen here
     * with its hash. The first is INITIAL (once per track; only when the assessment is serious),
     * later ones SUPPLEMENT. Lex Maria notifications are filed by the MAS only. A late initial
     * notification needs a reason.
     */
    @Transactional
    public AuthorityNotification notifyAuthority(UUID deviationId, UUID trackId, NotificationKind kind, Instant sentAt,
            String authorityReference, String lateReason, String content) {
        DeviationTrack t = track(deviationId, trackId, Action.UPDATE);
        Deviation d = t.deviation;
        CategoryPolicy policy = t.policy();
        if (policy.authority().isEmpty()) {
            throw ProblemException.unprocessable("notification-not-allowed",
                    "Notifications belong to lex Sarah, lex Maria (IVO) and personal data breach (IMY) tracks", List.of());
        }
        if (policy.handledBy() == HandledBy.MEDICALLY_RESPONSIBLE) {
            requireRole(Roles.MEDICALLY_RESPONSIBLE, "Only the medically responsible (MAS) files " + policy.displayName() + " notifications");
        } else {
            requireAnyRole("The quality team files " + policy.displayName() + " notifications", Roles.QUALITY_TEAM, Roles.ADMIN);
        }
        Authority authority = policy.authority().get();
        ClockKind clockKind = policy.notificationClock().orElseThrow();
        Instant now = clock.instant();
        if (sentAt.isAfter(now.plusSeconds(300))) {
            throw ProblemException.invalidField("sentAt", "must not be in the future");
        }
        if (sentAt.isBefore(d.createdAt)) {
            throw ProblemException.invalidField("sentAt", "must not be before the report was received");
        }
        boolean hasInitial = t.initialNotification().isPresent();
        if (kind == NotificationKind.INITIAL) {
            if (hasInitial) {
                throw ProblemException.conflict("already-notified",
                        "The initial notification is filed and cannot be changed; file a SUPPLEMENT");
            }
            if (!t.reportable()) {
                throw ProblemException.conflict("not-reportable", "Only a track assessed as reportable is notified: "
                        + "allvarligt missförhållande, allvarlig vårdskada or risk of it (IVO), a breach with risk (IMY)")
                        .with("assessment", t.assessment);
            }
        } else if (!hasInitial) {
            throw ProblemException.conflict("no-initial-notification", "A supplement follows an initial notification");
        }
        Instant clockStart;
        Instant dueAt;
        if (kind == NotificationKind.INITIAL) {
            DeadlineClock c = clocks.running(t.id, clockKind)
                    .orElseGet(() -> clocks.start(d.id, clockKind, t.id, t.category, d.orgUnitId, notificationClockStart(t)));
            clockStart = c.startedAt;
            dueAt = c.dueAt;
        } else {
            clockStart = t.initialNotification().get().clockStartedAt;
            dueAt = null;
        }
        FreeTextGuard.Screening screening = guard.screen();
        String reason = screening.text("lateReason", lateReason == null || lateReason.isBlank() ? null : lateReason.strip());
        String form = screening.text("content", content.strip());
        screening.done();
        if (dueAt != null && sentAt.isAfter(dueAt) && reason == null) {
            throw ProblemException.unprocessable("late-reason-required", "The notification was sent after its deadline; say why",
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
        n.authorityReference = authorityReference == null || authorityReference.isBlank() ? null : authorityReference.strip();
        n.lateReason = reason;
        n.filedBy = caller.subject();
        n.createdAt = now;
        n.snapshot = snapshot(d, t, n, form);
        n.snapshotSha256 = sha256(n.snapshot);
        em.persist(n);
        t.notifications.add(n);
        if (kind == NotificationKind.INITIAL) {
            clocks.stop(t.id, clockKind, "MET", sentAt);
        }
        touch(t);
        long hoursLate = n.onTime() ? 0 : (long) Math.ceil(Duration.between(dueAt, sentAt).toSeconds() / 3600.0);
        int daysLate = n.onTime() ? 0 : (int) Math.ceil(Duration.between(dueAt, sentAt).toSeconds() / 86400.0);
        outbox.publish(new DeviationAuthorityNotifiedV1(d.id, t.id, t.category, n.id, n.authority, kind, d.orgUnitId,
                clockStart, dueAt, sentAt, n.onTime(), daysLate, hoursLate));
        return n;
    }

    /**
     * Completes the investigation with its position (lex Sarah: ställningstagande; other
     * deviations: the analysis). Refused while required sections lack entries, before the
     * assessment, or while a serious case has no IVO notification.
     */
    @Transactional
    public DeviationTrack complete(UUID deviationId, UUID trackId, String ifMatch, String position) {
        DeviationTrack t = openInvestigated(deviationId, trackId, ifMatch);
        CategoryPolicy policy = t.policy();
        if (policy.handledBy() == HandledBy.MEDICALLY_RESPONSIBLE) {
            requireRole(Roles.MEDICALLY_RESPONSIBLE, "Only the medically responsible (MAS) completes " + policy.displayName());
        }
        List<Problem.FieldError> missing = new ArrayList<>();
        for (Section s : missingSections(t)) {
            missing.add(new Problem.FieldError("entries." + s.name(), "the investigation has no entry on " + s.name()));
        }
        if (policy.requiresAssessment() && t.assessment == null) {
            missing.add(new Problem.FieldError("assessment", "the track is not assessed"));
        }
        if (t.reportable() && t.initialNotification().isEmpty()) {
            missing.add(new Problem.FieldError("notifications",
                    "a reportable case is notified (IVO / IMY) before it is completed"));
        }
        if (policy.dataSubjectsToBeTold(t.assessment) && t.dataSubjectsNotifiedAt == null && t.dataSubjectsNotNotifiedReason == null) {
            missing.add(new Problem.FieldError("dataSubjectsNotifiedAt",
                    "a high-risk breach is told to the data subjects, or the reason why not is recorded (art. 34)"));
        }
        if (!missing.isEmpty()) {
            throw ProblemException.unprocessable("investigation-incomplete", "The investigation is not complete", missing);
        }
        FreeTextGuard.Screening screening = guard.screen();
        String text = screening.text("position", position.strip());
        screening.done();
        Instant now = clock.instant();
        Deviation d = t.deviation;
        t.positionText = text;
        t.positionBy = caller.subject();
        t.closedAt = now;
        t.closure = DeviationTrack.Closure.COMPLETED;
        policy.investigationClock().ifPresent(kind -> clocks.stop(t.id, kind, "MET", now));
        touch(t);
        boolean serious = Boolean.TRUE.equals(t.serious);
        LocalDate today = LocalDate.ofInstant(now, Deviation.SWEDEN);
        List<UUID> involved = List.copyOf(d.involvedOrgUnitIds);
        outbox.publish(new DeviationInvestigationCompletedV1(d.id, t.id, t.category, d.orgUnitId, involved, t.assessment,
                serious, t.reportable(), rootCauses(t), routineIds(t), actionCount(t), now, today));
        boolean investigatedWithAssessment = policy.requiresAssessment();
        Boolean notified = investigatedWithAssessment ? t.initialNotification().isPresent() : null;
        Boolean onTime = t.initialNotification().map(AuthorityNotification::onTime).orElse(null);
        outbox.publish(new DeviationTrackClosedV1(d.id, t.id, t.category, DeviationTrackClosedV1.Closure.COMPLETED,
                d.orgUnitId, involved, t.openedAt, now, today, t.assessment, investigatedWithAssessment ? serious : null,
                notified, onTime, null, null, null, null));
        return t;
    }

    /** Required sections without an entry, in order; empty for tracks that are not investigated. */
    public List<Section> missingSections(DeviationTrack t) {
        if (!t.isInvestigated()) {
            return List.of();
        }
        Set<Section> covered = EnumSet.noneOf(Section.class);
        t.entries.forEach(e -> covered.add(e.section));
        return t.policy().requiredSections().stream().filter(s -> !covered.contains(s)).sorted().toList();
    }

    /** When the initial IVO notification of a serious case is due; null when none is due. */
    public Instant notificationDueAt(DeviationTrack t) {
        ClockKind kind = t.policy().notificationClock().orElse(null);
        if (kind == null) {
            return null;
        }
        return clocks.latest(t.id, kind).filter(c -> !"CANCELLED".equals(c.stopReason) && !"NOT_REQUIRED".equals(c.stopReason))
                .map(c -> c.dueAt).orElse(null);
    }

    private List<se.kvalitet.events.deviation.RootCause> rootCauses(DeviationTrack t) {
        // in the taxonomy's order
        return em.createQuery("select distinct c.cause from TrackRootCause c where c.trackId = :t",
                se.kvalitet.events.deviation.RootCause.class).setParameter("t", t.id).getResultStream().sorted().toList();
    }

    private List<UUID> routineIds(DeviationTrack t) {
        return em.createQuery("select distinct r from TrackRootCause c join c.routineIds r where c.trackId = :t order by r", UUID.class)
                .setParameter("t", t.id).getResultList();
    }

    private int actionCount(DeviationTrack t) {
        return em.createQuery("select count(a) from DeviationAction a where a.trackId = :t", Long.class).setParameter("t", t.id)
                .getSingleResult().intValue();
    }

    /** Every deadline clock of the track, oldest first. */
    @Transactional
    public List<DeadlineClock> clocksOf(DeviationTrack t) {
        return clocks.of(t.id);
    }

    /** When the notification clock of a track starts: awareness (breach) or the serious assessment. */
    private static Instant notificationClockStart(DeviationTrack t) {
        return t.policy().notificationClockFromAwareness() ? t.awareAt : t.seriousSince;
    }

    private static ProblemException problem(RuleViolation v) {
        return ProblemException.unprocessable(v.type(), v.getMessage(),
                v.field() == null ? List.of() : List.of(new Problem.FieldError(v.field(), v.reason())));
    }

    private DeviationTrack openInvestigated(UUID deviationId, UUID trackId, String ifMatch) {
        DeviationTrack t = track(deviationId, trackId, Action.UPDATE);
        requireInvestigator(t);
        ETags.requireMatch(ifMatch, t.version);
        requireOpenInvestigated(t);
        return t;
    }

    private static void requireOpenInvestigated(DeviationTrack t) {
        if (!t.isInvestigated()) {
            throw ProblemException.conflict("not-investigated", "A " + t.category + " track is not handled by investigation")
                    .with("category", t.category);
        }
        if (!t.isOpen()) {
            throw ProblemException.conflict("track-closed", "The track has ended").with("currentState", t.state());
        }
    }

    /** The quality team, the assigned investigator, and for lex Maria the MAS may work on a track. */
    void requireInvestigator(DeviationTrack t) {
        if (caller.hasAnyRole(Roles.QUALITY_TEAM, Roles.ADMIN)) {
            return;
        }
        if (caller.hasRole(Roles.INVESTIGATOR) && t.investigator != null && t.investigator.equals(caller.username())) {
            return;
        }
        if (caller.hasRole(Roles.MEDICALLY_RESPONSIBLE) && t.policy().handledBy() == HandledBy.MEDICALLY_RESPONSIBLE) {
            return;
        }
        throw ProblemException.forbidden("Only the quality team or the assigned investigator works on this track");
    }

    private void requireRole(String role, String detail) {
        if (!caller.hasRole(role)) {
            throw ProblemException.forbidden(detail);
        }
    }

    private void requireAnyRole(String detail, String... roles) {
        if (!caller.hasAnyRole(roles)) {
            throw ProblemException.forbidden(detail);
        }
    }

    void touch(DeviationTrack t) {
        Instant now = clock.instant();
        t.deviation.updatedAt = now;
        t.updatedAt = now;
        em.flush();
    }

    private String snapshot(Deviation d, DeviationTrack t, AuthorityNotification n, String form) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("authority", n.authority);
        s.put("kind", n.kind);
        s.put("sentAt", n.sentAt.toString());
        s.put("authorityReference", n.authorityReference);
        s.put("deviation", Map.of("id", d.id.toString(), "orgUnitId", d.orgUnitId.toString(), "occurredAt", d.occurredAt.toString(),
                "summary", d.summary, "description", d.description));
        Map<String, Object> track = new LinkedHashMap<>();
        track.put("id", t.id.toString());
        track.put("category", t.category);
        track.put("assessment", t.assessment);
        track.put("serious", t.serious);
        s.put("track", track);
        s.put("entries", t.entries.stream().map(e -> Map.of("section", e.section, "kind", e.kind, "date", e.entryDate.toString(),
                "source", e.source, "text", e.text, "author", e.authorName == null ? e.authorSubject : e.authorName)).toList());
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
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
