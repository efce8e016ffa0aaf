package se.kvalitet.registry.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.kvalitet.registry.repository.OrgUnitRepository;

/**
 * The demo organisation (a socialnämnd with three departments, after the seeds' municipalities),
 * created once when {@code kvalitet.demo-data.enabled=true}; a unit that exists is left alone.
 * Its ids are fixed so every service's demo data can refer to the same units.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    static final LocalDate FROM = LocalDate.of(2024, 1, 1);

    @ConfigProperty(name = "kvalitet.demo-data.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    OrgUnitService service;

    @Inject
    OrgUnitRepository units;

    static UUID id(int n) {
        return UUID.fromString("00000000-0000-4000-8000-0000000000" + (n < 10 ? "0" : "") + n);
    }

    @ActivateRequestContext
    @Transactional
    void onStart(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        int created = 0;
        created += unit(1, null, "SN", "Socialnämnden", "BOARD");
        created += unit(2, 1, "SF", "Socialförvaltningen", "ADMINISTRATION");
        created += unit(10, 2, "ÄO", "Äldreomsorg", "DEPARTMENT");
        created += unit(11, 10, "ÄO-HT", "Hemtjänst Norr", "UNIT");
        created += unit(12, 10, "ÄO-EB", "Ekbackens särskilda boende", "UNIT");
        created += unit(20, 2, "IFO", "Individ- och familjeomsorg", "DEPARTMENT");
        created += unit(21, 20, "IFO-BU", "Barn och unga", "UNIT");
        created += unit(22, 20, "IFO-VU", "Vuxenenheten", "UNIT");
        created += unit(30, 2, "FS", "Funktionsstöd", "DEPARTMENT");
        created += unit(31, 30, "FS-GB", "Gruppbostad Linden", "UNIT");
        created += unit(32, 30, "FS-DV", "Daglig verksamhet", "UNIT");
        LOG.infof("demo organisation: %d units created", created);
    }

    private int unit(int n, Integer parent, String code, String name, String type) {
        if (units.findByIdOptional(id(n)).isPresent()) {
            return 0;
        }
        service.create(id(n), code, name, type, parent == null ? null : id(parent), FROM);
        return 1;
    }
}
