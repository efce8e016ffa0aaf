package se.kvalitet.deviation.investigation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.deviation.access.CaseAccessLogEntry.Action;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.clock.Clocks;
import se.kvalitet.deviation.clock.DeadlineClock;
import se.kvalitet.deviation.clock.StepTime;
import se.kvalitet.deviation.domain.CategoryPolicy;
import se.kvalitet.deviation.domain.HandledBy;
import se.kvalitet.deviation.domain.RuleViolation;
import se.kvalitet.deviation.domain.Section;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.deviation.report.DeviationTrack;
import se.kvalitet.deviation.report.InvestigationEntry;
import se.kvalitet.deviation.report.InvestigationEntryRepository;
import se.kvalitet.deviation.report.TrackWork;
import se.kvalitet.deviation.screening.FreeTextGuard;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationInvestigatorAssignedV1;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ProblemException;

/**
 * The investigated tracks: lex Sarah (SoL 14 kap, SOSFS 2011:5), lex Maria (patientsäkerhetslagen
 * 3 kap 5 §) and other deviations. A track is INVESTIGATING until assessed, ASSESSED until its
 * position (ställningstagande) completes it. Entries and filed notifications are immutable.
 */
@ApplicationScoped
public class InvestigationService {

    @Inject
    InvestigationEntryRepository entries;

    @Inject
    TrackWork work;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @Inject
    FreeTextGuard guard;

    @Inject
    Clocks clocks;

    @Inject
    Outbox outbox;

    @Inject
    PersonRefs personRefs;

    @Transactional
    public DeviationTrack assign(UUID deviationId, UUID trackId, String ifMatch, String investigator) {
        DeviationTrack t = work.openInvestigated(deviationId, trackId, ifMatch);
        // a username (Keycloak preferred_username): no directory of people here, so its form is checked (the request's
        // pattern) and, as a stored identifier, that it is no personal identity number; it grants access only to a
        // person who also holds the investigator role
        FreeTextGuard.Screening screening = guard.screen();
        screening.identifier("investigator", investigator);
        screening.done();
        String assignee = investigator.strip();
        if (assignee.equals(t.investigator)) {
            return t; // the same person again: nothing changed, nobody is told twice
        }
        t.investigator = assignee;
        work.touch(t);
        // the assignee is told (report-service's notifications); the event names the person by a keyed pseudonym
        // only, and by when the investigation is due from the track's running investigation clock
        Instant dueAt = t.policy()
                .investigationClock()
                .flatMap(kind -> clocks.running(t.id, kind))
                .map(c -> c.dueAt)
                .orElse(null);
        outbox.publish(new DeviationInvestigatorAssignedV1(
                t.deviation.id,
                t.id,
                t.category,
                t.deviation.orgUnitId,
                personRefs.of(assignee),
                dueAt,
                clock.instant()));
        return t;
    }

    @Transactional
    public InvestigationEntry addEntry(UUID deviationId, UUID trackId, AddEntry command) {
        Section section = command.section();
        InvestigationEntry.Kind kind = command.kind();
        LocalDate entryDate = command.entryDate();
        String source = command.source();
        String text = command.text();
        DeviationTrack t = work.track(deviationId, trackId, Action.UPDATE);
        work.requireInvestigator(t);
        work.requireOpenInvestigated(t);
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
        entries.persist(e);
        t.entries.add(e);
        work.touch(t);
        return e;
    }

    @Transactional
    public DeviationTrack assess(
            UUID deviationId, UUID trackId, String ifMatch, Assessment assessment, Boolean serious) {
        return assess(deviationId, trackId, ifMatch, assessment, serious, null);
    }

    /**
     * Assesses the track as of {@code assessedAt} (default now; {@link StepTime}'s rules): a serious assessment
     * starts the notification clock (lex Sarah / lex Maria) at that time, so a notification's deadline and
     * on-time figure follow the real dates.
     */
    @Transactional
    public DeviationTrack assess(
            UUID deviationId,
            UUID trackId,
            String ifMatch,
            Assessment assessment,
            Boolean serious,
            Instant assessedAt) {
        DeviationTrack t = work.openInvestigated(deviationId, trackId, ifMatch);
        CategoryPolicy policy = t.policy();
        boolean isSerious;
        try {
            isSerious = policy.seriousness(assessment, serious);
        } catch (RuleViolation v) {
            throw RuleProblems.of(v);
        }
        if (policy.handledBy() == HandledBy.MEDICALLY_RESPONSIBLE) {
            work.requireRole(
                    Roles.MEDICALLY_RESPONSIBLE,
                    "Only the medically responsible (MAS) assesses " + policy.displayName());
        }
        Instant now = StepTime.of("assessedAt", assessedAt, clock.instant(), t.deviation.occurredAt);
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
            clocks.start(d.id, notification, t.id, t.category, d.orgUnitId, t.notificationClockStart());
        }
        work.touch(t);
        return t;
    }

    /** Required sections without an entry, in order; empty for tracks that are not investigated. */
    public List<Section> missingSections(DeviationTrack t) {
        if (!t.isInvestigated()) {
            return List.of();
        }
        Set<Section> covered = EnumSet.noneOf(Section.class);
        t.entries.forEach(e -> covered.add(e.section));
        return t.policy().requiredSections().stream()
                .filter(s -> !covered.contains(s))
                .sorted()
                .toList();
    }

    /** Every deadline clock of the track, oldest first. */
    @Transactional
    public List<DeadlineClock> clocksOf(DeviationTrack t) {
        return clocks.of(t.id);
    }
}
