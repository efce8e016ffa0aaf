package se.kvalitet.deviation.demo;

import se.kvalitet.deviation.action.ActionProgressService;
import se.kvalitet.deviation.intake.ReportDeviation;
import se.kvalitet.deviation.investigation.BreachService;
import se.kvalitet.deviation.investigation.CompletionService;
import se.kvalitet.deviation.notification.NotificationService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.deviation.action.DeviationAction;
import se.kvalitet.deviation.report.DeviationTrack;
import se.kvalitet.deviation.report.InvestigationEntry.Kind;
import se.kvalitet.deviation.domain.Section;
import se.kvalitet.deviation.action.ActionService;
import se.kvalitet.deviation.complaint.ComplaintService;
import se.kvalitet.deviation.intake.DeviationIntakeService;
import se.kvalitet.deviation.investigation.InvestigationService;
import se.kvalitet.deviation.org.OrgUnitCopy;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.rootcause.RootCauseService;
import se.kvalitet.deviation.triage.TriageService;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.ComplaintChannel;
import se.kvalitet.events.deviation.ComplaintKind;
import se.kvalitet.events.deviation.ComplaintSource;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.NotificationKind;
import se.kvalitet.events.deviation.RootCause;

/**
 * A year of invented reports across the demo organisation's units ({@code kvalitet.demo-data.enabled}),
 * replayed through the same services as real ones, each step at the time it would have happened
 * ({@link DemoClock}), so the same events flow to the other services: intake, triage, investigations
 * with IVO / IMY notifications (some late), complaints, actions with effect checks, closing. The
 * last weeks' reports are still in progress, and some deadlines are overdue. Runs once: nothing
 * happens when demo reports exist. Deterministic (fixed seed); no real persons.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    static final String REPORTER_PREFIX = "demo-reporter-";

    static UUID unit(int n) {
        return UUID.fromString("00000000-0000-4000-8000-0000000000" + (n < 10 ? "0" : "") + n);
    }

    /** A kind of event a unit reports, with the track the quality team usually gives it. */
    record Template(String summary, String description, String immediate, DeviationCategory usual, RootCause cause, String action) {
    }

    static final List<Template> ELDERLY = List.of(
            new Template("Läkemedel gavs inte vid rätt tid", "Kvällsdosen gavs två timmar för sent eftersom besöket flyttades.",
                    "Sjuksköterska kontaktad, ingen skada bedömd.", DeviationCategory.LEX_MARIA, RootCause.COMMUNICATION_AND_INFORMATION_TRANSFER,
                    "Läkemedelsbesök prioriteras i planeringen"),
            new Template("Fall i badrummet", "Brukaren föll vid dusch när personal hämtade handduk.", "Larmade sjuksköterska, kontroll gjord.",
                    DeviationCategory.LEX_MARIA, RootCause.STAFFING_AND_RESOURCES, "Fallriskbedömning görs vid förändrat behov"),
            new Template("Uteblivet besök", "Planerat morgonbesök blev inte av; brukaren väntade utan frukost till lunch.",
                    "Extra besök ordnades.", DeviationCategory.LEX_SARAH, RootCause.ROUTINE_NOT_KNOWN_OR_NOT_FOLLOWED,
                    "Rutinen för ändrad planering gås igenom på APT"),
            new Template("Trygghetslarm fungerade inte", "Larmet saknade batteri och gick inte fram vid test.", "Batteri bytt samma dag.",
                    DeviationCategory.OTHER_DEVIATION, RootCause.TECHNOLOGY, "Månatlig kontroll av larm läggs in"),
            new Template("Nyckel saknades", "Nyckeln fanns inte i nyckelskåpet vid kvällsbesöket.", "Besöket gjordes med reservnyckel.",
                    DeviationCategory.OTHER_DEVIATION, RootCause.MISSING_ROUTINE, "Kvittering av nycklar införs"),
            new Template("Genomförandeplan inte uppdaterad", "Insatsen ändrades men genomförandeplanen var ett år gammal.", null,
                    DeviationCategory.OTHER_DEVIATION, RootCause.DOCUMENTATION, "Genomförandeplaner följs upp varje halvår"),
            new Template("Anhörig missnöjd med bemötande", "Anhörig hörde av sig om att personalen var stressad och otrevlig.", null,
                    DeviationCategory.COMPLAINT, RootCause.COMPETENCE, "Samtal om bemötande i arbetsgruppen"),
            new Template("Besöksanteckningar skickade fel", "Utskrift av journalanteckningar skickades till fel adress.",
                    "Mottagaren kontaktad och har förstört brevet.", DeviationCategory.PERSONAL_DATA_BREACH,
                    RootCause.ROUTINE_NOT_KNOWN_OR_NOT_FOLLOWED, "Utskick kontrolleras av två personer"));

    static final List<Template> SOCIAL = List.of(
            new Template("Beslut expedierades sent", "Beslut om bistånd skickades tre veckor efter att det fattades.", null,
                    DeviationCategory.OTHER_DEVIATION, RootCause.STAFFING_AND_RESOURCES, "Bevakning av expediering i verksamhetssystemet"),
            new Template("Orosanmälan registrerades inte", "En orosanmälan låg i funktionsbrevlådan i fyra dagar utan att registreras.",
                    "Registrerad och skyddsbedömning gjord samma dag.", DeviationCategory.LEX_SARAH, RootCause.MISSING_ROUTINE,
                    "Daglig bevakning av funktionsbrevlådan med ersättare"),
            new Template("Utredningstiden överskreds", "Utredningen blev klar efter mer än fyra månader utan beslut om förlängning.", null,
                    DeviationCategory.OTHER_DEVIATION, RootCause.STAFFING_AND_RESOURCES, "Månadsvis genomgång av utredningstider"),
            new Template("E-post med uppgifter till fel mottagare", "E-post med uppgifter om en klient skickades till en annan myndighet av misstag.",
                    "Mottagaren ombedd att radera.", DeviationCategory.PERSONAL_DATA_BREACH, RootCause.TECHNOLOGY,
                    "Autokomplettering av adresser stängs av"),
            new Template("Klagomål på handläggning", "En klient anser att hen inte fått information om beslutet.", null,
                    DeviationCategory.COMPLAINT, RootCause.COMMUNICATION_AND_INFORMATION_TRANSFER, "Mall för beslutsinformation tas fram"),
            new Template("Samverkan med skolan uteblev", "Planerat SIP-möte ställdes in utan ny tid.", null, DeviationCategory.OTHER_DEVIATION,
                    RootCause.COMMUNICATION_AND_INFORMATION_TRANSFER, "Ansvarig för kallelse utses vid varje SIP"));

    static final List<Template> DISABILITY = List.of(
            new Template("Fel medicin i dosett", "Kvällens dosett innehöll en tablett som inte var ordinerad.", "Upptäcktes innan intag.",
                    DeviationCategory.LEX_MARIA, RootCause.ROUTINE_NOT_KNOWN_OR_NOT_FOLLOWED, "Signering vid iordningställande"),
            new Template("Brukare lämnades ensam", "Dubbelbemanning uteblev vid förflyttning på grund av sjukfrånvaro.", null,
                    DeviationCategory.LEX_SARAH, RootCause.STAFFING_AND_RESOURCES, "Bemanningsplan med reserv för förflyttningar"),
            new Template("Aktivitet ställdes in", "Veckans utflykt ställdes in utan att brukarna fick veta i förväg.", null,
                    DeviationCategory.COMPLAINT, RootCause.COMMUNICATION_AND_INFORMATION_TRANSFER, "Veckoschema sätts upp i bildstöd"),
            new Template("Hjälpmedel trasigt", "Lyften gick inte att använda och felanmälan hade inte gjorts.", "Reservlyft lånad.",
                    DeviationCategory.OTHER_DEVIATION, RootCause.TECHNOLOGY, "Felanmälan av hjälpmedel samma dag"),
            new Template("Förslag om fler aktiviteter", "En anhörig föreslår fler aktiviteter utomhus.", null, DeviationCategory.COMPLAINT,
                    RootCause.OTHER, "Förslaget tas upp i brukarrådet"));

    static final java.util.Map<RootCause, String> SWEDISH_CAUSE = java.util.Map.of(
            RootCause.MISSING_ROUTINE, "rutin saknas", RootCause.DEFICIENT_ROUTINE, "rutinen är bristfällig",
            RootCause.ROUTINE_NOT_KNOWN_OR_NOT_FOLLOWED, "rutinen var inte känd eller följdes inte",
            RootCause.STAFFING_AND_RESOURCES, "bemanning och resurser",
            RootCause.COMMUNICATION_AND_INFORMATION_TRANSFER, "kommunikation och informationsöverföring",
            RootCause.DOCUMENTATION, "dokumentation", RootCause.COMPETENCE, "kompetens", RootCause.TECHNOLOGY, "teknik",
            RootCause.OTHER, "annat");

    @ConfigProperty(name = "kvalitet.demo-data.enabled", defaultValue = "false")
    boolean enabled;

    @ConfigProperty(name = "kvalitet.demo-data.reports", defaultValue = "180")
    int reports;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    DeviationIntakeService intake;

    @Inject
    TriageService triage;

    @Inject
    InvestigationService investigations;

    @Inject
    NotificationService notifications;

    @Inject
    BreachService breaches;

    @Inject
    CompletionService completions;

    @Inject
    ComplaintService complaints;

    @Inject
    ActionService actions;

    @Inject
    ActionProgressService progress;

    @Inject
    RootCauseService rootCauses;

    @Inject
    OrgUnitCopy orgUnits;

    final DemoIdentity karin = new DemoIdentity("demo-karin", "karin", Set.of(Roles.QUALITY_TEAM), List.of(unit(2)));
    final DemoIdentity maria = new DemoIdentity("demo-maria", "maria", Set.of(Roles.MEDICALLY_RESPONSIBLE), List.of(unit(10)));
    final DemoIdentity ingrid = new DemoIdentity("demo-ingrid", "ingrid", Set.of(Roles.INVESTIGATOR), List.of(unit(10)));

    void onStart(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        long existing = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM deviation WHERE reporter_subject LIKE 'demo-reporter-%'").getSingleResult()).longValue());
        if (existing > 0) {
            LOG.infof("demo deviations: %d exist, none added", existing);
            return;
        }
        long started = System.nanoTime();
        int made = seed(new Random(2026), clock.instant(), reports);
        LOG.infof("demo deviations: %d reports over the past year in %d ms", made, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The demo organisation's units (process-registry-service's demo tree, fixed ids) as placeholders in the
     * copy, so the replay's reports and actions refer to units this service knows even before the registry's
     * snapshots have arrived; those snapshots replace them.
     */
    public void seedOrganisation() {
        QuarkusTransaction.requiringNew().run(() -> {
            orgUnits.placeholder(unit(1), null, "Socialnämnden", "BOARD");
            orgUnits.placeholder(unit(2), unit(1), "Socialförvaltningen", "ADMINISTRATION");
            for (int[] department : new int[][] {{10, 11, 12}, {20, 21, 22}, {30, 31, 32}}) {
                orgUnits.placeholder(unit(department[0]), unit(2), "Avdelning " + department[0], "DEPARTMENT");
                for (int i = 1; i < department.length; i++) {
                    orgUnits.placeholder(unit(department[i]), unit(department[0]), "Enhet " + department[i], "UNIT");
                }
            }
        });
    }

    /** Replays {@code count} reports spread over the year before {@code now}; returns how many were filed. */
    public int seed(Random rnd, Instant now, int count) {
        seedOrganisation();
        int made = 0;
        int[] units = {11, 11, 11, 12, 12, 21, 21, 22, 31, 31, 32};
        for (int i = 0; i < count; i++) {
            Instant reportedAt = now.minus(Duration.ofMinutes((long) (365L * 24 * 60 * (count - i) / (double) count)))
                    .plus(Duration.ofMinutes(rnd.nextInt(600)));
            int u = units[rnd.nextInt(units.length)];
            List<Template> templates = u < 20 ? ELDERLY : u < 30 ? SOCIAL : DISABILITY;
            try {
                new Story(rnd, now, reportedAt, unit(u), templates.get(rnd.nextInt(templates.size())), i).tell();
                made++;
            } catch (RuntimeException e) {
                LOG.warnf("demo report %d not completed: %s", i, e.toString());
            }
        }
        return made;
    }

    /** One report's history; each step happens only when its time has come (else the case is still in progress). */
    final class Story {
        final Random rnd;
        final Instant now;
        final UUID orgUnit;
        final Template t;
        final DemoIdentity reporter;
        final Instant reportedAt;
        Instant at;
        boolean stopped;
        UUID id;

        Story(Random rnd, Instant now, Instant reportedAt, UUID orgUnit, Template t, int n) {
            this.rnd = rnd;
            this.now = now;
            this.at = reportedAt;
            this.reportedAt = reportedAt;
            this.orgUnit = orgUnit;
            this.t = t;
            this.reporter = new DemoIdentity(REPORTER_PREFIX + (n % 23), "personal" + (n % 23), Set.of(Roles.REPORTER), List.of(orgUnit));
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
            DemoClock.at(at, () -> who.run(work));
        }

        double days(int from, int to) {
            return 24.0 * (from + rnd.nextInt(to - from + 1)) + rnd.nextInt(8);
        }

        LocalDate today() {
            return LocalDate.ofInstant(at, Deviation.SWEDEN);
        }

        void tell() {
            Instant occurred = at.minus(Duration.ofHours(1 + rnd.nextInt(30)));
            DemoClock.at(at, () -> reporter.run(() -> {
                id = intake.report(new ReportDeviation(t.summary(), t.description(), occurred,
                        occurred.plus(Duration.ofMinutes(rnd.nextInt(120))), orgUnit, null, t.usual(), t.immediate(), null, null), null,
                        (d, caseView) -> d.id).created();
            }));
            DeviationCategory category = rnd.nextInt(100) < 8 ? DeviationCategory.NOT_A_DEVIATION
                    : rnd.nextInt(100) < 70 ? t.usual() : DeviationCategory.OTHER_DEVIATION;
            step(days(0, 4), karin, () -> triage.triage(id, "*", List.of(category),
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
            return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                    "select t.id from DeviationTrack t where t.deviation.id = :d and t.category = :c", UUID.class)
                    .setParameter("d", id).setParameter("c", category).getResultStream().findFirst().orElse(null));
        }

        /** The reason, when the running notification clock of the track is past due now. */
        String lateReason(UUID track, String reason) {
            Instant due = QuarkusTransaction.requiringNew().call(() -> em.createQuery("select c.dueAt from DeadlineClock c"
                            + " where c.subjectId = :t and c.stoppedAt is null and c.kind in :kinds", Instant.class)
                    .setParameter("t", track).setParameter("kinds", List.of(ClockKind.LEX_SARAH_IVO_NOTIFICATION,
                            ClockKind.LEX_MARIA_IVO_NOTIFICATION, ClockKind.IMY_NOTIFICATION))
                    .getResultStream().findFirst().orElse(null));
            return due != null && at.isAfter(due) ? reason : null;
        }

        void entries(DemoIdentity who, UUID track, Set<Section> sections) {
            for (Section s : sections) {
                step(rnd.nextInt(30) + 1, who, () -> investigations.addEntry(id, track, s,
                        s == Section.CAUSES || s == Section.CAN_RECUR ? Kind.ASSESSMENT : Kind.FACT, today(),
                        s == Section.WHAT_HAPPENED_AND_CONSEQUENCES ? "Samtal med personal" : "Genomgång av dokumentation",
                        text(s)));
            }
        }

        String text(Section s) {
            return switch (s) {
                case WHAT_HAPPENED_AND_CONSEQUENCES -> t.description();
                case WHEN_AND_HOW_NOTICED -> "Uppmärksammades av personal samma dag.";
                case CAUSES -> "Bidragande orsak: " + SWEDISH_CAUSE.get(t.cause()) + ".";
                case HAPPENED_BEFORE -> rnd.nextBoolean() ? "Liknande händelse för ett halvår sedan." : "Inte känt tidigare.";
                case CAN_RECUR -> "Kan hända igen om åtgärderna inte genomförs.";
                case MEASURES_TAKEN -> t.immediate() != null ? t.immediate() : "Händelsen har gåtts igenom med personalen.";
                case MEASURES_PLANNED -> t.action() + ".";
                default -> "Övrigt.";
            };
        }

        void causeAndAction(DemoIdentity who, UUID track) {
            step(2, who, () -> rootCauses.add(id, track, t.cause(), Set.of(), null));
            UUID[] action = new UUID[1];
            int dueIn = 14 + rnd.nextInt(45);
            step(1, who, () -> action[0] = actions.add(id, new ActionService.NewAction(t.action(), null, "erik", orgUnit,
                    today().plusDays(dueIn), track, EnumSet.of(t.cause()), null)).id);
            if (action[0] == null) {
                return;
            }
            LocalDate due = today().plusDays(dueIn);
            // most actions are done, some late; the effect is checked a couple of months later
            Instant doneAt = due.minusDays(rnd.nextInt(20)).plusDays(rnd.nextInt(100) < 25 ? 5 + rnd.nextInt(20) : 0)
                    .atTime(14, 0).atZone(Deviation.SWEDEN).toInstant();
            boolean done = rnd.nextInt(100) < 85 && doneAt.isBefore(now.minus(Duration.ofHours(3)));
            if (done) {
                DemoClock.at(doneAt.isAfter(at) ? doneAt : at, () -> karin.run(() -> progress.progress(id, action[0], "*",
                        DeviationAction.Status.DONE, LocalDate.ofInstant(doneAt.isAfter(at) ? doneAt : at, Deviation.SWEDEN), null,
                        null)));
                Instant checkAt = doneAt.plus(Duration.ofDays(45 + rnd.nextInt(30)));
                if (checkAt.isBefore(now.minus(Duration.ofHours(3))) && checkAt.isAfter(at)) {
                    DemoClock.at(checkAt, () -> karin.run(() -> progress.checkEffect(id, action[0], "*",
                            LocalDate.ofInstant(checkAt, Deviation.SWEDEN), rnd.nextInt(100) < 80,
                            "Uppföljning på arbetsplatsträff.")));
                }
            }
        }

        void other(UUID track) {
            entries(karin, track, EnumSet.of(Section.WHAT_HAPPENED_AND_CONSEQUENCES, Section.CAUSES));
            causeAndAction(karin, track);
            step(days(3, 20), karin, () -> completions.complete(id, track, "*", "Orsaken är utredd och åtgärd beslutad."));
        }

        void lexSarah(UUID track) {
            step(2, karin, () -> investigations.assign(id, track, "*", "ingrid"));
            entries(ingrid, track, EnumSet.of(Section.WHAT_HAPPENED_AND_CONSEQUENCES, Section.WHEN_AND_HOW_NOTICED, Section.CAUSES,
                    Section.HAPPENED_BEFORE, Section.CAN_RECUR, Section.MEASURES_TAKEN, Section.MEASURES_PLANNED));
            int roll = rnd.nextInt(100);
            Assessment a = roll < 35 ? Assessment.MISSFORHALLANDE : roll < 70 ? Assessment.PATAGLIG_RISK_FOR_MISSFORHALLANDE
                    : Assessment.INGET_MISSFORHALLANDE;
            boolean serious = a != Assessment.INGET_MISSFORHALLANDE && rnd.nextInt(100) < 30;
            step(days(1, 5), ingrid, () -> investigations.assess(id, track, "*", a, serious));
            if (serious) {
                double delay = days(1, 10);
                step(delay, karin, () -> notifications.notifyAuthority(id, track, NotificationKind.INITIAL, at,
                        "3.5.1-" + (1000 + rnd.nextInt(9000)) + "/" + today().getYear(),
                        lateReason(track, "Utredningen behövde kompletteras innan anmälan."), "Anmälan enligt lex Sarah: " + t.summary()));
            }
            causeAndAction(ingrid, track);
            step(days(5, 25), ingrid, () -> completions.complete(id, track, "*", "Ställningstagande: åtgärderna bedöms tillräckliga."));
        }

        void lexMaria(UUID track) {
            entries(maria, track, EnumSet.of(Section.WHAT_HAPPENED_AND_CONSEQUENCES, Section.CAUSES, Section.MEASURES_TAKEN,
                    Section.MEASURES_PLANNED));
            int roll = rnd.nextInt(100);
            Assessment a = roll < 10 ? Assessment.ALLVARLIG_VARDSKADA : roll < 25 ? Assessment.RISK_FOR_ALLVARLIG_VARDSKADA
                    : roll < 60 ? Assessment.VARDSKADA : Assessment.INGEN_VARDSKADA;
            step(days(1, 5), maria, () -> investigations.assess(id, track, "*", a, null));
            if (a == Assessment.ALLVARLIG_VARDSKADA || a == Assessment.RISK_FOR_ALLVARLIG_VARDSKADA) {
                double delay = days(1, 9);
                step(delay, maria, () -> notifications.notifyAuthority(id, track, NotificationKind.INITIAL, at, null,
                        lateReason(track, "Journalgranskningen tog längre tid än planerat."), "Lex Maria-anmälan: " + t.summary()));
            }
            causeAndAction(maria, track);
            step(days(3, 15), maria, () -> completions.complete(id, track, "*", "Händelsen är utredd; åtgärder följs upp av MAS."));
        }

        void breach(UUID track) {
            int roll = rnd.nextInt(100);
            Assessment risk = roll < 50 ? Assessment.NO_RISK : roll < 85 ? Assessment.RISK : Assessment.HIGH_RISK;
            step(3, karin, () -> breaches.breachDetails(id, track, "*", null, 1 + rnd.nextInt(40),
                    List.of(DeviationTrack.DataCategory.IDENTITY, DeviationTrack.DataCategory.SOCIAL_CIRCUMSTANCES), null, null));
            step(6 + rnd.nextInt(20), karin, () -> investigations.assess(id, track, "*", risk, null));
            if (risk != Assessment.NO_RISK) {
                step(12 + rnd.nextInt(60), karin, () -> notifications.notifyAuthority(id, track, NotificationKind.INITIAL, at,
                        "IMY-" + (100 + rnd.nextInt(900)), lateReason(track, "Omfattningen behövde klarläggas först."),
                        "Anmälan av personuppgiftsincident."));
                step(days(3, 10), karin, () -> notifications.notifyAuthority(id, track, NotificationKind.SUPPLEMENT, at, null, null,
                        "Komplettering: vidtagna åtgärder."));
            }
            if (risk == Assessment.HIGH_RISK) {
                step(days(1, 3), karin, () -> breaches.breachDetails(id, track, "*", null, null, null, at, null));
            }
            entries(karin, track, EnumSet.of(Section.WHAT_HAPPENED_AND_CONSEQUENCES, Section.MEASURES_TAKEN));
            causeAndAction(karin, track);
            step(days(2, 10), karin, () -> completions.complete(id, track, "*", "Incidenten är dokumenterad och åtgärdad."));
        }

        void complaint(UUID track) {
            boolean anonymous = rnd.nextInt(100) < 15;
            ComplaintSource[] sources = {ComplaintSource.CLIENT_OR_RELATIVE, ComplaintSource.CLIENT_OR_RELATIVE,
                    ComplaintSource.CLIENT_OR_RELATIVE, ComplaintSource.STAFF, ComplaintSource.OTHER_CARE_PROVIDER,
                    ComplaintSource.AUTHORITY, ComplaintSource.ASSOCIATION_OR_ORGANISATION};
            ComplaintChannel[] channels = ComplaintChannel.values();
            ComplaintKind kind = t.summary().startsWith("Förslag") ? ComplaintKind.SUGGESTION
                    : rnd.nextInt(100) < 8 ? ComplaintKind.PRAISE : ComplaintKind.COMPLAINT;
            Instant received = at;
            step(1, karin, () -> complaints.register(id, track, "*", kind, sources[rnd.nextInt(sources.length)],
                    channels[rnd.nextInt(channels.length)], anonymous, received));
            if (!anonymous) {
                step(days(0, 4), karin, () -> complaints.acknowledge(id, track, "*", at));
                step(days(4, 30), karin, () -> complaints.answer(id, track, "*", at, "Tack för att du hörde av dig. " + t.action() + "."));
            }
            boolean occurred = kind == ComplaintKind.COMPLAINT && rnd.nextInt(100) < 35;
            step(days(1, 5), karin, () -> complaints.complete(id, track, "*", occurred ? "Klagomålet var befogat." : "Synpunkten är omhändertagen.",
                    occurred, null, null));
        }

        void close() {
            step(days(1, 6), karin, () -> triage.close(id, "*", "Tack för din rapport. Händelsen är utredd och åtgärder är beslutade."));
        }
    }
}
