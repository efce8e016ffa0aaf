package se.kvalitet.deviation.notification;

import java.time.Instant;
import se.kvalitet.events.deviation.NotificationKind;

/** The command to record a notification filed with IVO or IMY: when it was sent, the authority's reference, why late, what was sent. */
public record FileNotification(
        NotificationKind kind, Instant sentAt, String authorityReference, String lateReason, String content) {}
