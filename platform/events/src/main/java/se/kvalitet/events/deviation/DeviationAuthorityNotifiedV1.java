package se.kvalitet.events.deviation;

import java.time.Instant;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A notification was filed with a supervisory authority: IVO (lex Sarah allvarligt
 * missförhållande, lex Maria) or IMY (personal data breach). The filed content is frozen in
 * deviation-service; a supplement is a new notification ({@code kind=SUPPLEMENT}).
 * Shares such as "data breaches notified to IMY within 72 h" count {@code kind=INITIAL} with
 * {@code onTime=true}.
 *
 * @param deviationId    the report (aggregate id)
 * @param trackId        the track the notification belongs to
 * @param trackType      LEX_SARAH, LEX_MARIA or PERSONAL_DATA_BREACH
 * @param notificationId the notification record
 * @param authority      IVO or IMY
 * @param kind           INITIAL or SUPPLEMENT
 * @param orgUnitId      the org unit where it happened
 * @param clockStartedAt when the deadline clock started (lex Sarah/Maria: the serious assessment; IMY: awareness)
 * @param dueAt          the deadline of an initial notification; null for supplements
 * @param sentAt         when it was sent
 * @param onTime         whether sent by {@code dueAt} (always true for supplements)
 * @param daysLate       whole days started past {@code dueAt} (0 when on time)
 * @param hoursLate      whole hours started past {@code dueAt} (0 when on time)
 */
@EventType(value = DeviationAuthorityNotifiedV1.TYPE, topic = Topics.DEVIATION)
public record DeviationAuthorityNotifiedV1(
        UUID deviationId,
        UUID trackId,
        DeviationCategory trackType,
        UUID notificationId,
        Authority authority,
        NotificationKind kind,
        UUID orgUnitId,
        Instant clockStartedAt,
        Instant dueAt,
        Instant sentAt,
        boolean onTime,
        int daysLate,
        long hoursLate)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.deviation.authority.notified.v1";

    @Override
    public String aggregateId() {
        return deviationId.toString();
    }
}
