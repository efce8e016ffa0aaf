package se.kvalitet.deviation.webhook;

import java.util.List;

/** The subscribe command: where, which event types, which content mode (null: structured). */
public record NewSubscription(String url, List<String> types, DeliveryMode mode) {}
