package se.kvalitet.registry.document;

import java.time.LocalDate;
import se.kvalitet.events.registry.ReviewInterval;

/** When a document is next due for review, from a day and its revision interval (revideras årligen, vartannat år, ...). */
public final class ReviewSchedule {

    private ReviewSchedule() {}

    /** The review date {@code interval} after {@code from}; null for ON_DEMAND (no scheduled review). */
    public static LocalDate next(LocalDate from, ReviewInterval interval, Integer months) {
        return switch (interval) {
            case YEARLY -> from.plusYears(1);
            case EVERY_SECOND_YEAR -> from.plusYears(2);
            case MONTHS -> from.plusMonths(months);
            case ON_DEMAND -> null;
        };
    }
}
