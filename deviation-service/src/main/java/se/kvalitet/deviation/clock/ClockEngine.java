package se.kvalitet.deviation.clock;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.kvalitet.deviation.domain.CategoryPolicies;
import se.kvalitet.deviation.domain.ClockPolicy;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.orgcopy.OrgCopy;

/**
 * The one clock engine: every deadline's policy comes from configuration
 * ({@code kvalitet.deviation.clocks.<kind>}, e.g. {@code imy-notification=72h}), may be overridden
 * per org unit ({@code kvalitet.deviation.clocks.<kind>.unit.<org-unit-id>=48h}; the nearest unit up
 * the tree wins), and is computed in Swedish local time with Swedish working days.
 */
@ApplicationScoped
public class ClockEngine {

    /** Triage's clock, and every clock of a category as its {@link se.kvalitet.deviation.domain.CategoryPolicy} declares it. */
    static final Map<ClockKind, String> DEFAULTS = new EnumMap<>(ClockKind.class);

    static {
        DEFAULTS.put(ClockKind.TRIAGE, "3wd");
        DEFAULTS.putAll(CategoryPolicies.standard().clockDefaults());
    }

    @Inject
    Config config;

    @Inject
    OrgCopy orgUnits;

    /** The share of a clock's span before its due time that counts as due soon. */
    @ConfigProperty(name = "kvalitet.deviation.clocks.due-soon-share", defaultValue = "0.25")
    double dueSoonShare;

    public static String key(ClockKind kind) {
        return "kvalitet.deviation.clocks."
                + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Kinds that have at least one per-unit override (so that the unit's ancestors need to be looked up). */
    private volatile Set<ClockKind> overridden;

    private final Map<ClockKind, ClockPolicy> defaults = new ConcurrentHashMap<>();

    /** Fails the start on a policy that does not parse, rather than on the first report that needs it. */
    void validate(@Observes StartupEvent ev) {
        for (ClockKind kind : DEFAULTS.keySet()) {
            policy(kind, null);
        }
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kvalitet.deviation.clocks.") && name.contains(".unit.")) {
                ClockPolicy.parse(config.getValue(name, String.class));
            }
        }
    }

    private Set<ClockKind> overridden() {
        Set<ClockKind> kinds = overridden;
        if (kinds == null) {
            kinds = EnumSet.noneOf(ClockKind.class);
            for (String name : config.getPropertyNames()) {
                for (ClockKind kind : ClockKind.values()) {
                    if (name.startsWith(key(kind) + ".unit.")) {
                        kinds.add(kind);
                    }
                }
            }
            overridden = kinds;
        }
        return kinds;
    }

    /** The policy for a clock of this kind in this unit. */
    public ClockPolicy policy(ClockKind kind, UUID orgUnitId) {
        if (orgUnitId != null && overridden().contains(kind)) {
            for (UUID unit : orgUnits.ancestors(orgUnitId)) {
                Optional<String> override = config.getOptionalValue(key(kind) + ".unit." + unit, String.class);
                if (override.isPresent()) {
                    return ClockPolicy.parse(override.get());
                }
            }
        }
        return defaults.computeIfAbsent(kind, k -> {
            String fallback = DEFAULTS.get(k);
            Optional<String> configured = config.getOptionalValue(key(k), String.class);
            if (configured.isEmpty() && fallback == null) {
                throw new IllegalStateException("no clock policy for " + k + " (" + key(k) + ")");
            }
            return ClockPolicy.parse(configured.orElse(fallback));
        });
    }

    public Instant due(ClockKind kind, UUID orgUnitId, Instant start) {
        return policy(kind, orgUnitId).due(start, Deviation.SWEDEN);
    }

    /** When a clock from {@code start} to {@code due} becomes due soon. */
    public Instant dueSoonAt(Instant start, Instant due) {
        long span = Math.max(0, Duration.between(start, due).toMillis());
        return due.minusMillis((long) (span * dueSoonShare));
    }
}
