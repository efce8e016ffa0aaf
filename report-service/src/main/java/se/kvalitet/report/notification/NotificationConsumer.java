package se.kvalitet.report.notification;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import se.kvalitet.events.EventCodec;
import se.kvalitet.messaging.Inbox;

/**
 * The notifications' own consumer: the deviation, registry, follow-up and report topics in a consumer
 * group of its own ({@code report-service.notification-events}), so the read models' consumers are
 * untouched and a slow SMTP server cannot hold them up (mail is sent later, by the sender). Every record
 * of a type people are told about goes through the inbox under the consumer name {@value #CONSUMER}: an
 * event is planned once, in the same transaction as its notification rows.
 */
@ApplicationScoped
public class NotificationConsumer {

    public static final String CONSUMER = "notifications";

    @Inject
    Inbox inbox;

    @Inject
    NotificationPlanner planner;

    @Incoming("notification-events")
    @Blocking(ordered = true)
    public void onEvents(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (noticeable(record)) {
                batch.add(record);
            }
        }
        if (!batch.isEmpty()) {
            inbox.processBatch(CONSUMER, batch, planner::apply);
        }
    }

    /**
     * Only the event types a notice is made of reach the inbox (by the CloudEvents type header, before
     * decoding): the rest of the topics' traffic leaves no inbox row here, and a record that is no event at
     * all is the read models' consumers' to set aside (they put it in the dead letters once).
     */
    static boolean noticeable(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(EventCodec.HEADER_PREFIX + "type");
        return type != null
                && type.value() != null
                && NoticeRules.TYPES.contains(new String(type.value(), StandardCharsets.UTF_8));
    }
}
