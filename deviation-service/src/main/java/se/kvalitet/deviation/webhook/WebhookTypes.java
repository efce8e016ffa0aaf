package se.kvalitet.deviation.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import se.kvalitet.events.deviation.DeviationClosedV1;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.events.deviation.DeviationTriagedV1;

/**
 * The event types a filing system may subscribe to, and the stage of its report each one means. A case-management
 * system reads its own reports as their filer: the stage (received, in progress, closed), never the triage category,
 * the units or the case work ({@code DeviationQueries#appendWorkable}), so the deliveries carry that and no more.
 */
public final class WebhookTypes {

    /** Event type → the report's stage as its filer sees it ({@code GET /my-deviations}). */
    static final Map<String, String> FILER_STAGES;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(DeviationReportedV1.TYPE, "RECEIVED");
        m.put(DeviationTriagedV1.TYPE, "IN_PROGRESS");
        m.put(DeviationClosedV1.TYPE, "CLOSED");
        FILER_STAGES = Map.copyOf(m);
    }

    private WebhookTypes() {}

    static Optional<String> filerStage(String type) {
        return Optional.ofNullable(FILER_STAGES.get(type));
    }
}
