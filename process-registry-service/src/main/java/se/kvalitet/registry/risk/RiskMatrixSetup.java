package se.kvalitet.registry.risk;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import se.kvalitet.registry.domain.RiskMatrix;

/** The configured risk matrix (thresholds from {@link RiskMatrixConfig}), checked at start. */
@ApplicationScoped
public class RiskMatrixSetup {

    @Produces
    @ApplicationScoped
    RiskMatrix riskMatrix(RiskMatrixConfig c) {
        return new RiskMatrix(c.mediumFrom(), c.highFrom(), c.veryHighFrom());
    }

    /** Misconfigured thresholds stop the service at start, not at the first assessment. */
    void validateThresholds(@Observes StartupEvent ev, RiskMatrixConfig c) {
        new RiskMatrix(c.mediumFrom(), c.highFrom(), c.veryHighFrom());
    }
}
