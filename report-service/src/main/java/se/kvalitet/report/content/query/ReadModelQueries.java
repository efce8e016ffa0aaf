package se.kvalitet.report.content.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import se.kvalitet.orgcopy.OrgHistory;
import se.kvalitet.report.content.ReadModels;
import se.kvalitet.report.content.ReportData;
import se.kvalitet.report.statistics.DeviationStatistics;
import se.kvalitet.report.statistics.StatisticsService;

/**
 * The read models of one organisation and year for a generation, read with SQL (typed rows, placed
 * by the organisation history as it stood on each day): each part once, when a chapter first asks.
 */
@ApplicationScoped
public class ReadModelQueries {

    @Inject
    StatisticsService statistics;

    @Inject
    DataSource dataSource;

    @Inject
    Clock clock;

    /** The read models of the year, generated today (Swedish time). */
    public ReadModels open(UUID root, int year) {
        return open(root, year, LocalDate.now(clock.withZone(SWEDEN)));
    }

    /**
     * The read models of the year as a generation on {@code today} sees them: a past year's overdue figures as of its
     * 31 December, the current year's as of {@code today} (README, "Overdue figures of a year").
     */
    public ReadModels open(UUID root, int year, LocalDate today) {
        return new Loaded(new Scope(statistics, dataSource, statistics.history(), root, year, today));
    }

    static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    /** Memoises every part: two chapters reading the documents read them once. */
    private static final class Loaded implements ReadModels {

        private final Scope scope;
        private final Map<String, Object> parts = new HashMap<>();

        Loaded(Scope scope) {
            this.scope = scope;
        }

        @SuppressWarnings("unchecked")
        private <T> T part(String name, Supplier<T> load) {
            Object v = parts.get(name);
            if (v == null) {
                v = load.get();
                parts.put(name, v);
            }
            return (T) v;
        }

        @Override
        public ReportData basis() {
            return part("basis", () -> ReadModelQueries.basis(scope));
        }

        @Override
        public Map<String, Long> rootCauses() {
            return part("rootCauses", () -> new DeviationQueries(scope).rootCauses());
        }

        @Override
        public Map<String, Map<String, Long>> assessments() {
            return part("assessments", () -> new DeviationQueries(scope).assessments());
        }

        @Override
        public Actions actions() {
            return part("actions", () -> new DeviationQueries(scope).actions());
        }

        @Override
        public Map<String, Long> overdueDeadlines() {
            return part("overdue", () -> new DeviationQueries(scope).overdueDeadlines());
        }

        @Override
        public Documents documents() {
            return part("documents", () -> new RegistryQueries(scope).documents());
        }

        @Override
        public List<CoverageRow> coverage() {
            return part("coverage", () -> new RegistryQueries(scope).coverage());
        }

        @Override
        public Risks risks() {
            return part("risks", () -> new RegistryQueries(scope).risks(basis().leafUnits()));
        }

        @Override
        public Egenkontroll egenkontroll() {
            return part("egenkontroll", () -> new FollowupQueries(scope).egenkontroll());
        }

        @Override
        public List<Indicator> indicators() {
            return part("indicators", () -> new IndicatorQueries(scope).indicators());
        }

        @Override
        public Initiatives initiatives() {
            return part("initiatives", () -> new FollowupQueries(scope).initiatives());
        }
    }

    /** The statistics of the year and the year before, and the leaf units (units with no unit drawn under them). */
    static ReportData basis(Scope s) {
        OrgHistory h = s.history();
        DeviationStatistics stats = s.statistics().compute(h, s.root(), s.from(), s.to());
        DeviationStatistics previous =
                s.statistics().compute(h, s.root(), s.from().minusYears(1), s.to().minusYears(1));
        Set<UUID> parents = new HashSet<>();
        stats.rows().forEach(r -> {
            if (r.parentId() != null) {
                parents.add(r.parentId());
            }
        });
        Map<UUID, Long> before = new HashMap<>();
        previous.rows().forEach(r -> before.put(r.orgUnitId(), r.total()));
        List<ReportData.Unit> leaves = new ArrayList<>();
        stats.rows().stream()
                .filter(r -> r.depth() > 0 && !parents.contains(r.orgUnitId()))
                .forEach(r -> leaves.add(new ReportData.Unit(
                        r.orgUnitId(), r.name(), r.total(), before.getOrDefault(r.orgUnitId(), 0L))));
        return new ReportData(s.root(), h.nameOn(s.root(), s.to()), s.year(), stats, previous, List.copyOf(leaves));
    }
}
