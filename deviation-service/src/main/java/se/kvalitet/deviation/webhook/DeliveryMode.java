package se.kvalitet.deviation.webhook;

/** How a delivery carries the CloudEvent (CloudEvents HTTP binding). */
public enum DeliveryMode {
    /** {@code Content-Type: application/cloudevents+json}: the whole event as JSON. */
    STRUCTURED,
    /** The event's attributes as {@code ce-*} headers, its data as the {@code application/json} body. */
    BINARY
}
