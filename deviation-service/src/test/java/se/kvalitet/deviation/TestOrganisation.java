package se.kvalitet.deviation;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import se.kvalitet.deviation.demo.DemoData;

/**
 * The demo organisation's units (11 Hemtjänst Norr, 21 Barn och unga, ...) in the copy of the org tree
 * before any test runs: intake and actions refer only to units the organisation has.
 */
@ApplicationScoped
class TestOrganisation {

    @Inject
    DemoData demo;

    void onStart(@Observes StartupEvent event) {
        demo.seedOrganisation();
    }
}
