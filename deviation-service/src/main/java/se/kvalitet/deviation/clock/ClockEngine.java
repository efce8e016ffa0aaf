package se.kvalitet.deviation.clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.kvalitet.deviation.Deviation;
import se.kvalitet.deviation.service.OrgUnitCopy;
import se.kvalitet.events.deviation.ClockKind;

/**
 * The one clock engine: every deadline's policy comes from configuration
 * ({@code kvalitet.deviation.clocks.<kind>}, e.g. {@code imy-notification=72h}), may be overridden
 * per org unit ({@code kvalitet.deviation.clocks.<kind>.unit.<org-unit-id>=48h}; the nearest unit up
 * the tree wins), and is computed in Swedish local time with Swedish working days.
 */
@ApplicationScoped
public class ClockEngine {

    static final Map<ClockKind, String> DEFAULTS = new EnumMap<>(ClockKind.class);

    static {
        DEFAULTS.put(ClockKind.TRIAGE, "3wd");
        DEFAULTS.put(ClockKind.LEX_SARAH_IVO_NOTIFICATION, "7d");
        DEFAULTS.put(ClockKind.LEX_SARAH_INVESTIGATION, "30d");
        DEFAULTS.put(ClockKind.LEX_MARIA_IVO_NOTIFICATION, "7d");
        DEFAULTS.put(ClockKind.LEX_MARIA_INVESTIGATION, "30d");
        DEFAULTS.put(ClockKind.IMY_NOTIFICATION, "72h");
        DEFAULTS.put(ClockKind.COMPLAINT_ACKNOWLEDGEMENT, "3wd");
        DEFAULTS.put(ClockKind.COMPLAINT_ANSWER, "20wd");
        DEFAULTS.put(ClockKind.DEVIATION_INVESTIGATION, "30d");
    }

    @Inject
    Config config;

    @Inject
    OrgUnitCopy orgUnits;

    /** The share of a clock's span before its due time that counts as due soon. */
    @ConfigProperty(name = "kvalitet.deviation.clocks.due-soon-share", defaultValue = "0.25")
    double dueSoonShare;

    public static String key(ClockKind kind) {
        return "kvalitet.deviation.clocks." + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The policy for a clock of this kind in this unit. */
    public ClockPolicy policy(ClockKind kind, UUID orgUnitId) {
        if (orgUnitId != null) {
            for (UUID unit : orgUnits.withAncestors(orgUnitId)) {
                Optional<String> override = config.getOptionalValue(key(kind) + ".unit." + unit, String.class);
                if (override.isPresent()) {
                    return ClockPolicy.parse(override.get());
                }
            }
        }
        String fallback = DEFAULTS.get(kind);
        Optional<String> configured = config.getOptionalValue(key(kind), String.class);
        if (configured.isEmpty() && fallback == null) {
            throw new IllegalStateException("no clock policy for " + kind + " (" + key(kind) + ")");
        }
        return ClockPolicy.parse(configured.orElse(fallback));
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
