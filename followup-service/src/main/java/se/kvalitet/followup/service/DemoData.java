package se.kvalitet.followup.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.kvalitet.followup.domain.Comparator;
import se.kvalitet.followup.domain.Enums.Frequency;
import se.kvalitet.followup.domain.Enums.Method;
import se.kvalitet.followup.domain.Enums.UnitOfMeasure;
import se.kvalitet.followup.repository.IndicatorRepository;
import se.kvalitet.followup.rest.IndicatorApi.IndicatorRequest;
import se.kvalitet.followup.rest.IndicatorApi.TargetRequest;

/**
 * Demo indicators after seed 000 (Nacka's tables: criterion, method, frequency, målvärde,
 * responsible) when {@code kvalitet.demo-data.enabled=true}; an indicator whose code exists is left alone.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    @ConfigProperty(name = "kvalitet.demo-data.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    IndicatorService indicators;

    @Inject
    IndicatorRepository repository;

    static final List<IndicatorRequest> DEMO = List.of(
            new IndicatorRequest("BRUKARE-PAVERKA", "Andel brukare som upplever att de kan påverka insatsens utförande",
                    "Brukarundersökning inom äldreomsorgen, frågan om inflytande.", "SELF_DETERMINATION_INTEGRITY", null,
                    UnitOfMeasure.PERCENT, Method.SURVEY, Frequency.YEARLY, "Kvalitetsutvecklare", null, 0, true, null,
                    List.of(new TargetRequest("2024", Comparator.AT_LEAST, new BigDecimal("85"), null),
                            new TargetRequest("2026", Comparator.AT_LEAST, new BigDecimal("90"), null))),
            new IndicatorRequest("UTREDNING-DAGAR", "Handläggningstid för utredning av barn och unga, dagar",
                    "Tid från beslut att inleda utredning till beslut (SoL 11 kap 2 §: högst fyra månader).",
                    "AVAILABILITY", null, UnitOfMeasure.DAYS, Method.SYSTEM_STATISTICS, Frequency.TERTIAL,
                    "Enhetschef barn och unga", null, 0, false, null,
                    List.of(new TargetRequest("2024", Comparator.AT_MOST, new BigDecimal("120"), null))),
            new IndicatorRequest("SAMORDNAD-PLAN", "Andel brukare med samordnad individuell plan (SIP) där behov finns",
                    "Journalgranskning två gånger per år.", "HOLISTIC_VIEW_COORDINATION", null, UnitOfMeasure.PERCENT,
                    Method.RECORD_REVIEW, Frequency.TWICE_A_YEAR, "Medicinskt ansvarig sjuksköterska", null, 0, false, null,
                    List.of(new TargetRequest("2024", Comparator.EXACTLY, new BigDecimal("100"), null))));

    @ActivateRequestContext
    void onStart(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        int created = 0;
        for (IndicatorRequest r : DEMO) {
            if (repository.count("code", r.code()) == 0) {
                indicators.create(r);
                created++;
            }
        }
        LOG.infof("demo indicators: %d created", created);
    }
}
