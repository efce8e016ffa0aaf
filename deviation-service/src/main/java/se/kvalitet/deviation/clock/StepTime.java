package se.kvalitet.deviation.clock;

import java.time.Duration;
import java.time.Instant;
import se.kvalitet.web.ProblemException;

/**
 * When a recorded step of a case happened (issue 16 item 2): an assessment, an authority notification,
 * a position (decision), a closing. A client may give the real time (a notification sent last week, a
 * year worked in another system and posted now); left out, it is now. Every clock, on-time/late figure
 * and event then uses this time, not the time of the API call.
 *
 * <p>The rules that stop nonsense, one home for all steps: not in the future (a time up to
 * {@link #CLOCK_SKEW} ahead of this server's clock counts, as the client's clock may run a little
 * fast), and not before the deviation occurred ({@code occurredAt}: nothing about a case happens
 * before its event). Either is a 400 problem naming the field.
 */
public final class StepTime {

    /** How far ahead of this server's clock a given time may be and still count (the client's clock may differ). */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private StepTime() {}

    /**
     * The time the step happened: {@code given}, or {@code now} when left out.
     *
     * @param field the request field, named in the problem
     * @param occurredAt when the deviation occurred (the earliest time any step may have)
     */
    public static Instant of(String field, Instant given, Instant now, Instant occurredAt) {
        if (given == null) {
            return now;
        }
        if (given.isAfter(now.plus(CLOCK_SKEW))) {
            throw ProblemException.invalidField(field, "must not be in the future");
        }
        if (occurredAt != null && given.isBefore(occurredAt)) {
            throw ProblemException.invalidField(
                    field, "must not be before the deviation occurred (" + occurredAt + ")");
        }
        return given;
    }
}
