package se.kvalitet.deviation.demo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.action.ActionProgressService;
import se.kvalitet.deviation.action.ActionService;
import se.kvalitet.deviation.clock.ReplayClock;
import se.kvalitet.deviation.complaint.ComplaintService;
import se.kvalitet.deviation.intake.DeviationIntakeService;
import se.kvalitet.deviation.investigation.BreachService;
import se.kvalitet.deviation.investigation.CompletionService;
import se.kvalitet.deviation.investigation.InvestigationService;
import se.kvalitet.deviation.notification.NotificationService;
import se.kvalitet.deviation.rootcause.RootCauseService;
import se.kvalitet.deviation.triage.TriageService;
import se.kvalitet.orgcopy.OrgCopy;

/**
 * A year of invented reports across the demo organisation's units ({@code kvalitet.demo-data.enabled}),
 * replayed through the same services as real ones, each step at the time it would have happened
 * ({@link ReplayClock}), so the same events flow to the other services: intake, triage, investigations
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
    OrgCopy orgUnits;

    final DemoIdentity karin = new DemoIdentity("demo-karin", "karin", Set.of(Roles.QUALITY_TEAM), List.of(unit(2)));
    final DemoIdentity maria =
            new DemoIdentity("demo-maria", "maria", Set.of(Roles.MEDICALLY_RESPONSIBLE), List.of(unit(10)));
    final DemoIdentity ingrid =
            new DemoIdentity("demo-ingrid", "ingrid", Set.of(Roles.INVESTIGATOR), List.of(unit(10)));

    void onStart(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        long existing = QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                        "SELECT count(*) FROM deviation WHERE reporter_subject LIKE 'demo-reporter-%'")
                                .getSingleResult())
                        .longValue());
        if (existing > 0) {
            LOG.infof("demo deviations: %d exist, none added", existing);
            return;
        }
        long started = System.nanoTime();
        int made = seed(new Random(2026), clock.instant(), reports);
        LOG.infof(
                "demo deviations: %d reports over the past year in %d ms",
                made, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The demo organisation's units (process-registry-service's demo tree, fixed ids) as placeholders in the
     * copy, so the replay's reports and actions refer to units this service knows even before the registry's
     * snapshots have arrived; those snapshots replace them.
     */
    public void seedOrganisation() {
        QuarkusTransaction.requiringNew().run(() -> {
            orgUnits.seed(unit(1), null, "Socialnämnden", "BOARD");
            orgUnits.seed(unit(2), unit(1), "Socialförvaltningen", "ADMINISTRATION");
            for (int[] department : new int[][] {{10, 11, 12}, {20, 21, 22}, {30, 31, 32}}) {
                orgUnits.seed(unit(department[0]), unit(2), "Avdelning " + department[0], "DEPARTMENT");
                for (int i = 1; i < department.length; i++) {
                    orgUnits.seed(unit(department[i]), unit(department[0]), "Enhet " + department[i], "UNIT");
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
            List<DemoTemplates.Template> templates =
                    u < 20 ? DemoTemplates.ELDERLY : u < 30 ? DemoTemplates.SOCIAL : DemoTemplates.DISABILITY;
            try {
                new DemoStory(this, rnd, now, reportedAt, unit(u), templates.get(rnd.nextInt(templates.size())), i)
                        .tell();
                made++;
            } catch (RuntimeException e) {
                LOG.warnf("demo report %d not completed: %s", i, e.toString());
            }
        }
        return made;
    }
}
