package se.kvalitet.events;

/** The Kafka topics of the suite: one per publishing service, keyed by aggregate id. */
public final class Topics {

    public static final String DEVIATION = "kvalitet.deviation.events";
    public static final String REGISTRY = "kvalitet.registry.events";
    public static final String FOLLOWUP = "kvalitet.followup.events";
    public static final String REPORT = "kvalitet.report.events";

    private Topics() {}
}
