package se.kvalitet.registry.demo;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.kvalitet.registry.codelist.LegalBasis;
import se.kvalitet.registry.codelist.VerksamhetKind;
import se.kvalitet.registry.orgunit.OrgUnitChanges;
import se.kvalitet.registry.orgunit.OrgUnitRepository;
import se.kvalitet.registry.orgunit.OrgUnitService;
import se.kvalitet.registry.verksamhet.VerksamhetCommands.VerksamhetCommand;
import se.kvalitet.registry.verksamhet.VerksamhetRepository;
import se.kvalitet.registry.verksamhet.VerksamhetService;

/**
 * The demo organisation (a socialnämnd with three departments, after the seeds' municipalities) and
 * its verksamheter, created once when {@code kvalitet.demo-data.enabled=true}; what exists is left
 * alone. Ids are fixed so every service's demo data (and the end-to-end tests) can refer to them:
 * units {@code 00000000-0000-4000-8000-0000000000NN}, verksamheter {@code 00000000-0000-4000-c000-0000000000NN};
 * the steering documents, partners and risk analyses of {@link DemoDocuments}.
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
    OrgUnitChanges changes;

    @Inject
    OrgUnitRepository units;

    @Inject
    VerksamhetService verksamhetService;

    @Inject
    VerksamhetRepository verksamheter;

    @Inject
    DemoDocuments documents;

    static UUID id(int n) {
        return UUID.fromString("00000000-0000-4000-8000-0000000000" + (n < 10 ? "0" : "") + n);
    }

    static UUID verksamhetId(int n) {
        return UUID.fromString("00000000-0000-4000-c000-0000000000" + (n < 10 ? "0" : "") + n);
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
        int areas = 0;
        areas += verksamhet(
                1,
                "HT",
                "Hemtjänst",
                Set.of(VerksamhetKind.HOME_CARE, VerksamhetKind.ELDERLY_CARE),
                Set.of(LegalBasis.SOL, LegalBasis.HSL, LegalBasis.PSL, LegalBasis.GDPR),
                11);
        areas += verksamhet(
                2,
                "SÄBO",
                "Särskilt boende för äldre",
                Set.of(VerksamhetKind.ELDERLY_CARE, VerksamhetKind.HEALTH_CARE),
                Set.of(LegalBasis.SOL, LegalBasis.HSL, LegalBasis.PSL, LegalBasis.GDPR),
                12);
        areas += verksamhet(
                3,
                "BU",
                "Barn och unga",
                Set.of(VerksamhetKind.CHILD_AND_YOUTH, VerksamhetKind.INDIVIDUAL_AND_FAMILY),
                Set.of(LegalBasis.SOL, LegalBasis.LVU, LegalBasis.GDPR),
                21);
        areas += verksamhet(
                4,
                "VUX",
                "Vuxen: missbruk och ekonomiskt bistånd",
                Set.of(
                        VerksamhetKind.SUBSTANCE_ABUSE,
                        VerksamhetKind.FINANCIAL_AID,
                        VerksamhetKind.INDIVIDUAL_AND_FAMILY),
                Set.of(LegalBasis.SOL, LegalBasis.LVM, LegalBasis.GDPR),
                22);
        areas += verksamhet(
                5,
                "LSS",
                "Bostad med särskild service och daglig verksamhet (LSS)",
                Set.of(VerksamhetKind.DISABILITY),
                Set.of(LegalBasis.LSS, LegalBasis.HSL, LegalBasis.GDPR),
                31,
                32);
        LOG.infof("demo verksamheter: %d created", areas);
        documents.load();
    }

    private int verksamhet(
            int n, String code, String name, Set<VerksamhetKind> kinds, Set<LegalBasis> bases, int... unitNumbers) {
        if (verksamheter.findByIdOptional(verksamhetId(n)).isPresent() || verksamheter.count("code", code) > 0) {
            return 0;
        }
        List<UUID> unitIds =
                java.util.Arrays.stream(unitNumbers).mapToObj(DemoData::id).toList();
        verksamhetService.create(verksamhetId(n), new VerksamhetCommand(code, name, null, bases, kinds, unitIds));
        return 1;
    }

    private int unit(int n, Integer parent, String code, String name, String type) {
        if (units.findByIdOptional(id(n)).isPresent()) {
            return 0;
        }
        changes.create(id(n), code, name, type, parent == null ? null : id(parent), FROM);
        return 1;
    }
}
