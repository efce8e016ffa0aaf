package se.kvalitet.deviation.demo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.action.ActionService;
import se.kvalitet.deviation.action.CheckEffect;
import se.kvalitet.deviation.action.DeviationAction;
import se.kvalitet.deviation.action.ProgressAction;
import se.kvalitet.deviation.clock.ReplayClock;
import se.kvalitet.deviation.complaint.CompleteComplaint;
import se.kvalitet.deviation.complaint.RegisterComplaint;
import se.kvalitet.deviation.domain.Section;
import se.kvalitet.deviation.intake.ReportDeviation;
import se.kvalitet.deviation.investigation.AddEntry;
import se.kvalitet.deviation.investigation.BreachDetails;
import se.kvalitet.deviation.notification.FileNotification;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.deviation.report.DeviationTrack;
import se.kvalitet.deviation.report.InvestigationEntry.Kind;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.ComplaintChannel;
import se.kvalitet.events.deviation.ComplaintKind;
import se.kvalitet.events.deviation.ComplaintSource;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.NotificationKind;

/** One report's history; each step happens only when its time has come (else the case is still in progress). */
final class DemoStory {
    final DemoData demo;
    final Random rnd;
    final Instant now;
    final UUID orgUnit;
    final DemoTemplates.Template t;
    final DemoIdentity reporter;
    final Instant reportedAt;
    Instant at;
    boolean stopped;
    UUID id;

    DemoStory(
            DemoData demo, Random rnd, Instant now, Instant reportedAt, UUID orgUnit, DemoTemplates.Template t, int n) {
        this.demo = demo;
        this.rnd = rnd;
        this.now = now;
        this.at = reportedAt;
        this.reportedAt = reportedAt;
        this.orgUnit = orgUnit;
        this.t = t;
        this.reporter = new DemoIdentity(
                DemoData.REPORTER_PREFIX + (n % 23), "personal" + (n % 23), Set.of(Roles.REPORTER), List.of(orgUnit));
    }

    /** Moves time on by {@code hours}, and runs {@code work} as {@code who} then, unless that is still to come. */
    void step(double hours, DemoIdentity who, Runnable work) {
        if (stopped) {
            return;
        }
        at = at.plus(Duration.ofMinutes((long) (hours * 60)));
        if (at.isAfter(now.minus(Duration.ofHours(2)))) {
            stopped = true;
            return;
        }
        ReplayClock.at(at, () -> who.run(work));
    }

    double days(int from, int to) {
        return 24.0 * (from + rnd.nextInt(to - from + 1)) + rnd.nextInt(8);
    }

    LocalDate today() {
        return LocalDate.ofInstant(at, Deviation.SWEDEN);
    }

    void tell() {
        Instant occurred = at.minus(Duration.ofHours(1 + rnd.nextInt(30)));
        ReplayClock.at(
                at,
                () -> reporter.run(() -> {
                    id = demo.intake
                            .report(
                                    new ReportDeviation(
                                            t.summary(),
                                            t.description(),
                                            occurred,
                                            occurred.plus(Duration.ofMinutes(rnd.nextInt(120))),
                                            orgUnit,
                                            null,
                                            t.usual(),
                                            t.immediate(),
                                            null,
                                            null),
                                    null,
                                    (d, caseView) -> d.id)
                            .created();
                }));
        DeviationCategory category = rnd.nextInt(100) < 8
                ? DeviationCategory.NOT_A_DEVIATION
                : rnd.nextInt(100) < 70 ? t.usual() : DeviationCategory.OTHER_DEVIATION;
        step(
                days(0, 4),
                demo.karin,
                () -> demo.triage.triage(
                        id,
                        "*",
                        List.of(category),
                        category == DeviationCategory.NOT_A_DEVIATION ? "Händelsen gäller en annan huvudman" : null));
        if (category == DeviationCategory.NOT_A_DEVIATION) {
            close();
            return;
        }
        UUID track = trackOf(category);
        if (track == null) {
            return;
        }
        switch (category) {
            case LEX_SARAH -> lexSarah(track);
            case LEX_MARIA -> lexMaria(track);
            case PERSONAL_DATA_BREACH -> breach(track);
            case COMPLAINT -> complaint(track);
            default -> other(track);
        }
        close();
    }

    UUID trackOf(DeviationCategory category) {
        if (stopped) {
            return null;
        }
        return QuarkusTransaction.requiringNew()
                .call(() -> demo.em
                        .createQuery(
                                "select t.id from DeviationTrack t where t.deviation.id = :d and t.category = :c",
                                UUID.class)
                        .setParameter("d", id)
                        .setParameter("c", category)
                        .getResultStream()
                        .findFirst()
                        .orElse(null));
    }

    /** The reason, when the running notification clock of the track is past due now. */
    String lateReason(UUID track, String reason) {
        Instant due = QuarkusTransaction.requiringNew()
                .call(() -> demo.em
                        .createQuery(
                                "select c.dueAt from DeadlineClock c"
                                        + " where c.subjectId = :t and c.stoppedAt is null and c.kind in :kinds",
                                Instant.class)
                        .setParameter("t", track)
                        .setParameter(
                                "kinds",
                                List.of(
                                        ClockKind.LEX_SARAH_IVO_NOTIFICATION,
                                        ClockKind.LEX_MARIA_IVO_NOTIFICATION,
                                        ClockKind.IMY_NOTIFICATION))
                        .getResultStream()
                        .findFirst()
                        .orElse(null));
        return due != null && at.isAfter(due) ? reason : null;
    }

    void entries(DemoIdentity who, UUID track, Set<Section> sections) {
        for (Section s : sections) {
            step(
                    rnd.nextInt(30) + 1,
                    who,
                    () -> demo.investigations.addEntry(
                            id,
                            track,
                            new AddEntry(
                                    s,
                                    s == Section.CAUSES || s == Section.CAN_RECUR ? Kind.ASSESSMENT : Kind.FACT,
                                    today(),
                                    s == Section.WHAT_HAPPENED_AND_CONSEQUENCES
                                            ? "Samtal med personal"
                                            : "Genomgång av dokumentation",
                                    text(s))));
        }
    }

    String text(Section s) {
        return switch (s) {
            case WHAT_HAPPENED_AND_CONSEQUENCES -> t.description();
            case WHEN_AND_HOW_NOTICED -> "Uppmärksammades av personal samma dag.";
            case CAUSES -> "Bidragande orsak: " + DemoTemplates.SWEDISH_CAUSE.get(t.cause()) + ".";
            case HAPPENED_BEFORE ->
                rnd.nextBoolean() ? "Liknande händelse för ett halvår sedan." : "Inte känt tidigare.";
            case CAN_RECUR -> "Kan hända igen om åtgärderna inte genomförs.";
            case MEASURES_TAKEN -> t.immediate() != null ? t.immediate() : "Händelsen har gåtts igenom med personalen.";
            case MEASURES_PLANNED -> t.action() + ".";
            default -> "Övrigt.";
        };
    }

    void causeAndAction(DemoIdentity who, UUID track) {
        step(2, who, () -> demo.rootCauses.add(id, track, t.cause(), Set.of(), null));
        UUID[] action = new UUID[1];
        int dueIn = 14 + rnd.nextInt(45);
        step(
                1,
                who,
                () -> action[0] = demo.actions.add(
                                id,
                                new ActionService.NewAction(
                                        t.action(),
                                        null,
                                        "erik",
                                        orgUnit,
                                        today().plusDays(dueIn),
                                        track,
                                        EnumSet.of(t.cause()),
                                        null))
                        .id);
        if (action[0] == null) {
            return;
        }
        LocalDate due = today().plusDays(dueIn);
        // most actions are done, some late; the effect is checked a couple of months later
        Instant doneAt = due.minusDays(rnd.nextInt(20))
                .plusDays(rnd.nextInt(100) < 25 ? 5 + rnd.nextInt(20) : 0)
                .atTime(14, 0)
                .atZone(Deviation.SWEDEN)
                .toInstant();
        boolean done = rnd.nextInt(100) < 85 && doneAt.isBefore(now.minus(Duration.ofHours(3)));
        if (done) {
            Instant doneWhen = doneAt.isAfter(at) ? doneAt : at;
            ReplayClock.at(
                    doneWhen,
                    () -> demo.karin.run(() -> demo.progress.progress(
                            id,
                            action[0],
                            "*",
                            new ProgressAction(
                                    DeviationAction.Status.DONE,
                                    LocalDate.ofInstant(doneWhen, Deviation.SWEDEN),
                                    null,
                                    null))));
            Instant checkAt = doneAt.plus(Duration.ofDays(45 + rnd.nextInt(30)));
            if (checkAt.isBefore(now.minus(Duration.ofHours(3))) && checkAt.isAfter(at)) {
                boolean effective = rnd.nextInt(100) < 80;
                ReplayClock.at(
                        checkAt,
                        () -> demo.karin.run(() -> demo.progress.checkEffect(
                                id,
                                action[0],
                                "*",
                                new CheckEffect(
                                        LocalDate.ofInstant(checkAt, Deviation.SWEDEN),
                                        effective,
                                        "Uppföljning på arbetsplatsträff."))));
            }
        }
    }

    void other(UUID track) {
        entries(demo.karin, track, EnumSet.of(Section.WHAT_HAPPENED_AND_CONSEQUENCES, Section.CAUSES));
        causeAndAction(demo.karin, track);
        step(
                days(3, 20),
                demo.karin,
                () -> demo.completions.complete(id, track, "*", "Orsaken är utredd och åtgärd beslutad."));
    }

    void lexSarah(UUID track) {
        step(2, demo.karin, () -> demo.investigations.assign(id, track, "*", "ingrid"));
        entries(
                demo.ingrid,
                track,
                EnumSet.of(
                        Section.WHAT_HAPPENED_AND_CONSEQUENCES,
                        Section.WHEN_AND_HOW_NOTICED,
                        Section.CAUSES,
                        Section.HAPPENED_BEFORE,
                        Section.CAN_RECUR,
                        Section.MEASURES_TAKEN,
                        Section.MEASURES_PLANNED));
        int roll = rnd.nextInt(100);
        Assessment a = roll < 35
                ? Assessment.MISSFORHALLANDE
                : roll < 70 ? Assessment.PATAGLIG_RISK_FOR_MISSFORHALLANDE : Assessment.INGET_MISSFORHALLANDE;
        boolean serious = a != Assessment.INGET_MISSFORHALLANDE && rnd.nextInt(100) < 30;
        step(days(1, 5), demo.ingrid, () -> demo.investigations.assess(id, track, "*", a, serious));
        if (serious) {
            double delay = days(1, 10);
            step(
                    delay,
                    demo.karin,
                    () -> demo.notifications.notifyAuthority(
                            id,
                            track,
                            new FileNotification(
                                    NotificationKind.INITIAL,
                                    at,
                                    "3.5.1-" + (1000 + rnd.nextInt(9000)) + "/" + today().getYear(),
                                    lateReason(track, "Utredningen behövde kompletteras innan anmälan."),
                                    "Anmälan enligt lex Sarah: " + t.summary())));
        }
        causeAndAction(demo.ingrid, track);
        step(
                days(5, 25),
                demo.ingrid,
                () -> demo.completions.complete(id, track, "*", "Ställningstagande: åtgärderna bedöms tillräckliga."));
    }

    void lexMaria(UUID track) {
        entries(
                demo.maria,
                track,
                EnumSet.of(
                        Section.WHAT_HAPPENED_AND_CONSEQUENCES,
                        Section.CAUSES,
                        Section.MEASURES_TAKEN,
                        Section.MEASURES_PLANNED));
        int roll = rnd.nextInt(100);
        Assessment a = roll < 10
                ? Assessment.ALLVARLIG_VARDSKADA
                : roll < 25
                        ? Assessment.RISK_FOR_ALLVARLIG_VARDSKADA
                        : roll < 60 ? Assessment.VARDSKADA : Assessment.INGEN_VARDSKADA;
        step(days(1, 5), demo.maria, () -> demo.investigations.assess(id, track, "*", a, null));
        if (a == Assessment.ALLVARLIG_VARDSKADA || a == Assessment.RISK_FOR_ALLVARLIG_VARDSKADA) {
            double delay = days(1, 9);
            step(
                    delay,
                    demo.maria,
                    () -> demo.notifications.notifyAuthority(
                            id,
                            track,
                            new FileNotification(
                                    NotificationKind.INITIAL,
                                    at,
                                    null,
                                    lateReason(track, "Journalgranskningen tog längre tid än planerat."),
                                    "Lex Maria-anmälan: " + t.summary())));
        }
        causeAndAction(demo.maria, track);
        step(
                days(3, 15),
                demo.maria,
                () -> demo.completions.complete(id, track, "*", "Händelsen är utredd; åtgärder följs upp av MAS."));
    }

    void breach(UUID track) {
        int roll = rnd.nextInt(100);
        Assessment risk = roll < 50 ? Assessment.NO_RISK : roll < 85 ? Assessment.RISK : Assessment.HIGH_RISK;
        step(
                3,
                demo.karin,
                () -> demo.breaches.breachDetails(
                        id,
                        track,
                        "*",
                        new BreachDetails(
                                null,
                                1 + rnd.nextInt(40),
                                List.of(
                                        DeviationTrack.DataCategory.IDENTITY,
                                        DeviationTrack.DataCategory.SOCIAL_CIRCUMSTANCES),
                                null,
                                null)));
        step(6 + rnd.nextInt(20), demo.karin, () -> demo.investigations.assess(id, track, "*", risk, null));
        if (risk != Assessment.NO_RISK) {
            step(
                    12 + rnd.nextInt(60),
                    demo.karin,
                    () -> demo.notifications.notifyAuthority(
                            id,
                            track,
                            new FileNotification(
                                    NotificationKind.INITIAL,
                                    at,
                                    "IMY-" + (100 + rnd.nextInt(900)),
                                    lateReason(track, "Omfattningen behövde klarläggas först."),
                                    "Anmälan av personuppgiftsincident.")));
            step(
                    days(3, 10),
                    demo.karin,
                    () -> demo.notifications.notifyAuthority(
                            id,
                            track,
                            new FileNotification(
                                    NotificationKind.SUPPLEMENT, at, null, null, "Komplettering: vidtagna åtgärder.")));
        }
        if (risk == Assessment.HIGH_RISK) {
            step(
                    days(1, 3),
                    demo.karin,
                    () -> demo.breaches.breachDetails(id, track, "*", new BreachDetails(null, null, null, at, null)));
        }
        entries(demo.karin, track, EnumSet.of(Section.WHAT_HAPPENED_AND_CONSEQUENCES, Section.MEASURES_TAKEN));
        causeAndAction(demo.karin, track);
        step(
                days(2, 10),
                demo.karin,
                () -> demo.completions.complete(id, track, "*", "Incidenten är dokumenterad och åtgärdad."));
    }

    void complaint(UUID track) {
        boolean anonymous = rnd.nextInt(100) < 15;
        ComplaintSource[] sources = {
            ComplaintSource.CLIENT_OR_RELATIVE,
            ComplaintSource.CLIENT_OR_RELATIVE,
            ComplaintSource.CLIENT_OR_RELATIVE,
            ComplaintSource.STAFF,
            ComplaintSource.OTHER_CARE_PROVIDER,
            ComplaintSource.AUTHORITY,
            ComplaintSource.ASSOCIATION_OR_ORGANISATION
        };
        ComplaintChannel[] channels = ComplaintChannel.values();
        ComplaintKind kind = t.summary().startsWith("Förslag")
                ? ComplaintKind.SUGGESTION
                : rnd.nextInt(100) < 8 ? ComplaintKind.PRAISE : ComplaintKind.COMPLAINT;
        Instant received = at;
        step(
                1,
                demo.karin,
                () -> demo.complaints.register(
                        id,
                        track,
                        "*",
                        new RegisterComplaint(
                                kind,
                                sources[rnd.nextInt(sources.length)],
                                channels[rnd.nextInt(channels.length)],
                                anonymous,
                                received)));
        if (!anonymous) {
            step(days(0, 4), demo.karin, () -> demo.complaints.acknowledge(id, track, "*", at));
            step(
                    days(4, 30),
                    demo.karin,
                    () -> demo.complaints.answer(
                            id, track, "*", at, "Tack för att du hörde av dig. " + t.action() + "."));
        }
        boolean occurred = kind == ComplaintKind.COMPLAINT && rnd.nextInt(100) < 35;
        String outcome = occurred ? "Klagomålet var befogat." : "Synpunkten är omhändertagen.";
        step(
                days(1, 5),
                demo.karin,
                () -> demo.complaints.complete(id, track, "*", new CompleteComplaint(outcome, occurred, null, null)));
    }

    void close() {
        step(
                days(1, 6),
                demo.karin,
                () -> demo.triage.close(
                        id, "*", "Tack för din rapport. Händelsen är utredd och åtgärder är beslutade."));
    }
}
