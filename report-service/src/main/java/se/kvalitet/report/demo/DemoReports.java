package se.kvalitet.report.demo;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.kvalitet.events.report.ReportKind;
import se.kvalitet.report.content.Editorial;
import se.kvalitet.report.lifecycle.CanonicalJson;
import se.kvalitet.report.lifecycle.ReportService;

/**
 * Demo data (kvalitet.demo-data.enabled): the demo organisation's board (unit 01, Socialnämnden)
 * gets a kvalitetsberättelse and a patientsäkerhetsberättelse for this year and last year, with
 * fixed ids so the README can generate one in a single call, and invented editorial text (focus
 * areas in the spirit of seed 003). The numbers come from the other services' demo events.
 */
@ApplicationScoped
public class DemoReports {

    private static final Logger LOG = Logger.getLogger(DemoReports.class);
    public static final UUID BOARD = UUID.fromString("00000000-0000-4000-8000-000000000001");
    /** Kvalitetsberättelse for the current year. */
    public static final UUID KB_THIS_YEAR = UUID.fromString("00000000-0000-4000-8000-000000000601");

    public static final UUID KB_LAST_YEAR = UUID.fromString("00000000-0000-4000-8000-000000000602");
    public static final UUID PSB_THIS_YEAR = UUID.fromString("00000000-0000-4000-8000-000000000603");
    public static final UUID PSB_LAST_YEAR = UUID.fromString("00000000-0000-4000-8000-000000000604");

    @ConfigProperty(name = "kvalitet.demo-data.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    ReportService reports;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @ActivateRequestContext
    @Transactional
    void onStart(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        int year = LocalDate.now(clock.withZone(java.time.ZoneId.of("Europe/Stockholm")))
                .getYear();
        reports.insert(KB_THIS_YEAR, ReportKind.KVALITETSBERATTELSE, year, BOARD, null);
        reports.insert(KB_LAST_YEAR, ReportKind.KVALITETSBERATTELSE, year - 1, BOARD, null);
        reports.insert(PSB_THIS_YEAR, ReportKind.PATIENTSAKERHETSBERATTELSE, year, BOARD, null);
        reports.insert(PSB_LAST_YEAR, ReportKind.PATIENTSAKERHETSBERATTELSE, year - 1, BOARD, null);
        Editorial kb = new Editorial(
                null,
                "Socialnämnden har under året systematiserat dokumentationen av kvalitetsarbetet, främst "
                        + "avvikelsehanteringen. Statistiken i berättelsen är sammanställd ur det dokumenterade arbetet.",
                Map.of(
                        "avvikelser",
                        new Editorial.ChapterText(
                                "Bedömningen av om en rapport är ett missförhållande, en personuppgiftsincident eller en övrig "
                                        + "avvikelse görs av teamet för kvalitet och utveckling, vilket ger enhetliga bedömningar.\n\n"
                                        + "De vanligaste orsakerna är avsaknad av rutiner, brister i befintliga rutiner och okunskap om "
                                        + "befintliga rutiner.",
                                null,
                                null)),
                List.of(
                        "Fastställa organisation, processer och rutiner för det systematiska kvalitetsarbetet.",
                        "Kartlägga verksamheten och fastställa vilka föreskrifter som gäller för verksamheten.",
                        "Fastställa riktlinjer för de verksamheter där behov av riktlinjer finns.",
                        "Fastställa processer för styrning och ledning."));
        for (UUID id : List.of(KB_THIS_YEAR, KB_LAST_YEAR)) {
            em.createNativeQuery("UPDATE report SET editorial = :e WHERE id = :id AND version = 1")
                    .setParameter("e", CanonicalJson.write(kb))
                    .setParameter("id", id)
                    .executeUpdate();
        }
        LOG.infof("demo reports: kvalitetsberättelse %d is %s", year, KB_THIS_YEAR);
    }
}
