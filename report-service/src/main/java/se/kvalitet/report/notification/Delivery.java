package se.kvalitet.report.notification;

/** How a person wants to be told: a mail per matter, one mail a day with everything pending, or not at all. */
public enum Delivery {
    /** One mail as soon as the matter is known. */
    IMMEDIATE,
    /** One mail a day (at {@code kvalitet.notification.digest.time}, Swedish time) listing the matters of the day. */
    DAILY_DIGEST,
    /** No mail. */
    OFF
}
